/**
 * The few things a CDP system uses of the simulator that hosts it, declared here (as dss's Dog
 * declares the `VatLike` slice of the Vat it calls) so that this folder never imports the
 * simulator. The simulator's ledger and contexts (src/sim/protocol.ts) satisfy them as they are.
 */

/** The ledger calls a CDP system makes: every token it moves has two sides there. */
export interface LedgerLike {
  account(name: string): number;
  balance(account: number, asset: number): number;
  transfer(from: number, to: number, asset: number, amount: number): void;
  mint(to: number, asset: number, amount: number): void;
  /** A mint to `wallet` (outside the model) and a transfer from it to `to`, in one call (src/sim/ledger.ts). */
  mintThrough(wallet: number, to: number, asset: number, amount: number): void;
  burn(from: number, asset: number, amount: number): void;
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
}
