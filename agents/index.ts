/**
 * Builds an agent from its scenario spec: the one place that knows every agent kind but `policy`
 * (a trained policy, made by src/rl/agents/ around this factory). Callers of the simulator pass
 * it to `buildWorld`/`runPath` (sim/ does not import agents/).
 */
import type { Agent, AgentContext, AgentSpec } from '../src/sim/agent.js';
import { Liquidator } from './liquidator.js';
import { Arbitrageur } from './arbitrageur.js';
import { BorrowerCohort } from './borrowerCohort.js';
import { LiquidityProvider } from './liquidityProvider.js';
import { Keeper } from './keeper.js';
import { VaultOwners } from './vaultOwners.js';
import { OptionLiquidator } from './optionLiquidator.js';
import { OptionVault } from './optionVault.js';
import { OptionMarketMaker } from './optionMarketMaker.js';
import { PsmArbitrageur } from './psmArbitrageur.js';

export function createAgent(spec: AgentSpec, ctx: AgentContext, dt: number, cohortTag: number): Agent {
  switch (spec.kind) {
    case 'liquidator':
      return new Liquidator(spec, ctx);
    case 'arbitrageur':
      return new Arbitrageur(spec, ctx);
    case 'borrower-cohort':
      return new BorrowerCohort(spec, ctx, cohortTag);
    case 'lp':
      return new LiquidityProvider(spec, ctx, dt);
    case 'keeper':
      return new Keeper(spec, ctx);
    case 'vault-owners':
      return new VaultOwners(spec, ctx, cohortTag);
    case 'option-liquidator':
      return new OptionLiquidator(spec, ctx);
    case 'option-vault':
      return new OptionVault(spec, ctx);
    case 'option-market-maker':
      return new OptionMarketMaker(spec, ctx);
    case 'psm-arbitrageur':
      return new PsmArbitrageur(spec, ctx);
    case 'policy':
      // a trained policy needs the RL layer, which agents/ does not import: the callers that run
      // scenarios (the command line, the path workers) wrap this factory with src/rl/agents/'s
      throw new Error(`agent ${spec.id}: a policy agent runs only where the RL layer's agent factory is given (withPolicyAgents)`);
  }
}
