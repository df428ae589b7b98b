/**
 * Governance for the path (../governance.ts): each protocol's governance block (timelock, and its
 * Risk-Steward bounds by flat parameter name, each with the kind of change the scenario gives it)
 * and the scenario's scheduled changes, their protocols turned into world indices.
 */
import type { Protocol } from '../protocol.js';
import { flattenParameters } from '../../scenario/governance.js';
import { Governance, type GovernanceRules, type ScheduledChange } from '../governance.js';
import type { ParameterBound } from '../riskSteward.js';
import type { BuildContext } from './context.js';

export function buildGovernance(b: BuildContext, protocols: readonly Protocol[], protocolIndex: (id: string) => number): Governance {
  const s = b.scenario;
  const rules = new Map<number, GovernanceRules>();
  for (const p of s.protocols) {
    const g = p.governance;
    if (!g) continue;
    rules.set(protocolIndex(p.id), { timelock: g.timelock, bounds: new Map(Object.entries(flattenParameters<ParameterBound>(g.bounds))) });
  }
  const changes: ScheduledChange[] = (s.governance ?? []).map((c) => ({
    at: c.at,
    protocol: protocolIndex(c.protocol),
    target: c.target,
    params: flattenParameters<number>(c.set),
    gasBid: c.gasBid,
  }));
  return new Governance(protocols, rules, changes);
}
