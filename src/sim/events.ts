/**
 * The run's event log (events.jsonl): each event stamped with the step and its time. By default
 * it holds what changes a book (liquidations, bad debt, shocks, auctions); with `events: all` also
 * every swap and every transaction an agent submits (see WorldOptions.events).
 */
import type { World } from './worldTypes.js';
import type { Transaction } from './transactions.js';

export function record(w: World, type: string, fields: Record<string, unknown>): void {
  if (w.recordEvents) w.events.push({ step: w.step, time: w.step * w.dt, type, ...fields });
}

/**
 * An agent's decision (`events: all`): the transaction it submitted, with the world's indices it
 * carries turned into ids (protocol, venue, assets); fields of a protocol's own (a position, a
 * vault, an auction) stay the protocol's indices.
 */
export function recordDecision(w: World, tx: Transaction): void {
  if (!w.allEvents) return;
  const fields: Record<string, unknown> = { agent: w.agents[tx.sender].id, kind: tx.kind };
  for (const [key, value] of Object.entries(tx)) {
    if (key === 'sender' || key === 'kind') continue;
    const i = value as number;
    if (key === 'protocol') fields.protocol = w.protocols[i].id;
    else if (key === 'venue' || key === 'sellVia') fields[key] = i >= 0 ? (w.venues[i]?.id ?? i) : null;
    else if (key === 'assetIn' || key === 'assetOut') fields[key] = w.assetIds[i];
    else fields[key] = value;
  }
  record(w, 'decision', fields);
}
