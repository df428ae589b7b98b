/**
 * The ledger's accounts: each protocol's own (as its kind declares them), the exploiter, each
 * venue and its liquidity providers, each agent.
 */
import { Ledger } from '../ledger.js';
import type { BuildContext } from './context.js';
import { protocolAccounts } from './protocols.js';

export function buildLedger(b: BuildContext): Ledger {
  const s = b.scenario;
  const accounts = [...s.protocols.flatMap(protocolAccounts), 'exploiter', ...s.venues.flatMap((v) => [`venue:${v.id}`, `lps:${v.id}`]), ...s.agents.map((a) => `agent:${a.id}`)];
  return new Ledger(s.assets.length, accounts);
}
