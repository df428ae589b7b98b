/**
 * What agents submit. Agents only decide; the chain orders these by fee and the protocols and
 * venues alone apply them to state ("decide, then apply", as in cadCAD).
 */
import { configureKey, type ConfigureTx } from './configureTx.js';

export interface TxBase {
  /** Index of the submitting agent in the world. */
  sender: number;
  /** Gas units the transaction uses. */
  gas: number;
  /** Fee bid per gas unit, in gwei. */
  gasPrice: number;
}

export interface LiquidationTx extends TxBase {
  kind: 'liquidation';
  protocol: number;
  position: number;
  /** Debt tokens the liquidator offers to repay (the protocol may take less). */
  debtToCover: number;
  /** Venue where the seized collateral is sold for the debt asset in the same bundle, or −1 to keep it. */
  sellVia: number;
}

export interface SwapTx extends TxBase {
  kind: 'swap';
  venue: number;
  assetIn: number;
  assetOut: number;
  amountIn: number;
  /** Reverts below this output (slippage protection). */
  minOut: number;
  /** A keeper selling collateral it won at auction: a liquidation sale, so without price feedback it moves no price. */
  liquidationSale?: boolean;
}

export interface TopUpTx extends TxBase {
  kind: 'top-up' | 'repay';
  protocol: number;
  position: number;
  /** Collateral tokens added (top-up) or debt tokens repaid (repay). */
  amount: number;
}

export interface WithdrawLiquidityTx extends TxBase {
  kind: 'withdraw-liquidity';
  venue: number;
  /** Share of the venue's liquidity left in place. */
  keep: number;
}

/** Starts a collateral auction on an unsafe vault (Maker's bite/bark). */
export interface BiteTx extends TxBase {
  kind: 'bite';
  /** Index of the CDP system among the world's CDP systems. */
  cdp: number;
  vault: number;
}

/** A bid in an English auction: tend (raise the stablecoin bid) or dent (lower the lot). */
export interface AuctionBidTx extends TxBase {
  kind: 'tend' | 'dent';
  cdp: number;
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
  cdp: number;
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
  cdp: number;
  vault: number;
  /** Collateral tokens added, or stablecoin repaid. */
  amount: number;
}

export type CdpTransaction = BiteTx | AuctionBidTx | AuctionTakeTx | VaultCareTx;

export type Transaction = LiquidationTx | SwapTx | TopUpTx | WithdrawLiquidityTx | CdpTransaction | ConfigureTx;

/**
 * What a transaction is about, per sender: a sender's new transaction with the same key replaces
 * its pending one (as a resubmission with the same nonce does on Ethereum).
 */
export function transactionKey(tx: Transaction): string {
  switch (tx.kind) {
    case 'liquidation':
      return `${tx.sender}:liq:${tx.protocol}:${tx.position}`;
    case 'swap':
      return `${tx.sender}:swap:${tx.venue}:${tx.assetIn}:${tx.assetOut}`;
    case 'top-up':
    case 'repay':
      return `${tx.sender}:${tx.kind}:${tx.protocol}:${tx.position}`;
    case 'withdraw-liquidity':
      return `${tx.sender}:withdraw:${tx.venue}`;
    case 'bite':
      return `${tx.sender}:bite:${tx.cdp}:${tx.vault}`;
    case 'tend':
    case 'dent':
    case 'take':
      return `${tx.sender}:bid:${tx.cdp}:${tx.ilk}:${tx.auction}`;
    case 'redo':
      return `${tx.sender}:redo:${tx.cdp}:${tx.ilk}:${tx.auction}`;
    case 'vault-top-up':
    case 'vault-repay':
      return `${tx.sender}:${tx.kind}:${tx.cdp}:${tx.vault}`;
    case 'configure':
      return configureKey(tx);
  }
}
