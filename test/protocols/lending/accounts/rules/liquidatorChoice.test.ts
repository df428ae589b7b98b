/**
 * The liquidator's choice of (debt, collateral) pair and amount on a cross-margined account, with
 * and without sale costs. Every pair's profit is worked by hand below (Aave v3 rules; the same
 * account as aaveV3.test.ts with WETH at $1500, HF = 0.98529…, close factor 50 %).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AAVE_V3 } from '../../../../../src/protocols/lending/accounts/rules/aaveV3.js';
import { COMPOUND_V2_NOV_2020 } from '../../../../../src/protocols/lending/accounts/rules/compoundV2.js';
import { bestLiquidation, liquidationProfit, maxLiquidation, newPairChoice } from '../../../../../src/protocols/lending/accounts/rules/liquidatorChoice.js';
import { newLiquidationOutcome } from '../../../../../src/protocols/lending/accounts/rules/outcome.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

const terms = {
  price: [1500, 1, 1, 30000],
  liquidationThreshold: [0.825, 0.875, 0.8, 0.75],
  ltv: [0.8, 0.85, 0.75, 0.7],
  liquidationBonus: [0.05, 0.045, 0.05, 0.1],
  protocolFee: [0.1, 0.1, 0, 0.1],
};
const account = {
  reserve: [0, 1, 2, 3],
  collateral: [10, 5000, 3000, 0],
  debt: [0, 2000, 0, 0.5],
  usedAsCollateral: [1, 1, 0, 0],
};
const [WETH, USDC, WBTC] = [0, 1, 3];

// Profits of the largest call on each pair (USD):
//   WBTC debt / WETH: repay 0.25 WBTC ($7500), WETH to the liquidator 5.25 − 0.025 = 5.225 → 7837.5 − 7500 = 337.5
//   WBTC debt / USDC: seize capped at 5000 USDC, fee 21.5311, repay $4784.6890 → 4978.4689 − 4784.6890 = 193.7799
//   USDC debt / WETH: repay 1000, seize 0.7 WETH, fee 0.0033333 → 0.6966667 · 1500 − 1000 = 45
//   USDC debt / USDC: repay 1000, seize 1045, fee 4.5 → 1040.5 − 1000 = 40.5
test('the largest call on each pair and its profit', () => {
  const out = newLiquidationOutcome();
  close(liquidationProfit(maxLiquidation(account, 0, 4, terms, AAVE_V3, WBTC, WETH, out), 30000, 1500), 337.5);
  close(liquidationProfit(maxLiquidation(account, 0, 4, terms, AAVE_V3, WBTC, USDC, out), 30000, 1), 193.77990430621958);
  close(liquidationProfit(maxLiquidation(account, 0, 4, terms, AAVE_V3, USDC, WETH, out), 1, 1500), 45);
  close(liquidationProfit(maxLiquidation(account, 0, 4, terms, AAVE_V3, USDC, USDC, out), 1, 1), 40.5);
});

test('best pair without sale costs: WBTC debt against WETH', () => {
  const choice = bestLiquidation(account, 0, 4, terms, AAVE_V3, newPairChoice());
  assert.is(choice.debtAt, WBTC);
  assert.is(choice.collateralAt, WETH);
  close(choice.profit, 337.5);
  close(choice.outcome.debtRepaid, 0.25);
});

test('a 5 % cost of selling WETH moves the choice to the USDC collateral', () => {
  // WBTC / WETH: 5.225 · 1500 · 0.95 − 7500 = 7445.625 − 7500 = −54.375 (a loss)
  // USDC / WETH: 0.6966667 · 1500 · 0.95 − 1000 = 992.75 − 1000 = −7.25
  // WBTC / USDC (no cost on USDC): 193.7799 — the best
  const choice = bestLiquidation(account, 0, 4, terms, AAVE_V3, newPairChoice(), [0.05, 0, 0, 0]);
  assert.is(choice.debtAt, WBTC);
  assert.is(choice.collateralAt, USDC);
  close(choice.profit, 193.77990430621958);
  // a cost that eats every bonus leaves nothing worth doing
  const none = bestLiquidation(account, 0, 4, terms, AAVE_V3, newPairChoice(), [0.2, 0.2, 0.2, 0.2]);
  assert.is(none.debtAt, -1);
  assert.is(none.profit, 0);
});

test('a healthy account has no choice', () => {
  const healthy = { ...terms, price: [2000, 1, 1, 30000] }; // HF 1.2279 (aaveV3.test.ts)
  const choice = bestLiquidation(account, 0, 4, healthy, AAVE_V3, newPairChoice());
  assert.is(choice.debtAt, -1);
  assert.is(choice.outcome.status, 'healthy');
});

test('Compound: the largest call stops where the seize would exceed the balance', () => {
  // CF 0.75 everywhere, incentive 1.08. 1,000 DAI (at $1.1) borrowed; 1,500 USDC entered, 300 USDC
  // in a second entry not entered. Liquidity = 1125 − 1100 = 25 → raise DAI to $1.2: 1125 − 1200 = −75.
  // DAI / first USDC: min(500, 1500/(1.08·1.2) = 1157.4) = 500 DAI, seize 500·1.08·1.2 = 648, profit 648 − 600 = 48
  // DAI / second USDC: min(500, 300/1.296 = 231.48) = 231.48 DAI, seize 300, profit 300 − 277.78 = 22.22
  const t = { price: [1, 1.2], liquidationThreshold: [0.75, 0.75], ltv: [0.75, 0.75], liquidationBonus: [0, 0], protocolFee: [0, 0] };
  const acc = { reserve: [0, 1, 0], collateral: [1500, 0, 300], debt: [0, 1000, 0], usedAsCollateral: [1, 0, 0] };
  const second = maxLiquidation(acc, 0, 3, t, COMPOUND_V2_NOV_2020, 1, 2, newLiquidationOutcome());
  assert.is(second.status, 'ok');
  close(second.collateralSeized, 300);
  close(second.debtRepaid, 300 / 1.296);
  const choice = bestLiquidation(acc, 0, 3, t, COMPOUND_V2_NOV_2020, newPairChoice());
  assert.is(choice.collateralAt, 0);
  close(choice.profit, 48);
});

test.run();
