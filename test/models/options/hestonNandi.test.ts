/**
 * Heston–Nandi GARCH: the closed form against
 * - Black–Scholes, when α = 0 and the variance is constant (β = 1, ω = 0: h never moves; or h at
 *   its stationary value ω/(1 − β)): the model is then exactly GBM with σ² = h·periodsPerYear;
 * - an independent implementation of HN's formula in Python (numpy complex arithmetic, scipy's
 *   QUADPACK on [0, ∞)), test/fixtures/options/hn_reference.py, whose output is quoted below;
 * - a Monte Carlo of the same model (hestonNandiMc.ts), within three standard errors;
 * - the martingale condition E*[S_T] = S e^{rn}, i.e. ln f(1) = rn exactly.
 * Parameters with strong leverage (γ of several hundred, α of order 1e-6, in the range HN report
 * for the S&P 500) make the test bite: the smile they produce is far from flat.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bsm } from '../../../src/models/options/blackScholes.js';
import { hestonNandi, hestonNandiLogMgf, hestonNandiPrice, periodsOf, type HestonNandiParams } from '../../../src/models/options/hestonNandi.js';
import { hestonNandiMonteCarlo } from '../../../src/models/options/hestonNandiMc.js';
import { fitHestonNandi, hestonNandiLogLik } from '../../../src/models/options/hestonNandiFit.js';
import { hestonNandiSmile, strikesAt } from '../../../src/models/options/smile.js';
import { sampleVariance } from '../../../src/models/garch.js';
import { Rng } from '../../../src/util/rng.js';

const LEVERAGE: HestonNandiParams = { omega: 5.02e-6, alpha: 1.32e-6, beta: 0.589, gamma: 421.39, lambda: 0.205 };

test('with α = 0 and constant variance the closed form is Black–Scholes, price and Greeks', () => {
  const h = 4e-4; // 2 % a day
  const constant: HestonNandiParams = { omega: 0, alpha: 0, beta: 1, gamma: 0, lambda: 0 };
  for (const type of ['call', 'put'] as const) {
    for (const strike of [70, 100, 130]) {
      const x = { type, spot: 100, strike, expiry: 30 / 365, rate: 0.05, variance: h };
      const hn = hestonNandi(x, constant);
      const bs = bsm({ type, spot: 100, strike, expiry: 30 / 365, rate: 0.05, vol: Math.sqrt(h * 365) });
      const what = `${type} K=${strike}`;
      assert.ok(Math.abs(hn.price - bs.price) < 1e-12, `${what} price ${hn.price} vs ${bs.price}`);
      assert.ok(Math.abs(hn.delta - bs.delta) < 1e-12, `${what} delta`);
      assert.ok(Math.abs(hn.gamma - bs.gamma) < 1e-5 * bs.gamma + 1e-9, `${what} gamma ${hn.gamma} vs ${bs.gamma}`);
      assert.ok(Math.abs(hn.vega - bs.vega) < 1e-5 * bs.vega + 1e-9, `${what} vega ${hn.vega} vs ${bs.vega}`);
      assert.ok(Math.abs(hn.rho - bs.rho) < 1e-6 * Math.abs(bs.rho) + 1e-9, `${what} rho ${hn.rho} vs ${bs.rho}`);
      // theta is a central difference over whole days (n ± 1, as the model lives on days): exactly
      // Black–Scholes's over the same days, and near its analytic theta (second order in 1/365)
      const day = (n: number) => bsm({ type, spot: 100, strike, expiry: n / 365, rate: 0.05, vol: Math.sqrt(h * 365) }).price;
      const bsDaily = ((day(29) - day(31)) / 2) * 365;
      assert.ok(Math.abs(hn.theta - bsDaily) < 1e-8 * Math.abs(bsDaily) + 1e-9, `${what} theta ${hn.theta} vs ${bsDaily}`);
      assert.ok(Math.abs(hn.theta - bs.theta) < 5e-3 * Math.abs(bs.theta), `${what} theta ${hn.theta} vs ${bs.theta}`);
    }
  }
  // stationary variance, β < 1: h stays at ω/(1 − β) = h whatever γ and λ
  const stationary: HestonNandiParams = { omega: h * 0.1, alpha: 0, beta: 0.9, gamma: 3, lambda: 1 };
  const hn = hestonNandiPrice({ type: 'call', spot: 100, strike: 95, expiry: 182 / 365, rate: 0.03, variance: h }, stationary);
  const bs = bsm({ type: 'call', spot: 100, strike: 95, expiry: 182 / 365, rate: 0.03, vol: Math.sqrt(h * 365) }).price;
  assert.ok(Math.abs(hn - bs) < 1e-11, `${hn} vs ${bs}`);
});

test('the closed form matches an independent Python/scipy implementation of HN eq. (9)', () => {
  // test/fixtures/options/hn_reference.py: S = 100, 60 days, r = 5 %/365 a day, h = 1.5e-4
  const reference: [number, number][] = [
    [90, 10.793556354668937],
    [100, 2.5466189287196954],
    [110, 0.06867135216965181],
  ];
  for (const [strike, price] of reference) {
    const ours = hestonNandiPrice({ type: 'call', spot: 100, strike, expiry: 60 / 365, rate: 0.05, variance: 1.5e-4 }, LEVERAGE);
    assert.ok(Math.abs(ours - price) < 1e-9, `K=${strike}: ${ours} vs ${price}`);
  }
});

test('closed form and Monte Carlo of the same model agree within three standard errors', () => {
  for (const type of ['call', 'put'] as const) {
    for (const strike of [90, 100, 110]) {
      const x = { type, spot: 100, strike, expiry: 60 / 365, rate: 0.05, variance: 1.5e-4 };
      const cf = hestonNandiPrice(x, LEVERAGE);
      const mc = hestonNandiMonteCarlo(x, LEVERAGE, { paths: 20_000, seed: 11 });
      assert.ok(Math.abs(mc.price - cf) < 3 * mc.stderr, `${type} K=${strike}: MC ${mc.price} ± ${mc.stderr}, closed form ${cf}`);
      assert.ok(mc.stderr > 0 && mc.stderr < 0.05);
    }
  }
});

test('risk-neutral martingale: ln E*[S_T/S] = rn, so the generating function at φ = 1 is e^{rn}', () => {
  const [re, im] = hestonNandiLogMgf(1, 0, 250, 0.0002, 2e-4, LEVERAGE);
  assert.ok(Math.abs(re - 0.0002 * 250) < 1e-13 && im === 0, `${re} ${im}`);
  // and f(0) = 1
  const [r0] = hestonNandiLogMgf(0, 0, 250, 0.0002, 2e-4, LEVERAGE);
  assert.ok(Math.abs(r0) < 1e-15);
});

test('delta is the derivative of the closed-form price; put–call parity of the Monte Carlo', () => {
  const x = { type: 'call' as const, spot: 100, strike: 105, expiry: 30 / 365, rate: 0.02, variance: 2e-4 };
  const g = hestonNandi(x, LEVERAGE);
  const h = 0.001;
  const fd = (hestonNandiPrice({ ...x, spot: 100 + h }, LEVERAGE) - hestonNandiPrice({ ...x, spot: 100 - h }, LEVERAGE)) / (2 * h);
  assert.ok(Math.abs(g.delta - fd) < 1e-7, `${g.delta} vs ${fd}`);
  // Monte Carlo calls and puts on the same paths obey parity up to the error of the mean of S_T
  const c = hestonNandiMonteCarlo(x, LEVERAGE, { paths: 5000, seed: 3 });
  const p = hestonNandiMonteCarlo({ ...x, type: 'put' }, LEVERAGE, { paths: 5000, seed: 3 });
  const parity = 100 - 105 * Math.exp(-0.02 * (30 / 365));
  assert.ok(Math.abs(c.price - p.price - parity) < 3 * Math.hypot(c.stderr, p.stderr));
});

test('leverage (γ > 0) gives the negative skew theory predicts: implied volatility falls with the strike', () => {
  const market = { spot: 100, expiry: 30 / 365, rate: 0, variance: 1.5e-4 };
  const smile = hestonNandiSmile(LEVERAGE, market, strikesAt(market, [0.9, 1, 1.1]));
  const [lo, mid, hi] = smile.map((p) => p.iv!);
  assert.ok(lo > mid && mid > hi, `${lo} ${mid} ${hi}`);
  // no leverage and no risk premium in γ*: γ* = 0 makes the shocks symmetric and the smile symmetric in log-moneyness
  const symmetric: HestonNandiParams = { ...LEVERAGE, gamma: -0.5 - LEVERAGE.lambda, alpha: 1e-5 };
  const s2 = hestonNandiSmile(symmetric, market, strikesAt(market, [1 / 1.1, 1.1]));
  assert.ok(Math.abs(s2[0].iv! - s2[1].iv!) < 1e-3, `${s2[0].iv} ${s2[1].iv}`);
});

test('whole periods only, and bad parameters are refused', () => {
  assert.is(periodsOf(30 / 365, 365), 30);
  assert.throws(() => periodsOf(0.1, 365), /whole number/);
  assert.throws(() => hestonNandiPrice({ type: 'call', spot: 100, strike: 100, expiry: 30 / 365, rate: 0, variance: 1e-4 }, { ...LEVERAGE, alpha: -1 }), /alpha must be >= 0/);
  assert.throws(() => hestonNandiPrice({ type: 'call', spot: 100, strike: 100, expiry: 30 / 365, rate: 0, variance: 0 }, LEVERAGE), /variance/);
});

test('the likelihood fit finds at least the likelihood of the parameters that generated the data', () => {
  const n = 4000;
  const r = new Float64Array(n);
  const rng = new Rng(3);
  let h = 4e-5;
  for (let t = 0; t < n; t++) {
    const z = rng.normal();
    r[t] = LEVERAGE.lambda * h + Math.sqrt(h) * z;
    h = LEVERAGE.omega + LEVERAGE.beta * h + LEVERAGE.alpha * (z - LEVERAGE.gamma * Math.sqrt(h)) ** 2;
  }
  const fit = fitHestonNandi(r);
  const truth = hestonNandiLogLik(r, LEVERAGE, 0, sampleVariance(r)).loglik;
  // the MLE's likelihood is at least the truth's (Wilks: by about χ²₅/2 ≈ 2.5 on average)
  assert.ok(fit.loglik >= truth - 1e-6 && fit.loglik < truth + 15, `fit ${fit.loglik}, truth ${truth}`);
  assert.ok(fit.converged);
  // the well-identified combination: the stationary variance (ω + α)/(1 − β − αγ²)
  const stat = (p: HestonNandiParams) => (p.omega + p.alpha) / (1 - p.beta - p.alpha * p.gamma * p.gamma);
  assert.ok(Math.abs(stat(fit.params) / stat(LEVERAGE) - 1) < 0.15, `${stat(fit.params)} vs ${stat(LEVERAGE)}`);
  assert.ok(fit.persistence < 1 && fit.nextVariance > 0);
  assert.throws(() => fitHestonNandi(r.subarray(0, 10)), /at least 30 returns/);
});

test.run();
