/**
 * Aave v3's health factor and liquidation call on hand-worked accounts. Reference: Aave v3
 * LiquidationLogic (close factor 50 %, 100 % below HF 0.95; seized = repaid · P_d · (1 + bonus) / P_c,
 * capped at the collateral, with the repayment cut to what the collateral pays for). Every
 * expected number below is worked by hand in the comment beside it, not computed by the code.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { healthFactor, liquidationAmounts } from '../../../src/protocols/lending/liquidationCall.js';
import { borrowRate } from '../../../src/protocols/lending/interestRate.js';

const terms = { closeFactor: 0.5, closeFactorHealthFactor: 0.95, liquidationBonus: 0.05 };
const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

// The account: 10 ETH collateral, liquidation threshold 0.825, 15,000 USDC debt at $1.
test('health factor of a healthy account', () => {
  // 10 · 2000 · 0.825 / 15000 = 16500 / 15000 = 1.1
  close(healthFactor(10, 2000, 0.825, 15000, 1), 1.1);
  assert.equal(liquidationAmounts(10, 2000, 0.825, 15000, 1, terms), { debtRepaid: 0, collateralSeized: 0 });
});

test('HF between 0.95 and 1: half the debt, seized with the bonus', () => {
  // at $1800: HF = 10 · 1800 · 0.825 / 15000 = 14850 / 15000 = 0.99 → close factor 50 %
  close(healthFactor(10, 1800, 0.825, 15000, 1), 0.99);
  const r = liquidationAmounts(10, 1800, 0.825, 15000, 1, terms);
  close(r.debtRepaid, 7500); // 15000 · 0.5
  close(r.collateralSeized, 4.375); // 7500 · 1.05 / 1800 = 7875 / 1800
});

test('HF below 0.95: the whole debt may be repaid', () => {
  // at $1700: HF = 14025 / 15000 = 0.935 < 0.95 → close factor 100 %
  const r = liquidationAmounts(10, 1700, 0.825, 15000, 1, terms);
  close(r.debtRepaid, 15000);
  close(r.collateralSeized, 15750 / 1700); // 15000 · 1.05 / 1700 = 9.264705882…
});

test('at HF exactly 0.95 the whole debt may be repaid (Aave: 50 % only while HF > 0.95)', () => {
  // 10 ETH at P with 0.825 · 10 · P / 15000 = 0.95 → P = 14250 / 8.25 = 1727.2727…
  const r = liquidationAmounts(10, 14250 / 8.25, 0.825, 15000, 1, terms);
  close(r.debtRepaid, 15000);
});

test('a liquidator asking for less gets what it asked', () => {
  const r = liquidationAmounts(10, 1800, 0.825, 15000, 1, terms, 1000);
  close(r.debtRepaid, 1000);
  close(r.collateralSeized, 1050 / 1800); // 1000 · 1.05 / 1800
});

test('underwater account: collateral runs out before the debt', () => {
  // at $1400: HF = 11550 / 15000 = 0.77; 15000 · 1.05 / 1400 = 11.25 ETH > 10 ETH held,
  // so all 10 ETH are seized and the repayment is 10 · 1400 / 1.05 = 13333.33…, leaving 1666.67 unpaid
  const r = liquidationAmounts(10, 1400, 0.825, 15000, 1, terms);
  close(r.collateralSeized, 10);
  close(r.debtRepaid, 14000 / 1.05);
  close(15000 - r.debtRepaid, 1666.6666666666667);
});

test('debt asset priced away from 1 (a depegged stablecoin as debt)', () => {
  // 5 WBTC at $30,000 (LT 0.78) against 120,000 DAI at $1.02: HF = 117000 / 122400 = 0.955882…
  close(healthFactor(5, 30000, 0.78, 120000, 1.02), 117000 / 122400);
  const r = liquidationAmounts(5, 30000, 0.78, 120000, 1.02, { ...terms, liquidationBonus: 0.065 });
  close(r.debtRepaid, 60000); // HF ≥ 0.95: 50 %
  close(r.collateralSeized, (60000 * 1.02 * 1.065) / 30000); // = 2.1726 WBTC
});

test('two-slope rate curve (Aave interest rate strategy)', () => {
  const curve = { base: 0, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 };
  close(borrowRate(curve, 0.4), 0.02); // 0.04 · 0.4 / 0.8
  close(borrowRate(curve, 0.8), 0.04);
  close(borrowRate(curve, 0.9), 0.415); // 0.04 + 0.75 · 0.1 / 0.2
  close(borrowRate(curve, 1), 0.79);
});

test.run();
