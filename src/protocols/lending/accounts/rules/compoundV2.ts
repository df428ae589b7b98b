/**
 * Compound v2's liquidation rules on an account, as the Comptroller and CToken stood in November
 * 2020 (Comptroller G6: getHypotheticalAccountLiquidityInternal, liquidateBorrowAllowed,
 * liquidateCalculateSeizeTokens; CToken.liquidateBorrowFresh), in floating point instead of
 * Exp mantissas.
 *
 *   liquidity      Σ c·P·collateralFactor over entered markets − Σ borrow·P; a negative value is
 *                  the shortfall, and only an account with a shortfall can be liquidated
 *   close factor   the repayment may not exceed closeFactor × the borrow balance of the repaid
 *                  asset (TOO_MUCH_REPAY; the call fails rather than being cut down)
 *   seize          repay · liquidationIncentive · P_borrowed / P_collateral, in the chosen
 *                  collateral; more than the borrower's balance reverts (LIQUIDATE_SEIZE_TOO_MUCH)
 *
 * Balances are in underlying tokens: a cToken balance is taken at an exchange rate of 1, so
 * "seizeTokens" here are underlying tokens (the contract divides by exchangeRateStored; the value
 * is the same). The collateral seized need not be in an entered market: seizeAllowed only asks
 * that both markets are listed. The protocol seize share (the part of the seized cTokens added to
 * reserves) came with the 2021 CToken upgrade; it is a parameter, 0 for November 2020.
 */
import { type AccountEntries, type ReserveTerms, accountTotals, healthFactorOf, newAccountTotals } from './accountRows.js';
import { accept, type LiquidationOutcome, refuse } from './outcome.js';

export interface CompoundRules {
  readonly kind: 'compound-v2';
  /** closeFactorMantissa (0.5 in November 2020). */
  readonly closeFactor: number;
  /** liquidationIncentiveMantissa (1.08 in November 2020): the seized value per unit of value repaid. */
  readonly liquidationIncentive: number;
  /** protocolSeizeShareMantissa: share of the seized tokens kept by the protocol (0 before 2021; 0.028 after). */
  readonly protocolSeizeShare: number;
}

export const COMPOUND_V2_NOV_2020: CompoundRules = { kind: 'compound-v2', closeFactor: 0.5, liquidationIncentive: 1.08, protocolSeizeShare: 0 };

const totals = newAccountTotals();

/**
 * Account liquidity in USD: Σ collateral·price·collateralFactor over entered markets − Σ borrow·price
 * (the `liquidationThreshold` array holds the collateral factors). Negative: a shortfall.
 */
export function compoundAccountLiquidity(entries: AccountEntries, from: number, to: number, terms: ReserveTerms): number {
  accountTotals(entries, from, to, terms, totals);
  return totals.thresholdValue - totals.debtValue;
}

/**
 * The largest repayment of entry `debtAt`'s borrow, seizing entry `collateralAt`, that neither
 * exceeds the close factor nor seizes more than the balance: min(closeFactor · borrow,
 * collateral · P_c / (incentive · P_b)). Compound's contract has no "as much as allowed" call, so a
 * liquidator computes this first.
 */
export function compoundMaxRepay(entries: AccountEntries, terms: ReserveTerms, debtAt: number, collateralAt: number, rules: CompoundRules = COMPOUND_V2_NOV_2020): number {
  const byCloseFactor = entries.debt[debtAt] * rules.closeFactor;
  const byCollateral = (entries.collateral[collateralAt] * terms.price[entries.reserve[collateralAt]]) / (rules.liquidationIncentive * terms.price[entries.reserve[debtAt]]);
  return Math.max(0, Math.min(byCloseFactor, byCollateral));
}

/**
 * The amounts of `liquidateBorrow(borrower, repayAmount, cTokenCollateral)` from the health
 * factor (Σ c·P·CF / Σ b·P, below 1 exactly when there is a shortfall) and the two balances.
 */
export function compoundLiquidationAmounts(
  healthFactor: number,
  borrowBalance: number,
  borrowPrice: number,
  collateralBalance: number,
  collateralPrice: number,
  repayAmount: number,
  rules: CompoundRules,
  out: LiquidationOutcome,
): LiquidationOutcome {
  if (!(healthFactor < 1)) return refuse(out, 'healthy', healthFactor);
  if (!(borrowBalance > 0)) return refuse(out, 'no-debt', healthFactor, rules.closeFactor);
  if (repayAmount > borrowBalance * rules.closeFactor) return refuse(out, 'too-much-repay', healthFactor, rules.closeFactor);
  if (!(repayAmount > 0)) return refuse(out, 'invalid-amount', healthFactor, rules.closeFactor);
  let seize = (repayAmount * rules.liquidationIncentive * borrowPrice) / collateralPrice;
  // the contract compares integers; a repayment from compoundMaxRepay can land one float ulp above
  // the balance it was computed from, which is the balance itself, not a revert
  if (seize > collateralBalance * (1 + 1e-12)) return refuse(out, 'seize-too-much', healthFactor, rules.closeFactor);
  if (seize > collateralBalance) seize = collateralBalance;
  const protocolShare = seize * rules.protocolSeizeShare;
  return accept(out, healthFactor, rules.closeFactor, repayAmount, seize, protocolShare);
}

/**
 * Compound v2 `liquidateBorrow` on the account: repay `repayAmount` tokens of entry `debtAt`'s
 * borrow and seize entry `collateralAt`'s supply (absolute indices into `entries`; may be the same
 * entry, as when a DAI borrower's cDAI is seized). Writes into `out` and returns it.
 */
export function compoundLiquidateBorrow(
  entries: AccountEntries,
  from: number,
  to: number,
  terms: ReserveTerms,
  debtAt: number,
  collateralAt: number,
  repayAmount: number,
  out: LiquidationOutcome,
  rules: CompoundRules = COMPOUND_V2_NOV_2020,
): LiquidationOutcome {
  const hf = healthFactorOf(accountTotals(entries, from, to, terms, totals));
  return compoundLiquidationAmounts(
    hf,
    entries.debt[debtAt],
    terms.price[entries.reserve[debtAt]],
    entries.collateral[collateralAt],
    terms.price[entries.reserve[collateralAt]],
    repayAmount,
    rules,
    out,
  );
}
