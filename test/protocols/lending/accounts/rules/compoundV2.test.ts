/**
 * Compound v2's rules (Comptroller and CToken as of November 2020) on hand-worked accounts.
 * Reference: liquidity = Σ c·P·CF over entered markets − Σ b·P; liquidateBorrowAllowed fails
 * without a shortfall and when repay > closeFactor · borrow balance of the repaid asset;
 * seize = repay · incentive · P_b / P_c, reverting when it exceeds the borrower's balance.
 * November 2020: close factor 0.5, incentive 1.08, CF 0.75 for ETH, DAI, USDC, 0.6 for WBTC.
 * Balances in underlying (cToken exchange rate taken as 1).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMPOUND_V2_NOV_2020, compoundAccountLiquidity, compoundLiquidateBorrow, compoundMaxRepay } from '../../../../../src/protocols/lending/accounts/rules/compoundV2.js';
import { newLiquidationOutcome } from '../../../../../src/protocols/lending/accounts/rules/outcome.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

// Reserves 0 ETH, 1 DAI, 2 USDC, 3 WBTC; the collateral factors sit in liquidationThreshold
const terms = (ethPrice: number) => ({
  price: [ethPrice, 1, 1, 18000],
  liquidationThreshold: [0.75, 0.75, 0.75, 0.6],
  ltv: [0.75, 0.75, 0.75, 0.6],
  liquidationBonus: [0, 0, 0, 0],
  protocolFee: [0, 0, 0, 0],
});
// 10 ETH and 1,000 USDC supplied (entered), 2,000 DAI and 0.1 WBTC borrowed, 300 DAI supplied but not entered
const account = {
  reserve: [0, 2, 1, 3],
  collateral: [10, 1000, 300, 0],
  debt: [0, 0, 2000, 0.1],
  usedAsCollateral: [1, 1, 0, 0],
};
const [ETH, USDC, DAI, WBTC] = [0, 1, 2, 3];

test('account liquidity over several assets', () => {
  // ETH $500: 10·500·0.75 + 1000·0.75 − (2000 + 0.1·18000) = 3750 + 750 − 3800 = 700 (the DAI supply is not entered)
  close(compoundAccountLiquidity(account, 0, 4, terms(500)), 700);
  const out = compoundLiquidateBorrow(account, 0, 4, terms(500), DAI, ETH, 100, newLiquidationOutcome());
  assert.is(out.status, 'healthy');
  // ETH $400: 3000 + 750 − 3800 = −50, a shortfall of 50
  close(compoundAccountLiquidity(account, 0, 4, terms(400)), -50);
});

test('close factor on the borrow balance of the repaid asset; seize at the incentive', () => {
  const t = terms(400);
  // DAI borrow 2000: at most 0.5 · 2000 = 1000 DAI; seize 1000 · 1.08 · 1 / 400 = 2.7 ETH
  const out = compoundLiquidateBorrow(account, 0, 4, t, DAI, ETH, 1000, newLiquidationOutcome());
  assert.is(out.status, 'ok');
  close(out.debtRepaid, 1000);
  close(out.collateralSeized, 2.7);
  close(out.liquidatorCollateral, 2.7);
  assert.is(out.protocolFee, 0);
  assert.is(compoundLiquidateBorrow(account, 0, 4, t, DAI, ETH, 1000.5, newLiquidationOutcome()).status, 'too-much-repay');
  // WBTC borrow 0.1: at most 0.05 WBTC; seize 0.05 · 1.08 · 18000 / 1 = 972 USDC ≤ 1000
  const wbtc = compoundLiquidateBorrow(account, 0, 4, t, WBTC, USDC, 0.05, newLiquidationOutcome());
  close(wbtc.collateralSeized, 972);
  // a supply outside the entered markets can still be seized (seizeAllowed asks only that it is listed):
  // 200 DAI · 1.08 = 216 DAI of the 300
  const notEntered = compoundLiquidateBorrow(account, 0, 4, t, DAI, DAI, 200, newLiquidationOutcome());
  assert.is(notEntered.status, 'ok');
  close(notEntered.collateralSeized, 216);
  assert.is(compoundLiquidateBorrow(account, 0, 4, t, DAI, ETH, 0, newLiquidationOutcome()).status, 'invalid-amount');
});

test('seizing more than the balance reverts (LIQUIDATE_SEIZE_TOO_MUCH); the largest allowed repayment', () => {
  // 1,200 DAI borrowed at $1.1 against 1,500 USDC (entered) and another 500 USDC-like tokens in an
  // entry not entered (reserve 0 twice: the same market, two entries, to keep the balances apart).
  // The close factor allows 600 DAI, which would seize 600 · 1.08 · 1.1 = 712.8 from the 500.
  const t = { price: [1, 1.1], liquidationThreshold: [0.75, 0.75], ltv: [0.75, 0.75], liquidationBonus: [0, 0], protocolFee: [0, 0] };
  const acc = { reserve: [0, 1, 0], collateral: [1500, 0, 500], debt: [0, 1200, 0], usedAsCollateral: [1, 0, 0] };
  // liquidity = 1500·0.75 − 1200·1.1 = 1125 − 1320 = −195 (the 500 is not entered)
  close(compoundAccountLiquidity(acc, 0, 3, t), -195);
  const out = compoundLiquidateBorrow(acc, 0, 3, t, 1, 2, 600, newLiquidationOutcome());
  assert.is(out.status, 'seize-too-much'); // 712.8 > 500
  assert.is(out.debtRepaid, 0);
  // largest repayment against that entry: min(0.5 · 1200, 500 · 1 / (1.08 · 1.1)) = min(600, 420.8754208754209)
  const max = compoundMaxRepay(acc, t, 1, 2);
  close(max, 500 / 1.188);
  const ok = compoundLiquidateBorrow(acc, 0, 3, t, 1, 2, max, newLiquidationOutcome());
  assert.is(ok.status, 'ok');
  close(ok.collateralSeized, 500);
});

test('protocol seize share (2021 CTokens): a parameter, zero in November 2020', () => {
  // 2.8 % of the 2.7 ETH seized = 0.0756 ETH to reserves; the liquidator gets 2.6244
  const rules = { ...COMPOUND_V2_NOV_2020, protocolSeizeShare: 0.028 };
  const out = compoundLiquidateBorrow(account, 0, 4, terms(400), DAI, ETH, 1000, newLiquidationOutcome(), rules);
  close(out.collateralSeized, 2.7);
  close(out.protocolFee, 0.0756);
  close(out.liquidatorCollateral, 2.6244);
});

test.run();
