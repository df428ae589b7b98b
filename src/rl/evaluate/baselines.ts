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

/** Makes an environment's baselines; `training` episodes may be used to choose one (the best static parameters). */
export type BaselineMaker = (env: Env, context: BaselineContext) => Controller[];

export interface BaselineContext {
  /** Seed of the evaluation, for baselines that draw (the random policy) or search on episodes of their own. */
  seed: number;
}

const makers = new Map<string, BaselineMaker>();

export function registerBaselines(envName: string, maker: BaselineMaker): void {
  makers.set(envName, maker);
}

export function randomPolicy(env: Env, seed: number): Controller {
  const rng = new Rng(seed);
  return { name: 'random actions', act: () => sample(env.actionSpace, rng) };
}

export function baselinesFor(envName: string, env: Env, context: BaselineContext): Controller[] {
  const own = makers.get(envName)?.(env, context) ?? [];
  return [...own, randomPolicy(env, context.seed)];
}

/** How many controllers `baselinesFor` will give (for a progress bar's total). */
export function baselineCount(envName: string, env: Env): number {
  return baselinesFor(envName, env, { seed: 0 }).length;
}
