/**
 * CartPole-v1 benchmark of the PPO learner and of rollout collection.
 *
 * 1. Training: PPO with CleanRL's ppo.py defaults (4 environments × 128 steps, 4 epochs of 4
 *    minibatches, lr 2.5e-4 annealed, …) for 500,000 steps, rollouts and learner on one thread.
 *    Prints the steps taken until the mean return of the last 100 episodes first reaches 475, the
 *    final mean return, and the wall time, beside CleanRL's published figure for ppo.py on
 *    CartPole-v1 (490 ± 6 at 500k steps, about 10.5 minutes; docs.cleanrl.dev, PPO).
 * 2. Rollout collection alone: the same 4 × 128-step rollouts with fixed weights, REPEATS rounds of
 *    ROUNDS iterations (rounds of several seconds: rounds under a second gave anything from 1.58× to
 *    1.79×), in this thread (W = 1) and on this thread and a worker thread (W = 2), alternating so a burst of
 *    other work on a shared machine does not land on one side only; the best round counts.
 *    The pool's start-up (threads loading the environments) is timed apart, and the two sides'
 *    trajectories are checked to be identical.
 * 3. Rollouts inside training: a PPO run of TRAINING_ITERATIONS iterations with the same settings
 *    (its learning rate annealed over those), at W = 1 and W = 2, timing each iteration's rollouts
 *    after the first WARM_UP (the learner's update runs between two collections, about 75 ms
 *    against 10 ms of rollouts, so the worker thread sleeps most of the time and starts each
 *    collection cold). Same weights at the end on both sides, checked.
 *
 *   npm run bench                      (builds, then runs this from dist/ after the other benchmarks)
 *   node dist/bench/cartpole.js [steps] (default 500000; `0` measures rollouts only)
 */
import { availableParallelism } from 'node:os';
import { initialWeights, RolloutPool, type RolloutTask, trainPpo, weightLayout, discrete } from '../src/experimental.js';

const TOTAL = Number(process.argv[2] ?? 500_000);
const ROUNDS = 1000;
const REPEATS = 3;
const TARGET = 475;

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

async function training(): Promise<void> {
  const t0 = performance.now();
  let reached: number | null = null;
  let rolloutSeconds = 0;
  let updateSeconds = 0;
  const result = await trainPpo({
    env: 'cartpole',
    seed: 1,
    config: { totalSteps: TOTAL },
    workers: 1,
    returnWindow: 100,
    onIteration: (row) => {
      rolloutSeconds += row.rolloutSeconds;
      updateSeconds += row.updateSeconds;
      if (reached === null && row.meanReturn >= TARGET) reached = row.steps;
      if (row.iteration % 100 === 0) {
        process.stderr.write(
          `  iteration ${row.iteration}: ${row.steps} steps, mean return ${row.meanReturn.toFixed(1)}, approx KL ${row.approxKl.toFixed(4)}, clip fraction ${row.clipFraction.toFixed(3)}, explained variance ${row.explainedVariance.toFixed(3)}\n`,
        );
      }
    },
  });
  const wall = performance.now() - t0;
  const last = result.curve[result.curve.length - 1];
  console.log(`\nCartPole-v1, PPO with CleanRL's ppo.py defaults, seed 1, ${result.steps} steps on one thread (${availableParallelism()} cores)`);
  console.log(`  steps to mean return ≥ ${TARGET} (last 100 episodes): ${reached ?? `not reached in ${result.steps}`}`);
  console.log(`  final mean return (last 100 episodes): ${last.meanReturn.toFixed(1)}      CleanRL ppo.py: 490 ± 6 at 500k steps`);
  console.log(`  wall time: ${minutes(wall)} (rollouts ${minutes(rolloutSeconds * 1000)}, updates ${minutes(updateSeconds * 1000)})      CleanRL: about 10.5 min`);
}

