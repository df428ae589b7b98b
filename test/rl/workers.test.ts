/**
 * Training gives the same weights for the same seed whether rollouts run in this thread (W = 1) or
 * on two worker threads (W = 2). Reference: byte equality of the two runs' weights, normalisation
 * statistics and learning curves (the rollouts' draws derive from (seed, iteration, rollout) and
 * results are assembled in rollout order, so nothing may differ).
 */
import { MessagePort, type Worker } from 'node:worker_threads';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { trainPpo, type PpoResult } from '../../src/rl/train.js';
import { RolloutPool } from '../../src/rl/rollout/pool.js';
import type { RolloutTask } from '../../src/rl/rollout/task.js';
import { initialWeights } from '../../src/rl/policy/initialWeights.js';
import { weightLayout } from '../../src/rl/policy/layout.js';
import { discrete } from '../../src/rl/spaces.js';

const strip = (r: PpoResult) => ({ ...r, curve: r.curve.map(({ rolloutSeconds, updateSeconds, ...rest }) => rest) });

test('CartPole, CleanRL settings, 3 iterations: identical weights at 1 and 2 workers', async () => {
  const one = await trainPpo({ env: 'cartpole', seed: 9, iterations: 3, workers: 1 });
  const two = await trainPpo({ env: 'cartpole', seed: 9, iterations: 3, workers: 2 });
  assert.ok(Buffer.from(one.weights.buffer).equals(Buffer.from(two.weights.buffer)), 'weights differ');
  assert.equal(strip(one), strip(two));
  const other = await trainPpo({ env: 'cartpole', seed: 10, iterations: 1, workers: 1 });
  assert.not.equal(Array.from(other.weights.slice(0, 16)), Array.from(one.weights.slice(0, 16)));
});

test('a box task with observation and reward normalisation over 4 rollouts: identical weights and statistics at 1 and 2 workers', async () => {
  const options = { env: 'identity-box', envConfig: { epsilon: 0.2 }, seed: 3, iterations: 2, config: { numEnvs: 4, numSteps: 64, numMinibatches: 4, updateEpochs: 2 } };
  const one = await trainPpo({ ...options, workers: 1 });
  const two = await trainPpo({ ...options, workers: 2 });
  assert.ok(one.normalization?.observationMoments && one.normalization.returnMoments, 'normalising');
  // every observation seen once: one per step (2 iterations × 4 envs × 64), the 4 first resets, and
  // the 4 resets after each environment's 100-step episode ends (within its 128 steps)
  assert.is(one.normalization!.observationMoments!.count, 1e-4 + 2 * 4 * 64 + 4 + 4);
  assert.equal(strip(one), strip(two));
});

/**
 * Once any ArrayBuffer is detached in a thread, V8 gives up its "ArrayBufferDetaching" protector
 * there and recompiles the thread's typed-array code with a detachment check on every access
 * (`node --trace-protector-invalidation` reports it; CartPole rollouts took 35 % longer in a thread
 * after a single transfer). Transferring the weights to a worker detaches
 * the learner's copy, so the pool must hand them over by copy: no task may carry a transfer list.
 * (Under tsx the loader itself detaches a buffer at start, so the trace cannot be the check here.)
 */
test('each worker thread gets its rollouts of an iteration in one message, with the weights by copy, never by transfer; this thread runs its own share', async () => {
  const calls: { message: unknown; transfer: unknown }[] = [];
  const post = MessagePort.prototype.postMessage;
  MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, transfer?: unknown) {
    calls.push({ message, transfer });
    return post.call(this, message, transfer as Parameters<typeof post>[1]);
  };
  try {
    const one = await trainPpo({ env: 'cartpole', seed: 9, iterations: 2, workers: 1 });
    const two = await trainPpo({ env: 'cartpole', seed: 9, iterations: 2, workers: 2 });
    assert.ok(Buffer.from(one.weights.buffer).equals(Buffer.from(two.weights.buffer)), 'weights differ');
  } finally {
    MessagePort.prototype.postMessage = post;
  }
  const collects = calls.filter((c) => (c.message as { kind?: string } | null)?.kind === 'collect');
  // CleanRL's CartPole settings: 4 rollouts an iteration; at W = 2 rollouts 0 and 2 run in this
  // thread and 1 and 3 go to the worker thread, in one message per iteration
  assert.equal(
    collects.map((c) => (c.message as { tasks: { rollout: number }[] }).tasks.map((t) => t.rollout)),
    [
      [1, 3],
      [1, 3],
    ],
  );
  // (starting a worker moves its message port: a port, not a buffer)
  const moved = calls.flatMap((c) => (Array.isArray(c.transfer) ? c.transfer : c.transfer === undefined ? [] : [c.transfer]));
  assert.is(moved.filter((t) => !(t instanceof MessagePort)).length, 0, 'a message transferred a buffer out of the learner thread');
  // whatever the means of transfer, a transferred buffer is left empty in this thread
  for (const c of collects) assert.ok((c.message as { weights: Float32Array }).weights.byteLength > 0, 'the weights sent were detached');
});

