/**
 * The transactions a lending market applies (agents submit them; the market alone changes its
 * books). `protocol` is the market's index in the world's list of protocols.
 */
import type { TxBase } from '../chain/txBase.js';

export interface LiquidationTx extends TxBase {
  kind: 'liquidation';
  protocol: number;
  /** The position's id (`LendingMarket.positionId` of a slot from the market's lists), as outputs name it. */
  position: number;
  /** Debt tokens the liquidator offers to repay (the protocol may take less). */
  debtToCover: number;
  /** Venue where the seized collateral is sold for the debt asset in the same bundle, or −1 to keep it. */
  sellVia: number;
}

/** A borrower adds collateral to (top-up) or repays debt of (repay) a position. */
export interface TopUpTx extends TxBase {
  kind: 'top-up' | 'repay';
  protocol: number;
  /** The position's id, as in a liquidation. */
  position: number;
  /** Collateral tokens added (top-up) or debt tokens repaid (repay). */
  amount: number;
}

export type LendingTransaction = LiquidationTx | TopUpTx;
