/**
 * PPO training: the loop a `train` command runs. Each iteration sends the current weights to the
 * rollouts (in this thread or on worker threads), assembles their trajectories in rollout order,
 * merges their normalisation statistics in the same order, and updates the weights on this thread
 * with TensorFlow.js. Every random draw derives from the training seed (weights' initialisation,
 * each rollout's actions and episodes, each iteration's minibatch order), so the same seed gives
 * the same weights at any number of workers.
 *
 * An environment whose world holds several agents driving one policy (the liquidator environment
 * with several `rl.liquidator.agents`) trains that policy with parameter sharing: the policy is one
 * agent's, every agent's steps are a trajectory with its own advantages, and a batch holds all of
 * them (rollout/slots.ts); an episode's return in the learning curve is the agents' total.
 */
import { InputError } from '../util/errors.js';
import { deriveSeed, Rng } from '../util/rng.js';
import type { Space } from './spaces.js';
import { makeEnv } from './envs/registry.js';
import { agentSpaces, sharedAgents } from './envs/multiAgent.js';
import { initialWeights } from './policy/initialWeights.js';
import { type PolicySpec, weightLayout } from './policy/layout.js';
import { assembleBatch } from './ppo/batch.js';
import { type PpoConfig, resolvePpoConfig } from './ppo/config.js';
import { PpoLearner, type UpdateStats } from './ppo/learner.js';
import type { RolloutExecutor } from './rollout/executor.js';
import { RolloutPool } from './rollout/pool.js';
import type { RolloutTask } from './rollout/task.js';
import { initialNormalization, mergeNormalization, type NormalizationState } from './wrappers/normalize.js';

/** Stream tags of the learner's draws. */
const INIT_STREAM = 21;
const SHUFFLE_STREAM = 22;

export interface LearningCurveRow {
  iteration: number;
  /** Environment steps taken so far (all environments; a step of a world of M agents sharing the policy counts once and gives M transitions). */
  steps: number;
  /** Episodes finished during this iteration. */
  episodes: number;
  /** Mean undiscounted return of the last `returnWindow` finished episodes (NaN before the first). */
  meanReturn: number;
  /** Mean length of the same episodes. */
  meanLength: number;
  approxKl: number;
  clipFraction: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  explainedVariance: number;
  learningRate: number;
  /** Wall time of this iteration's rollouts and update (monitoring; not a function of the seed). */
  rolloutSeconds: number;
  updateSeconds: number;
}

/** Where a training resumes from (a saved policy's weights and statistics). */
export interface TrainingStart {
  weights: Float32Array;
  normalization: NormalizationState | null;
  /** Iterations and steps already done (the learning-rate schedule and curve continue from them). */
  iterations: number;
  steps: number;
}

export interface TrainPpoOptions {
  /** A registered environment (src/rl/envs/registry.ts) and its settings. */
  env: string;
  envConfig?: Record<string, unknown>;
  /** Overrides of the defaults (CleanRL's, by action space; see ppo/config.ts). */
  config?: Partial<PpoConfig>;
  /** Iterations to run; default: config.totalSteps / (numEnvs × numSteps). */
  iterations?: number;
  seed: number;
  /** Worker threads for rollouts (default 1: this thread). Ignored when `executor` is given. */
  workers?: number;
  /** Runs the rollouts (default: a RolloutPool of `workers`, closed at the end). */
  executor?: RolloutExecutor;
  start?: TrainingStart;
  /** Episodes averaged in the curve's meanReturn (default 100, as Stable-Baselines3's ep_rew_mean). */
  returnWindow?: number;
  /** TensorFlow.js backend of the learner (default wasm). */
  backend?: 'wasm' | 'cpu';
  onIteration?: (row: LearningCurveRow) => void | Promise<void>;
}

export interface PpoResult {
  env: { name: string; config: Record<string, unknown> };
  spec: PolicySpec;
  observationNames: string[];
  config: PpoConfig;
  seed: number;
  /** Iterations and steps in total, including a resumed training's earlier ones. */
  iterations: number;
  steps: number;
  weights: Float32Array;
  normalization: NormalizationState | null;
  curve: LearningCurveRow[];
}

let runs = 0;

/**
 * The spaces and names the policy is built for, from one instance of the environment built here
 * (which also checks its settings): the environment's own, or one agent's when several agents in
 * its world share the policy (parameter sharing: the policy sees one agent's block and chooses one
 * agent's action, and a saved policy can then play any one of them, e.g. as a scenario agent).
 */