/** Reference: the same rollouts run in this thread (W = 1), compared field by field. */
test('rollouts given out of order, with a thread left without any, come back in the order asked', async () => {
  const layout = weightLayout({ observationSize: 4, actionSpace: discrete(2), hiddenSizes: [8] });
  const weights = initialWeights(layout, 4);
  const tasks = (runId: string, iteration: number): RolloutTask[] =>
    [3, 0, 4, 1].map((rollout) => ({ runId, rollout, iteration, seed: 5, env: { name: 'cartpole' }, numEnvs: 1, numSteps: 16, hiddenSizes: [8], normalization: null }));
  const here = new RolloutPool({ workers: 1 });
  const three = new RolloutPool({ workers: 3 });
  try {
    for (const iteration of [1, 2]) {
      const a = await here.collect(tasks('a', iteration), weights);
      const b = await three.collect(tasks('b', iteration), weights);
      assert.equal(
        b.map((t) => t.rollout),
        [3, 0, 4, 1],
      );
      assert.equal(b, a);
    }
    // a rollout index names the thread that serves it: one that is not a whole number from 0 has none
    for (const rollout of [-1, 1.5]) {
      try {
        await three.collect([{ ...tasks('n', 1)[0], rollout }], weights);
        assert.unreachable(`rollout ${rollout} must be refused`);
      } catch (err) {
        assert.match((err as Error).message, new RegExp(`^rollout ${rollout} of iteration 1: a rollout index is an integer from 0`));
      }
    }
    const bad = tasks('c', 1).map((t) => (t.rollout === 4 ? { ...t, env: { name: 'no-such-env' } } : t));
    try {
      await three.collect(bad, weights);
      assert.unreachable('an unknown environment must fail the collection');
    } catch (err) {
      assert.match((err as Error).message, /^rollout 4 of iteration 1: /);
    }
  } finally {
    await three.close();
  }
});

test('a worker thread that dies fails the next collection, naming the rollouts it held, instead of waiting for ever', async () => {
  const layout = weightLayout({ observationSize: 4, actionSpace: discrete(2), hiddenSizes: [8] });
  const weights = initialWeights(layout, 4);
  const tasks = [0, 1, 2, 3].map((rollout) => ({ runId: 'd', rollout, iteration: 1, seed: 5, env: { name: 'cartpole' }, numEnvs: 1, numSteps: 16, hiddenSizes: [8], normalization: null }));
  const two = new RolloutPool({ workers: 2 });
  try {
    await two.warmUp();
    // the pool's own thread handle, reached into only here: nothing else may stop a worker thread
    const { threads } = two as unknown as { threads: { worker: Worker }[] };
    await threads[0].worker.terminate();
    try {
      await two.collect(tasks, weights);
      assert.unreachable('a dead thread must fail the collection');
    } catch (err) {
      assert.match((err as Error).message, /^rollouts 1, 3 of iteration 1: a rollout worker thread stopped \(exit code 1\)/);
    }
    // and the pool stays failed, even for rollouts of this thread alone
    try {
      await two.collect([tasks[0]], weights);
      assert.unreachable('a pool with a dead thread must refuse further work');
    } catch (err) {
      assert.match((err as Error).message, /^a rollout worker thread failed: /);
    }
  } finally {
    await two.close();
  }
});

test('a closed pool refuses work instead of leaving it unanswered', async () => {
  const layout = weightLayout({ observationSize: 4, actionSpace: discrete(2), hiddenSizes: [8] });
  const weights = initialWeights(layout, 4);
  const tasks = [0, 1].map((rollout) => ({ runId: 'z', rollout, iteration: 1, seed: 5, env: { name: 'cartpole' }, numEnvs: 1, numSteps: 16, hiddenSizes: [8], normalization: null }));
  for (const forceThreads of [false, true]) {
    const pool = new RolloutPool({ workers: 2, forceThreads });
    await pool.warmUp();
    await pool.close();
    try {
      await pool.collect(tasks, weights);
      assert.unreachable('a closed pool must refuse a collection');
    } catch (err) {
      assert.match((err as Error).message, /the rollout pool was closed$/);
    }
  }
});

test.run();
