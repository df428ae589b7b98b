/**
 * The two-step liquidation of Qin, Zhou, Gamito, Jovanovic & Gervais (2021), "An Empirical Study
 * of DeFi Liquidations: Incentives, Risks, and Instabilities" (IMC '21, arXiv:2106.06389), the
 * section "Optimal Fixed Spread Liquidation Strategy". A close factor caps one call at a share of
 * the debt *as it stands*; two calls in a row are capped at a share of what the first left. So:
 *
 *   1. repay as much as possible while the account stays liquidatable: the amount that brings its
 *      health factor to just below 1 (`targetHealthFactor`), or the most one call allows if that
 *      is less (as when each repayment lowers the health factor: then any first call leaves the
 *      account liquidatable);
 *   2. liquidate again, up to what the rules allow at the health factor the first call left (Aave:
 *      100 % if it is now at or below 0.95).
 *
 * Total repaid r1 + CF·(D − r1) grows with r1, which is why the first call is as large as the
 * "still liquidatable" condition permits. The paper states the strategy for one collateral and one
 * debt asset; here the pair is the one chosen on a cross-margined account and the health factor is
 * the account's, so with x the debt value repaid in the first call, m the collateral value seized
 * per unit of it (Aave 1 + bonus, Compound the incentive) and LT_k the seized reserve's threshold:
 *
 *   HF(x) = (W − m·LT_k·x) / (B − x)   →   HF(x) = h  at  x = (h·B − W) / (h − m·LT_k)
 *
 * with W = Σ c·P·LT and B = Σ d·P. HF(x) − HF has the sign of HF − m·LT_k, so when HF ≤ m·LT_k
 * every repayment lowers the health factor and the first call is simply the largest allowed.
 * (Only the paper's abstract and secondary summaries of the section were available to the
 * author through the search tool; the two steps above are as those describe them.)
 */
import { type AccountEntries, type ReserveTerms, accountTotals, healthFactorOf, newAccountTotals } from './accountRows.js';
import { aaveHealthFactorOf, aaveLiquidationAmounts } from './aaveV3.js';
import { compoundLiquidationAmounts } from './compoundV2.js';
import { type LiquidationRules, liquidationProfit, maxLiquidationAt, seizable } from './liquidatorChoice.js';
import { type LiquidationOutcome, copyOutcome, newLiquidationOutcome, refuse } from './outcome.js';

export interface TwoStepPlan {
  /** The first call (repays so that the account stays liquidatable). */
  first: LiquidationOutcome;
  /** The account's health factor after the first call. */
  healthFactorBetween: number;
  /** The second call: the most allowed at `healthFactorBetween`. */
  second: LiquidationOutcome;
  /** The liquidator's profit of both calls in USD (liquidationProfit). */
  profit: number;
  /** The one-step alternative on the same pair: the most allowed in a single call. */
  oneStep: LiquidationOutcome;
  oneStepProfit: number;
}

export interface TwoStepOptions {
  /**
   * Health factor the first call aims for, just below 1 so that the second call is still allowed.
   * Default 1 − 1e-6: a margin the contracts' integer rounding cannot cross; the plan repays about
   * 1e-6 less than the limit at exactly 1.
   */
  targetHealthFactor?: number;
  /** Sale cost per collateral reserve (fractions) for the profits; omitted: none. */
  saleCost?: ArrayLike<number>;
}

/**
 * Qin et al.'s two-step liquidation of entry `debtAt`'s debt against entry `collateralAt`'s
 * collateral, next to the one-step call on the same pair. On a healthy account or a refused pair
 * both plans repay nothing (the statuses say why).
 */
