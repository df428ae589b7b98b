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

/**
 * A borrower adds collateral to (top-up) or repays debt of (repay) a position: from outside the
 * modelled world for the borrowers' positions, from the owner's own wallet for a position an
 * agent owns (only the owner may).
 */
export interface TopUpTx extends TxBase {
  kind: 'top-up' | 'repay';
  protocol: number;
  /** The position's id, as in a liquidation. */
  position: number;
  /** Collateral tokens added (top-up) or debt tokens repaid (repay). */
  amount: number;
}

/**
 * The owner of a position takes tokens out of it into its wallet: collateral (withdraw, while the
 * health factor stays at least 1) or a loan (borrow, within the LTV), as Aave's Pool allows.
 */
export interface DrawTx extends TxBase {
  kind: 'withdraw' | 'borrow';
  protocol: number;
  position: number;
  /** Collateral tokens withdrawn, or debt tokens borrowed (the market may give less). */
  amount: number;
}

/**
 * A lender (an agent, such as an option vault keeping its idle collateral here) supplies tokens
 * of reserve `reserve` to the market, or redeems them (Compound's word; `withdraw` is a position
 * owner's): at most its claim, and at most the
 * reserve's cash (what is lent out cannot be withdrawn).
 */
export interface SupplyTx extends TxBase {
  kind: 'supply' | 'redeem';
  protocol: number;
  /** Index of the reserve in the market. */
  reserve: number;
  /** Tokens. */
  amount: number;
}

/**
 * A liquidation call on a cross-margined account (accounts/): the liquidator names the debt reserve
 * it repays and the collateral reserve it seizes, as Aave's liquidationCall and Compound's
 * liquidateBorrow let it choose.
 */
export interface AccountLiquidationTx extends TxBase {
  kind: 'account-liquidation';
  protocol: number;
  /** The account's id (its place among the market's accounts). */
  account: number;
  debtReserve: number;
  collateralReserve: number;
  /** Debt tokens the liquidator offers to repay in all (the rules may take less). */
  debtToCover: number;
  /**
   * Qin et al.'s two steps in one bundle: first repay only as much as leaves the account at the
   * edge of liquidatable, then up to the close factor of what is left.
   */
  twoStep: boolean;
  /** Venue where the seized collateral is sold for the debt asset in the same bundle, or −1 to keep it. */
  sellVia: number;
}

export type LendingTransaction = LiquidationTx | TopUpTx | DrawTx | SupplyTx | AccountLiquidationTx;
