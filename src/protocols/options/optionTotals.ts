/**
 * What an option venue counts over a run (the figures of summary.json) and within the current
 * step (the per-step columns of timeseries.csv).
 */
export interface OptionTotals {
  /** Take-overs that moved something. */
  liquidations: number;
  /** Paid out of liquidated accounts to liquidators (mark ± discount), USD. */
  liquidatedUsd: number;
  /** Mark value of the positions (and coin) taken over, USD. */
  debtRepaidUsd: number;
  /** Negative cash written off when an account had nothing left, USD. */
  badDebtUsd: number;
  peakLiquidatableDebtUsd: number;
  firstBadDebtStep: number;
  stepLiquidations: number;
  stepLiquidatedUsd: number;
  /** Paid to long positions at expiry, USD. */
  settledUsd: number;
  expiries: number;
  auctionsCleared: number;
  /** Contracts sold in auctions and the premium paid for them, USD. */
  auctionContracts: number;
  auctionPremiumUsd: number;
  /** Underlying bought (+) and sold (as a positive number) through the hedge route. */
  hedgeBought: number;
  hedgeSold: number;
  peakAtmVol: number;
  peakSkew: number;
}

export function newOptionTotals(): OptionTotals {
  return {
    liquidations: 0,
    liquidatedUsd: 0,
    debtRepaidUsd: 0,
    badDebtUsd: 0,
    peakLiquidatableDebtUsd: 0,
    firstBadDebtStep: -1,
    stepLiquidations: 0,
    stepLiquidatedUsd: 0,
    settledUsd: 0,
    expiries: 0,
    auctionsCleared: 0,
    auctionContracts: 0,
    auctionPremiumUsd: 0,
    hedgeBought: 0,
    hedgeSold: 0,
    peakAtmVol: 0,
    peakSkew: 0,
  };
}
