/**
 * Raw SVI and its arbitrage checks. References:
 * - Gatheral & Jacquier, "Arbitrage-free SVI volatility surfaces", Quantitative Finance 14(1), 2014,
 *   §3 (Example 3.1, from Axel Vogt): a = −0.0410, b = 0.1331, ρ = 0.3060, m = 0.3586, σ = 0.4153,
 *   T = 1 has a negative density (g < 0) on the call wing. The region is checked here against an
 *   independent computation, the Breeden–Litzenberger density ∂²C/∂K² of Black–Scholes call prices
 *   at the slice's volatilities (finite differences of `bsm`), which is negative on the same
 *   interval: k ≈ 0.642 to 1.257 (also found by a separate numpy scan of g on a 1e-5 grid:
 *   0.64241 to 1.25691, minimum −0.03286 at k = 0.8793).
 * - An arbitrage-free set: the same check passes, and its density integrates to 1.
 * - The fit recovers known parameters from exact SVI variances (any correct least squares must).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bsm } from '../../../src/models/options/blackScholes.js';
import { butterflyCheck, calendarCheck, sviDensityFactor, sviParamsProblem, sviTotalVariance, type SviParams } from '../../../src/models/options/svi.js';
import { fitSvi } from '../../../src/models/options/sviFit.js';
import { integrate } from '../../../src/models/options/quadrature.js';

const VOGT: SviParams = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };
const CLEAN: SviParams = { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 };

/** Breeden–Litzenberger: the density of K is e^{rT}∂²C/∂K²; here F = 1, r = 0, T = 1. */
function density(p: SviParams, k: number): number {
  const call = (K: number) => bsm({ type: 'call', spot: 1, strike: K, expiry: 1, rate: 0, vol: Math.sqrt(sviTotalVariance(p, Math.log(K))) }).price;
  const K = Math.exp(k);
  const h = 1e-4 * K;
  return (call(K + h) - 2 * call(K) + call(K - h)) / (h * h);
}

test("Vogt's parameters are flagged, with the region where Breeden–Litzenberger's density is negative", () => {
  const check = butterflyCheck(VOGT);
  assert.is(check.arbitrageFree, false);
  assert.is(check.regions.length, 1);
  const [r] = check.regions;
  assert.ok(Math.abs(r.from - 0.64241) < 2e-4 && Math.abs(r.to - 1.25691) < 2e-4, `${r.from}..${r.to}`);
  assert.ok(Math.abs(r.worst - -0.03286) < 1e-4 && Math.abs(r.at - 0.8793) < 2e-3, `${r.worst} at ${r.at}`);
  // the independent density: negative inside the reported region, positive outside it
  for (const k of [r.from + 0.01, 0.88, r.to - 0.01]) assert.ok(density(VOGT, k) < 0, `density at ${k}`);
  for (const k of [r.from - 0.02, 0, -1, r.to + 0.02, 2]) assert.ok(density(VOGT, k) > 0, `density at ${k}`);
  // the parameters themselves are admissible: the arbitrage is in the shape, not the constraints
  assert.is(sviParamsProblem(VOGT), null);
});

test('an arbitrage-free slice passes, and its density integrates to one', () => {
  const check = butterflyCheck(CLEAN);
  assert.is(check.arbitrageFree, true);
  assert.equal(check.regions, []);
  assert.ok(check.minG > 0);
  // risk-neutral density of k (GJ 2014 eq. 2.2): g/√(2πw)·exp(−d2²/2), d2 = −k/√w − √w/2
  const pdf = (k: number) => {
    const w = sviTotalVariance(CLEAN, k);
    const d2 = -k / Math.sqrt(w) - Math.sqrt(w) / 2;
    return (sviDensityFactor(CLEAN, k) / Math.sqrt(2 * Math.PI * w)) * Math.exp(-0.5 * d2 * d2);
  };
  // the left wing is heavy (slope b(1 − ρ) = 0.56): the density is still 1e-3 at k = −8
  const mass = integrate(pdf, -60, 30).value;
  assert.ok(Math.abs(mass - 1) < 1e-6, `mass ${mass}`);
});

test("wings steeper than Lee's bound of 2 are arbitrage even where the grid sees none", () => {
  const steep: SviParams = { a: 0.01, b: 1.5, rho: 0.5, m: 0, sigma: 0.3 };
  const check = butterflyCheck(steep, { from: -0.5, to: 0.5 });
  assert.is(check.wingSlopes.right, 2.25);
  assert.is(check.arbitrageFree, false);
});

