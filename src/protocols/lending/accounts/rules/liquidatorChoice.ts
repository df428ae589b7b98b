/**
 * What a liquidator chooses on a cross-margined account: which debt to repay and which collateral
 * to take, and how much. Both protocols let the liquidator pick the pair; the call's amounts then
 * follow from the protocol's rules (aaveV3.ts, compoundV2.ts).
 *
 * With a fixed spread the liquidator's profit is linear in the repayment: each unit of debt value
 * repaid brings (1 + bonus) units of collateral value, less the protocol's share, less the cost of
 * selling that collateral (a fraction per collateral reserve). So on each pair the best amount is
 * either the most the rules allow or nothing, and the best call is the most profitable pair at
 * its largest allowed amount. (Costs that grow with size, such as slippage, would break this; the
 * caller passes proportional costs.)
 */
import { type AccountEntries, type ReserveTerms, accountTotals, healthFactorOf, newAccountTotals } from './accountRows.js';
import { type AaveRules, aaveHealthFactor, aaveLiquidationAmounts } from './aaveV3.js';
import { type CompoundRules, compoundLiquidationAmounts, compoundMaxRepay } from './compoundV2.js';
import { type LiquidationOutcome, copyOutcome, newLiquidationOutcome, refuse } from './outcome.js';

export type LiquidationRules = AaveRules | CompoundRules;

const totals = newAccountTotals();

/** The account's health factor under `rules` (Compound: Σ c·P·CF / Σ b·P, below 1 exactly on a shortfall). */
export function ruleHealthFactor(entries: AccountEntries, from: number, to: number, terms: ReserveTerms, rules: LiquidationRules): number {
  return rules.kind === 'aave-v3' ? aaveHealthFactor(entries, from, to, terms, rules) : healthFactorOf(accountTotals(entries, from, to, terms, totals));
}

/** Whether entry `e` can be seized under `rules`: Aave needs it enabled as collateral; Compound any supplied balance. */
export function seizable(entries: AccountEntries, terms: ReserveTerms, rules: LiquidationRules, e: number): boolean {
  if (!(entries.collateral[e] > 0)) return false;
  return rules.kind === 'compound-v2' || (entries.usedAsCollateral[e] !== 0 && terms.liquidationThreshold[entries.reserve[e]] > 0);
}

/**
 * The largest call on one pair, given the account's health factor `hf` (from ruleHealthFactor):
 * Aave with debtToCover = type(uint256).max, Compound with compoundMaxRepay.
 */
export function maxLiquidationAt(entries: AccountEntries, terms: ReserveTerms, rules: LiquidationRules, hf: number, debtAt: number, collateralAt: number, out: LiquidationOutcome): LiquidationOutcome {
  if (!(hf < 1)) return refuse(out, 'healthy', hf);
  if (!seizable(entries, terms, rules, collateralAt)) return refuse(out, 'collateral-not-enabled', hf);
  if (!(entries.debt[debtAt] > 0)) return refuse(out, 'no-debt', hf);
  const d = entries.reserve[debtAt];
  const c = entries.reserve[collateralAt];
  if (rules.kind === 'aave-v3') {
    return aaveLiquidationAmounts(hf, entries.debt[debtAt], terms.price[d], entries.collateral[collateralAt], terms.price[c], terms.liquidationBonus[c], terms.protocolFee[c], Infinity, rules, out);
  }
  const repay = compoundMaxRepay(entries, terms, debtAt, collateralAt, rules);
  return compoundLiquidationAmounts(hf, entries.debt[debtAt], terms.price[d], entries.collateral[collateralAt], terms.price[c], repay, rules, out);
}

/** The largest call on one pair of the account [from, to). */
export function maxLiquidation(
  entries: AccountEntries,
  from: number,
  to: number,
  terms: ReserveTerms,
  rules: LiquidationRules,
  debtAt: number,
  collateralAt: number,
  out: LiquidationOutcome,
): LiquidationOutcome {
  return maxLiquidationAt(entries, terms, rules, ruleHealthFactor(entries, from, to, terms, rules), debtAt, collateralAt, out);
}

/**
 * The liquidator's profit in USD: the collateral it receives, valued at the oracle price less the
 * sale cost (a fraction), minus the debt it repays at the oracle price.
 */
export function liquidationProfit(outcome: LiquidationOutcome, debtPrice: number, collateralPrice: number, saleCost = 0): number {
  return outcome.liquidatorCollateral * collateralPrice * (1 - saleCost) - outcome.debtRepaid * debtPrice;
}

export interface PairChoice {
  /** Entry repaid, or −1 when no pair pays. */
  debtAt: number;
  /** Entry seized, or −1. */
  collateralAt: number;
  /** Profit in USD of the call (liquidationProfit), 0 when no pair pays. */
  profit: number;
  /** The call on the chosen pair. */
  outcome: LiquidationOutcome;
}

export function newPairChoice(): PairChoice {
  return { debtAt: -1, collateralAt: -1, profit: 0, outcome: newLiquidationOutcome() };
}

const trial = newLiquidationOutcome();

/**
 * The (debt, collateral) pair whose largest allowed call pays the liquidator most, after the
 * per-reserve sale costs `saleCost` (fractions; omitted: none). Writes into `out` and returns it;
 * `out.debtAt` is −1 when the account is healthy or no pair has a positive profit (then
 * `out.outcome` says why the last pair tried was refused, or holds a call that would lose money).
 * Ties go to the first pair in entry order, so the choice is deterministic.
 */
export function bestLiquidation(entries: AccountEntries, from: number, to: number, terms: ReserveTerms, rules: LiquidationRules, out: PairChoice, saleCost?: ArrayLike<number>): PairChoice {
  const hf = ruleHealthFactor(entries, from, to, terms, rules);
  out.debtAt = -1;
  out.collateralAt = -1;
  out.profit = 0;
  refuse(out.outcome, 'healthy', hf);
  if (!(hf < 1)) return out;
  for (let d = from; d < to; d++) {
    if (!(entries.debt[d] > 0)) continue;
    const debtPrice = terms.price[entries.reserve[d]];
    for (let c = from; c < to; c++) {
      if (!seizable(entries, terms, rules, c)) continue;
      maxLiquidationAt(entries, terms, rules, hf, d, c, trial);
      if (trial.status !== 'ok') continue;
      const rc = entries.reserve[c];
      const profit = liquidationProfit(trial, debtPrice, terms.price[rc], saleCost ? saleCost[rc] : 0);
      if (profit > out.profit) {
        out.debtAt = d;
        out.collateralAt = c;
        out.profit = profit;
        copyOutcome(trial, out.outcome);
      }
    }
  }
  return out;
}