async function collection(): Promise<void> {
  const layout = weightLayout({ observationSize: 4, actionSpace: discrete(2), hiddenSizes: [64, 64] });
  const weights = initialWeights(layout, 1);
  const sides = new Map<number, { pool: RolloutPool; startMs: number; best: number; check: string }>();
  for (const workers of [1, 2]) {
    const t = performance.now();
    const pool = new RolloutPool({ workers });
    await pool.warmUp();
    sides.set(workers, { pool, startMs: performance.now() - t, best: Infinity, check: '' });
  }
  const steps = ROUNDS * 4 * 128;
  for (let r = 0; r < REPEATS; r++) {
    for (const [workers, side] of sides) {
      const runId = `bench-${workers}-${r}`;
      let check = 0;
      const t = performance.now();
      for (let it = 1; it <= ROUNDS; it++) {
        const tasks: RolloutTask[] = Array.from({ length: 4 }, (_, rollout) => ({
          runId,
          rollout,
          iteration: it,
          seed: 1,
          env: { name: 'cartpole' },
          numEnvs: 1,
          numSteps: 128,
          hiddenSizes: [64, 64],
          normalization: null,
        }));
        for (const tr of await side.pool.collect(tasks, weights)) check += tr.logProbs.reduce((a, b) => a + b, 0) + tr.episodes.length;
      }
      side.best = Math.min(side.best, performance.now() - t);
      side.check = String(check);
      await side.pool.release(runId);
    }
  }
  for (const [, side] of sides) await side.pool.close();
  const one = sides.get(1)!;
  const two = sides.get(2)!;
  if (one.check !== two.check) throw new Error('W = 1 and W = 2 collected different trajectories');
  const rate = (ms: number) => steps / (ms / 1000);
  console.log(`\nrollout collection: CartPole-v1, 4 rollouts × 128 steps × ${ROUNDS} iterations (${steps} steps), fixed weights, best of ${REPEATS} rounds`);
  console.log('workers   pool start   collect time   steps/s   speed-up');
  for (const [workers, side] of sides) {
    console.log(
      `${String(workers).padStart(7)}   ${`${(side.startMs / 1000).toFixed(2)} s`.padStart(10)}   ${`${(side.best / 1000).toFixed(2)} s`.padStart(12)}   ${Math.round(rate(side.best)).toString().padStart(7)}   ${(rate(side.best) / rate(one.best)).toFixed(2).padStart(7)}×`,
    );
  }
  console.log('(W = 1 runs in this thread, no pool to start; W = 2 in this thread and one worker thread; trajectories identical)');
}

const TRAINING_ITERATIONS = 120;
/** Iterations left out of the timing: the threads' start and V8's compilation fall in them. */
const WARM_UP = 20;

async function rolloutsInTraining(): Promise<void> {
  const sides: { workers: number; ms: number; weights: Float32Array }[] = [];
  for (const workers of [1, 2]) {
    let seconds = 0;
    const result = await trainPpo({
      env: 'cartpole',
      seed: 1,
      iterations: TRAINING_ITERATIONS,
      workers,
      onIteration: (row) => {
        if (row.iteration > WARM_UP) seconds += row.rolloutSeconds;
      },
    });
    sides.push({ workers, ms: (seconds * 1000) / (TRAINING_ITERATIONS - WARM_UP), weights: result.weights });
  }
  if (!Buffer.from(sides[0].weights.buffer).equals(Buffer.from(sides[1].weights.buffer))) throw new Error('W = 1 and W = 2 trained different weights');
  console.log(
    `\nrollouts inside training: a ${TRAINING_ITERATIONS}-iteration PPO run with CleanRL's settings, seed 1, iterations ${WARM_UP + 1}–${TRAINING_ITERATIONS} timed, each update between two collections`,
  );
  console.log('workers   rollouts ms/iteration   speed-up');
  for (const side of sides) {
    console.log(`${String(side.workers).padStart(7)}   ${side.ms.toFixed(2).padStart(21)}   ${(sides[0].ms / side.ms).toFixed(2).padStart(7)}×`);
  }
  console.log('(same weights at W = 1 and W = 2)');
}

if (TOTAL > 0) await training();
await collection();
await rolloutsInTraining();