test('admissibility of parameters', () => {
  assert.match(sviParamsProblem({ ...CLEAN, b: -0.1 }) ?? '', /b must be >= 0/);
  assert.match(sviParamsProblem({ ...CLEAN, rho: 1 }) ?? '', /rho/);
  assert.match(sviParamsProblem({ ...CLEAN, sigma: 0 }) ?? '', /sigma must be > 0/);
  assert.match(sviParamsProblem({ ...CLEAN, a: -0.2 }) ?? '', /smallest total variance/);
});

test('calendar check: a later slice below an earlier one is reported where it crosses', () => {
  const early = { expiry: 0.25, params: CLEAN };
  // a later slice with the same shape, lower level: below everywhere
  const lower = { expiry: 0.5, params: { ...CLEAN, a: 0.02 } };
  const bad = calendarCheck([lower, early], { from: -1, to: 1, points: 201 });
  assert.is(bad.arbitrageFree, false);
  assert.is(bad.violations[0].earlier, 0.25);
  assert.is(bad.violations[0].later, 0.5);
  assert.equal([bad.violations[0].regions[0].from, bad.violations[0].regions[0].to], [-1, 1]);
  assert.ok(Math.abs(bad.violations[0].regions[0].worst - -0.02) < 1e-12);
  // a later slice whose steeper wing crosses the earlier one: only one side violates.
  // w_late − w_early = 0.01 + 0.2·((k − 0.1) − √((k−0.1)² + 0.04))·… crosses where the difference is 0
  const tilted = { expiry: 1, params: { ...CLEAN, a: 0.05, rho: -0.9 } };
  const cross = calendarCheck([early, tilted], { from: -2, to: 2, points: 4001 });
  assert.is(cross.violations.length, 1);
  const [reg] = cross.violations[0].regions;
  // found by bisection: the difference vanishes at the left end of the region
  const diff = (k: number) => sviTotalVariance(tilted.params, k) - sviTotalVariance(CLEAN, k);
  assert.ok(Math.abs(diff(reg.from)) < 1e-12 && diff(reg.from + 0.01) < 0 && diff(reg.from - 0.01) > 0, `${reg.from}`);
  assert.is(reg.to, 2);
  assert.ok(calendarCheck([early, { expiry: 1, params: { ...CLEAN, a: 0.08 } }]).arbitrageFree);
});

test('the fit recovers the parameters of exact SVI variances, with and without weights', () => {
  const ks = Array.from({ length: 21 }, (_, i) => -0.8 + 0.08 * i);
  const ws = ks.map((k) => sviTotalVariance(CLEAN, k));
  for (const weights of [undefined, ks.map((k) => 1 + k * k)]) {
    const fit = fitSvi(ks, ws, { weights });
    assert.ok(fit.rmse < 1e-10, `rmse ${fit.rmse}`);
    for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const) assert.ok(Math.abs(fit.params[key] - CLEAN[key]) < 1e-6, `${key}: ${fit.params[key]}`);
    assert.is(sviParamsProblem(fit.params), null);
  }
});

test('the fit stays admissible on noisy quotes and beats a flat line', () => {
  const ks = Array.from({ length: 15 }, (_, i) => -0.7 + 0.1 * i);
  // a deterministic wobble (no randomness needed): ±0.002 in total variance
  const ws = ks.map((k, i) => sviTotalVariance(VOGT, k) + 0.002 * Math.sin(3 * i));
  const fit = fitSvi(ks, ws);
  assert.is(sviParamsProblem(fit.params), null);
  const mean = ws.reduce((s, w) => s + w, 0) / ws.length;
  const flat = Math.sqrt(ws.reduce((s, w) => s + (w - mean) ** 2, 0) / ws.length);
  assert.ok(fit.rmse < 0.5 * flat && fit.rmse <= 0.002, `rmse ${fit.rmse}, flat ${flat}`);
  assert.throws(() => fitSvi([0, 0.1, 0.2, 0.3], [0.1, 0.1, 0.1, 0.1]), /at least 5 quotes/);
  assert.throws(() => fitSvi([0, 0.1, 0.2, 0.3, 0.4], [0.1, 0.1, -0.1, 0.1, 0.1]), /total variance 2 must be positive/);
});

test.run();
