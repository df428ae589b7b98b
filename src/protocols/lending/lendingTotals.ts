/**
 * What a lending market counts over a run (the figures of summary.json) and within the current
 * step (the per-step columns of timeseries.csv).
 */
export interface LendingTotals {
  /** Liquidation calls that repaid something. */
  liquidations: number;
  /** Collateral seized, USD at reference prices when seized. */
  liquidatedUsd: number;
  /** Debt repaid by liquidators, USD at reference prices when repaid. */
  debtRepaidUsd: number;
  /** Debt written off, USD at oracle prices when written off. */
  badDebtUsd: number;
  /** Largest debt of liquidatable positions at the end of a step, USD. */
  peakLiquidatableDebtUsd: number;
  /** First step with bad debt, −1 if none. */
  firstBadDebtStep: number;
  /** This step's liquidation calls and the collateral they seized (USD at reference prices). */
  stepLiquidations: number;
  stepLiquidatedUsd: number;
}

export function newLendingTotals(): LendingTotals {
  return {
    liquidations: 0,
    liquidatedUsd: 0,
    debtRepaidUsd: 0,
    badDebtUsd: 0,
    peakLiquidatableDebtUsd: 0,
    firstBadDebtStep: -1,
    stepLiquidations: 0,
    stepLiquidatedUsd: 0,
  };
}
