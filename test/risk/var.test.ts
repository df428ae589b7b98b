import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { historicalVaR } from '../../src/risk/historicalVar.js';
import { normalVaR } from '../../src/risk/normalVar.js';
import { studentTVaR } from '../../src/risk/studentTVar.js';
import { filteredHistoricalVaR } from '../../src/risk/filteredHistoricalVar.js';
import { monteCarloVaR } from '../../src/risk/monteCarloVar.js';
import { fitStudentT } from '../../src/risk/fitStudentT.js';
import { studentTPdf } from '../../src/risk/distributions.js';
import { simulateGarch } from '../../src/models/garch.js';
import { Rng } from '../../src/util/rng.js';

const near = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);

test('normal VaR/ES: z_0.99 = 2.326348 and the ES multiplier φ(z)/(1−α) = 2.337802 at 97.5 %', () => {
  // McNeil, Frey & Embrechts (2015), Example 2.14; ES_0.975 = 2.337802σ is the FRTB figure
  const a = normalVaR(0, 1, 0.975);
  near(a.var, 1.959964, 1e-6, 'VaR_0.975');
  near(a.es, 2.337802, 1e-6, 'ES_0.975');
  const b = normalVaR(0, 2, 0.99);
  near(b.var, 2 * 2.326348, 2e-6, 'VaR_0.99 scales with sigma');
  near(b.es, 2 * 2.665214, 2e-6, 'ES_0.99 = 2.665214 sigma');
  // a positive mean return lowers the loss one for one
  const c = normalVaR(0.3, 2, 0.99);
  near(c.var, b.var - 0.3, 1e-12);
  near(c.es, b.es - 0.3, 1e-12);
});

test('Student-t VaR: table quantile t_{0.99,5} = 3.364930 scaled to unit variance', () => {
  const r = studentTVaR(0, 1, 5, 0.99);
  near(r.var, 3.36493 * Math.sqrt(3 / 5), 5e-6, 'VaR = t_α √((ν−2)/ν)');
  const s = studentTVaR(0.1, 2.5, 10, 0.975);
  near(s.var, -0.1 + 2.5 * 2.228139 * Math.sqrt(8 / 10), 5e-6, 'VaR with mean and scale, t_{0.975,10} = 2.228139');
});

test('Student-t ES: closed form against numerical integration of x f(x) over the tail', () => {
  // ES of the standard t_ν at α is (1/(1−α)) ∫_{t_α}^∞ x f_ν(x) dx; integrate with Simpson's rule
  // after x = t_α + y/(1−y), independent of the closed form f(t)(ν+t²)/((ν−1)(1−α))
  for (const [nu, alpha] of [
    [5, 0.99],
    [4, 0.975],
    [12, 0.95],
  ]) {
    const ta = studentTVaR(0, Math.sqrt(nu / (nu - 2)), nu, alpha).var; // sigma chosen so the scale is 1
    const g = (y: number) => {
      if (y >= 1) return 0;
      const x = ta + y / (1 - y);
      return (x * studentTPdf(x, nu)) / ((1 - y) * (1 - y));
    };
    const m = 20000;
    let s = g(0) + g(1);
    for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * g(i / m);
    const integral = s / (3 * m);
    const es = studentTVaR(0, Math.sqrt(nu / (nu - 2)), nu, alpha).es;
    near(es, integral / (1 - alpha), 1e-6, `ES t nu=${nu} alpha=${alpha}`);
  }
  // ν → ∞: the normal ES
  near(studentTVaR(0, 1, 1e7, 0.975).es, 2.337802, 1e-5, 'large nu tends to the normal ES');
});

test('historical VaR/ES on a hand-worked sample of 10 returns', () => {
  // returns → losses −r sorted: −4, −3, −2, −1, −0.5, 1, 2, 3, 4, 5
  const r = [-5, 3, -1, 2, -4, 0.5, -2, 1, -3, 4];
  // α = 0.9: nα = 9, VaR = L(9) = 4; ES = mean of the one loss beyond = 5
  let x = historicalVaR(r, 0.9);
  near(x.var, 4, 0);
  near(x.es, 5, 1e-12);
  // α = 0.85: nα = 8.5, k = 9, VaR = L(9) = 4; ES = (0.5·4 + 5)/1.5 = 4.6667
  x = historicalVaR(r, 0.85);
  near(x.var, 4, 0);
  near(x.es, 7 / 1.5, 1e-12);
  // α = 0.8: k = 8, VaR = 3; ES = (4 + 5)/2 = 4.5
  x = historicalVaR(r, 0.8);
  near(x.var, 3, 0);
  near(x.es, 4.5, 1e-12);
  // α = 0.75: nα = 7.5, k = 8, VaR = 3; ES = (0.5·3 + 4 + 5)/2.5 = 4.2
  x = historicalVaR(r, 0.75);
  near(x.var, 3, 0);
  near(x.es, 4.2, 1e-12);
  // 100 × 0.99 must pick the 99th order statistic, not the 100th (floating-point nα)
  const hundred = Array.from({ length: 100 }, (_, i) => -(i + 1)); // losses 1..100
  near(historicalVaR(hundred, 0.99).var, 99, 0);
  near(historicalVaR(hundred, 0.99).es, 100, 1e-12);
});

