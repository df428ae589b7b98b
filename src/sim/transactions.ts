/**
 * What agents submit. Agents only decide; the chain orders these by fee and the protocols and
 * venues alone apply them to state ("decide, then apply", as in cadCAD).
 */
interface TxBase {
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

export type Transaction = LiquidationTx | SwapTx | TopUpTx | WithdrawLiquidityTx;
