/**
 * Parameter sharing: a world of M agents driving one policy trains it on one agent's spaces, each
 * agent's steps a trajectory of its own. References: the twins task pays agent k (k + 1)·2^t at step
 * t whatever it does (episodes of 3 steps), so with a critic of zero weights (V ≡ 0) GAE is
 * hand-workable: Â_t = r_t + γλ·Â_{t+1}, restarting where an episode ends; the batch of M agents
 * holds M times the transitions of one; and the same seed gives byte-equal weights at 1 and 2
 * workers (rollouts' draws derive from (seed, iteration, rollout), assembled in rollout order).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Collector } from '../../src/rl/rollout/collector.js';
import type { RolloutTask } from '../../src/rl/rollout/task.js';
import { assembleBatch } from '../../src/rl/ppo/batch.js';
import { trainPpo, type PpoResult } from '../../src/rl/train.js';
import { makeEnv } from '../../src/rl/envs/registry.js';
import { agentObservation } from '../../src/rl/envs/multiAgent.js';
import type { LiquidatorEnv } from '../../src/rl/envs/liquidator/env.js';
import { initialWeights } from '../../src/rl/policy/initialWeights.js';

const twins = (agents: number, numSteps = 4): RolloutTask => ({
  runId: `twins-${agents}`,
  rollout: 0,
  iteration: 1,
  seed: 3,
  env: { name: 'twins', config: { agents, length: 3 } },
  numEnvs: 1,
  numSteps,
  hiddenSizes: [8],
  normalization: null,
});

const settings = { gamma: 0.5, gaeLambda: 0.5, bootstrapTruncation: true };

test('two agents: two trajectories of per-agent observations and rewards, twice the transitions of one agent', () => {
  const one = new Collector(twins(1));
  const two = new Collector(twins(2));
  assert.is(two.layout.spec.observationSize, 2); // one agent's block [t / length, k]
  assert.equal([...(two.layout.spec.actionSpace as { nvec: readonly number[] }).nvec], [2]);
  const t1 = one.collect(twins(1), new Float32Array(one.layout.size));
  const t2 = two.collect(twins(2), new Float32Array(two.layout.size));
  assert.is(t1.numEnvs, 1);
  assert.is(t2.numEnvs, 2);
  assert.is(assembleBatch([t2], settings).size, 2 * assembleBatch([t1], settings).size);
  // trajectory k·M + m is agent m: its own block, step by step (the episode ends after step 2 and restarts)
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  assert.equal(Array.from(t2.observations.subarray(0, 8), round), [0, 0, round(1 / 3), 0, round(2 / 3), 0, 0, 0]);
  assert.equal(Array.from(t2.observations.subarray(8, 16), round), [0, 1, round(1 / 3), 1, round(2 / 3), 1, 0, 1]);
  assert.equal(Array.from(t2.rewards), [1, 2, 4, 1, 2, 4, 8, 2]);
  assert.equal(Array.from(t2.ended), [0, 0, 1, 0, 0, 0, 1, 0]);
  assert.is(t2.episodes.length, 1);
  assert.is(t2.episodes[0].return, 1 + 2 + 4 + 2 + 4 + 8); // the agents' total
});

test('GAE per agent matches the hand-worked sequences (γ = 0.5, λ = 0.5, V ≡ 0)', () => {
  const c = new Collector(twins(2));
  const b = assembleBatch([c.collect(twins(2), new Float32Array(c.layout.size))], settings);
  // agent 0, rewards 1, 2, 4 | 1 (episode ends after the third; the fourth's successor is worth 0):
  //   Â_3 = 1; Â_2 = 4; Â_1 = 2 + 0.25·4 = 3; Â_0 = 1 + 0.25·3 = 1.75
  // agent 1, rewards 2, 4, 8 | 2: Â_3 = 2; Â_2 = 8; Â_1 = 4 + 0.25·8 = 6; Â_0 = 2 + 0.25·6 = 3.5
  assert.equal(Array.from(b.advantages), [1.75, 3, 4, 1, 3.5, 6, 8, 2]);
  assert.equal(Array.from(b.returns), [1.75, 3, 4, 1, 3.5, 6, 8, 2]);
});

const strip = (r: PpoResult) => ({ ...r, curve: r.curve.map(({ rolloutSeconds, updateSeconds, ...rest }) => rest) });

test('shared policy, 2 rollouts with normalisation: the same weights and statistics at 1 and 2 workers; saved for one agent', async () => {
  const options = {
    env: 'twins',
    envConfig: { agents: 2, length: 5 },
    seed: 4,
    iterations: 2,
    config: { numEnvs: 2, numSteps: 16, numMinibatches: 2, updateEpochs: 2, hiddenSizes: [8], normalizeObservation: true, normalizeReward: true },
  };
  const one = await trainPpo({ ...options, workers: 1 });
  const two = await trainPpo({ ...options, workers: 2 });
  assert.ok(Buffer.from(one.weights.buffer).equals(Buffer.from(two.weights.buffer)), 'weights differ');
  assert.equal(strip(one), strip(two));
  assert.equal(one.observationNames, ['step', 'agent']);
  assert.is(one.spec.observationSize, 2);
  // per-agent statistics: each world step shows both agents' blocks (2 iterations × 2 envs × 16
  // steps × 2 agents), and each reset too (2 envs × 2 agents, at the start and after each 5-step
  // episode: 32 steps per env end 6 episodes) — prior count 1e-4
  assert.is(one.normalization!.observationMoments!.count, 1e-4 + 2 * 2 * 16 * 2 + 2 * 2 * (1 + 6));
  assert.is(one.steps, 2 * 2 * 16); // world steps, not transitions
});

test('liquidator environment with two identical slots: two trajectories, the agents’ blocks of the joint observation', () => {
  const config = { scenario: 'scenarios/train-liquidator.yaml', overrides: ['rl.liquidator.agents=[rl-liquidator, liquidator-fast]', 'agents.liquidator-fast.gasBid.factor=1.2'] };
  const env = makeEnv('liquidator', config) as LiquidatorEnv;
  const task: RolloutTask = { runId: 'liq', rollout: 0, iteration: 1, seed: 5, env: { name: 'liquidator', config }, numEnvs: 1, numSteps: 2, hiddenSizes: [8], normalization: null };
  const c = new Collector(task);
  assert.is(c.agents, 2);
  assert.is(c.layout.spec.observationSize, env.agentObservationSize);
  const t = c.collect(task, initialWeights(c.layout, 1));
  assert.is(t.numEnvs, 2);
  const O = env.agentObservationSize;
  // the first observation of each trajectory is that agent's block of the environment's own reset
  const joint = env.reset({ seed: 0 }).observation;
  assert.is(joint.length, 2 * O);
  const first = (m: number) => Array.from(t.observations.subarray(m * 2 * O, m * 2 * O + O));
  // identical slots (same capital, markets) see the same values at the start of an episode
  assert.equal(first(0), first(1));
  assert.equal(Array.from(agentObservation(env, joint, 1)).slice(-2), first(1).slice(-2)); // own capital in USD
  assert.is(assembleBatch([t], settings).size, 2 * 2);
  env.close();
});

test.run();
