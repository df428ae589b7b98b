/**
 * Paths-per-second benchmark: the demo scenario (10,000 positions, 1,440 one-minute steps, each
 * path with its no-feedback counterfactual for amplification) run as P paths at W = 1 (in this
 * thread) and W = 2 (two worker threads), the way `aftershock run --paths P --workers W` runs them.
 * The thread pool's start-up (threads loading the simulator) is timed apart from the paths, and
 * the two runs' records are checked to be identical.
 *
 *   npm run bench                     (builds, then runs this from dist/ after the engine benchmark)
 *   node dist/bench/paths.js [P]      (default P = 32)
 */
import { availableParallelism } from 'node:os';
import { loadScenario } from '../src/scenario/load.js';
import { scenarioSource } from '../src/parallel/pathTask.js';
import { LocalPool } from '../src/parallel/pool.js';
import { runPaths } from '../src/parallel/runPaths.js';

const DEMO = 'scenarios/demo.yaml';
const P = Number(process.argv[2] ?? 32);

const REPEATS = 3;

/**
 * Each pool runs the P paths REPEATS times, alternating W = 1 and W = 2 so that a burst of other
 * work on this shared machine does not land on one side only; the best round counts (the one
 * least disturbed). The first round includes each thread's JIT warm-up.
 */
async function main() {
  const loaded = loadScenario(DEMO);
  const cells = [scenarioSource(loaded)];
  const pools = new Map<number, { pool: LocalPool; startMs: number; best: number; records: string }>();
  for (const workers of [1, 2]) {
    const t0 = performance.now();
    const pool = new LocalPool({ workers });
    await pool.warmUp();
    pools.set(workers, { pool, startMs: performance.now() - t0, best: Infinity, records: '' });
  }
  for (let r = 0; r < REPEATS; r++) {
    for (const [, m] of pools) {
      const t = performance.now();
      const run = await runPaths({ cells, seed: loaded.scenario.seed, paths: P, executor: m.pool });
      const ms = performance.now() - t;
      if (run.failures.length) throw new Error(`paths failed: ${JSON.stringify(run.failures)}`);
      m.best = Math.min(m.best, ms);
      m.records = JSON.stringify(run.records);
    }
  }
  for (const [, m] of pools) await m.pool.close();
  const one = pools.get(1)!;
  const two = pools.get(2)!;
  if (one.records !== two.records) throw new Error('W = 1 and W = 2 gave different records');
  const rate = (ms: number) => P / (ms / 1000);
  console.log(`\npaths benchmark: ${DEMO}, ${P} paths (each with its counterfactual), best of ${REPEATS} rounds, ${availableParallelism()} cores`);
  console.log('workers   pool start   paths time   paths/s   speed-up');
  for (const [workers, m] of pools) {
    console.log(
      `${String(workers).padStart(7)}   ${`${(m.startMs / 1000).toFixed(2)} s`.padStart(10)}   ${`${(m.best / 1000).toFixed(2)} s`.padStart(10)}   ${rate(m.best).toFixed(2).padStart(7)}   ${(rate(m.best) / rate(one.best)).toFixed(2).padStart(7)}×`,
    );
  }
  console.log('(W = 1 runs in this thread, no pool to start; W = 2 on worker threads; records identical)');
}

await main();
