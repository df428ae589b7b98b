/**
 * Rollout collection. References: deriveSeed's definition (an episode's reset seed is
 * deriveSeed(seed, 12, iteration, rollout, environment, episode), the action stream
 * deriveSeed(seed, 11, iteration, rollout)), so the first observation is CartPole's reset with that
 * seed; episodes carry on across iterations (CleanRL's vectorised environments do not reset between
 * iterations); the recorded log-probabilities and values are the policy's own on the recorded
 * observations and actions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Collector } from '../../src/rl/rollout/collector.js';
import type { RolloutTask } from '../../src/rl/rollout/task.js';
import { CartPole } from '../../src/rl/envs/cartPole.js';
import { initialWeights } from '../../src/rl/policy/initialWeights.js';
import { Policy } from '../../src/rl/policy/policy.js';
import { logProb } from '../../src/rl/policy/actionHead.js';
import { deriveSeed } from '../../src/util/rng.js';

const task = (iteration: number, rollout = 2): RolloutTask => ({
  runId: 'r',
  rollout,
  iteration,
  seed: 7,
  env: { name: 'cartpole' },
  numEnvs: 2,
  numSteps: 8,
  hiddenSizes: [64, 64],
  normalization: null,
});

test("the first observation is CartPole's reset with the seed derived from (seed, iteration, rollout, environment, episode)", () => {
  const c = new Collector(task(1));
  const t = c.collect(task(1), initialWeights(c.layout, 1));
  for (const k of [0, 1]) {
    const want = new CartPole().reset({ seed: deriveSeed(7, 12, 1, 2, k, 0) }).observation;
    assert.equal(Array.from(t.observations.subarray(k * 8 * 4, k * 8 * 4 + 4)), Array.from(want), `environment ${k}`);
  }
});

test('episodes carry on across iterations, and log-probabilities and values are the policy’s', () => {
  const c = new Collector(task(1));
  const w = initialWeights(c.layout, 1);
  const policy = new Policy(c.layout, w);
  const lengths: number[] = [];
  let endedInFirst = 0;
  for (let it = 1; it <= 6; it++) {
    const t = c.collect(task(it), w);
    if (it === 1) endedInFirst = t.ended.reduce((a, b) => a + b, 0);
    lengths.push(...t.episodes.map((e) => e.length));
    for (let i = 0; i < 16; i++) {
      const obs = t.observations.subarray(i * 4, i * 4 + 4);
      assert.ok(Math.abs(t.values[i] - policy.value(obs)) < 1e-6);
      assert.ok(Math.abs(t.logProbs[i] - logProb(c.layout.spec.actionSpace, policy.actorOutput(obs), undefined, t.actions.subarray(i, i + 1))) < 1e-6);
    }
  }
  // an episode longer than the 8 steps of a rollout can only have carried on across iterations
  assert.is(endedInFirst, 0);
  assert.ok(
    lengths.some((l) => l > 8),
    `episode lengths ${lengths}`,
  );
});

test('the same task gives the same trajectories; another rollout index gives others', () => {
  const run = (rollout: number) => {
    const c = new Collector(task(1, rollout));
    return c.collect(task(1, rollout), initialWeights(c.layout, 1));
  };
  assert.equal(run(2), run(2));
  assert.not.equal(Array.from(run(3).observations), Array.from(run(2).observations));
});

test.run();
