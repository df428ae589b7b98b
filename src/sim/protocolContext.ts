/**
 * The context the world hands its protocols (protocol.ts). A step settles up to hundreds of
 * thousands of transactions, so no context is allocated per call: each world keeps one object
 * and sets its time, step and sender before each call. That is why the contract says a context
 * is valid only during the call it is passed to.
 */
import type { World } from './worldTypes.js';
import type { Ledger } from './ledger.js';
import type { ProtocolContext, TxContext } from './protocol.js';
import type { Inclusion } from './blockspace.js';
import { record } from './events.js';
import { sell } from './sale.js';

export class ProtocolContexts implements TxContext {
  now = 0;
  step = 0;
  account = -1;
  agent = '';
  readonly dt: number;
  readonly ledger: Ledger;
  readonly reference: Float64Array;
  readonly oraclePrices: Float64Array;

  constructor(private readonly w: World) {
    this.dt = w.dt;
    this.ledger = w.ledger;
    this.reference = w.reference;
    this.oraclePrices = w.oraclePrices;
  }

  record(type: string, fields: Record<string, unknown>): void {
    record(this.w, type, fields);
  }

  /** Whether `record` keeps anything: protocols may skip building events' fields when not. */
  get recording(): boolean {
    return this.w.recordEvents;
  }

  /** A liquidation sale: without price feedback it is filled at the quote and moves no price. */
  sellSeized(venue: number, assetIn: number, assetOut: number, amountIn: number): number {
    return sell(this.w, this.account, venue, assetIn, assetOut, amountIn, !this.w.priceFeedback, this.agent);
  }

  venueId(venue: number): string {
    return this.w.venues[venue].id;
  }

  /** The context of the current step at time `now` (seconds), with no sender. */
  atStep(now: number): ProtocolContext {
    this.now = now;
    this.step = this.w.step;
    this.account = -1;
    this.agent = '';
    return this;
  }

  /** The context of one included transaction: its block time, its sender's account and id. */
  forTx(inclusion: Inclusion, account: number): TxContext {
    this.now = inclusion.time;
    this.step = this.w.step;
    this.account = account;
    this.agent = this.w.agents[inclusion.tx.sender].id;
    return this;
  }
}
