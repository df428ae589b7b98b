/**
 * The protocol kinds agents work on. The simulator hands agents protocols through the protocol
 * contract; an agent made for one kind (a liquidator for lending markets, a keeper for CDP
 * systems) narrows here, once, when it is built. The scenario's cross-reference checks already
 * refuse an agent pointed at the wrong kind, so a mismatch here is a bug, and says so.
 */
import type { Protocol } from '../src/sim/agent.js';
import type { LendingMarket } from '../src/protocols/lending/lendingMarket.js';
import type { CdpSystem } from '../src/protocols/cdp/cdpSystem.js';

export type { LendingMarket } from '../src/protocols/lending/lendingMarket.js';
export type { CdpSystem } from '../src/protocols/cdp/cdpSystem.js';
export type { LiquidationTx, TopUpTx } from '../src/protocols/lending/transactions.js';
export type { CdpTransaction, BiteTx, AuctionBidTx, AuctionTakeTx, VaultCareTx } from '../src/protocols/cdp/transactions.js';

export function asLendingMarket(p: Protocol): LendingMarket {
  if (p.kind !== 'lending') throw new Error(`protocol ${p.id} is a ${p.kind} protocol, not a lending market`);
  return p as LendingMarket;
}

export function asCdpSystem(p: Protocol): CdpSystem {
  if (p.kind !== 'cdp') throw new Error(`protocol ${p.id} is a ${p.kind} protocol, not a CDP system`);
  return p as CdpSystem;
}
