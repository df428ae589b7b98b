/**
 * The governance transaction: new values for parameters of one target (a reserve, a vault type)
 * of one protocol. It goes through the mempool and block space like any other transaction and
 * addresses its protocol as they do, by its index in the world's list; settling it is
 * governance.ts's job (the bounds and the timelock are the simulator's, not the protocol's), and
 * the protocol applies it through the contract's `configure`.
 */
import type { TxBase } from '../protocols/chain/txBase.js';

/** The `sender` of the scenario's scheduled changes: the governance account, which is no agent. */
export const GOVERNANCE_SENDER = -1;

export interface ConfigureTx extends TxBase {
  kind: 'configure';
  /** Index of the protocol in the world's list (as every protocol transaction addresses it). */
  protocol: number;
  /** A reserve's asset id (lending) or a vault type's id (CDP). */
  target: string;
  /** New values by flat parameter name (`liquidationThreshold`, `rate.slope2`, `auction.ttl`). */
  params: Record<string, number>;
  /** Which scheduled change this is (governance's own transactions), so two never replace each other. */
  ref?: number;
}

/** A governance change (checked before the protocol transactions it would otherwise pass for). */
export function isConfigureTx(tx: { kind: string }): tx is ConfigureTx {
  return tx.kind === 'configure';
}

/** A sender's new change of the same parameters of the same target replaces its pending one. */
export function configureKey(tx: ConfigureTx): string {
  const what = tx.ref !== undefined ? `#${tx.ref}` : Object.keys(tx.params).sort().join(',');
  return `${tx.sender}:configure:${tx.protocol}:${tx.target}:${what}`;
}