function describeEnv(name: string, config: Record<string, unknown> | undefined): { observationNames: string[]; actionSpace: Space; agents: number } {
  const env = makeEnv(name, config);
  try {
    const shared = sharedAgents(env);
    if (shared) return { observationNames: [...shared.agentObservationNames], actionSpace: agentSpaces(shared).actionSpace, agents: shared.agentCount };
    return { observationNames: [...env.observationNames], actionSpace: env.actionSpace, agents: 1 };
  } finally {
    env.close?.();
  }
}

export async function trainPpo(options: TrainPpoOptions): Promise<PpoResult> {
  const envConfig = options.envConfig ?? {};
  const { observationNames, actionSpace } = describeEnv(options.env, envConfig);
  const config = resolvePpoConfig(actionSpace, options.config);
  const spec: PolicySpec = { observationSize: observationNames.length, actionSpace, hiddenSizes: config.hiddenSizes };
  const layout = weightLayout(spec);
  const batchSteps = config.numEnvs * config.numSteps;
  const iterations = options.iterations ?? Math.floor(config.totalSteps / batchSteps);
  if (!Number.isInteger(iterations) || iterations < 1) throw new InputError(`expected a positive integer, got ${iterations}`, undefined, undefined, 'iterations');
  const seed = options.seed;
  const window = options.returnWindow ?? 100;
  const done = options.start?.iterations ?? 0;
  let steps = options.start?.steps ?? 0;
  const normalizing = config.normalizeObservation || config.normalizeReward;
  let normalization: NormalizationState | null =
    options.start?.normalization ??
    (normalizing
      ? initialNormalization(
          { observation: config.normalizeObservation, reward: config.normalizeReward, clipObservation: config.clipObservation, clipReward: config.clipReward, gamma: config.gamma },
          spec.observationSize,
        )
      : null);
  const learner = await PpoLearner.create(layout, config, options.start?.weights ?? initialWeights(layout, deriveSeed(seed, INIT_STREAM)), options.backend);
  const executor = options.executor ?? new RolloutPool({ workers: options.workers ?? 1 });
  const runId = `ppo-${process.pid}-${++runs}`;
  const rollouts = config.numEnvs / config.envsPerRollout;
  const recent: { return: number; length: number }[] = [];
  const curve: LearningCurveRow[] = [];
  try {
    for (let i = 1; i <= iterations; i++) {
      const iteration = done + i;
      const t0 = performance.now();
      const tasks: RolloutTask[] = Array.from({ length: rollouts }, (_, r) => ({
        runId,
        rollout: r,
        iteration,
        seed,
        env: { name: options.env, config: envConfig },
        numEnvs: config.envsPerRollout,
        numSteps: config.numSteps,
        hiddenSizes: config.hiddenSizes,
        normalization,
      }));
      const results = await executor.collect(tasks, learner.weights);
      const t1 = performance.now();
      if (normalization)
        normalization = mergeNormalization(
          normalization,
          results.map((r) => r.normalization ?? { observation: null, return: null }),
        );
      const episodes = results.flatMap((r) => r.episodes);
      for (const e of episodes) {
        recent.push(e);
        if (recent.length > window) recent.shift();
      }
      steps += batchSteps;
      // CleanRL's schedule: lr · (1 − (iteration − 1) / iterations), reaching lr / iterations on the last
      const total = done + iterations;
      const lr = config.annealLr ? (1 - (iteration - 1) / total) * config.learningRate : config.learningRate;
      const batch = assembleBatch(results, config);
      const stats: UpdateStats = learner.update(batch, lr, new Rng(deriveSeed(seed, SHUFFLE_STREAM, iteration)));
      const t2 = performance.now();
      const row: LearningCurveRow = {
        iteration,
        steps,
        episodes: episodes.length,
        meanReturn: recent.length ? recent.reduce((s, e) => s + e.return, 0) / recent.length : NaN,
        meanLength: recent.length ? recent.reduce((s, e) => s + e.length, 0) / recent.length : NaN,
        approxKl: stats.approxKl,
        clipFraction: stats.clipFraction,
        policyLoss: stats.policyLoss,
        valueLoss: stats.valueLoss,
        entropy: stats.entropy,
        explainedVariance: stats.explainedVariance,
        learningRate: lr,
        rolloutSeconds: (t1 - t0) / 1000,
        updateSeconds: (t2 - t1) / 1000,
      };
      curve.push(row);
      await options.onIteration?.(row);
    }
  } finally {
    if (options.executor) await executor.release(runId);
    else await executor.close();
  }
  return {
    env: { name: options.env, config: envConfig },
    spec,
    observationNames,
    config,
    seed,
    iterations: done + iterations,
    steps,
    weights: learner.weights.slice(),
    normalization,
    curve,
  };
}
