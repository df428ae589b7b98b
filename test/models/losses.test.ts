import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { qlike, mse, lossSeries, mean } from '../../src/models/evaluate/losses.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('QLIKE on hand values: log h + r²/h', () => {
  // r² = 4, h = 2: log 2 + 4/2 = 0.693147180559945 + 2
  close(qlike(4, 2), 2.693147180559945);
  // r² = 0 (a zero return) is finite: log 0.5 + 0 = −0.693147180559945
  close(qlike(0, 0.5), -Math.LN2); // qlike(0, h) = ln h
  // Patton's normalised form r²/h − log(r²/h) − 1 at (4, 2) is 2 − log 2 − 1 = 0.306852819440055;
  // it differs from ours by −log r² − 1 = −log 4 − 1, independent of h.
  close(qlike(4, 2) - Math.log(4) - 1, 0.306852819440055);
  close(qlike(4, 3) - qlike(4, 2), 4 / 3 - Math.log(4 / 3) - 1 - 0.306852819440055);
});

test('QLIKE is minimised in expectation at the mean of the proxy (Patton 2011 robustness)', () => {
  // proxies 1 and 3 with equal weight: E[log h + r²/h] = log h + 2/h, minimised at h = 2
  const m = (h: number) => (qlike(1, h) + qlike(3, h)) / 2;
  close(m(2), Math.log(2) + 1);
  assert.ok(m(2) < m(1.98) && m(2) < m(2.02));
});

test('MSE on hand values and the series helpers', () => {
  close(mse(4, 2.5), 2.25);
  close(mse(0, 3), 9);
  const s = lossSeries('mse', new Float64Array([4, 0, 1]), new Float64Array([2.5, 3, 1]));
  assert.equal(Array.from(s), [2.25, 9, 0]);
  close(mean(s), 11.25 / 3);
  assert.throws(() => lossSeries('qlike', new Float64Array(2), new Float64Array(3)));
});

test.run();
