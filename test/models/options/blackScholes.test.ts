/**
 * Generalised Black–Scholes–Merton and Black-76 against published values, put–call parity and
 * finite differences.
 *
 * Published values:
 * - Hull, *Options, Futures and Other Derivatives* (Example 15.6 in the 8th/9th editions, 13.6 in
 *   earlier ones): S = 42, K = 40, r = 10 %, σ = 20 %, T = 0.5 → call 4.76, put 0.81 (4.7594 and
 *   0.8086 to four decimals).
 * - Haug, *The Complete Guide to Option Pricing Formulas*, 2nd ed. (2007), chapter 1 (§1.1) and the
 *   Greeks of chapter 2: Black–Scholes call S = 60, K = 65, T = 0.25, r = 8 %, σ = 30 % → 2.1334;
 *   Merton put with yield q = 5 %: S = 100, K = 95, T = 0.5, r = 10 %, σ = 20 % → 2.4648; Black-76
 *   put F = 19, K = 19, T = 0.75, r = 10 %, σ = 28 % → 1.7011; generalised BSM put S = 75, K = 70,
 *   T = 0.5, r = 10 %, b = 5 %, σ = 35 % → 4.0870; Garman–Kohlhagen call S = 1.56, K = 1.60,
 *   T = 0.5, r = 6 %, r_f = 8 %, σ = 12 % → 0.0291; delta (b = 0) S = 105, K = 100, T = 0.5,
 *   r = 10 %, σ = 36 % → call 0.5946, put −0.3566; gamma S = 55, K = 60, T = 0.75, r = b = 10 %,
 *   σ = 30 % → 0.0278; put theta S = 430, K = 405, T = 0.0833, r = 7 %, b = 2 %, σ = 20 %
 *   → −31.1924; call rho S = 72, K = 75, T = 1, r = b = 9 %, σ = 19 % → 38.7325.
 *   Each of these was also recomputed from the formulas with Python's math.erfc (an independent
 *   implementation) before being relied on here, and agrees to every printed digit.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bsm, bsmPrice, type BsmInput } from '../../../src/models/options/blackScholes.js';
import { black76, black76Price } from '../../../src/models/options/black76.js';

const close = (actual: number, expected: number, tol: number, what: string) => assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tolerance ${tol})`);

test("Hull's example: call 4.7594, put 0.8086", () => {
  const x: BsmInput = { type: 'call', spot: 42, strike: 40, expiry: 0.5, rate: 0.1, vol: 0.2 };
  close(bsm(x).price, 4.7594, 5e-5, 'call');
  close(bsm({ ...x, type: 'put' }).price, 0.8086, 5e-5, 'put');
  assert.is(bsmPrice(x), bsm(x).price);
});

test("Haug's generalised BSM examples: Black–Scholes, Merton, generalised carry, Garman–Kohlhagen", () => {
  close(bsm({ type: 'call', spot: 60, strike: 65, expiry: 0.25, rate: 0.08, vol: 0.3 }).price, 2.1334, 5e-5, 'BS call');
  close(bsm({ type: 'put', spot: 100, strike: 95, expiry: 0.5, rate: 0.1, carry: 0.1 - 0.05, vol: 0.2 }).price, 2.4648, 5e-5, 'Merton put');
  close(bsm({ type: 'put', spot: 75, strike: 70, expiry: 0.5, rate: 0.1, carry: 0.05, vol: 0.35 }).price, 4.087, 5e-5, 'generalised put');
  close(bsm({ type: 'call', spot: 1.56, strike: 1.6, expiry: 0.5, rate: 0.06, carry: 0.06 - 0.08, vol: 0.12 }).price, 0.0291, 5e-5, 'Garman–Kohlhagen call');
});

test("Haug's Black-76 example: put 1.7011; Black-76 is BSM on the forward with zero carry", () => {
  const x = { type: 'put' as const, forward: 19, strike: 19, expiry: 0.75, rate: 0.1, vol: 0.28 };
  close(black76(x).price, 1.7011, 5e-5, 'Black-76 put');
  assert.is(black76Price(x), black76(x).price);
  // at the money forward, call = put (parity with F = K)
  close(black76({ ...x, type: 'call' }).price, black76(x).price, 1e-14, 'ATM forward call = put');
  // closed form written out: e^{−rT}[K N(−d2) − F N(−d1)] with d1 = σ√T/2 at the money
  const g = black76(x);
  // Black-76's rho is −T·V: the forward does not move with the rate
  close(g.rho, -0.75 * g.price, 1e-12, 'rho = −T·V');
  assert.throws(() => black76({ ...x, forward: 0 }), /forward: expected a positive number/);
});

test("Haug's Greeks: delta, gamma, theta and rho examples", () => {
  const d = { spot: 105, strike: 100, expiry: 0.5, rate: 0.1, carry: 0, vol: 0.36 };
  close(bsm({ ...d, type: 'call' }).delta, 0.5946, 5e-5, 'call delta');
  close(bsm({ ...d, type: 'put' }).delta, -0.3566, 5e-5, 'put delta');
  close(bsm({ type: 'call', spot: 55, strike: 60, expiry: 0.75, rate: 0.1, carry: 0.1, vol: 0.3 }).gamma, 0.0278, 5e-5, 'gamma');
  close(bsm({ type: 'put', spot: 430, strike: 405, expiry: 0.0833, rate: 0.07, carry: 0.02, vol: 0.2 }).theta, -31.1924, 5e-5, 'put theta');
  close(bsm({ type: 'call', spot: 72, strike: 75, expiry: 1, rate: 0.09, vol: 0.19 }).rho, 38.7325, 5e-5, 'call rho');
});

test('put–call parity c − p = S e^{(b−r)T} − K e^{−rT} across carries, moneyness and expiries', () => {
  for (const carry of [undefined, 0, -0.03, 0.12]) {
    for (const strike of [50, 90, 100, 130, 250]) {
      for (const expiry of [1 / 365, 0.25, 3]) {
        const x: BsmInput = { type: 'call', spot: 100, strike, expiry, rate: 0.05, vol: 0.6, carry };
        const b = carry ?? 0.05;
        const lhs = bsm(x).price - bsm({ ...x, type: 'put' }).price;
        const rhs = 100 * Math.exp((b - 0.05) * expiry) - strike * Math.exp(-0.05 * expiry);
        close(lhs, rhs, 1e-11 * (100 + strike), `parity b=${carry} K=${strike} T=${expiry}`);
      }
    }
  }
});

test('analytic Greeks agree with central finite differences (carry given and carry following the rate)', () => {
  const cases: BsmInput[] = [];
  for (const type of ['call', 'put'] as const) {
    for (const [strike, carry] of [
      [80, 0.02],
      [100, undefined],
      [125, -0.04],
      [100, 0],
    ] as [number, number | undefined][]) {
      cases.push({ type, spot: 100, strike, expiry: 0.7, rate: 0.06, vol: 0.45, carry });
    }
  }
  for (const x of cases) {
    const g = bsm(x);
    const p = (y: Partial<BsmInput>) => bsm({ ...x, ...y }).price;
    // steps where truncation (h²) and rounding (ε/h, ε/h²) errors are both far below the tolerances
    const hD = 1e-4 * x.spot;
    const hS = 1e-3 * x.spot;
    const fd = {
      delta: (p({ spot: x.spot + hD }) - p({ spot: x.spot - hD })) / (2 * hD),
      gamma: (p({ spot: x.spot + hS }) - 2 * g.price + p({ spot: x.spot - hS })) / (hS * hS),
      vega: (p({ vol: x.vol + 1e-5 }) - p({ vol: x.vol - 1e-5 })) / 2e-5,
      // theta is ∂V/∂t = −∂V/∂T
      theta: -(p({ expiry: x.expiry + 1e-6 }) - p({ expiry: x.expiry - 1e-6 })) / 2e-6,
      // with the carry given, rho holds it fixed; without, the carry moves with the rate
      rho: (p({ rate: x.rate + 1e-6 }) - p({ rate: x.rate - 1e-6 })) / 2e-6,
    };
    const what = `${x.type} K=${x.strike} b=${x.carry}`;
    close(g.delta, fd.delta, 1e-7, `${what} delta`);
    close(g.gamma, fd.gamma, 1e-5, `${what} gamma`);
    close(g.vega, fd.vega, 1e-6, `${what} vega`);
    close(g.theta, fd.theta, 1e-5, `${what} theta`);
    close(g.rho, fd.rho, 1e-5, `${what} rho`);
  }
});

test('bad inputs are refused with the field named', () => {
  const x: BsmInput = { type: 'call', spot: 100, strike: 100, expiry: 1, rate: 0, vol: 0.5 };
  assert.throws(() => bsm({ ...x, spot: -1 }), /spot: expected a positive number/);
  assert.throws(() => bsm({ ...x, vol: 0 }), /vol: expected a positive number/);
  assert.throws(() => bsm({ ...x, expiry: Number.NaN }), /expiry/);
  assert.throws(() => bsm({ ...x, carry: Number.POSITIVE_INFINITY }), /carry/);
});

test.run();
