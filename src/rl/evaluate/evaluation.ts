/**
 * `eval`'s work: a trained policy against its environment's baselines on held-out episodes. The
 * episodes' seeds come from a stream of their own (training draws its episodes from the training
 * seed's rollout streams), so none was seen in training; each seed is played at every shock
 * scale asked for, by every controller, so all comparisons are paired. The table says where the
 * policy wins and where it loses: per shock scale, and per named part of the reward.
 */
import { deriveSeed, Rng } from '../../util/rng.js';
import type { Env } from '../env.js';
import { ActingPolicy } from '../policy/actingPolicy.js';
import type { LoadedPolicy } from '../policy/policyFile.js';
import { baselinesFor } from './baselines.js';
import type { Controller } from './controller.js';
import { type Episode, type EpisodeOutcome, runEpisode } from './episodes.js';
import { type PairedDifference, pairedDifference } from './pairedDifference.js';
import { explainDecision, groupFeatures } from './explain.js';
import { type Trace, traceEpisode } from './trace.js';

/** Purpose tag of the held-out seeds' stream. */
const EVAL_STREAM = 0xe7a1;

export interface EvaluationOptions {
  policy: LoadedPolicy;
  env: Env;
  /** Episodes per shock scale. */
  episodes: number;
  seed: number;
  /** Shock scales to play every seed at (reset option `shockScale`); absent: the environment's own draw. */
  shockScales?: readonly number[];
  /** Decisions to explain (0: none). */
  explain?: number;
  /** Episodes each static offset of the collateral policy's sweep is played on (default SWEEP_EPISODES). */
  sweepEpisodes?: number;
  /** Trace the policy's decisions in the first held-out episode. */
  trace?: boolean;
  /**
   * Draw the policy's actions from its distribution (a stream per episode, from the evaluation
   * seed) instead of taking the most likely one: what PPO trains is the stochastic policy, and
   * its mode can be a different strategy.
   */
  sample?: boolean;
  onEpisode?: () => void;
}

export interface ControllerSummary {
  name: string;
  meanReturn: number;
  /** Mean over episodes of each named part of the reward. */
  terms: Record<string, number>;
  /** Mean return per shock scale, in the order of `shockScales`. */
  byScale: number[];
  /**
   * Per scenario variant the episodes were drawn as (`rl.training.variants`: a calm market, a
   * crisis, …), in variant order: how many episodes, their mean return and reward parts. Empty
   * when the environment draws no variants.
   */
  byVariant: VariantSummary[];
}

export interface VariantSummary {
  /** Index in `rl.training.variants` (−1: the scenario as written). */
  variant: number;
  episodes: number;
  meanReturn: number;
  terms: Record<string, number>;
}

export interface Comparison {
  baseline: string;
  overall: PairedDifference;
  byScale: PairedDifference[];
}

export interface Explanation {
  episode: number;
  step: number;
  action: number[];
  /** Per action dimension: the output explained at the baseline observation and here, and each factor's share of the move. */
  dimensions: { baseline: number; actual: number; contributions: Record<string, number> }[];
}

