/**
 * What a CDP system counts over a run and the events it reports at settlement. One totals
 * object is shared by the system's parts (liquidation, collateral auctions, the Vow), each
 * adding to its own counters, so the report reads a single record.
 */

export interface CdpTotals {
  bites: number;
  /** USD value at reference prices of collateral put up for auction. */
  auctionedUsd: number;
  /** Stablecoin debt taken from vaults into auctions. */
  debtAuctioned: number;
  /** Finished auctions. */
  auctions: number;
  zeroBidWins: number;
  /** USD value (reference price at the end) of collateral won with a bid of zero. */
  collateralSoldAtZeroUsd: number;
  /** Stablecoin raised by collateral auctions. */
  raised: number;
  /** Deficit covered by debt auctions, stablecoin. */
  deficitCovered: number;
  governanceMinted: number;
  governanceMintedUsd: number;
  debtAuctions: number;
  /** Stablecoin paid as keeper incentives (Dutch kick and redo). */
  incentives: number;
  /** Peak debt (stablecoin) of unsafe vaults at one step. */
  peakUnsafeDebt: number;
  /** First step with a deficit, −1 if none. */
  firstDeficitStep: number;
}

export function newCdpTotals(): CdpTotals {
  return {
    bites: 0,
    auctionedUsd: 0,
    debtAuctioned: 0,
    auctions: 0,
    zeroBidWins: 0,
    collateralSoldAtZeroUsd: 0,
    raised: 0,
    deficitCovered: 0,
    governanceMinted: 0,
    governanceMintedUsd: 0,
    debtAuctions: 0,
    incentives: 0,
    peakUnsafeDebt: 0,
    firstDeficitStep: -1,
  };
}

/** An event of settlement (auction dealt, debt auction sold or unsold), recorded by the simulator. */
export type CdpEvent = { type: string; [key: string]: unknown };
