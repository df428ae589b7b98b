/**
 * PPO learns tasks whose answers are known.
 * References: Stable-Baselines3's tests (tests/test_identity.py: on IdentityEnv and IdentityEnvBox
 * with ε = 0.5, mean return ≥ 90 of 100 over 20 deterministic evaluation episodes;
 * tests/test_gae.py test_infinite_horizon: reward 1 per step, time limit 8, γ = 0.98, the learned
 * value of the first state within 1 of 1/(1 − γ) = 50 when truncations are bootstrapped, and off
 * without); a chain MDP whose optimal values γ^(L−1−s) follow from the Bellman equation by hand.
 * Hyperparameters are chosen for a short test (a few thousand steps, larger learning rates), not
 * CleanRL's defaults, which the CartPole benchmark uses.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeEnv } from '../../src/rl/envs/registry.js';
import { ActingPolicy } from '../../src/rl/policy/actingPolicy.js';
import { type PpoResult, trainPpo } from '../../src/rl/train.js';
import type { Space, SpaceValue } from '../../src/rl/spaces.js';

/** Mean return of deterministic episodes on held-out seeds (SB3's evaluate_policy, deterministic=True). */
function evaluate(r: PpoResult, episodes = 20): number {
  const policy = new ActingPolicy(r);
  const env = makeEnv(r.env.name, r.env.config);
  let total = 0;
  for (let e = 0; e < episodes; e++) {
    let { observation } = env.reset({ seed: 10_000 + e });
    for (;;) {
      const s = env.step(policy.decide(observation) as SpaceValue<Space>);
      total += s.reward;
      observation = s.observation;
      if (s.terminated || s.truncated) break;
    }
  }
  return total / episodes;
}

const quick = { numEnvs: 1, numSteps: 256, numMinibatches: 4, updateEpochs: 10, learningRate: 3e-3 };

test('identity bandit, discrete (SB3 IdentityEnv, 4 targets): mean return ≥ 90 of 100', async () => {
  const r = await trainPpo({ env: 'identity', seed: 1, iterations: 6, config: { ...quick, gamma: 0.4, entCoef: 0 } });
  const score = evaluate(r);
  assert.ok(score >= 90, `mean return ${score}`);
});

test('identity bandit, box (SB3 IdentityEnvBox, ε = 0.5): mean return ≥ 90 of 100', async () => {
  const r = await trainPpo({ env: 'identity-box', envConfig: { epsilon: 0.5 }, seed: 1, iterations: 6, config: { ...quick, gamma: 0.95, normalizeObservation: false, normalizeReward: false } });
  const score = evaluate(r);
  assert.ok(score >= 90, `mean return ${score}`);
});

test('chain MDP (4 cells, γ = 0.9): learned values are V* = [0.729, 0.81, 0.9, 1] and the policy always moves right', async () => {
  const r = await trainPpo({ env: 'chain', seed: 1, iterations: 8, config: { ...quick, gamma: 0.9, entCoef: 0, clipVloss: false } });
  const policy = new ActingPolicy(r);
  for (let s = 0; s < 4; s++) {
    const o = new Float32Array(4);
    o[s] = 1;
    const want = 0.9 ** (3 - s);
    assert.ok(Math.abs(policy.value(o) - want) < 0.02, `V(${s}) = ${policy.value(o)}, V* = ${want}`);
    assert.is(policy.decide(o), 1, `action in cell ${s}`);
  }
});

const horizon = {
  numEnvs: 1,
  numSteps: 64,
  numMinibatches: 1,
  updateEpochs: 5,
  learningRate: 1e-2,
  gamma: 0.98,
  clipVloss: false,
  annealLr: false,
  normalizeObservation: false,
  normalizeReward: false,
};

test('truncation bootstrapping (SB3 test_infinite_horizon): the first state is worth 1/(1 − 0.98) = 50 within 1', async () => {
  const r = await trainPpo({ env: 'infinite-horizon', seed: 1, iterations: 40, config: { ...horizon, bootstrapTruncation: true } });
  const v = new ActingPolicy(r).value(Float32Array.of(1, 0, 0, 0));
  assert.ok(Math.abs(v - 50) < 1, `V(s0) = ${v}`);
});

test('without bootstrapping the time limit looks like termination: the value stays below 8 (≤ Σ_{k<8} 0.98^k ≈ 7.46)', async () => {
  const r = await trainPpo({ env: 'infinite-horizon', seed: 1, iterations: 15, config: { ...horizon, bootstrapTruncation: false } });
  const v = new ActingPolicy(r).value(Float32Array.of(1, 0, 0, 0));
  assert.ok(v < 8 && v > 3, `V(s0) = ${v}`);
});

test.run();
