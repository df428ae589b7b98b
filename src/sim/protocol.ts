/**
 * The protocol contract. A new protocol kind (Aave-like markets and Maker-like systems today, an
 * option-margin venue next) implements this interface in its own folder under src/protocols/ and
 * is registered with one builder in src/sim/build/protocols.ts; nothing else in sim/ changes. The step loop,
 * settlement, shocks, balance sheets, contagion, invariants and the recorded metrics see a
 * protocol only through this contract, and the world holds all protocols in one list.
 *
 * Protocols never import sim/: each kind declares, in its own folder, the slice of these
 * contexts and of the ledger it calls (as dss's Dog declares the `VatLike` slice of the Vat), and
 * the builder that puts it into the world's list checks structurally that it satisfies this.
 *
 * Money figures are USD: collateral and debt at the protocol's own oracle prices, a stablecoin the
 * protocol issues at its par, what a liquidation seized at reference prices when seized.
 */
import type { Ledger } from './ledger.js';
import type { TxBase } from '../protocols/chain/txBase.js';

/**
 * What a protocol may use during a step: time, prices, the ledger and the event log. A context is
 * valid only during the call it is passed to (the world reuses one object), so a protocol reads
 * what it needs from it and never keeps it.
 */
export interface ProtocolContext {
  /**
   * Seconds since the start: the step's start for `accrue` and `mark`, the block time of the
   * transaction for `apply`, the end of the step for `settleDue`.
   */
  readonly now: number;
  readonly step: number;
  /** Seconds per step. */
  readonly dt: number;
  readonly ledger: Ledger;
  /** Reference (exogenous, USD) price per asset. */
  readonly reference: Float64Array;
  /** Published price per oracle. */
  readonly oraclePrices: Float64Array;
  /** Appends an event to the run's log (the world stamps it with the step and time). */
  record(type: string, fields: Record<string, unknown>): void;
}

/** The context of one included transaction: its sender, and the venues a bundled sale may use. */
export interface TxContext extends ProtocolContext {
  /** Ledger account of the sender. */
  readonly account: number;
  /** Id of the sending agent, for events. */
  readonly agent: string;
  /**
   * Sells seized collateral for the sender on venue `venue`, in the same bundle; returns what it
   * fetched. Without price feedback the sale is filled at the venue's quote and moves no price.
   */
  sellSeized(venue: number, assetIn: number, assetOut: number, amountIn: number): number;
  venueId(venue: number): string;
}

/**
 * A transaction addressed to a protocol: `protocol` is the protocol's index in the world's list,
 * and the protocol's kind declares the rest (its own `kind` values and fields).
 */
export interface ProtocolTx extends TxBase {
  kind: string;
  protocol: number;
}

/** The exploit shock: `share` of the protocol's reserves of `asset` (−1: of every asset) goes to account `to`. */
export interface Exploit {
  share: number;
  asset: number;
  to: number;
}

export interface Drained {
  asset: number;
  amount: number;
}

/** A protocol's books in USD (see the doc comment above). */
export interface BalanceSheetFigures {
  assets: number;
  liabilities: number;
  /** Losses the protocol has recognised (written off, drained, uncovered). */
  booked: number;
}

/** One column of timeseries.csv: its name, and how to read its value at the end of a step. */
export interface ProtocolMetric {
  column: string;
  read(): number;
}

/** What a run's summary reports for a protocol (report/summary.ts defines each figure). */
export interface ProtocolFigures {
  liquidatedUsd: number;
  liquidations: number;
  debtRepaidUsd: number;
  badDebtUsd: number;
  peakLiquidatableDebtUsd: number;
  /** Step of the first bad debt, −1 if none. */
  firstBadDebtStep: number;
  /** Figures of the kind's own, appended to its entry in summary.json in this order. */
  extra?: Record<string, unknown>;
}

export interface Protocol {
  /** The scenario's id of the protocol. */
  readonly id: string;
  /** The scenario's `kind` of the protocol. */
  readonly kind: string;
  /** Ledger account holding the protocol's tokens. */
  readonly account: number;

  /** Interest and fees over one step of `ctx.dt` seconds (not called at step 0). */
  accrue(ctx: ProtocolContext): void;
  /** Reads this step's oracle prices and finds what is liquidatable; opens the step's tallies. */
  mark(ctx: ProtocolContext): void;
  /**
   * Applies one of its own transactions at its block's time. What the protocol refuses (a bid too
   * low, a vault no longer unsafe) is recorded as an event, never thrown; a transaction of another
   * kind is an agent's bug and throws.
   */
  apply(tx: ProtocolTx, ctx: TxContext): void;
  /** What a transaction is about: the sender's new one about the same thing replaces its pending one. */
  transactionKey(tx: ProtocolTx): string;
  /** At the end of a step: what falls due (auctions ended, surplus against deficit, debt auctions). */
  settleDue(ctx: ProtocolContext): void;

  /** Debt that may be liquidated now, USD. */
  readonly liquidatableDebtUsd: number;
  /** The whole balance sheet (may scan every position). */
  balanceSheet(): BalanceSheetFigures;
  /** Liabilities and booked losses only, without valuing assets: cheap enough for every step. */
  obligations(): { liabilities: number; booked: number };
  /** The exploit shock: moves the drained tokens through the ledger and returns them. */
  drain(exploit: Exploit, ctx: ProtocolContext): Drained[];

  /**
   * Current values of the configurable parameters of `target` (a reserve's asset id, an ilk's
   * id), flat with dotted keys: `liquidationThreshold`, `rate.slope1`, `auction.buf`; a limit
   * that is not set reads Infinity. Throws an Error naming the targets when `target` is unknown.
   * Governance (governance.ts) learns a target's parameters from here alone.
   */
  parameters(target: string): Record<string, number>;
  /**
   * Sets parameters of `target` at time `ctx.now` (governance calls it with the step's context:
   * a block's time, or a step's start for a timelocked change), re-keying whatever depends on
   * them; what accrues by time (interest, stability fees) is brought up to `ctx.now` at the old
   * values first, through `ctx.ledger`. Throws an Error whose message is the reason for refusing
   * when the target or a parameter is unknown or the values are inconsistent, and then changes
   * nothing.
   */
  configure(target: string, params: Record<string, number>, ctx: ProtocolContext): void;
  /**
   * Time (seconds, `ctx.now` of the call) of the last change `configure` applied to `target`;
   * −Infinity if none. Throws, as `parameters` does, when `target` is unknown.
   */
  lastConfiguredAt(target: string): number;

  /** Violations of its books against the ledger (empty when all hold). */
  checkInvariants(ledger: Ledger): string[];
  /** The timeseries.csv columns it contributes, in order: asked for once, when the world is built; each read at every step's end. */
  metrics(): ProtocolMetric[];
  /** The run's figures so far. */
  figures(): ProtocolFigures;
}
