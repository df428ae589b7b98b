/**
 * The few things a lending market uses of the simulator that hosts it, declared here (as dss's
 * Dog declares the `VatLike` slice of the Vat it calls) so that this folder never imports the
 * simulator. The simulator's ledger and contexts (src/sim/protocol.ts) satisfy them as they are.
 */

/** The ledger calls a lending market makes: every token it moves has two sides there. */
export interface LedgerLike {
  account(name: string): number;
  balance(account: number, asset: number): number;
  transfer(from: number, to: number, asset: number, amount: number): void;
  mint(to: number, asset: number, amount: number): void;
  /** A mint to `wallet` (outside the model) and a transfer from it to `to`, in one call (src/sim/ledger.ts). */
  mintThrough(wallet: number, to: number, asset: number, amount: number): void;
}

/** A step's clock and the oracle prices, for interest, marking and governance changes. */
export interface StepContext {
  /** Seconds since the start: when a governance change takes effect. */
  readonly now: number;
  readonly step: number;
  /** Seconds per step. */
  readonly dt: number;
  /** Published price per world oracle. */
  readonly oraclePrices: Float64Array;
}

export interface LedgerContext {
  readonly ledger: LedgerLike;
}

/** One included transaction: its sender, prices, the event log and the venue its sale goes to. */
export interface TxContext extends LedgerContext {
  readonly step: number;
  readonly reference: Float64Array;
  readonly account: number;
  readonly agent: string;
  record(type: string, fields: Record<string, unknown>): void;
  /**
   * False when the host keeps no event log, so that a settlement need not build the events'
   * fields only for `record` to drop them (a crash settles hundreds of thousands of
   * liquidations). A host that does not say is recorded to as before.
   */
  readonly recording?: boolean;
  sellSeized(venue: number, assetIn: number, assetOut: number, amountIn: number): number;
  venueId(venue: number): string;
}
