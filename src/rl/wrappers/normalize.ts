/**
 * Observation normalisation and reward scaling as one environment wrapper, after Stable-Baselines3's
 * VecNormalize and the Gymnasium wrappers CleanRL's continuous PPO stacks (NormalizeObservation,
 * clip ±10; NormalizeReward, clip ±10):
 *
 * - each observation updates running per-coordinate moments and is returned as
 *   (x − μ) / √(σ² + 1e-8), clipped to ±clipObservation;
 * - each reward updates a running discounted return G ← γG + r (reset to 0 when an episode ends,
 *   as VecNormalize does), the moments of G are updated, and the reward is returned divided by
 *   √(Var G + 1e-8), clipped to ±clipReward. Dividing by the return's spread (and not re-centring)
 *   keeps the sign of rewards and puts value targets on a scale the critic can fit whatever the
 *   reward's units.
 *
 * Statistics in parallel: a rollout worker's wrapper starts each iteration from the learner's
 * statistics (`setBase`), normalises with those updated by what it sees, and hands back only what
 * it saw (`takeDelta`); the learner merges the deltas in rollout order (RunningMoments.merge), so
 * the statistics do not depend on how rollouts were spread over threads. Frozen, the wrapper
 * normalises with fixed statistics and learns nothing (evaluation, a deployed policy).
 */
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { box, type Space, type SpaceValue } from '../spaces.js';
import { type MomentsJson, RunningMoments } from './runningMoments.js';

const EPSILON = 1e-8;

export interface NormalizationSettings {
  observation: boolean;
  reward: boolean;
  clipObservation: number;
  clipReward: number;
  /** Discount of the running return whose spread scales rewards (the training's γ). */
  gamma: number;
}

/** Settings and statistics in plain JSON (saved in policy.json). */
export interface NormalizationState extends NormalizationSettings {
  observationMoments: MomentsJson | null;
  returnMoments: MomentsJson | null;
}

/** Fresh statistics (Gymnasium's prior) for the settings. */
export function initialNormalization(settings: NormalizationSettings, observationSize: number): NormalizationState {
  return {
    ...settings,
    observationMoments: settings.observation ? RunningMoments.prior(observationSize).toJSON() : null,
    returnMoments: settings.reward ? RunningMoments.prior(1).toJSON() : null,
  };
}

/** Statistics seen since the last hand-over, to be merged by the learner. */
export interface NormalizationDelta {
  observation: MomentsJson | null;
  return: MomentsJson | null;
}

/** Merges deltas, in the order given, into a copy of `state`. */
export function mergeNormalization(state: NormalizationState, deltas: readonly NormalizationDelta[]): NormalizationState {
  const obs = state.observationMoments ? RunningMoments.fromJSON(state.observationMoments) : null;
  const ret = state.returnMoments ? RunningMoments.fromJSON(state.returnMoments) : null;
  for (const d of deltas) {
    if (obs && d.observation) obs.merge(RunningMoments.fromJSON(d.observation));
    if (ret && d.return) ret.merge(RunningMoments.fromJSON(d.return));
  }
  return { ...state, observationMoments: obs?.toJSON() ?? null, returnMoments: ret?.toJSON() ?? null };
}

function normalizeInto(moments: RunningMoments, clip: number, x: ArrayLike<number>, out: Float32Array): Float32Array {
  for (let i = 0; i < x.length; i++) {
    const z = (x[i] - moments.mean[i]) / Math.sqrt(moments.variance(i) + EPSILON);
    out[i] = Math.min(clip, Math.max(-clip, z));
  }
  return out;
}

/** A raw observation as a policy trained with `state` expects it (frozen statistics; identity when observations are not normalised). */
export function normalizeObservation(state: NormalizationState | null, observation: Float32Array): Float32Array {
  if (!state?.observation || !state.observationMoments) return observation.slice();
  return normalizeInto(RunningMoments.fromJSON(state.observationMoments), state.clipObservation, observation, new Float32Array(observation.length));
}

