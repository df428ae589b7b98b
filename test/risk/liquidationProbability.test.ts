import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BGK_BETA, gbmBarrierProbability, gbmBarrierProbabilityDiscrete } from '../../src/risk/gbmBarrierProbability.js';
import { liquidationPrice, liquidationPriceRatio } from '../../src/risk/liquidationPrice.js';
import { explainGbmLiquidation, gbmLiquidationProbability, gbmLiquidationTermStructure, validateLiquidationInputs } from '../../src/risk/liquidationProbability.js';
import { explainGarchLiquidation, garchLiquidationTermStructure } from '../../src/risk/garchLiquidationProbability.js';
import { normalCdf } from '../../src/risk/distributions.js';
import { InputError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/rng.js';

const near = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);

/** Independent GBM simulation, exact log-normal steps, barrier checked at every step. */
function gbmMonteCarlo(b: number, mu: number, sigma: number, T: number, steps: number, paths: number, seed: number): number {
  const rng = new Rng(seed);
  const dt = T / steps;
  const drift = (mu - 0.5 * sigma * sigma) * dt;
  const vol = sigma * Math.sqrt(dt);
  const lb = Math.log(b);
  let hits = 0;
  for (let i = 0; i < paths; i++) {
    let x = 0;
    for (let k = 0; k < steps; k++) {
      x += drift + vol * rng.normal();
      if (x <= lb) {
        hits++;
        break;
      }
    }
  }
  return hits / paths;
}

test('liquidation price: P_liq = debt / (collateral × LT), hand-worked', () => {
  // 10 ETH collateral, 15,000 debt, LT 0.825 → 15000 / 8.25 = 1818.18
  near(liquidationPrice(10, 15_000, 0.825), 1818.181818, 1e-6);
  // at a price of 2500 the LTV is 0.6, and P_liq / P_0 = 0.6 / 0.825
  near(liquidationPrice(10, 15_000, 0.825) / 2500, liquidationPriceRatio(0.6, 0.825), 1e-15);
});

test('GBM barrier: driftless log price (ν = 0) gives the reflection principle 2Φ(m/(σ√T))', () => {
  const sigma = 0.05;
  const mu = 0.5 * sigma * sigma; // ν = μ − σ²/2 = 0
  for (const [b, T] of [
    [0.8, 30],
    [0.95, 1],
    [0.5, 365],
  ]) {
    near(gbmBarrierProbability(1, b, mu, sigma, T), 2 * normalCdf(Math.log(b) / (sigma * Math.sqrt(T))), 1e-14, `b=${b} T=${T}`);
  }
  assert.is(gbmBarrierProbability(1, 1.2, 0, 0.05, 10), 1, 'barrier above the price: already hit');
  assert.is(gbmBarrierProbability(1, 0.8, 0, 0.05, 0), 0, 'no time');
  // σ = 0: deterministic path e^{μT} hits 0.8 iff μT ≤ ln 0.8
  assert.is(gbmBarrierProbability(1, 0.8, -0.01, 0, 30), 1);
  assert.is(gbmBarrierProbability(1, 0.8, -0.01, 0, 20), 0);
});

test('GBM barrier: closed form vs Monte Carlo of fine-step paths, with the Broadie–Glasserman–Kou correction', () => {
  const paths = 20_000;
  for (const [mu, seed] of [
    [0, 1],
    [0.004, 2],
    [-0.004, 3],
  ]) {
    const b = 0.8;
    const sigma = 0.04;
    const T = 30;
    const steps = 300; // Δt = 0.1 day
    const mc = gbmMonteCarlo(b, mu, sigma, T, steps, paths, seed);
    const discrete = gbmBarrierProbabilityDiscrete(1, b, mu, sigma, T, T / steps);
    const continuous = gbmBarrierProbability(1, b, mu, sigma, T);
    const se = Math.sqrt((discrete * (1 - discrete)) / paths);
    near(mc, discrete, 4 * se, `mu=${mu}: MC vs BGK-corrected closed form`);
    // discrete monitoring can only miss crossings
    assert.ok(continuous > discrete, `mu=${mu}: continuous ${continuous} > discrete ${discrete}`);
  }
});

test('GARCH Monte Carlo with α = β = 0 (constant variance, normal) reproduces the GBM closed form', () => {
  // r_t ~ N(μ, ω) with ω = (100σ)²: the simulated log price is a daily-sampled GBM path
  const sigma = 0.035;
  const params = { mu: 0.01, omega: (100 * sigma) ** 2, alpha: 0, beta: 0 };
  const common = { ltv: 0.6, threshold: 0.8, params, model: 'garch' as const, dist: 'normal' as const, initialVariance: params.omega, paths: 20_000, seed: 5 };
  const horizons = [7, 30];
  const corrected = garchLiquidationTermStructure({ ...common, horizons });
  const raw = garchLiquidationTermStructure({ ...common, horizons, continuityCorrection: false });
  for (let i = 0; i < horizons.length; i++) {
    const T = horizons[i];
    const exact = gbmLiquidationProbability({ ltv: 0.6, threshold: 0.8, horizon: T, sigma });
    const se = Math.sqrt((exact * (1 - exact)) / 20_000);
    // BGK is exact only to o(√Δt): with 7–30 daily monitoring dates its residual error is about
    // 2 % of P (+0.003 at T = 30 over several seeds), hence the allowance beside 4 standard errors
    near(corrected[i].probability, exact, 4 * se + 0.004, `T=${T}: corrected MC vs continuous closed form`);
    // without the correction the estimate is a daily-monitored GBM: same law as an independent
    // simulation of daily GBM steps (difference of two independent estimates: sd √2·se)
    const daily = gbmMonteCarlo(0.75, 0, sigma, T, T, 20_000, 99 + T);
    near(raw[i].probability, daily, 4 * Math.SQRT2 * se, `T=${T}: daily GARCH MC vs independent daily GBM MC`);
    assert.ok(raw[i].probability < corrected[i].probability, 'daily monitoring misses crossings');
    near(corrected[i].standardError, Math.sqrt((corrected[i].probability * (1 - corrected[i].probability)) / 20_000), 1e-15);
  }
  assert.ok(BGK_BETA > 0.58 && BGK_BETA < 0.59);
});

