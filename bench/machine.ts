/**
 * What the machine was doing while a figure was measured: the core count and the load averages
 * (as `uptime` prints them), so that every benchmark line can be read against the load it ran
 * under. The project's machine is shared; a figure without its load is not worth comparing.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';

export function machine(): string {
  return `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`;
}

/** The 1, 5 and 15-minute load averages, as `uptime` prints them. */
export function load(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
}

/** CPU seconds (user + system, every thread of this process: V8's GC and compiler threads included) spent by `f`. */
export function cpuSeconds<T>(f: () => T): { value: T; cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const c = process.cpuUsage(c0);
  return { value, cpu: (c.user + c.system) / 1e6, wall: (performance.now() - t0) / 1000 };
}
