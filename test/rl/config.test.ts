/**
 * PPO's defaults are CleanRL's. Reference: the argument defaults of cleanrl/ppo.py (CartPole-v1)
 * and cleanrl/ppo_continuous_action.py, copied here from those scripts (and their wrappers:
 * NormalizeObservation and NormalizeReward, each clipped to ±10, in the continuous script only).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CLEANRL_CONTINUOUS, CLEANRL_DISCRETE, ppoDefaults, resolvePpoConfig } from '../../src/rl/ppo/config.js';
import { box, discrete, multiDiscrete } from '../../src/rl/spaces.js';

test("discrete defaults are ppo.py's", () => {
  const d = CLEANRL_DISCRETE;
  assert.equal(
    [
      d.totalSteps,
      d.learningRate,
      d.numEnvs,
      d.numSteps,
      d.annealLr,
      d.gamma,
      d.gaeLambda,
      d.numMinibatches,
      d.updateEpochs,
      d.normAdv,
      d.clipCoef,
      d.clipVloss,
      d.entCoef,
      d.vfCoef,
      d.maxGradNorm,
      d.targetKl,
    ],
    [500000, 2.5e-4, 4, 128, true, 0.99, 0.95, 4, 4, true, 0.2, true, 0.01, 0.5, 0.5, null],
  );
  assert.equal([d.adamEpsilon, d.hiddenSizes, d.normalizeObservation, d.normalizeReward], [1e-5, [64, 64], false, false]);
});

test("box defaults are ppo_continuous_action.py's", () => {
  const c = CLEANRL_CONTINUOUS;
  assert.equal(
    [
      c.totalSteps,
      c.learningRate,
      c.numEnvs,
      c.numSteps,
      c.annealLr,
      c.gamma,
      c.gaeLambda,
      c.numMinibatches,
      c.updateEpochs,
      c.normAdv,
      c.clipCoef,
      c.clipVloss,
      c.entCoef,
      c.vfCoef,
      c.maxGradNorm,
      c.targetKl,
    ],
    [1000000, 3e-4, 1, 2048, true, 0.99, 0.95, 32, 10, true, 0.2, true, 0, 0.5, 0.5, null],
  );
  assert.equal([c.adamEpsilon, c.hiddenSizes, c.normalizeObservation, c.normalizeReward, c.clipObservation, c.clipReward], [1e-5, [64, 64], true, true, 10, 10]);
});

test('the action space picks the defaults; overrides are checked', () => {
  assert.is(ppoDefaults(discrete(2)), CLEANRL_DISCRETE);
  assert.is(ppoDefaults(multiDiscrete([2, 3])), CLEANRL_DISCRETE);
  assert.is(ppoDefaults(box(-1, 1, 2)), CLEANRL_CONTINUOUS);
  assert.is(resolvePpoConfig(discrete(2), { learningRate: 1e-3 }).learningRate, 1e-3);
  const field = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return `${(e as { field?: string }).field}: ${(e as Error).message}`;
    }
    return 'no error';
  };
  assert.is(
    field(() => resolvePpoConfig(discrete(2), { gamma: 1.5 })),
    'config.gamma: expected a number in [0, 1], got 1.5',
  );
  assert.is(
    field(() => resolvePpoConfig(discrete(2), { lr: 1 } as never)),
    'config.lr: unknown PPO setting (known: totalSteps, learningRate, numEnvs, numSteps, annealLr, gamma, gaeLambda, numMinibatches, updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl, adamEpsilon, hiddenSizes, normalizeObservation, normalizeReward, clipObservation, clipReward, bootstrapTruncation, envsPerRollout)',
  );
  assert.is(
    field(() => resolvePpoConfig(discrete(2), { numMinibatches: 3 })),
    'config.numMinibatches: expected a divisor of numEnvs × numSteps = 512, got 3',
  );
  assert.is(
    field(() => resolvePpoConfig(discrete(2), { envsPerRollout: 3 })),
    'config.envsPerRollout: expected a divisor of numEnvs = 4, got 3',
  );
});

test.run();