test('historical VaR of a large normal sample approaches the normal quantile', () => {
  const rng = new Rng(11);
  const r = new Float64Array(200_000);
  for (let i = 0; i < r.length; i++) r[i] = rng.normal();
  const x = historicalVaR(r, 0.99);
  // sd of the sample quantile: √(α(1−α)/n)/φ(z) = 0.0084
  near(x.var, 2.326348, 0.034, 'VaR within 4 sd');
  near(x.es, 2.665214, 0.04, 'ES');
});

test('FHS: next-day σ times the empirical quantile of standardised residuals (hand-worked)', () => {
  // residual losses −z sorted: −2.5, −2, −1.5, −1, −0.5, 0, 0.5, 1, 2, 3 → at 90 %: VaR_z = 2, ES_z = 3
  const z = Float64Array.from([-2, -1, 0, 1, 2, -3, 0.5, -0.5, 1.5, 2.5]);
  const r = filteredHistoricalVaR(z, 0.1, 4, 0.9);
  near(r.var, -0.1 + 2 * 2, 1e-12, 'VaR = −μ + σ VaR_z');
  near(r.es, -0.1 + 2 * 3, 1e-12, 'ES = −μ + σ ES_z');
});

test('Monte Carlo VaR: constant-variance GARCH over 5 days matches the normal closed form', () => {
  // α = β = 0: r_t ~ N(μ, ω) i.i.d., so the 5-day sum is N(5μ, 5ω)
  const params = { mu: 0.05, omega: 1.5, alpha: 0, beta: 0 };
  const mc = monteCarloVaR(params, 'garch', 'normal', { alpha: 0.99, paths: 40_000, horizon: 5, initialVariance: 1.5, rng: new Rng(3) });
  const exact = normalVaR(5 * 0.05, Math.sqrt(5 * 1.5), 0.99);
  assert.ok(mc.varStandardError > 0 && mc.varStandardError < 0.1, `standard error ${mc.varStandardError}`);
  near(mc.var, exact.var, 4 * mc.varStandardError, 'VaR within 4 standard errors');
  near(mc.es, exact.es, 0.03 * exact.es, 'ES within 3 % (about 4 standard errors with 400 tail draws)');
});

test('Monte Carlo VaR: one-day GARCH-t matches the Student-t closed form at the next variance', () => {
  const params = { mu: 0.02, omega: 0.05, alpha: 0.08, beta: 0.9, nu: 5 };
  const mc = monteCarloVaR(params, 'garch', 't', { alpha: 0.975, paths: 40_000, initialVariance: 2.2, rng: new Rng(5) });
  const exact = studentTVaR(0.02, Math.sqrt(2.2), 5, 0.975);
  near(mc.var, exact.var, 4 * mc.varStandardError, 'VaR');
  near(mc.es, exact.es, 0.04 * exact.es, 'ES');
});

test('Monte Carlo VaR/ES equal historical VaR/ES of the same simulated paths (tail selection vs full sort)', () => {
  const p = { mu: 0.01, omega: 0.2, alpha: 0.1, beta: 0.85 };
  for (let s = 0; s < 40; s++) {
    const N = 10 + ((s * 37) % 400);
    const alpha = [0.5, 0.9, 0.95, 0.99, 0.999][s % 5];
    const mc = monteCarloVaR(p, 'garch', 'normal', { alpha, paths: N, horizon: 3, initialVariance: 1, rng: new Rng(s) });
    // the same draws, replayed path by path and summed, then the plain historical estimator
    const rng = new Rng(s);
    const sums: number[] = [];
    for (let i = 0; i < N; i++) {
      const x = simulateGarch(p, 'garch', 'normal', 3, rng, 1).returns;
      sums.push(x[0] + x[1] + x[2]);
    }
    const h = historicalVaR(sums, alpha);
    assert.is(mc.var, h.var, `N=${N} alpha=${alpha}`);
    near(mc.es, h.es, 1e-12);
  }
});

test('unconditional Student-t fit recovers ν from a large simulated sample', () => {
  const rng = new Rng(21);
  const n = 20_000;
  const r = new Float64Array(n);
  const nu = 4;
  for (let i = 0; i < n; i++) r[i] = 0.1 + 1.5 * Math.sqrt((nu - 2) / nu) * rng.studentT(nu);
  const f = fitStudentT(r);
  near(f.mu, 0.1, 0.05, 'mean');
  near(f.sigma, 1.5, 0.1, 'standard deviation (slow for ν = 4: infinite kurtosis)');
  near(f.nu, 4, 0.8, 'ν');
  // sanity: a normal sample gives a large ν
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = rng.normal();
  assert.ok(fitStudentT(g).nu > 30, `normal sample nu ${fitStudentT(g).nu}`);
});

test('input checks: alpha outside (0, 1), negative sigma, ν ≤ 2', () => {
  assert.throws(() => normalVaR(0, 1, 1));
  assert.throws(() => normalVaR(0, -1, 0.99));
  assert.throws(() => studentTVaR(0, 1, 2, 0.99));
  assert.throws(() => historicalVaR([], 0.99));
});

test.run();