/**
 * The running statistics one or more wrapped environments share (a rollout's environments
 * normalise with common statistics, as a vectorised environment does), with what was seen since the
 * last hand-over kept apart for the learner to merge.
 */
export class Normalizer {
  readonly settings: NormalizationSettings;
  private obs: RunningMoments | null = null;
  private ret: RunningMoments | null = null;
  private obsDelta: RunningMoments | null = null;
  private retDelta: RunningMoments | null = null;
  private frozen = false;

  constructor(state: NormalizationState) {
    this.settings = { observation: state.observation, reward: state.reward, clipObservation: state.clipObservation, clipReward: state.clipReward, gamma: state.gamma };
    this.setBase(state);
  }

  /** Starts from `state`'s statistics and forgets what was seen before (the learner has merged it). */
  setBase(state: NormalizationState): void {
    this.obs = this.settings.observation && state.observationMoments ? RunningMoments.fromJSON(state.observationMoments) : null;
    this.ret = this.settings.reward && state.returnMoments ? RunningMoments.fromJSON(state.returnMoments) : null;
    this.startDelta();
  }

  private startDelta(): void {
    this.obsDelta = this.obs ? RunningMoments.empty(this.obs.size) : null;
    this.retDelta = this.ret ? RunningMoments.empty(1) : null;
  }

  /** What was seen since the last `setBase` or `takeDelta`; starts a new delta. */
  takeDelta(): NormalizationDelta {
    const d = { observation: this.obsDelta?.toJSON() ?? null, return: this.retDelta?.toJSON() ?? null };
    this.startDelta();
    return d;
  }

  /** The current statistics (base and everything seen since). */
  state(): NormalizationState {
    return { ...this.settings, observationMoments: this.obs?.toJSON() ?? null, returnMoments: this.ret?.toJSON() ?? null };
  }

  /** Stop learning statistics: normalise with the current ones from now on (evaluation). */
  freeze(): void {
    this.frozen = true;
  }

  /** Updates the observation statistics with `x` (unless frozen) and returns it normalised, a fresh array. */
  observation(x: Float32Array): Float32Array {
    if (!this.obs) return x;
    if (!this.frozen) {
      this.obs.push(x);
      this.obsDelta!.push(x);
    }
    return normalizeInto(this.obs, this.settings.clipObservation, x, new Float32Array(x.length));
  }

  /** Updates the return statistics with the running discounted return `g` (unless frozen) and returns `reward` scaled. */
  reward(reward: number, g: number): number {
    if (!this.ret) return reward;
    if (!this.frozen) {
      const one = [g];
      this.ret.push(one);
      this.retDelta!.push(one);
    }
    const scaled = reward / Math.sqrt(this.ret.variance(0) + EPSILON);
    return Math.min(this.settings.clipReward, Math.max(-this.settings.clipReward, scaled));
  }
}

/** An environment seen through a Normalizer; it keeps its own episode's discounted return. */
export class NormalizeEnv<A extends Space = Space> implements Env<A> {
  readonly observationSpace: Space;
  readonly actionSpace: A;
  readonly observationNames: readonly string[];
  private discountedReturn = 0;

  constructor(
    readonly env: Env<A>,
    readonly normalizer: Normalizer,
  ) {
    const s = normalizer.settings;
    this.actionSpace = env.actionSpace;
    this.observationNames = env.observationNames;
    this.observationSpace = s.observation ? box(-s.clipObservation, s.clipObservation, env.observationNames.length) : env.observationSpace;
  }

  reset(args?: ResetArgs): ResetResult {
    const r = this.env.reset(args);
    this.discountedReturn = 0;
    return { observation: this.normalizer.observation(r.observation), info: r.info };
  }

  step(action: SpaceValue<A>): StepResult {
    const r = this.env.step(action);
    this.discountedReturn = this.discountedReturn * this.normalizer.settings.gamma + r.reward;
    const reward = this.normalizer.reward(r.reward, this.discountedReturn);
    if (r.terminated || r.truncated) this.discountedReturn = 0;
    return { ...r, observation: this.normalizer.observation(r.observation), reward };
  }

  close(): void {
    this.env.close?.();
  }
}
