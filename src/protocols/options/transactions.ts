/**
 * The transactions an option venue applies (agents submit them; the venue alone changes its
 * books). `protocol` is the venue's index in the world's list of protocols; `account` and the
 * sender's own account are indices in the venue's accounts (the sender's is found from its
 * ledger account).
 */
import type { TxBase } from '../chain/txBase.js';

/** Moves tokens of the settlement asset or the underlying into (deposit) or out of (withdraw) the sender's venue account. */
export interface OptionCollateralTx extends TxBase {
  kind: 'option-deposit' | 'option-withdraw';
  protocol: number;
  /** World asset index: the venue's settlement asset or its underlying. */
  asset: number;
  /** Tokens; a withdrawal takes at most what keeps the account above its initial margin. */
  amount: number;
}

/**
 * Takes over `contracts` of account `account`'s position in series `series` at the venue's
 * liquidation discount (series −1: buys its coin collateral at the discount). With `hedgeVia`
 * ≥ 0 the sender's new delta is hedged on that venue in the same bundle.
 */
export interface OptionLiquidationTx extends TxBase {
  kind: 'option-liquidation';
  protocol: number;
  account: number;
  series: number;
  contracts: number;
  hedgeVia: number;
}

/** Trades the underlying against the settlement asset on venue `via` for the sender: + buys, − sells `amount` units. */
export interface OptionHedgeTx extends TxBase {
  kind: 'option-hedge';
  protocol: number;
  via: number;
  amount: number;
}

/** Offers `contracts` of series `series`, sold by the sender, in a sealed-bid auction lasting `duration` seconds. */
export interface OptionAuctionOpenTx extends TxBase {
  kind: 'option-auction-open';
  protocol: number;
  series: number;
  contracts: number;
  /** Least price per contract accepted, USD. */
  minPrice: number;
  duration: number;
}

/** A bid in auction `auction`: up to `contracts` at `price` per contract (a new bid replaces the sender's last). */
export interface OptionAuctionBidTx extends TxBase {
  kind: 'option-auction-bid';
  protocol: number;
  auction: number;
  contracts: number;
  price: number;
}

export type OptionTransaction = OptionCollateralTx | OptionLiquidationTx | OptionHedgeTx | OptionAuctionOpenTx | OptionAuctionBidTx;
