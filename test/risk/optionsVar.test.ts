/**
 * Options VaR and ES. References, none computed by the code under test:
 * - Full revaluation of one option under a lognormal spot with fixed implied volatility: the loss is
 *   a monotone function of S_H, so VaR_α is that function at the α- or (1 − α)-quantile of S_H
 *   (closed form through Φ⁻¹), and ES_α = (1/(1 − α))∫_α^1 VaR_u du (by quadrature). The Monte Carlo
 *   VaR is an order statistic, so it must lie between the closed-form VaR at the levels
 *   α ± 3√(α(1 − α)/n); the ES within three standard errors of the ES estimator,
 *   √((Var(L | L ≥ VaR) + α(ES − VaR)²)/(n(1 − α))) (Chen, "Nonparametric estimation of expected
 *   shortfall", J. Financial Econometrics 6(1), 2008).
 * - The delta approximation is linear in S_H: the same closed form.
 * - The delta-gamma approximation is quadratic in dS: P(L ≤ ℓ) is the lognormal probability of the
 *   interval between the quadratic's roots, inverted by bisection here (Britten-Jones & Schaefer 1999
 *   treat the general case).
 * - Delta-normal VaR of one option: z_α|Δ|Sσ√H (Jorion, Value at Risk, §11).
 * - The short-gamma book: theory (Jorion ch. 11; Hull, Risk Management and Financial Institutions,
 *   ch. 14): a delta-only model understates a short-gamma book's loss in a crash; delta-gamma is
 *   closer.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bsm } from '../../src/models/options/blackScholes.js';
import { normalCdf, normalQuantile } from '../../src/risk/distributions.js';
import { integrate } from '../../src/models/options/quadrature.js';
import { bookGreeks, bookValue, type OptionBook } from '../../src/risk/optionBook.js';
import { optionsVaR, stressLoss, type MarketMoves } from '../../src/risk/optionsVar.js';

const N = 20_000;
const ALPHA = 0.99;
const MOVES: MarketMoves = { horizon: 5 / 365, spotVol: 0.8, spotDrift: 0.1 };

/** S_H at probability level u under the lognormal of MOVES. */
const spotAt = (S: number, u: number) => S * Math.exp((0.1 - 0.32) * MOVES.horizon + 0.8 * Math.sqrt(MOVES.horizon) * normalQuantile(u));

/** VaR at level u of a loss that is monotone in S_H: decreasing losses take the lower quantile of S_H. */
function monotoneVar(loss: (S: number) => number, S: number, u: number, decreasing: boolean): number {
  return loss(spotAt(S, decreasing ? 1 - u : u));
}

function checkAgainstClosedForm(what: string, mc: { var: number; es: number }, varAt: (u: number) => number, alpha: number, n: number): void {
  const band = 3 * Math.sqrt((alpha * (1 - alpha)) / n);
  const lo = Math.min(varAt(alpha - band), varAt(alpha + band));
  const hi = Math.max(varAt(alpha - band), varAt(alpha + band));
  assert.ok(mc.var >= lo && mc.var <= hi, `${what} VaR ${mc.var} outside [${lo}, ${hi}] (closed form ${varAt(alpha)})`);
  // ∫_α^1 g(u) du with u = 1 − e^{−t}: smooth in t where the quantile is singular at u = 1
  const tail = (g: (u: number) => number) => integrate((t) => g(1 - Math.exp(-t)) * Math.exp(-t), -Math.log(1 - alpha), 36, { relTol: 1e-9 }).value / (1 - alpha);
  const es = tail(varAt);
  const v = varAt(alpha);
  const second = tail((u) => varAt(u) ** 2);
  const seEs = Math.sqrt((second - es * es + alpha * (es - v) ** 2) / (n * (1 - alpha)));
  assert.ok(Math.abs(mc.es - es) < 3 * seEs, `${what} ES ${mc.es} vs ${es} ± ${seEs}`);
}

test('one long call and one short put: full revaluation and delta VaR/ES match the closed forms', () => {
  for (const [type, quantity] of [
    ['call', 2],
    ['put', -3],
  ] as const) {
    const book: OptionBook = { spot: 100, rate: 0.03, positions: [{ type, strike: 105, expiry: 30 / 365, quantity, vol: 0.8 }] };
    const r = optionsVaR(book, MOVES, { alpha: ALPHA, paths: N, seed: 7 });
    const opt = (S: number, T: number) => bsm({ type, spot: S, strike: 105, expiry: T, rate: 0.03, vol: 0.8 });
    const g = opt(100, 30 / 365);
    // a long call loses as S falls; a short put too: both losses decrease in S_H
    const fullLoss = (S: number) => -quantity * (opt(S, 30 / 365 - MOVES.horizon).price - g.price);
    const deltaLoss = (S: number) => -quantity * (g.delta * (S - 100) + g.theta * MOVES.horizon);
    checkAgainstClosedForm(`${type} full`, r.full, (u) => monotoneVar(fullLoss, 100, u, true), ALPHA, N);
    checkAgainstClosedForm(`${type} delta`, r.delta, (u) => monotoneVar(deltaLoss, 100, u, true), ALPHA, N);
    // delta-normal: z_α |qΔ| S σ √H
    const dn = normalQuantile(ALPHA) * Math.abs(quantity * g.delta) * 100 * 0.8 * Math.sqrt(MOVES.horizon);
    assert.ok(Math.abs(r.deltaNormal.var - dn) < 1e-12 * dn);
    assert.ok(r.deltaNormal.es > r.deltaNormal.var);
  }
});

