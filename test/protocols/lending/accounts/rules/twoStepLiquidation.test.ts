/**
 * Qin et al.'s (2021) two-step liquidation against its one-step alternative, worked by hand.
 * First call: the repayment x (in USD) that brings HF = (W − m·LT_k·x)/(B − x) to the target h,
 * x = (h·B − W)/(h − m·LT_k), or the largest call when that is more; second call: the largest the
 * rules allow at the new health factor.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AAVE_V3 } from '../../../../../src/protocols/lending/accounts/rules/aaveV3.js';
import { twoStepLiquidation } from '../../../../../src/protocols/lending/accounts/rules/twoStepLiquidation.js';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('Aave, a call that raises HF: the first stops at the target, the second takes half of what is left', () => {
  // 10 WETH at $1500, LT 0.825, bonus 5 %, no fee; 12,500 USDC debt. W = 12375, B = 12500, HF = 0.99.
  // m·LT = 1.05 · 0.825 = 0.86625 < h = 0.999, so
  // x = (0.999 · 12500 − 12375) / (0.999 − 0.86625) = 112.5 / 0.13275 = 847.457627118644 USDC;
  // then HF = 0.999 > 0.95 → the second call repays 50 % of 12500 − 847.4576 = 5826.271186440678.
  // Total 6673.728813559323 against 6250 in one call; profit = 5 % of the repaid value.
  const terms = { price: [1500, 1], liquidationThreshold: [0.825, 0.875], ltv: [0.8, 0.85], liquidationBonus: [0.05, 0.045], protocolFee: [0, 0] };
  const acc = { reserve: [0, 1], collateral: [10, 0], debt: [0, 12500], usedAsCollateral: [1, 0] };
  const plan = twoStepLiquidation(acc, 0, 2, terms, AAVE_V3, 1, 0, { targetHealthFactor: 0.999 });
  close(plan.first.debtRepaid, 847.457627118644);
  close(plan.healthFactorBetween, 0.999);
  assert.is(plan.second.closeFactor, 0.5);
  close(plan.second.debtRepaid, 5826.271186440678);
  close(plan.oneStep.debtRepaid, 6250);
  close(plan.oneStepProfit, 312.5); // 6250 · 0.05
  close(plan.profit, 6673.728813559323 * 0.05);
});

test('Aave, a call that lowers HF: the first takes the full 50 %, which drops HF below 0.95, and the second closes the rest', () => {
  // 100 X at $1, LT 0.86, bonus 15 % (m·LT = 1.15 · 0.86 = 0.989, allowed by Aave's LT·(1+bonus) ≤ 1);
  // 90 Y debt at $1. HF = 86 / 90 = 0.9556 < 0.989, so every repayment lowers HF: the first call is
  // the largest, 45 repaid and 51.75 seized; HF = (48.25 · 0.86) / 45 = 41.495 / 45 = 0.9221111111111111
  // ≤ 0.95 → the second may repay all 45, which would seize 51.75 > 48.25 left, so it seizes 48.25
  // and repays 48.25 / 1.15 = 41.95652173913044. Total seized 100; profit 100 − 100/1.15 =
  // 13.043478260869565 against 45 · 0.15 = 6.75 in one call.
  const terms = { price: [1, 1], liquidationThreshold: [0.86, 0.86], ltv: [0.8, 0.8], liquidationBonus: [0.15, 0.15], protocolFee: [0, 0] };
  const acc = { reserve: [0, 1], collateral: [100, 0], debt: [0, 90], usedAsCollateral: [1, 0] };
  const plan = twoStepLiquidation(acc, 0, 2, terms, AAVE_V3, 1, 0);
  close(plan.first.debtRepaid, 45);
  close(plan.first.collateralSeized, 51.75);
  close(plan.healthFactorBetween, 0.9221111111111111);
  assert.is(plan.second.closeFactor, 1);
  close(plan.second.collateralSeized, 48.25);
  close(plan.second.debtRepaid, 41.95652173913044);
  close(plan.profit, 13.043478260869565);
  close(plan.oneStepProfit, 6.75);
});

test('a healthy account, or one already at the target, gets no second call', () => {
  const terms = { price: [1500, 1], liquidationThreshold: [0.825, 0.875], ltv: [0.8, 0.85], liquidationBonus: [0.05, 0.045], protocolFee: [0, 0] };
  const healthy = twoStepLiquidation({ reserve: [0, 1], collateral: [10, 0], debt: [0, 12000], usedAsCollateral: [1, 0] }, 0, 2, terms, AAVE_V3, 1, 0);
  assert.is(healthy.first.status, 'healthy'); // 12375 / 12000 > 1
  assert.is(healthy.profit, 0);
  // HF = 0.99 is above a target of 0.98: the plan is the one-step call
  const above = twoStepLiquidation({ reserve: [0, 1], collateral: [10, 0], debt: [0, 12500], usedAsCollateral: [1, 0] }, 0, 2, terms, AAVE_V3, 1, 0, { targetHealthFactor: 0.98 });
  close(above.first.debtRepaid, 6250);
  assert.is(above.second.status, 'healthy');
  close(above.profit, above.oneStepProfit);
});

test.run();
