/**
 * The baselines a trained policy is compared with, by environment. A scenario environment
 * registers its own (the static parameters and the dynamic-collateral rule for a collateral
 * policy; the heuristic liquidator; a trader that does nothing); every environment also gets the
 * uniformly random policy, a floor that says whether training learned anything at all.
 */
import { Rng } from '../../util/rng.js';
import type { Env } from '../env.js';
import { sample } from '../spaces.js';
import type { Controller } from './controller.js';
import { type CollateralPolicyEnv, doNothingPolicy, heuristicLiquidatorPolicy, type LiquidatorEnv, type TraderEnv } from '../envs/index.js';
import { collateralBaselines } from './collateralBaselines.js';

/** Makes an environment's baselines (a maker may play episodes of its own to choose one: the best static parameters). */
export type BaselineMaker = (env: Env, context: BaselineContext) => Controller[];

export interface BaselineContext {
  /** Seed of the evaluation, for baselines that draw (the random policy) or search on episodes of their own. */
  seed: number;
  /** Episodes each static offset of a sweep is played on (default: the sweep's own, SWEEP_EPISODES). */
  sweepEpisodes?: number;
}

/** Each environment's own baselines, with how many it makes (known before making them: a sweep is costly). */
const MAKERS: Readonly<Record<string, { count: number; make: BaselineMaker }>> = {
  'collateral-policy': { count: 3, make: (env, context) => collateralBaselines(env as CollateralPolicyEnv, context) },
  liquidator: { count: 1, make: (env) => [heuristicLiquidatorPolicy(env as LiquidatorEnv)] },
  trader: { count: 1, make: (env) => [doNothingPolicy(env as TraderEnv)] },
};

export function randomPolicy(env: Env, seed: number): Controller {
  const rng = new Rng(seed);
  return { name: 'random actions', act: () => sample(env.actionSpace, rng) };
}

export function baselinesFor(envName: string, env: Env, context: BaselineContext): Controller[] {
  const own = Object.hasOwn(MAKERS, envName) ? MAKERS[envName].make(env, context) : [];
  return [...own, randomPolicy(env, context.seed)];
}

/** How many controllers `baselinesFor` gives (for a progress bar's total), without making them. */
export function baselineCount(envName: string): number {
  return (Object.hasOwn(MAKERS, envName) ? MAKERS[envName].count : 0) + 1;
}
