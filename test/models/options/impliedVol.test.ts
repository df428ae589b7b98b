/**
 * The implied-volatility solver. References: the volatility a price was made from (round trips,
 * prices by `bsm`, which is checked against Hull and Haug in blackScholes.test.ts); Haug's Black-76
 * example (F = K = 19, T = 0.75, r = 10 %, σ = 28 % → put 1.7011); the no-arbitrage bounds of a
 * European option (Merton 1973: e^{−rT}max(F − K, 0) < c < e^{−rT}F, and for puts
 * e^{−rT}max(K − F, 0) < p < e^{−rT}K).
 *
 * The precision rule tested. A price is a double computed from terms of size
 * M = S e^{(b−r)T} + K e^{−rT}, so it pins the volatility down only to ε·M/vega (`ivResolution`).
 * Where 4 × resolution ≤ 1e-8 the solver must return σ to 1e-8 (and in fact does to a few times the
 * resolution everywhere); elsewhere (deep in the money with a time value lost in rounding, far out
 * of the money at short expiry, where vega vanishes) it must return a volatility that reprices the
 * option to within rounding, or say that the price is at its no-arbitrage bound.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bsm, type BsmInput } from '../../../src/models/options/blackScholes.js';
import { inverseOption } from '../../../src/models/options/inverse.js';
import { ArbitrageBoundsError, black76ImpliedVol, impliedVol, inverseImpliedVol, ivResolution, normalisedImpliedVol, priceBounds } from '../../../src/models/options/impliedVol.js';

const HOUR = 1 / (365 * 24);
const EXPIRIES = [HOUR, 1 / 365, 7 / 365, 30 / 365, 0.25, 1, 2];
const VOLS = [0.05, 0.1, 0.2, 0.4, 0.8, 1.5, 3];
const MONEYNESS = [0.5, 0.6, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2]; // S/K

test('round trips over moneyness 0.5–2, volatility 5–300 %, expiries one hour to two years', () => {
  let precise = 0;
  let others = 0;
  let atBound = 0;
  let worstRatio = 0;
  for (const expiry of EXPIRIES) {
    for (const vol of VOLS) {
      for (const m of MONEYNESS) {
        for (const type of ['call', 'put'] as const) {
          const x: BsmInput = { type, spot: 100, strike: 100 / m, expiry, rate: 0.05, carry: 0.02, vol };
          const price = bsm(x).price;
          const resolution = ivResolution(x);
          const M = 100 * Math.exp(-0.03 * expiry) + x.strike * Math.exp(-0.05 * expiry);
          const where = `${type} S/K=${m} T=${expiry} σ=${vol} (price ${price}, resolution ${resolution})`;
          let iv: number;
          try {
            iv = impliedVol({ ...x, price });
          } catch (err) {
            // only a price whose time value rounding has erased may be refused, and then as at its bound
            assert.ok(err instanceof ArbitrageBoundsError, `${where}: ${err}`);
            assert.ok(4 * resolution > 1e-8, `${where}: refused although invertible: ${(err as Error).message}`);
            const { lower } = priceBounds(x);
            assert.ok(price - lower <= 4 * 2 ** -52 * M, `${where}: refused with time value ${price - lower}`);
            atBound++;
            continue;
          }
          const error = Math.abs(iv - vol);
          worstRatio = Math.max(worstRatio, error / resolution);
          if (4 * resolution <= 1e-8) {
            assert.ok(error <= 1e-8, `${where}: implied ${iv}, error ${error}`);
            precise++;
          } else {
            const repriced = bsm({ ...x, vol: iv }).price;
            assert.ok(Math.abs(repriced - price) <= 4 * 2 ** -52 * M, `${where}: implied ${iv} reprices to ${repriced}`);
            others++;
          }
        }
      }
    }
  }
  // the solver is as precise as the price allows, everywhere
  assert.ok(worstRatio <= 4, `worst error / resolution ${worstRatio}`);
  // the grid exercises both sides of the rule
  assert.ok(precise >= 500, `${precise} invertible cases`);
  assert.ok(others >= 100 && atBound >= 50, `${others} imprecise, ${atBound} at the bound`);
});

test("Haug's Black-76 put 1.7011 gives back σ = 28 % (to the precision of the four printed decimals)", () => {
  const iv = black76ImpliedVol({ type: 'put', price: 1.7011, forward: 19, strike: 19, expiry: 0.75, rate: 0.1 });
  // dσ = dP/vega: a rounding of 5e-5 in the price moves σ by about 5e-5/6.1
  assert.ok(Math.abs(iv - 0.28) < 2e-5, `${iv}`);
});

test('inverse options: the coin premium gives back the volatility', () => {
  const x: BsmInput = { type: 'put', spot: 30_000, strike: 25_000, expiry: 14 / 365, rate: 0, carry: 0, vol: 0.9 };
  const coin = inverseOption(x).coin.price;
  assert.ok(Math.abs(inverseImpliedVol({ ...x, price: coin }) - 0.9) < 1e-10);
});

test('at the money the normalised inverse is closed form; both branches agree with it near x = 0', () => {
  for (const s of [1e-4, 0.01, 0.3, 2, 8]) {
    // b(0, s) = 2Φ(s/2) − 1
    const beta = 1 - 2 * (1 - 0.5 * (1 + erfApprox(s / 2 / Math.SQRT2)));
    assert.ok(Math.abs(normalisedImpliedVol(beta, 0) - s) < 1e-6 * s + 1e-9, `s=${s}`);
  }
});

/** erf by its series: independent of the library's normal cdf (only used at moderate arguments). */
function erfApprox(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    sum += term / (2 * n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

test('prices outside or on the no-arbitrage bounds are refused with both bounds in the message', () => {
  const base = { spot: 42, strike: 40, expiry: 0.5, rate: 0.1 };
  // call: lower e^{−rT}(F − K) = 42 − 40e^{−0.05} = 3.9508, upper S = 42
  const lowerCall = 42 - 40 * Math.exp(-0.05);
  const bounds = priceBounds({ type: 'call', ...base });
  assert.ok(Math.abs(bounds.lower - lowerCall) < 1e-12 && Math.abs(bounds.upper - 42) < 1e-12);
  const below = () => impliedVol({ type: 'call', price: 3.9, ...base });
  assert.throws(below, (e: unknown) => e instanceof ArbitrageBoundsError && /below the no-arbitrage lower bound 3\.950/.test(e.message) && /between 3\.950\d* and 42/.test(e.message));
  assert.throws(() => impliedVol({ type: 'call', price: 42, ...base }), /at the no-arbitrage upper bound 42/);
  assert.throws(() => impliedVol({ type: 'call', price: 43, ...base }), /above the no-arbitrage upper bound 42/);
  // put: upper e^{−rT}K = 38.049, lower 0 (out of the money)
  assert.throws(() => impliedVol({ type: 'put', price: 39, ...base }), /above the no-arbitrage upper bound 38\.04/);
  assert.throws(() => impliedVol({ type: 'put', price: 0, ...base }), /not a positive price/);
  assert.throws(
    () => impliedVol({ type: 'put', price: -1, ...base }),
    (e: unknown) => e instanceof ArbitrageBoundsError,
  );
  // the error carries the numbers for a caller to use
  try {
    below();
  } catch (e) {
    assert.ok(e instanceof ArbitrageBoundsError);
    assert.is(e.price, 3.9);
    assert.ok(Math.abs(e.lower - lowerCall) < 1e-12 && e.upper === bounds.upper);
  }
  assert.throws(() => impliedVol({ type: 'call', price: 5, ...base, expiry: 0 }), /expiry: expected a positive number/);
  assert.throws(() => impliedVol({ type: 'call', price: Number.NaN, ...base }), /price: expected a finite number/);
});

test("Hull's prices give back 20 %", () => {
  const x = { spot: 42, strike: 40, expiry: 0.5, rate: 0.1 };
  assert.ok(Math.abs(impliedVol({ type: 'call', price: bsm({ ...x, type: 'call', vol: 0.2 }).price, ...x }) - 0.2) < 1e-13);
  assert.ok(Math.abs(impliedVol({ type: 'put', price: bsm({ ...x, type: 'put', vol: 0.2 }).price, ...x }) - 0.2) < 1e-13);
});

test.run();
