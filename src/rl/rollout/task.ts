/**
 * What a rollout is asked to do and what it gives back, as plain data (structured-clone friendly:
 * it crosses to worker threads, and could cross a queue).
 *
 * A rollout is K environments stepped N times with fixed weights. Its environments live on between
 * iterations (an episode longer than N steps goes on in the next iteration, as in CleanRL's
 * vectorised environments), so a rollout index is always served by the same collector.
 */
import type { EpisodeRecord } from '../wrappers/episodeStatistics.js';
import type { NormalizationDelta, NormalizationState } from '../wrappers/normalize.js';

export interface RolloutTask {
  /** Identifies the training run: collectors kept for one run are never used by another. */
  runId: string;
  /** Rollout index r (0 … R−1): with the seed and iteration, what the rollout's streams derive from. */
  rollout: number;
  iteration: number;
  seed: number;
  env: { name: string; config?: Record<string, unknown> };
  /** Environments in this rollout (K). */
  numEnvs: number;
  /** Steps per environment (N). */
  numSteps: number;
  hiddenSizes: number[];
  /** The learner's statistics at the start of the iteration; null without normalisation. */
  normalization: NormalizationState | null;
}

/**
 * K × N steps, trajectory-major (trajectory k's steps are t = 0 … N−1 at k·N + t); vectors are
 * flattened, so observation (k, t) is observations[(k·N + t)·O …]. A trajectory is one agent of one
 * environment: K = the task's environments × the agents sharing the policy in each (1 without
 * parameter sharing; environment e's agent m is trajectory e·M + m).
 */
export interface Trajectories {
  rollout: number;
  /** Trajectories (environments × agents sharing the policy). */
  numEnvs: number;
  numSteps: number;
  observationSize: number;
  /** Values in a flat action (flatSize of the action space). */
  actionSize: number;
  /** The observations acted on (normalised, when normalising). */
  observations: Float32Array;
  /** Flat actions (choice indices, or unclipped Gaussian draws). */
  actions: Float32Array;
  logProbs: Float32Array;
  values: Float32Array;
  /** Rewards as the learner sees them (scaled, when normalising rewards). */
  rewards: Float64Array;
  /** 1 where the episode ended with this step (terminated or truncated). */
  ended: Uint8Array;
  /** 1 where it ended by truncation alone. */
  truncated: Uint8Array;
  /** The critic's value of the final observation at a truncation, 0 elsewhere. */
  finalValues: Float32Array;
  /** The value of each environment's observation after step N−1. */
  lastValues: Float32Array;
  /** Episodes finished during the rollout, in the environment's own reward units. */
  episodes: EpisodeRecord[];
  /** Normalisation statistics seen during the rollout; null without normalisation. */
  normalization: NormalizationDelta | null;
}
