import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  getAmountOut,
  getAmountIn,
  spotPrice,
  spotPriceAfter,
  marginalRate,
  reservesAfter,
  amountInForMarginalRate,
  amountInForSpotPrice,
  arbitrage,
} from '../../../src/models/amm/constantProduct.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

test('getAmountOut on worked values', () => {
  // 10·0.997 = 9.97;  9.97·1000/(1000 + 9.97) = 9970/1009.97 = 9.871580343970612988… (40-digit decimal)
  assert.ok(rel(getAmountOut(10, 1000, 1000, 30), 9.871580343970613) < 1e-15);
  // 5,000 ETH / 10,000,000 USDC pool, sell 100 ETH: 99.7·1e7/5099.7 = 195501.69617820656117… (decimal)
  assert.ok(rel(getAmountOut(100, 5000, 10_000_000, 30), 195501.69617820656) < 1e-15);
  // no fee: a·y/(x+a) = 10·1000/1010 = 9.9009900990099…
  assert.ok(rel(getAmountOut(10, 1000, 1000, 0), 1000 / 101) < 1e-15);
});

test('matches the Solidity integer formula of UniswapV2Library on 18-decimal reserves', () => {
  // Reference: UniswapV2Library.getAmountOut in exact integers (BigInt), floor division:
  //   amountInWithFee = amountIn·997; out = amountInWithFee·reserveOut / (reserveIn·1000 + amountInWithFee)
  const solidity = (a: bigint, rIn: bigint, rOut: bigint) => (a * 997n * rOut) / (rIn * 1000n + a * 997n);
  const cases: [bigint, bigint, bigint][] = [
    [10n ** 18n, 1234n * 10n ** 18n, 5678n * 10n ** 18n],
    [37n * 10n ** 20n, 9n * 10n ** 21n, 4n * 10n ** 25n],
    [1n * 10n ** 15n, 3n * 10n ** 24n, 7n * 10n ** 22n],
  ];
  for (const [a, x, y] of cases) {
    const ref = Number(solidity(a, x, y));
    assert.ok(rel(getAmountOut(Number(a), Number(x), Number(y), 30), ref) < 1e-13);
  }
});

test('getAmountIn inverts getAmountOut; exact output beyond the reserve is impossible', () => {
  for (const [a, x, y, f] of [
    [10, 1000, 1000, 30],
    [3.7, 55, 1e6, 5],
    [1e4, 2e5, 3e3, 100],
  ]) {
    const out = getAmountOut(a, x, y, f);
    assert.ok(rel(getAmountIn(out, x, y, f), a) < 1e-12);
  }
  assert.is(getAmountIn(1000, 1000, 1000), Infinity);
});

test('marginal rate is the derivative of the output (central finite difference)', () => {
  const [x, y, f] = [800, 1.6e6, 30];
  for (const a of [0, 5, 80, 900]) {
    const h = 1e-4 * Math.max(a, 1);
    const fd = (getAmountOut(a + h, x, y, f) - getAmountOut(Math.max(a - h, 0), x, y, f)) / (a + h - Math.max(a - h, 0));
    assert.ok(rel(marginalRate(a, x, y, f), fd) < 1e-6, `a=${a}`);
  }
  assert.ok(rel(marginalRate(0, x, y, f), 0.997 * spotPrice(x, y)) < 1e-15);
});

test('trade sizes for a target marginal rate / spot price hit the target', () => {
  const [x, y, f] = [1000, 2.1e6, 30];
  const a = amountInForMarginalRate(1800, x, y, f);
  assert.ok(rel(marginalRate(a, x, y, f), 1800) < 1e-12);
  const b = amountInForSpotPrice(1800, x, y, f);
  assert.ok(rel(spotPriceAfter(b, x, y, f), 1800) < 1e-12);
  // already below the target: nothing to do
  assert.is(amountInForMarginalRate(3000, x, y, f), 0);
  assert.is(amountInForSpotPrice(3000, x, y, f), 0);
});

test('the arbitrage trade maximises profit (first-order optimality against perturbations)', () => {
  const [x, y, f, p] = [1000, 2.1e6, 30, 1800];
  const best = arbitrage(p, x, y, f);
  assert.ok(best.profit > 0);
  for (const d of [-1, -0.1, 0.1, 1]) {
    const a = best.amountIn + d;
    assert.ok(getAmountOut(a, x, y, f) - a * p < best.profit);
  }
});

test('property: k never decreases, output stays below the reserve and is monotone in input', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
      fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
      fc.integer({ min: 0, max: 1000 }),
      (x, y, frac, fee) => {
        const a = x * frac;
        const r = reservesAfter(a, x, y, fee);
        if (!(r.amountOut >= 0 && r.amountOut < y)) return false;
        if (r.reserveIn * r.reserveOut < x * y * (1 - 1e-12)) return false;
        return getAmountOut(a * 1.01, x, y, fee) >= r.amountOut;
      },
    ),
    { numRuns: 500, seed: 42 },
  );
});

test.run();