test('term structures rise with the horizon and GARCH-t tails add risk at equal volatility', () => {
  const g = gbmLiquidationTermStructure({ ltv: 0.6, threshold: 0.825, sigma: 0.04 }, [1, 7, 30, 90]);
  for (let i = 1; i < g.length; i++) assert.ok(g[i].probability >= g[i - 1].probability);
  const params = { mu: 0, omega: 0.4, alpha: 0.1, beta: 0.85, nu: 3.5 };
  const t = garchLiquidationTermStructure({ ltv: 0.6, threshold: 0.825, horizons: [1, 7, 30], params, initialVariance: 16, paths: 5000, seed: 3 });
  for (let i = 1; i < t.length; i++) assert.ok(t[i].probability >= t[i - 1].probability);
  // one day at 4 %: a 27 % fall is ~8σ under GBM (≈0) but plausible with ν = 3.5 tails
  assert.ok(t[0].probability > g[0].probability);
});

test('Shapley breakdown: contributions add up to P − P(baseline); an unchanged factor gets nothing', () => {
  const x = { ltv: 0.6, threshold: 0.825, horizon: 30, sigma: 0.05 };
  const e = explainGbmLiquidation(x, { volatility: 0.03, ltv: 0.4125, horizon: 1 });
  const sum = e.contributions.volatility + e.contributions.ltv + e.contributions.horizon;
  near(sum, e.actual.probability - e.baseline.probability, 1e-14, 'efficiency');
  near(e.actual.probability, gbmLiquidationProbability(x), 0, 'actual coalition = the reported probability');
  near(e.baseline.probability, gbmLiquidationProbability({ ltv: 0.4125, threshold: 0.825, horizon: 1, sigma: 0.03 }), 0);
  for (const f of e.factors) assert.ok(e.contributions[f] > 0, `${f} raises the risk here`);
  // dummy axiom: LTV at its baseline contributes exactly 0
  const d = explainGbmLiquidation({ ...x, ltv: 0.5 }, { volatility: 0.03, ltv: 0.5, horizon: 1 });
  near(d.contributions.ltv, 0, 1e-15);
  // two factors only (ltv at baseline): the Shapley values are the averages of the two orders
  const p = (s: number, h: number) => gbmLiquidationProbability({ ltv: 0.5, threshold: 0.825, horizon: h, sigma: s });
  const phiVol = 0.5 * (p(0.05, 1) - p(0.03, 1)) + 0.5 * (p(0.05, 30) - p(0.03, 30));
  near(d.contributions.volatility, phiVol, 1e-14, 'two-player Shapley by hand');
});

test('GARCH-t explanation reproduces the reported probability and is efficient', () => {
  const params = { mu: 0.05, omega: 0.3, alpha: 0.09, beta: 0.89, nu: 4 };
  const o = { ltv: 0.6, threshold: 0.825, params, initialVariance: 25, paths: 3000, seed: 11 };
  const term = garchLiquidationTermStructure({ ...o, horizons: [7, 30] });
  const e = explainGarchLiquidation({ ...o, horizon: 30 }, { volatility: 0.03, ltv: 0.4125, horizon: 1 });
  assert.is(e.actual.probability, term[1].probability);
  near(e.contributions.volatility + e.contributions.ltv + e.contributions.horizon, e.actual.probability - e.baseline.probability, 1e-14);
});

test('validation: LTV, threshold and horizon give an InputError naming the field', () => {
  const bad: [Parameters<typeof validateLiquidationInputs>[0], string][] = [
    [{ ltv: 0, threshold: 0.8, horizon: 1 }, '--ltv'],
    [{ ltv: 1.2, threshold: 0.8, horizon: 1 }, '--ltv'],
    [{ ltv: 0.85, threshold: 0.8, horizon: 1 }, '--ltv'],
    [{ ltv: 0.5, threshold: 0, horizon: 1 }, '--threshold'],
    [{ ltv: 0.5, threshold: 1.1, horizon: 1 }, '--threshold'],
    [{ ltv: 0.5, threshold: 0.8, horizon: 0 }, '--horizon'],
    [{ ltv: 0.5, threshold: 0.8, horizon: 2.5 }, '--horizon'],
    [{ ltv: NaN, threshold: 0.8, horizon: 2 }, '--ltv'],
  ];
  for (const [x, field] of bad) {
    try {
      validateLiquidationInputs(x, '--');
      assert.unreachable(`accepted ${JSON.stringify(x)}`);
    } catch (err) {
      assert.instance(err, InputError);
      assert.is((err as InputError).field, field);
    }
  }
  validateLiquidationInputs({ ltv: 0.5, threshold: 1, horizon: 3 });
});

test.run();
