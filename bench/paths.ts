/**
 * Paths-per-second benchmark: the demo scenario (10,000 positions, 1,440 one-minute steps, each
 * path with its no-feedback counterfactual for amplification) run as P paths at W = 1 (in this
 * thread, as `--workers 1` runs them) and W = 2 (two worker threads), the way
 * `aftershock run --paths P --workers W` runs them.
 *
 * What is measured, and what is not:
 *   - the pool's start-up (threads starting and loading the simulator) is timed on its own and
 *     reported apart; so is a warm-up of a few paths per thread (V8 compiles the engine in each
 *     thread separately, and the first paths on a thread run slower);
 *   - P is chosen from the CPU time a path takes (measured on the warm threads; unlike wall time,
 *     it does not depend on the machine's load) so that every timed round is at least `--seconds`
 *     (default 20) of wall time at W = 2 on two free cores (about twice that at W = 1, and longer
 *     under load);
 *   - the rounds alternate W = 1 and W = 2, so that a burst of other work on this shared machine
 *     does not land on one side only, and each setting's figure is the median of its rounds;
 *   - beside each round, the process's CPU seconds (every thread) and the load averages: CPU / wall
 *     above 1 at W = 1 means V8's helper threads (garbage collector, compiler) used the other core;
 *     CPU per path at W = 2 against W = 1 says whether two threads do more work for the same paths
 *     (start-up, compilation, transfer and the main thread's share would show there), which the
 *     machine's load does not change, while the wall-time speed-up is what the load leaves.
 * The records of the two settings are checked to be identical.
 *
 *   npm run bench                                          (after the engine benchmark)
 *   node dist/bench/paths.js [--seconds 20] [--rounds 3]
 */
import { loadScenario } from '../src/scenario/load.js';
import { scenarioSource, type ScenarioSource } from '../src/parallel/pathTask.js';
import { LocalPool } from '../src/parallel/pool.js';
import { runPaths } from '../src/parallel/runPaths.js';
import { load, machine } from './machine.js';

const DEMO = 'scenarios/demo.yaml';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Round {
  wall: number;
  cpu: number;
  load: string;
  records: string;
}

async function timed(pool: LocalPool, cells: ScenarioSource[], seed: number, paths: number): Promise<Round> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const run = await runPaths({ cells, seed, paths, executor: pool });
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  if (run.failures.length) throw new Error(`paths failed: ${JSON.stringify(run.failures)}`);
  return { wall, cpu: (c.user + c.system) / 1e6, load: load(), records: JSON.stringify(run.records) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const seconds = option('seconds', 20);
  const rounds = option('rounds', 3);
  const loaded = loadScenario(DEMO);
  const seed = loaded.scenario.seed;
  const cells = [scenarioSource(loaded)];
  console.log(`\npaths benchmark — ${machine()}: ${DEMO}, each path with its counterfactual`);
  console.log(`load averages at the start: ${load()}`);
  const settings: { workers: number; pool: LocalPool; start: number; startCpu: number; warm: Round; rounds: Round[] }[] = [];
  for (const workers of [1, 2]) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const pool = new LocalPool({ workers });
    await pool.warmUp();
    const start = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const warm = await timed(pool, cells, seed, 2 * workers);
    settings.push({ workers, pool, start, startCpu: (c.user + c.system) / 1e6, warm, rounds: [] });
  }
  // calibration on the two threads: CPU per path from the second of two probes of 16 paths (the
  // first still carries compilation; CPU time, unlike wall time, does not depend on what else runs
  // on the machine), then P paths make about `seconds` of wall time on two free cores at W = 2
  // (twice that at W = 1), more under load
  const two = settings[1];
  await timed(two.pool, cells, seed, 16);
  const probe = await timed(two.pool, cells, seed, 16);
  const cpuPerPath = probe.cpu / 16;
  const paths = Math.max(16, 2 * Math.ceil((1.1 * seconds) / cpuPerPath));
  console.log(`${paths} paths per round (calibrated: ${(cpuPerPath * 1000).toFixed(1)} ms CPU a path on 2 threads), ${rounds} rounds per setting`);
  console.log('workers  round   wall s   CPU s  CPU/wall  CPU ms/path  paths/s   load 1, 5, 15 min');
  for (let r = 0; r < rounds; r++) {
    for (const s of settings) {
      const round = await timed(s.pool, cells, seed, paths);
      s.rounds.push(round);
      console.log(
        `${String(s.workers).padStart(7)}  ${String(r + 1).padStart(5)}  ${round.wall.toFixed(2).padStart(7)}  ${round.cpu.toFixed(2).padStart(6)}  ${(round.cpu / round.wall).toFixed(2).padStart(8)}  ${((round.cpu / paths) * 1000).toFixed(1).padStart(11)}  ${(paths / round.wall).toFixed(2).padStart(7)}   ${round.load}`,
      );
    }
  }
  for (const s of settings) await s.pool.close();
  const [one] = settings;
  for (const s of settings) {
    if (s.rounds.some((x) => x.records !== one.rounds[0].records)) throw new Error(`W = ${s.workers} gave records different from W = 1`);
  }
  console.log('workers   pool start (CPU s)   warm-up: paths, wall s (CPU s)   median paths/s   speed-up   median CPU ms/path');
  const rate = (s: (typeof settings)[number]) => paths / median(s.rounds.map((x) => x.wall));
  const cpuMs = (s: (typeof settings)[number]) => (median(s.rounds.map((x) => x.cpu)) / paths) * 1000;
  for (const s of settings) {
    console.log(
      `${String(s.workers).padStart(7)}   ${`${s.start.toFixed(2)} s (${s.startCpu.toFixed(2)})`.padStart(18)}   ${`${2 * s.workers}, ${s.warm.wall.toFixed(2)} s (${s.warm.cpu.toFixed(2)})`.padStart(30)}   ${rate(s).toFixed(2).padStart(14)}   ${(rate(s) / rate(one)).toFixed(2).padStart(7)}×   ${cpuMs(s).toFixed(1).padStart(18)}`,
    );
  }
  const speedUp = rate(settings[1]) / rate(one);
  console.log(`target: paths/s with 2 workers ≥ 1.8 × one worker: ${speedUp.toFixed(2)} (${speedUp >= 1.8 ? 'met' : 'not met'}); records identical`);
  console.log(
    `CPU per path on 2 threads / at W = 1: ${(cpuMs(settings[1]) / cpuMs(one)).toFixed(2)} (above 1: work two threads add for the same paths; the wall-time speed-up also depends on the cores the machine's load leaves free)`,
  );
  console.log('(W = 1 runs in this thread, so it has no pool to start; pool start-up and warm-up are not in the rates)');
  console.log(`load averages at the end: ${load()}`);
}

await main();