export function twoStepLiquidation(
  entries: AccountEntries,
  from: number,
  to: number,
  terms: ReserveTerms,
  rules: LiquidationRules,
  debtAt: number,
  collateralAt: number,
  options: TwoStepOptions = {},
): TwoStepPlan {
  const h = options.targetHealthFactor ?? 1 - 1e-6;
  const t = accountTotals(entries, from, to, terms, newAccountTotals());
  const hfOf = () => (rules.kind === 'aave-v3' ? aaveHealthFactorOf(t, rules) : healthFactorOf(t));
  const hf = hfOf();
  const d = entries.reserve[debtAt];
  const c = entries.reserve[collateralAt];
  const debtPrice = terms.price[d];
  const collateralPrice = terms.price[c];
  const cost = options.saleCost ? options.saleCost[c] : 0;
  const plan: TwoStepPlan = {
    first: newLiquidationOutcome(),
    healthFactorBetween: hf,
    second: newLiquidationOutcome(),
    profit: 0,
    oneStep: newLiquidationOutcome(),
    oneStepProfit: 0,
  };
  maxLiquidationAt(entries, terms, rules, hf, debtAt, collateralAt, plan.oneStep);
  if (plan.oneStep.status !== 'ok') {
    copyOutcome(plan.oneStep, plan.first);
    refuse(plan.second, plan.oneStep.status, hf);
    return plan;
  }
  plan.oneStepProfit = liquidationProfit(plan.oneStep, debtPrice, collateralPrice, cost);

  const counts = entries.usedAsCollateral[collateralAt] !== 0 && terms.liquidationThreshold[c] > 0 ? 1 : 0;
  const lt = terms.liquidationThreshold[c] * counts;
  const m = rules.kind === 'aave-v3' ? 1 + terms.liquidationBonus[c] : rules.liquidationIncentive;
  // HF(x) − HF has the sign of HF − m·LT_k: only while HF > m·LT_k does repaying lift the account
  // toward h (and then h > HF > m·LT_k keeps the denominator positive)
  let firstRepay = plan.oneStep.debtRepaid;
  if (t.thresholdValue > m * lt * t.debtValue) firstRepay = Math.min(firstRepay, (h * t.debtValue - t.thresholdValue) / (h - m * lt) / debtPrice);
  if (!(firstRepay > 0)) {
    // already at or above the target (h ≤ HF < 1): no first call leaves room for a second
    copyOutcome(plan.oneStep, plan.first);
    refuse(plan.second, 'healthy', hf);
    plan.profit = plan.oneStepProfit;
    return plan;
  }
  const debt = entries.debt[debtAt];
  const collateral = entries.collateral[collateralAt];
  if (rules.kind === 'aave-v3') {
    aaveLiquidationAmounts(hf, debt, debtPrice, collateral, collateralPrice, terms.liquidationBonus[c], terms.protocolFee[c], firstRepay, rules, plan.first);
  } else {
    compoundLiquidationAmounts(hf, debt, debtPrice, collateral, collateralPrice, firstRepay, rules, plan.first);
  }

  // the account after the first call: only the two balances and the sums move
  const debtLeft = debt - plan.first.debtRepaid;
  const collateralLeft = collateral - plan.first.collateralSeized;
  const seizedValue = plan.first.collateralSeized * collateralPrice * counts;
  t.collateralValue -= seizedValue;
  t.thresholdValue -= seizedValue * terms.liquidationThreshold[c];
  t.ltvValue -= seizedValue * terms.ltv[c];
  t.debtValue -= plan.first.debtRepaid * debtPrice;
  const hf1 = hfOf();
  plan.healthFactorBetween = hf1;

  if (!(hf1 < 1)) refuse(plan.second, 'healthy', hf1);
  else if (!(debtLeft > 0)) refuse(plan.second, 'no-debt', hf1);
  else if (!(collateralLeft > 0) || (rules.kind === 'aave-v3' && !seizable(entries, terms, rules, collateralAt))) refuse(plan.second, 'collateral-not-enabled', hf1);
  else if (rules.kind === 'aave-v3') {
    aaveLiquidationAmounts(hf1, debtLeft, debtPrice, collateralLeft, collateralPrice, terms.liquidationBonus[c], terms.protocolFee[c], Infinity, rules, plan.second);
  } else {
    const repay = Math.max(0, Math.min(debtLeft * rules.closeFactor, (collateralLeft * collateralPrice) / (rules.liquidationIncentive * debtPrice)));
    compoundLiquidationAmounts(hf1, debtLeft, debtPrice, collateralLeft, collateralPrice, repay, rules, plan.second);
  }
  plan.profit = liquidationProfit(plan.first, debtPrice, collateralPrice, cost) + (plan.second.status === 'ok' ? liquidationProfit(plan.second, debtPrice, collateralPrice, cost) : 0);
  return plan;
}
