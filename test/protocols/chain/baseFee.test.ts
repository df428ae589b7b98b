import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { effectivePriorityFee, gasCostNative, gasTarget, nextBaseFee } from '../../../src/protocols/chain/baseFee.js';

// Reference for every number here: EIP-1559 "Specification" (Buterin et al. 2019):
// target = limit / 2, next = base × (1 + (used − target) / target / 8), increase ≥ 1 wei.
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test('a full block raises the base fee by exactly 12.5 %, an empty one lowers it by 12.5 %', () => {
  const limit = 30_000_000;
  const target = gasTarget(limit);
  assert.is(target, 15_000_000);
  // full: (30M − 15M) / 15M / 8 = 1/8 → 100 × 1.125
  assert.is(nextBaseFee(100, limit, target), 112.5);
  // empty: (0 − 15M) / 15M / 8 = −1/8 → 100 × 0.875
  assert.is(nextBaseFee(100, 0, target), 87.5);
  // at target: unchanged
  assert.is(nextBaseFee(100, target, target), 100);
});

test('partial blocks move the base fee in proportion: 3/4 full → +6.25 %, 1/4 full → −6.25 %', () => {
  // (22.5M − 15M) / 15M / 8 = 0.0625; (7.5M − 15M) / 15M / 8 = −0.0625
  assert.ok(close(nextBaseFee(40, 22_500_000, 15_000_000), 42.5));
  assert.ok(close(nextBaseFee(40, 7_500_000, 15_000_000), 37.5));
});

test('ten full blocks compound to 1.125^10; the same number of empty ones does not undo them', () => {
  let b = 50;
  for (let i = 0; i < 10; i++) b = nextBaseFee(b, 2, 1);
  // 1.125^10 = 3.24732103... (binomial expansion / closed form)
  assert.ok(close(b, 50 * 3.247321025468409, 1e-12));
  for (let i = 0; i < 10; i++) b = nextBaseFee(b, 0, 1);
  // (1.125 × 0.875)^10 = 0.984375^10 = 0.85432... < 1: up then down loses ground
  assert.ok(close(b, 50 * Math.pow(0.984375, 10), 1e-12));
  assert.ok(b < 50);
});

test('a zero base fee recovers by the EIP minimum of 1 wei above target', () => {
  assert.is(nextBaseFee(0, 2, 1), 1e-9);
  assert.is(nextBaseFee(0, 0, 1), 0);
});

test('effective priority fee is min(tip, maxFee − base); cost = gas × (base + tip) × 1e-9', () => {
  assert.is(effectivePriorityFee(30, 2, 20), 2);
  assert.is(effectivePriorityFee(21, 2, 20), 1);
  assert.is(effectivePriorityFee(19, 2, 20), -1);
  // 21,000 gas at 22 gwei = 462,000 gwei = 0.000462 ETH
  assert.ok(close(gasCostNative(21_000, 20, 2), 0.000462));
});

test('bad inputs are refused', () => {
  assert.throws(() => nextBaseFee(10, 1, 0), /target/);
  assert.throws(() => nextBaseFee(-1, 1, 1), /base fee/);
  assert.throws(() => nextBaseFee(1, -1, 1), /gas used/);
});

test.run();
