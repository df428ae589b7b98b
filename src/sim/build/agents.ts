/**
 * The scenario's agents, made by the factory the caller passed (sim/ does not know agent kinds):
 * each with its ledger account, the capital it starts with minted into it, the indices it needs,
 * its own random stream, and the cohort tag of the positions or vaults it looks after.
 */
import type { Agent, AgentContext, AgentFactory } from '../agent.js';
import type { Ledger } from '../ledger.js';
import type { Protocol } from '../protocol.js';
import type { Venue } from '../../protocols/venues/venue.js';
import { STREAM, type BuildContext } from './context.js';

export interface AgentParts {
  ledger: Ledger;
  venues: readonly Venue[];
  protocols: readonly Protocol[];
  protocolIndex(id: string): number;
  cohortTags: ReadonlyMap<string, number>;
  /** False in the hedging counterfactual (WorldOptions.hedging). */
  hedging: boolean;
}

export function buildAgents(b: BuildContext, parts: AgentParts, createAgent: AgentFactory): Agent[] {
  const { ledger, venues, protocols, protocolIndex } = parts;
  return b.scenario.agents.map((spec, index) => {
    const account = ledger.account(`agent:${spec.id}`);
    if ('capital' in spec) {
      for (const [asset, amount] of Object.entries(spec.capital)) ledger.mint(account, b.assetIndex(asset), amount);
    }
    const ctx: AgentContext = { index, account, assetIndex: b.assetIndex, venueIndex: b.venueIndex, protocolIndex, venues, protocols, rng: b.stream(STREAM.agents + index), hedging: parts.hedging };
    return createAgent(spec, ctx, b.dt, parts.cohortTags.get(spec.id) ?? 0);
  });
}
