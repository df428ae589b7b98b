/**
 * The protocol kinds agents work on. The simulator hands agents protocols through the protocol
 * contract; an agent made for one kind (a liquidator for lending markets, a keeper for CDP
 * systems) narrows once, when it is built (src/protocols/kinds.ts). The scenario's cross-reference checks already
 * refuse an agent pointed at the wrong kind, so a mismatch here is a bug, and says so.
 */
export type { LendingMarket } from '../src/protocols/lending/lendingMarket.js';
export type { CdpSystem } from '../src/protocols/cdp/cdpSystem.js';
export type { OptionVenue } from '../src/protocols/options/optionVenue.js';
export type { OptionTransaction, OptionLiquidationTx, OptionCollateralTx, OptionHedgeTx, OptionAuctionOpenTx, OptionAuctionBidTx } from '../src/protocols/options/transactions.js';
export type { LiquidationTx, TopUpTx, SupplyTx, AccountLiquidationTx } from '../src/protocols/lending/transactions.js';
export { maxLiquidationAt, ruleHealthFactor, seizable } from '../src/protocols/lending/accounts/rules/liquidatorChoice.js';
export { twoStepLiquidation } from '../src/protocols/lending/accounts/rules/twoStepLiquidation.js';
export { newLiquidationOutcome } from '../src/protocols/lending/accounts/rules/outcome.js';
export type { CdpTransaction, BiteTx, AuctionBidTx, AuctionTakeTx, VaultCareTx, PsmSwapTx } from '../src/protocols/cdp/transactions.js';
export { psmRoom, psmHeld } from '../src/protocols/cdp/psm.js';
export { BLOCK as CANDIDATE_BLOCK } from '../src/protocols/lending/candidates.js';

export { asLendingMarket, asCdpSystem, asOptionVenue } from '../src/protocols/kinds.js';
