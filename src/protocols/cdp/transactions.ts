/**
 * The transactions a CDP system applies: keepers' bites and bids, vault owners' care. `protocol`
 * is the system's index in the world's list of protocols.
 */
import type { TxBase } from '../chain/txBase.js';

/** Starts a collateral auction on an unsafe vault (Maker's bite/bark). */
export interface BiteTx extends TxBase {
  kind: 'bite';
  protocol: number;
  vault: number;
}

/** A bid in an English auction: tend (raise the stablecoin bid) or dent (lower the lot). */
export interface AuctionBidTx extends TxBase {
  kind: 'tend' | 'dent';
  protocol: number;
  ilk: number;
  auction: number;
  /** Collateral the bid is for. */
  lot: number;
  /** Stablecoin offered. */
  bid: number;
}

/** A purchase in a Dutch auction, or its restart when stale. */
export interface AuctionTakeTx extends TxBase {
  kind: 'take' | 'redo';
  protocol: number;
  ilk: number;
  auction: number;
  /** Most collateral to buy (take). */
  amount: number;
  /** Highest price accepted (take). */
  maxPrice: number;
}

/** A vault owner adds collateral to, or repays debt of, a vault. */
export interface VaultCareTx extends TxBase {
  kind: 'vault-top-up' | 'vault-repay';
  protocol: number;
  vault: number;
  /** Collateral tokens added, or stablecoin repaid. */
  amount: number;
}

/** A swap with a peg stability module (psm.ts): gem for stablecoin (sell-gem) or back (buy-gem). */
export interface PsmSwapTx extends TxBase {
  kind: 'psm-sell-gem' | 'psm-buy-gem';
  protocol: number;
  /** The module's vault type. */
  ilk: number;
  /** Gem units sold or bought. */
  gem: number;
}

export type CdpTransaction = BiteTx | AuctionBidTx | AuctionTakeTx | VaultCareTx | PsmSwapTx;
