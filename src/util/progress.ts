/**
 * A progress bar on stderr for long work, so stdout stays clean for `--json`. Silent when asked
 * to be, and plain (no redraws) when stderr is not a terminal, so logs stay readable.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

export interface ProgressOutput {
  /** Where the bar goes (stderr by default). */
  stream?: NodeJS.WritableStream;
  /** Milliseconds clock for the rate (Date.now by default). */
  now?: () => number;
}

export function progressBar(total: number, label: string, quiet: boolean, out: ProgressOutput = {}): Progress {
  const stream = out.stream ?? process.stderr;
  const now = out.now ?? Date.now;
  if (quiet) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
      noTTYOutput: !(stream as NodeJS.WriteStream).isTTY,
      notTTYSchedule: 5000,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  // the bar starts at the first update, from the work already done (paths a resumed run found in
  // its checkpoint), so its rate and ETA count only the work this process does
  let started = 0;
  let baseline: number | undefined;
  return {
    update(done: number) {
      if (baseline === undefined) {
        baseline = done;
        started = now();
        bar.start(total, done, { rate: '0' });
        return;
      }
      const secs = (now() - started) / 1000;
      bar.update(done, { rate: secs > 0 ? ((done - baseline) / secs).toFixed(0) : '0' });
    },
    stop() {
      if (baseline === undefined) bar.start(total, 0, { rate: '0' });
      bar.stop();
    },
  };
}
