/**
 * PPO's hyperparameters and their defaults, which are CleanRL's exactly (Huang et al., "The 37
 * Implementation Details of Proximal Policy Optimization", ICLR blog track 2022; cleanrl/ppo.py
 * and cleanrl/ppo_continuous_action.py):
 *
 * | field               | discrete (ppo.py) | box (ppo_continuous_action.py) |
 * |---------------------|-------------------|--------------------------------|
 * | totalSteps          | 500,000           | 1,000,000                      |
 * | learningRate        | 2.5e-4            | 3e-4                           |
 * | numEnvs             | 4                 | 1                              |
 * | numSteps            | 128               | 2048                           |
 * | annealLr            | true              | true                           |
 * | gamma               | 0.99              | 0.99                           |
 * | gaeLambda           | 0.95              | 0.95                           |
 * | numMinibatches      | 4                 | 32                             |
 * | updateEpochs        | 4                 | 10                             |
 * | normAdv             | true              | true                           |
 * | clipCoef            | 0.2               | 0.2                            |
 * | clipVloss           | true              | true                           |
 * | entCoef             | 0.01              | 0.0                            |
 * | vfCoef              | 0.5               | 0.5                            |
 * | maxGradNorm         | 0.5               | 0.5                            |
 * | targetKl            | null (off)        | null (off)                     |
 * | adamEpsilon         | 1e-5              | 1e-5                           |
 * | hiddenSizes         | [64, 64]          | [64, 64]                       |
 * | normalizeObservation| false             | true (clipped to ±10)          |
 * | normalizeReward     | false             | true (clipped to ±10)          |
 *
 * Discrete and multi-discrete action spaces take the first column, boxes the second. One addition
 * to CleanRL: `bootstrapTruncation` (default true) bootstraps from the final observation's value
 * when an episode is cut by a time limit, as Stable-Baselines3 does; CleanRL treats truncation as
 * termination (set it false to match that).
 */
import { InputError } from '../../util/errors.js';
import type { Space } from '../spaces.js';

export interface PpoConfig {
  /** Environment steps of a training run (all environments together), when iterations are not given. */
  totalSteps: number;
  learningRate: number;
  /** Environments stepped in parallel; each iteration collects numEnvs × numSteps steps. */
  numEnvs: number;
  numSteps: number;
  /** Anneal the learning rate linearly from learningRate to 0 over the run. */
  annealLr: boolean;
  gamma: number;
  gaeLambda: number;
  numMinibatches: number;
  updateEpochs: number;
  /** Normalise advantages to mean 0, standard deviation 1 within each minibatch. */
  normAdv: boolean;
  clipCoef: number;
  /** Clip the value loss around the rollout's values (by clipCoef). */
  clipVloss: boolean;
  entCoef: number;
  vfCoef: number;
  maxGradNorm: number;
  /** Stop an update's epochs early once the approximate KL exceeds this; null never stops. */
  targetKl: number | null;
  adamEpsilon: number;
  hiddenSizes: number[];
  normalizeObservation: boolean;
  normalizeReward: boolean;
  /** Normalised observations are clipped to ±clipObservation (CleanRL: 10). */
  clipObservation: number;
  /** Scaled rewards are clipped to ±clipReward (CleanRL: 10). */
  clipReward: number;
  /** Bootstrap from the final observation's value at a time-limit truncation (Stable-Baselines3); false treats it as termination (CleanRL). */
  bootstrapTruncation: boolean;
  /** Environments per rollout task: the unit of work a worker thread receives (numEnvs must be a multiple). */
  envsPerRollout: number;
}

const COMMON = {
  annealLr: true,
  gamma: 0.99,
  gaeLambda: 0.95,
  normAdv: true,
  clipCoef: 0.2,
  clipVloss: true,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  targetKl: null,
  adamEpsilon: 1e-5,
  clipObservation: 10,
  clipReward: 10,
  bootstrapTruncation: true,
  envsPerRollout: 1,
} as const;

/** CleanRL's ppo.py (discrete actions; CartPole-v1). */
export const CLEANRL_DISCRETE: Readonly<PpoConfig> = Object.freeze({
  ...COMMON,
  totalSteps: 500_000,
  learningRate: 2.5e-4,
  numEnvs: 4,
  numSteps: 128,
  numMinibatches: 4,
  updateEpochs: 4,
  entCoef: 0.01,
  hiddenSizes: [64, 64],
  normalizeObservation: false,
  normalizeReward: false,
});

