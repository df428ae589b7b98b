/**
 * The few things an option venue uses of the simulator that hosts it, declared here (as dss's
 * Dog declares the `VatLike` slice of the Vat it calls) so that this folder never imports the
 * simulator. The simulator's ledger and contexts (src/sim/protocol.ts) satisfy them as they are.
 */

/** The ledger calls an option venue makes: every token it moves has two sides there. */
export interface LedgerLike {
  account(name: string): number;
  balance(account: number, asset: number): number;
  transfer(from: number, to: number, asset: number, amount: number): void;
  mint(to: number, asset: number, amount: number): void;
}

export interface LedgerContext {
  readonly ledger: LedgerLike;
}

/** Time, prices and the event log during a step. */
export interface StepContext extends LedgerContext {
  /** Seconds since the start (the end of the step when settling what falls due). */
  readonly now: number;
  readonly step: number;
  /** Seconds per step. */
  readonly dt: number;
  /** Published price per world oracle. */
  readonly oraclePrices: Float64Array;
  /** Reference (USD) price per world asset. */
  readonly reference: Float64Array;
  record(type: string, fields: Record<string, unknown>): void;
}

/** One included transaction at its block's time `now`, sent from ledger account `account` by agent `agent`. */
export interface TxContext extends StepContext {
  readonly account: number;
  readonly agent: string;
  /**
   * Sells `amountIn` of `assetIn` for `assetOut` on venue `venue` for the sender, in the same
   * bundle; returns what it fetched. Without price feedback it is filled at the quote and moves
   * no price (the simulator's counterfactual for liquidation sales, which hedges are).
   */
  sellSeized(venue: number, assetIn: number, assetOut: number, amountIn: number): number;
  venueId(venue: number): string;
}
