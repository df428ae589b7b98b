/**
 * The environments that wrap scenario files, by the names `train --env` takes, with the baselines
 * each is evaluated against (policies over the same environment). The registry
 * (src/rl/envs/registry.ts) registers the factories.
 */
import type { EnvConfig } from './episodes.js';
import { collateralPolicyEnv, type CollateralPolicyEnv } from './collateral/env.js';
import { liquidatorEnv, type LiquidatorEnv } from './liquidator/env.js';
import { traderEnv, type TraderEnv } from './trader/env.js';

export type { EnvConfig } from './episodes.js';
export type { Policy } from './policy.js';
export { CollateralPolicyEnv, collateralPolicyEnv } from './collateral/env.js';
export { holdPolicy, looserBy, staticPolicy, requirementRulePolicy, type RequirementRuleOptions } from './collateral/baselines.js';
export { LiquidatorEnv, liquidatorEnv } from './liquidator/env.js';
export { heuristicLiquidatorPolicy } from './liquidator/baselines.js';
export { TraderEnv, traderEnv } from './trader/env.js';
export { doNothingPolicy } from './trader/baselines.js';
export { agentSpaces, agentObservation, agentTransitions, jointAction, type AgentTransition, type SharedPolicyEnv } from './multiAgent.js';

/** The scenario environments by name. */
export const SCENARIO_ENVS: {
  'collateral-policy': (config: EnvConfig) => CollateralPolicyEnv;
  liquidator: (config: EnvConfig) => LiquidatorEnv;
  trader: (config: EnvConfig) => TraderEnv;
} = {
  'collateral-policy': collateralPolicyEnv,
  liquidator: liquidatorEnv,
  trader: traderEnv,
};
