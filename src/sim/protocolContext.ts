/**
 * The contexts the world hands its protocols (protocol.ts): one per step phase, and one per
 * included transaction with its sender and block time.
 */
import type { World } from './worldTypes.js';
import type { ProtocolContext, TxContext } from './protocol.js';
import type { Inclusion } from './blockspace.js';
import { record } from './events.js';
import { sell } from './sale.js';

/** The context of the current step at time `now` (seconds). */
export function stepContext(w: World, now: number): ProtocolContext {
  return {
    now,
    step: w.step,
    dt: w.dt,
    ledger: w.ledger,
    reference: w.reference,
    oraclePrices: w.oraclePrices,
    record: (type, fields) => record(w, type, fields),
  };
}

/** The context of one included transaction: its block time, its sender's account and id. */
export function txContext(w: World, inclusion: Inclusion, account: number): TxContext {
  return {
    ...stepContext(w, inclusion.time),
    account,
    agent: w.agents[inclusion.tx.sender].id,
    // a liquidation sale: without price feedback it is filled at the quote and moves no price
    sellSeized: (venue, assetIn, assetOut, amountIn) => sell(w, account, venue, assetIn, assetOut, amountIn, !w.priceFeedback),
    venueId: (venue) => w.venues[venue].id,
  };
}
