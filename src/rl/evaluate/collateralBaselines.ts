/**
 * The collateral policy's baselines: the static parameters (hold), the dynamic-collateral model's
 * rule, and the best static parameters a sweep finds. The sweep moves every target by the same
 * offset, in notches across the whole allowed range (from `tighten` below the starting value to
 * `loosen` above it), plays each offset on sweep episodes of its own (seeds from a stream the
 * held-out episodes do not use, shock sizes drawn as in training), and keeps the offset with the
 * best mean return: the static choice a risk team would make with the same simulator, which is
 * the fair opponent for a policy that adapts.
 */
import { deriveSeed } from '../../util/rng.js';
import { type CollateralPolicyEnv, holdPolicy, looserBy, requirementRulePolicy, staticPolicy } from '../envs/index.js';
import type { BaselineContext } from './baselines.js';
import type { Controller } from './controller.js';
import { runEpisode } from './episodes.js';

/** Purpose tag of the sweep episodes' seeds. */
const SWEEP_STREAM = 0x5eeb;
/** Episodes each static offset is played on. */
export const SWEEP_EPISODES = 8;

export function staticOffsets(env: CollateralPolicyEnv): number[] {
  const { step, tighten, loosen } = env.spec;
  const out: number[] = [];
  for (let k = -Math.floor(tighten / step + 1e-9); k <= Math.floor(loosen / step + 1e-9); k++) out.push(Number((k * step).toFixed(10)));
  return out;
}

export interface SweepResult {
  offset: number;
  meanReturn: number;
}

export function sweepStatic(env: CollateralPolicyEnv, seed: number, episodes = SWEEP_EPISODES): { best: Controller; results: SweepResult[] } {
  const seeds = Array.from({ length: episodes }, (_, i) => deriveSeed(seed, SWEEP_STREAM, i));
  let best: { controller: Controller; mean: number } | null = null;
  const results: SweepResult[] = [];
  for (const looser of staticOffsets(env)) {
    const controller = staticPolicy(
      env,
      // the sign flip between looseness and a parameter change is its own inverse
      env.spec.targets.map(() => looserBy(env, looser)),
    );
    const mean = seeds.reduce((a, s) => a + runEpisode(env, controller, { seed: s }).return, 0) / episodes;
    results.push({ offset: looser, meanReturn: mean });
    if (best === null || mean > best.mean) best = { controller, mean };
  }
  const chosen = best!.controller;
  return { best: { ...chosen, name: `best static by sweep: ${chosen.name.replace(/^static parameters /, '')}` }, results };
}

export function collateralBaselines(env: CollateralPolicyEnv, context: BaselineContext): Controller[] {
  return [holdPolicy(env), requirementRulePolicy(env), sweepStatic(env, context.seed, context.sweepEpisodes ?? SWEEP_EPISODES).best];
}
