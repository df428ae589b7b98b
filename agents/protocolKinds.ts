/**
 * The protocol kinds agents work on. The simulator hands agents protocols through the protocol
 * contract; an agent made for one kind (a liquidator for lending markets, a keeper for CDP
 * systems) narrows once, when it is built (src/protocols/kinds.ts). The scenario's cross-reference checks already
 * refuse an agent pointed at the wrong kind, so a mismatch here is a bug, and says so.
 */
export type { LendingMarket } from '../src/protocols/lending/lendingMarket.js';
export type { CdpSystem } from '../src/protocols/cdp/cdpSystem.js';
export type { LiquidationTx, TopUpTx } from '../src/protocols/lending/transactions.js';
export { BLOCK as CANDIDATE_BLOCK } from '../src/protocols/lending/candidates.js';
export type { CdpTransaction, BiteTx, AuctionBidTx, AuctionTakeTx, VaultCareTx } from '../src/protocols/cdp/transactions.js';

export { asLendingMarket, asCdpSystem } from '../src/protocols/kinds.js';
