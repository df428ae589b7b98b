/**
 * Policy heads. References: the softmax and its log (closed form), the normal density
 * −½z² − log σ − ½ log 2π and entropy ½ + ½ log 2π + log σ (closed forms), and sampling
 * frequencies against the probabilities (binomial standard errors, 5σ bounds).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { entropy, environmentAction, logProb, modeAction, sampleAction } from '../../src/rl/policy/actionHead.js';
import { box, discrete, multiDiscrete } from '../../src/rl/spaces.js';
import { Rng } from '../../src/util/rng.js';

const near = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('categorical: log-probabilities, entropy, mode and sampling frequencies of softmax([0, ln 2, ln 3])', () => {
  const space = discrete(3);
  const logits = [0, Math.log(2), Math.log(3)]; // probabilities 1/6, 2/6, 3/6
  near(logProb(space, logits, undefined, [2]), Math.log(0.5));
  near(logProb(space, logits, undefined, [0]), Math.log(1 / 6));
  near(entropy(space, logits, undefined), -(1 / 6) * Math.log(1 / 6) - (2 / 6) * Math.log(2 / 6) - 0.5 * Math.log(0.5));
  const a = new Float32Array(1);
  modeAction(space, logits, a);
  assert.is(a[0], 2);
  const rng = new Rng(3);
  const counts = [0, 0, 0];
  const n = 60_000;
  for (let i = 0; i < n; i++) {
    const lp = sampleAction(space, logits, undefined, rng, a);
    counts[a[0]]++;
    near(lp, Math.log((a[0] + 1) / 6));
  }
  for (let k = 0; k < 3; k++) {
    const p = (k + 1) / 6;
    assert.ok(Math.abs(counts[k] / n - p) < 5 * Math.sqrt((p * (1 - p)) / n), `choice ${k}: ${counts[k] / n} vs ${p}`);
  }
});

test('multi-discrete: independent categoricals, log-probabilities summed', () => {
  const space = multiDiscrete([2, 3]);
  const out = [0, 0, 0, 0, Math.log(2)]; // dimension 0 uniform; dimension 1 probabilities 1/4, 1/4, 1/2
  near(logProb(space, out, undefined, [1, 2]), Math.log(0.5) + Math.log(0.5));
  near(entropy(space, out, undefined), Math.log(2) + (0.5 * Math.log(4) + 0.5 * Math.log(2)));
  const a = new Float32Array(2);
  modeAction(space, out, a);
  assert.equal(Array.from(a), [0, 2]);
});

test('diagonal Gaussian: density and entropy in closed form; draws have the mean and spread', () => {
  const space = box(-5, 5, 2);
  const mean = [0.5, -1];
  const logStd = [Math.log(2), 0];
  const x = [1.5, -1];
  // z = [0.5, 0]: Σ −½z² − log σ − ½ log 2π
  near(logProb(space, mean, logStd, x), -0.125 - Math.log(2) - Math.log(2 * Math.PI));
  near(entropy(space, mean, logStd), 1 + Math.log(2 * Math.PI) + Math.log(2));
  const rng = new Rng(8);
  const a = new Float32Array(2);
  const n = 40_000;
  let s = 0;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    sampleAction(space, mean, logStd, rng, a);
    s += a[0];
    ss += (a[0] - 0.5) ** 2;
  }
  assert.ok(Math.abs(s / n - 0.5) < 5 * (2 / Math.sqrt(n)), `mean ${s / n}`);
  assert.ok(Math.abs(Math.sqrt(ss / n) - 2) < 0.05, `sd ${Math.sqrt(ss / n)}`);
});

test("the environment's action: discrete offset by start, box clipped into its bounds", () => {
  assert.is(environmentAction(discrete(3, 10), Float32Array.of(2)), 12);
  assert.equal(Array.from(environmentAction(box(-1, 1, 2), Float32Array.of(-3, 0.5))), [-1, 0.5]);
});

test.run();
