/**
 * GARCH Monte Carlo under Duan's LRNVR. References:
 * - With α = β = 0 and normal innovations the variance is the constant ω and the risk-neutral log
 *   price a Gaussian random walk with drift r − h/2: Black–Scholes with σ² = ω·periodsPerYear/10⁴
 *   exactly, so the Monte Carlo must reproduce `bsm` within three standard errors.
 * - The martingale condition E_Q[e^{−rT}S_T] = S_0, for the Student-t model fitted to BTC (the
 *   truncated-t compensator's purpose), within three standard errors.
 * - The truncated t's log moment generating function against values computed independently with
 *   scipy.integrate.quad (ν = 4, c = 20): κ(0.1) = 0.005002257493147325, κ(0.3) = 0.04916981464524005,
 *   κ(0.77) = 2.365749184671336; kept mass 0.9999907026153635.
 * - Leverage (GJR's γ > 0) must tilt the smile down (Duan 1995, and every GARCH option study since).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bsm } from '../../../src/models/options/blackScholes.js';
import { garchMonteCarlo, priceFromTerminal, simulateRiskNeutralGarch, type GarchPricingModel } from '../../../src/models/options/garchMc.js';
import { TruncatedT } from '../../../src/models/options/truncatedT.js';
import { garchSmile, strikesAt } from '../../../src/models/options/smile.js';
import { fitGarch } from '../../../src/models/garch.js';
import { loadReturns } from '../../../src/models/loadReturns.js';
import { Rng } from '../../../src/util/rng.js';

// 3 % a day in percentage returns: ω = 9 (%²)
const FLAT: GarchPricingModel = { params: { mu: 0.1, omega: 9, alpha: 0, beta: 0 }, model: 'garch', dist: 'normal', variance: 9 };

test('α = β = 0 with normal innovations reproduces Black–Scholes within three standard errors', () => {
  const vol = Math.sqrt(9 * 365) / 100;
  const market = { spot: 100, expiry: 30 / 365, rate: 0.05 };
  // one set of paths prices every strike
  const { terminal, cappedPaths } = simulateRiskNeutralGarch(FLAT, market, { paths: 20_000, seed: 5 });
  assert.is(cappedPaths, 0);
  const discount = Math.exp(-0.05 * (30 / 365));
  for (const type of ['call', 'put'] as const) {
    for (const strike of [85, 100, 115]) {
      const mc = priceFromTerminal(terminal, type, strike, discount);
      const bs = bsm({ ...market, type, strike, vol });
      assert.ok(Math.abs(mc.price - bs.price) < 3 * mc.stderr, `${type} K=${strike}: ${mc.price} ± ${mc.stderr} vs ${bs.price}`);
    }
  }
  // the pathwise delta
  for (const type of ['call', 'put'] as const) {
    const mc = garchMonteCarlo({ ...market, type, strike: 105 }, FLAT, { paths: 5000, seed: 6 });
    const bs = bsm({ ...market, type, strike: 105, vol });
    assert.ok(Math.abs(mc.delta - bs.delta) < 3 * mc.greekStderr.delta, `${type} delta ${mc.delta} ± ${mc.greekStderr.delta} vs ${bs.delta}`);
  }
});

test('vega, rho and theta by common random numbers match Black–Scholes when the variance never moves (β = 1)', () => {
  // ω = 0, α = 0, β = 1: h stays at its starting value, so bumping it moves the whole term structure
  const constant: GarchPricingModel = { params: { mu: 0, omega: 0, alpha: 0, beta: 1 }, model: 'garch', dist: 'normal', variance: 9 };
  const x = { type: 'call' as const, spot: 100, strike: 100, expiry: 30 / 365, rate: 0.05 };
  const mc = garchMonteCarlo(x, constant, { paths: 10_000, seed: 8 });
  const vol = Math.sqrt(9 * 365) / 100;
  const bs = bsm({ ...x, vol });
  // the bumps are finite differences (±1 % of σ, ±1 bp, ±1 day, ±1 % of S): compare with Black–Scholes's
  // own differences over the same bumps, within three standard errors of the Monte Carlo
  const p = (y: Partial<typeof x & { vol: number }>) => bsm({ ...x, vol, ...y }).price;
  const reference = {
    vega: (p({ vol: vol * 1.01 }) - p({ vol: vol * 0.99 })) / (0.02 * vol),
    rho: (p({ rate: 0.0501 }) - p({ rate: 0.0499 })) / 2e-4,
    theta: ((p({ expiry: 29 / 365 }) - p({ expiry: 31 / 365 })) / 2) * 365,
    gamma: (bsm({ ...x, vol, spot: 101 }).delta - bsm({ ...x, vol, spot: 99 }).delta) / 2,
  };
  for (const g of ['vega', 'rho', 'theta', 'gamma'] as const) {
    assert.ok(Math.abs(mc[g] - reference[g]) < 3 * mc.greekStderr[g], `${g} ${mc[g]} ± ${mc.greekStderr[g]} vs ${reference[g]}`);
    // and the differences are close to the analytic Greeks
    assert.ok(Math.abs(reference[g] / bs[g] - 1) < 5e-3, `${g} difference ${reference[g]} vs analytic ${bs[g]}`);
  }
});

const btc = loadReturns('data/btc-usd-daily.csv').returns;
const tFit = fitGarch(btc, { dist: 't', stderr: 'none' });
const T_MODEL: GarchPricingModel = { params: tFit.params, model: 'garch', dist: 't', variance: tFit.nextVariance };

test('Student-t GARCH fitted to BTC: the discounted price is a martingale within three standard errors', () => {
  const { terminal, cappedPaths } = simulateRiskNeutralGarch(T_MODEL, { spot: 100, expiry: 30 / 365, rate: 0.05 }, { paths: 20_000, seed: 2 });
  const d = Math.exp(-0.05 * (30 / 365));
  let s = 0;
  let ss = 0;
  for (const v of terminal) {
    s += d * v;
    ss += (d * v) ** 2;
  }
  const n = terminal.length;
  const mean = s / n;
  const se = Math.sqrt((ss / n - mean * mean) / (n - 1));
  assert.ok(Math.abs(mean - 100) < 3 * se, `E[e^{-rT}S_T] = ${mean} ± ${se}`);
  // a handful of paths reach the variance cap (100 % a day) on this heavy-tailed, near-integrated fit
  assert.ok(cappedPaths < 0.001 * n, `${cappedPaths} capped`);
});

test('the truncated t: κ(s) against an independent quadrature, samples inside ±c with unit variance', () => {
  const t = new TruncatedT(4, 20);
  assert.ok(Math.abs(t.keptMass - 0.9999907026153635) < 1e-13);
  for (const [s, k] of [
    [0.1, 0.005002257493147325],
    [0.3, 0.04916981464524005],
    [0.77, 2.365749184671336],
  ]) {
    assert.ok(Math.abs(t.logMgf(s) - k) < 1e-9 * Math.max(1, k), `κ(${s}) = ${t.logMgf(s)} vs ${k}`);
  }
  // beyond the table it extends itself; κ is convex and κ(s)/s → c
  assert.ok(t.logMgf(3) / 3 < 20 && t.logMgf(3) > t.logMgf(2) * 1.5);
  const rng = new Rng(4);
  let ss = 0;
  let max = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const z = t.sample(rng);
    ss += z * z;
    max = Math.max(max, Math.abs(z));
  }
  assert.ok(max <= 20);
  // the variance of a t4 sample converges slowly (infinite fourth moment): a loose band
  assert.ok(Math.abs(ss / n - 1) < 0.1, `variance ${ss / n}`);
  assert.throws(() => new TruncatedT(2), /nu: expected a number > 2/);
});

test('GJR leverage tilts the smile down; runs are reproducible and each path owns its stream', () => {
  const gjr: GarchPricingModel = { params: { mu: 0.05, omega: 0.2, alpha: 0.01, beta: 0.88, gamma: 0.18 }, model: 'gjr', dist: 'normal', variance: 9 };
  const market = { spot: 100, expiry: 30 / 365, rate: 0 };
  const { points } = garchSmile(gjr, market, strikesAt(market, [0.85, 1, 1.15]), { paths: 20_000, seed: 1 });
  const [lo, mid, hi] = points.map((p) => p.iv!);
  assert.ok(lo - hi > 4 * Math.hypot(points[0].ivStderr!, points[2].ivStderr!), `${lo} ${mid} ${hi}`);
  const a = simulateRiskNeutralGarch(gjr, { ...market }, { paths: 50, seed: 9 }).terminal;
  const b = simulateRiskNeutralGarch(gjr, { ...market }, { paths: 100, seed: 9 }).terminal;
  assert.equal(Array.from(a), Array.from(b.subarray(0, 50)));
  assert.throws(() => garchMonteCarlo({ type: 'call', spot: 100, strike: 100, expiry: 30 / 365, rate: 0 }, { ...T_MODEL, params: { ...T_MODEL.params, nu: 2 } }, { paths: 10, seed: 1 }), /nu > 2/);
  assert.throws(() => simulateRiskNeutralGarch(gjr, { ...market, expiry: 0.1 }, { paths: 10, seed: 1 }), /whole number/);
});

test.run();
