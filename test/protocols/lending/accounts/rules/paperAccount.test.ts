/**
 * The account shape of Qin et al.'s (2021) largest Compound liquidation (the DAI oracle spike of
 * 26 November 2020, issue 15): DAI and USDC on both sides. The balances here are round
 * illustrative figures, not the on-chain ones (the replay scenario carries those): supply 100M DAI
 * and 50M USDC, borrow 80M DAI and 32M USDC; collateral factors 0.75, incentive 1.08, close factor 0.5.
 *
 * Split into single-asset pairs, the DAI pair has HF = 0.75 · 100 / 80 = 0.9375 at any DAI price
 * (both sides move together) and the USDC pair 0.75 · 50 / 32 = 1.171875 at any price: one always
 * liquidatable, one never. The account as a whole: W = 75·p + 37.5, B = 80·p + 32 (millions, p the
 * DAI price), HF < 1 ⟺ 75p + 37.5 < 80p + 32 ⟺ p > 1.1. At p = 1 HF = 112.5/112 = 1.0044642857142858
 * (healthy), at p = 1.3 HF = 135/136 = 0.9926470588235294.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { healthFactor } from '../../../../../src/protocols/lending/accounts/rules/accountRows.js';
import { COMPOUND_V2_NOV_2020, compoundAccountLiquidity } from '../../../../../src/protocols/lending/accounts/rules/compoundV2.js';
import { bestLiquidation, newPairChoice } from '../../../../../src/protocols/lending/accounts/rules/liquidatorChoice.js';
import { twoStepLiquidation } from '../../../../../src/protocols/lending/accounts/rules/twoStepLiquidation.js';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

const M = 1e6;
const account = {
  reserve: Uint8Array.from([0, 1]), // 0 DAI, 1 USDC
  collateral: Float64Array.from([100 * M, 50 * M]),
  debt: Float64Array.from([80 * M, 32 * M]),
  usedAsCollateral: Uint8Array.from([1, 1]),
};
const terms = (daiPrice: number) => ({
  price: Float64Array.from([daiPrice, 1]),
  liquidationThreshold: Float64Array.from([0.75, 0.75]),
  ltv: Float64Array.from([0.75, 0.75]),
  liquidationBonus: Float64Array.from([0, 0]),
  protocolFee: Float64Array.from([0, 0]),
});
const [DAI, USDC] = [0, 1];

test('pair view: the DAI pair is liquidatable at any price, the USDC pair never', () => {
  for (const p of [0.5, 1, 1.1, 1.3, 2]) {
    close(healthFactor(account, DAI, DAI + 1, terms(p)), 0.9375);
    close(healthFactor(account, USDC, USDC + 1, terms(p)), 1.171875);
  }
});

test('account view: healthy at $1, liquidatable above $1.10', () => {
  close(healthFactor(account, 0, 2, terms(1)), 1.0044642857142858);
  close(compoundAccountLiquidity(account, 0, 2, terms(1)), 0.5 * M); // 112.5M − 112M
  close(healthFactor(account, 0, 2, terms(1.3)), 0.9926470588235294);
  close(compoundAccountLiquidity(account, 0, 2, terms(1.3)), -1 * M); // 135M − 136M
  assert.ok(healthFactor(account, 0, 2, terms(1.0999)) > 1);
  assert.ok(healthFactor(account, 0, 2, terms(1.1001)) < 1);
});

test('at $1.30 the best call repays DAI and seizes cDAI', () => {
  // DAI/DAI: repay 40M DAI (50 % of 80M), seize 43.2M DAI: profit 3.2M · 1.3 = 4.16M USD
  // DAI/USDC: 40M · 1.08 · 1.3 = 56.16M > 50M USDC → repay 50M / 1.404 = 35.61M DAI, profit 50M − 46.30M = 3.70M
  // USDC/DAI and USDC/USDC: repay 16M USDC, profit 16M · 0.08 = 1.28M
  const choice = bestLiquidation(account, 0, 2, terms(1.3), COMPOUND_V2_NOV_2020, newPairChoice());
  assert.is(choice.debtAt, DAI);
  assert.is(choice.collateralAt, DAI);
  close(choice.outcome.debtRepaid, 40 * M);
  close(choice.outcome.collateralSeized, 43.2 * M);
  close(choice.profit, 4.16 * M);
});

test('two steps on the DAI/DAI pair at $1.30', () => {
  // W = 135M, B = 136M, m·CF = 1.08 · 0.75 = 0.81, target h = 1 − 1e-6:
  // x = (h · 136M − 135M) / (h − 0.81) = 999,864 / 0.189999 = 5,262,469.802472647 USD → r1 = x / 1.3 = 4,048,053.6942097284 DAI
  // second: 50 % of 80M − r1 = 37,975,973.15289514 DAI; total 40M + r1/2 = 42,024,026.84710486 DAI
  // profit = 0.08 · 1.3 · total = 4,370,498.792098906 USD vs 4.16M in one call
  const plan = twoStepLiquidation(account, 0, 2, terms(1.3), COMPOUND_V2_NOV_2020, DAI, DAI);
  close(plan.first.debtRepaid, 4048053.6942097284);
  close(plan.first.collateralSeized, 4371897.989746507);
  close(plan.healthFactorBetween, 1 - 1e-6);
  close(plan.second.debtRepaid, 37975973.15289514);
  close(plan.profit, 4370498.792098906);
  close(plan.oneStepProfit, 4.16 * M);
});

test.run();
