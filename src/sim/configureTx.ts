/**
 * The governance transaction: new values for parameters of one target (a reserve, a vault type)
 * of one protocol. It goes through the mempool and block space like any other transaction;
 * settling it is governance.ts's job.
 */
import type { TxBase } from './transactions.js';

/** The `sender` of the scenario's scheduled changes: the governance account, which is no agent. */
export const GOVERNANCE_SENDER = -1;

export interface ConfigureTx extends TxBase {
  kind: 'configure';
  /** Protocol id. */
  protocol: string;
  /** A reserve's asset id (lending) or a vault type's id (CDP). */
  target: string;
  /** New values by flat parameter name (`liquidationThreshold`, `rate.slope2`, `auction.ttl`). */
  params: Record<string, number>;
  /** Which scheduled change this is (governance's own transactions), so two never replace each other. */
  ref?: number;
}

/** A sender's new change of the same parameters of the same target replaces its pending one. */
export function configureKey(tx: ConfigureTx): string {
  const what = tx.ref !== undefined ? `#${tx.ref}` : Object.keys(tx.params).sort().join(',');
  return `${tx.sender}:configure:${tx.protocol}:${tx.target}:${what}`;
}