test('delta-gamma VaR of a short call matches the quadratic closed form', () => {
  const q = -5;
  const book: OptionBook = { spot: 100, rate: 0, positions: [{ type: 'call', strike: 100, expiry: 60 / 365, quantity: q, vol: 0.8 }] };
  const r = optionsVaR(book, MOVES, { alpha: ALPHA, paths: N, seed: 3 });
  const g = bsm({ type: 'call', spot: 100, strike: 100, expiry: 60 / 365, rate: 0, vol: 0.8 });
  // L(dS) = −q(Δ dS + ½Γ dS² + ΘH) = a dS² + b dS + c, a > 0 for a written option
  const a = -q * 0.5 * g.gamma;
  const b = -q * g.delta;
  const c = -q * g.theta * MOVES.horizon;
  const sdLog = 0.8 * Math.sqrt(MOVES.horizon);
  const mLog = (0.1 - 0.32) * MOVES.horizon;
  const cdfS = (S: number) => (S <= 0 ? 0 : normalCdf((Math.log(S / 100) - mLog) / sdLog));
  // P(L ≤ ℓ) = P(r1 ≤ dS ≤ r2), the roots of a dS² + b dS + c − ℓ
  const probBelow = (l: number) => {
    const disc = b * b - 4 * a * (c - l);
    if (disc <= 0) return 0;
    const r1 = (-b - Math.sqrt(disc)) / (2 * a);
    const r2 = (-b + Math.sqrt(disc)) / (2 * a);
    return cdfS(100 + r2) - cdfS(100 + r1);
  };
  const varAt = (u: number) => {
    let lo = c - (b * b) / (4 * a); // the quadratic's minimum
    let hi = lo + 1;
    while (probBelow(hi) < u) hi = lo + 2 * (hi - lo);
    while (hi - lo > 1e-12 * (1 + Math.abs(hi))) {
      const mid = 0.5 * (lo + hi);
      if (probBelow(mid) < u) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  };
  checkAgainstClosedForm('short call delta-gamma', r.deltaGamma, varAt, ALPHA, N);
});

test('a delta-hedged short straddle in a crash: delta understates the loss, delta-gamma is closer, as theory says', () => {
  const options: OptionBook = {
    spot: 100,
    rate: 0,
    positions: [
      { type: 'call', strike: 100, expiry: 30 / 365, quantity: -10, vol: 0.7 },
      { type: 'put', strike: 100, expiry: 30 / 365, quantity: -10, vol: 0.7 },
    ],
  };
  const book: OptionBook = { ...options, underlying: -bookGreeks(options).delta };
  assert.ok(Math.abs(bookGreeks(book).delta) < 1e-12, 'hedged');
  assert.ok(bookGreeks(book).gamma < 0, 'short gamma');
  // fat-tailed daily moves with implied volatility rising as the market falls
  const r = optionsVaR(book, { horizon: 1 / 365, spotVol: 0.7, spotNu: 3, volOfVol: 1.5, spotVolCorrelation: -0.7 }, { alpha: ALPHA, paths: N, seed: 1 });
  const gap = (m: { var: number }) => Math.abs(m.var - r.full.var);
  assert.ok(r.full.var > 0);
  assert.ok(r.delta.var < r.full.var && r.deltaNormal.var < r.full.var, `delta ${r.delta.var}, delta-normal ${r.deltaNormal.var}, full ${r.full.var}`);
  assert.ok(gap(r.deltaGamma) < gap(r.delta), `delta-gamma ${r.deltaGamma.var}, delta ${r.delta.var}, full ${r.full.var}`);
  assert.ok(r.delta.es < r.full.es && Math.abs(r.deltaGamma.es - r.full.es) < Math.abs(r.delta.es - r.full.es));
  // one crash: −30 % in a day with implied volatilities × 1.5
  const crash = stressLoss(book, { spotReturn: -0.3, volFactor: 1.5, horizon: 1 / 365 });
  const full = bookValue(book) - bookValue(book, 70, 1.5, 1 / 365);
  assert.ok(Math.abs(crash.full - full) < 1e-9);
  assert.ok(crash.delta < 0.05 * crash.full, `delta sees ${crash.delta} of ${crash.full}`);
  assert.ok(Math.abs(crash.deltaGamma - crash.full) < Math.abs(crash.delta - crash.full));
  // adding the vega term brings in the volatility spike's loss
  assert.ok(crash.deltaGammaVega > crash.deltaGamma);
});

test('expired positions settle at intrinsic value; bad books and moves are refused', () => {
  const book: OptionBook = { spot: 100, rate: 0, positions: [{ type: 'put', strike: 110, expiry: 1 / 365, quantity: 2, vol: 0.5 }] };
  assert.is(bookValue(book, 90, 1, 2 / 365), 40);
  assert.throws(() => optionsVaR({ ...book, spot: -1 }, MOVES, { alpha: 0.99, paths: 1000, seed: 1 }), /spot must be a positive number/);
  assert.throws(() => optionsVaR({ ...book, positions: [{ ...book.positions[0], vol: 0 }] }, MOVES, { alpha: 0.99, paths: 1000, seed: 1 }), /positions\[0\]\.vol/);
  assert.throws(() => optionsVaR(book, { ...MOVES, spotNu: 2 }, { alpha: 0.99, paths: 1000, seed: 1 }), /spotNu/);
  assert.throws(() => optionsVaR(book, MOVES, { alpha: 1, paths: 1000, seed: 1 }), /alpha/);
});

test.run();
