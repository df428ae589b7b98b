/**
 * What agents submit. Agents only decide; the chain orders these by fee and the protocols and
 * venues alone apply them to state ("decide, then apply", as in cadCAD). Venues' transactions are
 * declared here; each protocol kind declares its own, addressed by `protocol` (src/sim/protocol.ts).
 */
import type { TxBase } from '../protocols/chain/txBase.js';
import type { Protocol, ProtocolTx } from './protocol.js';
import { configureKey, isConfigureTx, type ConfigureTx } from './configureTx.js';

export type { TxBase } from '../protocols/chain/txBase.js';
export type { ProtocolTx } from './protocol.js';
export type { ConfigureTx } from './configureTx.js';

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

export interface WithdrawLiquidityTx extends TxBase {
  kind: 'withdraw-liquidity';
  venue: number;
  /** Share of the venue's liquidity left in place. */
  keep: number;
}

export type VenueTx = SwapTx | WithdrawLiquidityTx;

/** A governance change (configureTx.ts) is addressed to a protocol too, but settled by governance. */
export type Transaction = VenueTx | ProtocolTx | ConfigureTx;

/** A transaction a protocol applies itself (the others are for venues, or governance changes). */
export function isProtocolTx(tx: Transaction): tx is ProtocolTx {
  return 'protocol' in tx && !isConfigureTx(tx);
}

/**
 * What a transaction is about, per sender: a sender's new transaction with the same key replaces
 * its pending one (as a resubmission with the same nonce does on Ethereum). A protocol says what
 * its own transactions are about.
 */
export function transactionKey(tx: Transaction, protocols: readonly Pick<Protocol, 'transactionKey'>[]): string {
  if (isConfigureTx(tx)) return configureKey(tx);
  if (isProtocolTx(tx)) return `${tx.sender}:${tx.protocol}:${protocols[tx.protocol].transactionKey(tx)}`;
  switch (tx.kind) {
    case 'swap':
      return `${tx.sender}:swap:${tx.venue}:${tx.assetIn}:${tx.assetOut}`;
    case 'withdraw-liquidity':
      return `${tx.sender}:withdraw:${tx.venue}`;
  }
}