export interface EvaluationReport {
  episodes: number;
  shockScales: (number | null)[];
  seeds: number[];
  controllers: ControllerSummary[];
  /** The policy (first controller) against each baseline: policy − baseline. */
  comparisons: Comparison[];
  explanations: Explanation[];
  /** With `trace`: the policy's decisions that act in the first held-out episode (its first shock scale). */
  trace?: Trace;
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

function meanTerms(outcomes: readonly EpisodeOutcome[]): Record<string, number> {
  const terms: Record<string, number> = {};
  for (const o of outcomes) for (const [k, v] of Object.entries(o.terms)) terms[k] = (terms[k] ?? 0) + v / outcomes.length;
  return terms;
}

/** One controller's outcomes (episode order: `perScale` episodes per shock scale) summed up overall, per scale and per variant. */
export function summarise(name: string, outcomes: EpisodeOutcome[], perScale: number): ControllerSummary {
  const byScale: number[] = [];
  for (let s = 0; s * perScale < outcomes.length; s++) byScale.push(mean(outcomes.slice(s * perScale, (s + 1) * perScale).map((o) => o.return)));
  const variants = [...new Set(outcomes.flatMap((o) => (o.variant === undefined || o.variant < 0 ? [] : [o.variant])))].sort((a, b) => a - b);
  const byVariant = variants.map((variant) => {
    const of = outcomes.filter((o) => o.variant === variant);
    return { variant, episodes: of.length, meanReturn: mean(of.map((o) => o.return)), terms: meanTerms(of) };
  });
  return { name, meanReturn: mean(outcomes.map((o) => o.return)), terms: meanTerms(outcomes), byScale, byVariant };
}

interface Decision {
  episode: number;
  step: number;
  observation: Float32Array;
  action: number[];
}

export function evaluate(o: EvaluationOptions): EvaluationReport {
  const acting = new ActingPolicy(o.policy);
  const decisions: Decision[] = [];
  let episodeIndex = -1;
  let step = 0;
  let rng = new Rng(0);
  const choose = (observation: Float32Array) => (o.sample ? acting.sample(observation, rng) : acting.decide(observation));
  const policy: Controller = {
    name: o.sample ? 'trained policy (sampled)' : 'trained policy',
    reset: () => {
      episodeIndex++;
      step = 0;
      rng = new Rng(deriveSeed(o.seed, EVAL_STREAM, 2, episodeIndex));
    },
    act: (observation) => {
      const action = choose(observation);
      if (o.explain) decisions.push({ episode: episodeIndex, step: step++, observation: observation.slice(), action: typeof action === 'number' ? [action] : Array.from(action) });
      return action;
    },
  };
  const controllers = [policy, ...baselinesFor(o.policy.document.env.name, o.env, { seed: deriveSeed(o.seed, EVAL_STREAM, 1), sweepEpisodes: o.sweepEpisodes })];
  const seeds = Array.from({ length: o.episodes }, (_, i) => deriveSeed(o.seed, EVAL_STREAM, 0, i));
  const scales: (number | null)[] = o.shockScales && o.shockScales.length > 0 ? [...o.shockScales] : [null];
  const episodes: Episode[] = scales.flatMap((k) => seeds.map((seed) => ({ seed, options: k === null ? {} : { shockScale: k } })));
  const outcomes = controllers.map((c) =>
    episodes.map((e) => {
      const r = runEpisode(o.env, c, e);
      o.onEpisode?.();
      return r;
    }),
  );
  const returns = outcomes.map((row) => row.map((x) => x.return));
  const comparisons = controllers.slice(1).map((b, j) => ({
    baseline: b.name,
    overall: pairedDifference(returns[0], returns[j + 1]),
    byScale: scales.map((_, s) => pairedDifference(returns[0].slice(s * o.episodes, (s + 1) * o.episodes), returns[j + 1].slice(s * o.episodes, (s + 1) * o.episodes))),
  }));
  return {
    episodes: o.episodes,
    shockScales: scales,
    seeds,
    controllers: controllers.map((c, i) => summarise(c.name, outcomes[i], o.episodes)),
    comparisons,
    explanations: o.explain ? explainDecisions(acting, decisions, o.explain) : [],
    // the first episode again, with its own stream when sampling: the same decisions as in the table
    ...(o.trace ? { trace: traceEpisode(o.env, { name: policy.name, reset: () => (rng = new Rng(deriveSeed(o.seed, EVAL_STREAM, 2, 0))), act: choose }, episodes[0]) } : {}),
  };
}

/**
 * The `count` decisions whose expected action moved furthest from the calm baseline's, explained
 * feature by feature. The calm baseline is the observation at the first decision, averaged over
 * the episodes: before a scenario's shocks, the market as it usually is.
 */
function explainDecisions(acting: ActingPolicy, decisions: Decision[], count: number): Explanation[] {
  if (decisions.length === 0) return [];
  const size = decisions[0].observation.length;
  const firsts = decisions.filter((d) => d.step === 0);
  const baseline = new Float32Array(size);
  for (const d of firsts) for (let i = 0; i < size; i++) baseline[i] += d.observation[i] / firsts.length;
  const atBaseline = acting.expectedAction(baseline);
  const moved = (d: Decision) => {
    const e = acting.expectedAction(d.observation);
    return e.reduce((a, x, i) => a + Math.abs(x - atBaseline[i]), 0);
  };
  const chosen = decisions
    .map((d) => ({ d, moved: moved(d) }))
    .sort((a, b) => b.moved - a.moved || a.d.episode - b.d.episode || a.d.step - b.d.step)
    .slice(0, count);
  const groups = groupFeatures(acting.observationNames);
  return chosen.map(({ d }) => ({
    episode: d.episode,
    step: d.step,
    action: d.action,
    dimensions: Array.from(atBaseline, (_, k) => {
      const r = explainDecision((x) => acting.expectedAction(x)[k], d.observation, baseline, groups);
      return { baseline: r.baseline, actual: r.actual, contributions: r.contributions };
    }),
  }));
}
