import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ewmaFilter, ewmaForecast, fitEwma } from '../../src/models/ewma.js';

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test('EWMA recursion, hand-worked 4 steps with lambda 0.94', () => {
  // r = (1, -2, 0.5, 3); sigma2_0 = mean r² = (1 + 4 + 0.25 + 9)/4 = 3.5625
  // sigma2_1 = 0.94·3.5625 + 0.06·1    = 3.40875
  // sigma2_2 = 0.94·3.40875 + 0.06·4   = 3.444225
  // sigma2_3 = 0.94·3.444225 + 0.06·0.25 = 3.2525715
  // next     = 0.94·3.2525715 + 0.06·9 = 3.59741721
  const f = ewmaFilter([1, -2, 0.5, 3]);
  const want = [3.5625, 3.40875, 3.444225, 3.2525715];
  for (let t = 0; t < 4; t++) assert.ok(close(f.condVariance[t], want[t]), `t=${t}: ${f.condVariance[t]}`);
  assert.ok(close(f.nextVariance, 3.59741721));
  assert.ok(close(f.residuals[3], 3 / Math.sqrt(3.2525715)));
});

test('EWMA with a given start and lambda: sigma2_1 = lambda·v0 + (1-lambda)·r0²', () => {
  // v0 = 2, lambda = 0.5, r = (2, 0): sigma2_1 = 0.5·2 + 0.5·4 = 3; next = 0.5·3 + 0 = 1.5
  const f = ewmaFilter([2, 0], { lambda: 0.5, initialVariance: 2 });
  assert.equal(Array.from(f.condVariance), [2, 3]);
  assert.is(f.nextVariance, 1.5);
  assert.throws(() => ewmaFilter([1], { lambda: 1 }), /lambda/);
});

test('EWMA forecast is flat at the next variance (IGARCH without drift)', () => {
  assert.equal(Array.from(ewmaForecast(2.5, 4)), [2.5, 2.5, 2.5, 2.5]);
  assert.is(ewmaForecast(1, 0).length, 0);
});

test('fitEwma: Gaussian log-likelihood with all constants, by hand for 2 points', () => {
  // r = (1, -1), sigma2_0 = 1, sigma2_1 = 0.94 + 0.06 = 1: loglik = 2·(−½ ln 2π − ½)
  const f = fitEwma([1, -1]);
  assert.ok(close(f.loglik, 2 * (-0.5 * Math.log(2 * Math.PI) - 0.5)));
  assert.is(f.params.lambda, 0.94);
  assert.is(f.aic, -2 * f.loglik);
});

test.run();