/** CleanRL's ppo_continuous_action.py (box actions; MuJoCo). */
export const CLEANRL_CONTINUOUS: Readonly<PpoConfig> = Object.freeze({
  ...COMMON,
  totalSteps: 1_000_000,
  learningRate: 3e-4,
  numEnvs: 1,
  numSteps: 2048,
  numMinibatches: 32,
  updateEpochs: 10,
  entCoef: 0,
  hiddenSizes: [64, 64],
  normalizeObservation: true,
  normalizeReward: true,
});

/** PPO's defaults in one place: `discrete` (ppo.py) for discrete and multi-discrete actions, `continuous` (ppo_continuous_action.py) for boxes. */
export const PPO_DEFAULTS = Object.freeze({ discrete: CLEANRL_DISCRETE, continuous: CLEANRL_CONTINUOUS });

/** The defaults for an action space: CleanRL's continuous script for a box, its discrete one otherwise. */
export function ppoDefaults(actionSpace: Space): Readonly<PpoConfig> {
  return actionSpace.type === 'box' ? PPO_DEFAULTS.continuous : PPO_DEFAULTS.discrete;
}

type Check = (v: unknown) => string | null;
const positiveInt: Check = (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : 'a positive integer');
const positive: Check = (v) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? null : 'a positive number');
const nonNegative: Check = (v) => (typeof v === 'number' && v >= 0 && Number.isFinite(v) ? null : 'a number ≥ 0');
const unit: Check = (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'a number in [0, 1]');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'true or false');
const CHECKS: Record<keyof PpoConfig, Check> = {
  totalSteps: positiveInt,
  learningRate: nonNegative,
  numEnvs: positiveInt,
  numSteps: positiveInt,
  annealLr: bool,
  gamma: unit,
  gaeLambda: unit,
  numMinibatches: positiveInt,
  updateEpochs: positiveInt,
  normAdv: bool,
  clipCoef: positive,
  clipVloss: bool,
  entCoef: nonNegative,
  vfCoef: nonNegative,
  maxGradNorm: positive,
  targetKl: (v) => (v === null ? null : positive(v)),
  adamEpsilon: positive,
  hiddenSizes: (v) => (Array.isArray(v) && v.length >= 1 && v.every((h) => positiveInt(h) === null) ? null : 'a non-empty list of positive integers'),
  normalizeObservation: bool,
  normalizeReward: bool,
  clipObservation: positive,
  clipReward: positive,
  bootstrapTruncation: bool,
  envsPerRollout: positiveInt,
};

const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

/**
 * The defaults for the action space with `overrides` applied, checked: InputError (field
 * `config.NAME`) for an unknown name or a value of the wrong kind, and for batch sizes that do not
 * divide (numEnvs × numSteps into numMinibatches, numEnvs into rollouts).
 */
export function resolvePpoConfig(actionSpace: Space, overrides: Partial<PpoConfig> = {}): PpoConfig {
  const out = { ...ppoDefaults(actionSpace), hiddenSizes: [...ppoDefaults(actionSpace).hiddenSizes] } as PpoConfig;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!(key in CHECKS)) throw new InputError(`unknown PPO setting (known: ${Object.keys(CHECKS).join(', ')})`, undefined, undefined, `config.${key}`);
    const problem = CHECKS[key as keyof PpoConfig](value);
    if (problem) throw new InputError(`expected ${problem}, got ${show(value)}`, undefined, undefined, `config.${key}`);
    (out as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
  const batch = out.numEnvs * out.numSteps;
  if (batch % out.numMinibatches !== 0) throw new InputError(`expected a divisor of numEnvs × numSteps = ${batch}, got ${out.numMinibatches}`, undefined, undefined, 'config.numMinibatches');
  if (out.numEnvs % out.envsPerRollout !== 0) throw new InputError(`expected a divisor of numEnvs = ${out.numEnvs}, got ${out.envsPerRollout}`, undefined, undefined, 'config.envsPerRollout');
  return out;
}
