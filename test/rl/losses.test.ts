/**
 * PPO's loss terms per sample at ε = 0.2, against hand-worked values (Schulman et al. 2017, eq. 7:
 * L = min(ρA, clip(ρ, 0.8, 1.2)A); as a loss, its negative), and CleanRL's clipped value loss; then
 * the learner's TensorFlow.js graph against these definitions on a minibatch (an independent
 * computation: plain arithmetic on the pure forward pass's outputs).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { approxKl, clippedSurrogate, valueLoss } from '../../src/rl/ppo/losses.js';
import { PpoLearner } from '../../src/rl/ppo/learner.js';
import { resolvePpoConfig } from '../../src/rl/ppo/config.js';
import { weightLayout } from '../../src/rl/policy/layout.js';
import { initialWeights } from '../../src/rl/policy/initialWeights.js';
import { Policy } from '../../src/rl/policy/policy.js';
import { entropy, logProb } from '../../src/rl/policy/actionHead.js';
import { box, discrete, multiDiscrete } from '../../src/rl/spaces.js';
import { Rng } from '../../src/util/rng.js';

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('clipped surrogate, positive advantage: the gain stops at ρ = 1.2, losses below 0.8 stay', () => {
  // A = 2: inside the range the loss is −ρA
  near(clippedSurrogate(1.1, 2, 0.2), -2.2);
  // above 1 + ε the clipped term −1.2·2 = −2.4 is larger than −1.5·2 = −3: no further gain
  near(clippedSurrogate(1.5, 2, 0.2), -2.4);
  // below 1 − ε, −0.5·2 = −1 is larger than −0.8·2 = −1.6: the unclipped (worse) term counts
  near(clippedSurrogate(0.5, 2, 0.2), -1);
});

test('clipped surrogate, negative advantage: the gain stops at ρ = 0.8, losses above 1.2 stay', () => {
  // A = −1: inside the range the loss is −ρA = ρ
  near(clippedSurrogate(0.9, -1, 0.2), 0.9);
  // below 1 − ε: max(0.5, 0.8) = 0.8 (no credit for pushing ρ further down)
  near(clippedSurrogate(0.5, -1, 0.2), 0.8);
  // above 1 + ε: max(1.5, 1.2) = 1.5 (the penalty stays)
  near(clippedSurrogate(1.5, -1, 0.2), 1.5);
  // zero advantage: zero loss whatever the ratio
  near(clippedSurrogate(3, 0, 0.2), 0);
});

test('value loss: ½(V − R)², and with clipping no credit beyond ε of the old value', () => {
  near(valueLoss(1.5, 1, 1.4, null), 0.125);
  // V moved from 0 to 1 towards R = 1: clipped V is 0.2, loss ½·max(0, 0.64) = 0.32
  near(valueLoss(1, 1, 0, 0.2), 0.32);
  // V moved away from R = 0 (0 → 1): unclipped ½·1 = 0.5 beats clipped ½·0.04
  near(valueLoss(1, 0, 0, 0.2), 0.5);
  // within ε both agree
  near(valueLoss(0.1, 1, 0, 0.2), 0.5 * 0.81);
});

test('approximate KL (ρ − 1) − log ρ: zero at ρ = 1, positive otherwise', () => {
  near(approxKl(0), 0);
  near(approxKl(Math.log(2)), 1 - Math.log(2));
  near(approxKl(Math.log(0.5)), -0.5 + Math.log(2));
});

/** The loss of a minibatch by the definitions above, on the pure forward pass's outputs. */
function referenceTerms(
  policy: Policy,
  mb: { size: number; observations: Float32Array; actions: Float32Array; logProbs: Float32Array; values: Float32Array; advantages: Float32Array; returns: Float32Array },
  eps: number,
  clipV: boolean,
  entCoef: number,
  vfCoef: number,
) {
  const { spec } = policy.layout;
  const O = spec.observationSize;
  const A = mb.actions.length / mb.size;
  const ls = policy.layout.logStd ? policy.weights.subarray(policy.layout.logStd.offset, policy.layout.logStd.offset + policy.layout.logStd.size) : undefined;
  let pg = 0;
  let v = 0;
  let h = 0;
  for (let i = 0; i < mb.size; i++) {
    const obs = mb.observations.subarray(i * O, (i + 1) * O);
    const out = policy.actorOutput(obs);
    const lr = logProb(spec.actionSpace, out, ls, mb.actions.subarray(i * A, (i + 1) * A)) - mb.logProbs[i];
    pg += clippedSurrogate(Math.exp(lr), mb.advantages[i], eps);
    v += valueLoss(policy.value(obs), mb.returns[i], mb.values[i], clipV ? eps : null);
    h += entropy(spec.actionSpace, out, ls);
  }
  pg /= mb.size;
  v /= mb.size;
  h /= mb.size;
  return { loss: pg - entCoef * h + vfCoef * v, policyLoss: pg, valueLoss: v, entropy: h };
}

for (const [name, space] of [
  ['categorical', discrete(3)],
  ['Gaussian', box(-1, 1, 2)],
  ['independent categoricals', multiDiscrete([3, 2])],
  // a dimension with one choice (a trader with one venue) carries no log-probability and no entropy
  ['independent categoricals, one of them a single choice', multiDiscrete([3, 1])],
] as const) {
  test(`the learner's graph computes the same minibatch loss as the per-sample definitions (${name} head)`, async () => {
    const layout = weightLayout({ observationSize: 4, actionSpace: space, hiddenSizes: [8, 8] });
    const w = initialWeights(layout, 3);
    // perturb so that log-stds and outputs are not at their initial zeros
    const rng = new Rng(5);
    for (let i = 0; i < w.length; i++) w[i] += 0.3 * rng.normal();
    const policy = new Policy(layout, w);
    const size = 16;
    const A = space.type === 'discrete' ? 1 : 2;
    const mb = {
      size,
      observations: Float32Array.from({ length: size * 4 }, () => rng.normal()),
      actions: Float32Array.from({ length: size * A }, (_, i) => (space.type === 'box' ? rng.normal() : rng.int(space.type === 'multi-discrete' ? space.nvec[i % 2] : 3))),
      // old log-probs spread so that some ratios fall outside [0.8, 1.2]
      logProbs: Float32Array.from({ length: size }, () => -1.2 + 0.5 * rng.normal()),
      values: Float32Array.from({ length: size }, () => rng.normal()),
      advantages: Float32Array.from({ length: size }, () => rng.normal()),
      returns: Float32Array.from({ length: size }, () => rng.normal()),
    };
    for (const clipVloss of [true, false]) {
      const config = resolvePpoConfig(space, { clipVloss, entCoef: 0.05 });
      const learner = await PpoLearner.create(layout, config, w);
      const got = learner.lossTerms(mb);
      const want = referenceTerms(policy, mb, 0.2, clipVloss, 0.05, 0.5);
      for (const k of ['loss', 'policyLoss', 'valueLoss', 'entropy'] as const)
        assert.ok(Math.abs(got[k] - want[k]) < 2e-5 * (1 + Math.abs(want[k])), `${k} clipVloss=${clipVloss}: ${got[k]} vs ${want[k]}`);
    }
  });
}

test.run();
