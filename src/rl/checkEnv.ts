/**
 * `checkEnv`, after Gymnasium's `utils/env_checker.py`: the checks every environment's test runs.
 * It holds an environment to its declared contract (observations inside the observation space,
 * finite rewards, boolean flags, a fresh array per observation) and to determinism: the same seed
 * and the same actions give the same trajectory, bit for bit, and a different seed gives another.
 * Actions are drawn from the action space with a stream of the checker's own, so an environment
 * whose outcome ignores its actions still has to be reproducible.
 */
import { Rng } from '../util/rng.js';
import type { Env, StepResult } from './env.js';
import { contains, flatSize, sample, type Space, type SpaceValue } from './spaces.js';

export interface CheckEnvOptions {
  /** Seed of the episodes compared (default 1). */
  seed?: number;
  /** Steps per episode checked, at most (default 64). */
  steps?: number;
  /** Options passed to every reset. */
  resetOptions?: Record<string, unknown>;
  /** Skip the check that another seed gives another trajectory (an environment with no randomness). */
  deterministicAcrossSeeds?: boolean;
}

interface Trajectory {
  observations: Float32Array[];
  rewards: number[];
  flags: string[];
}

function fail(message: string): never {
  throw new Error(`checkEnv: ${message}`);
}

function checkObservation(env: Env, observation: unknown, where: string): Float32Array {
  if (!(observation instanceof Float32Array)) fail(`${where}: the observation is not a Float32Array`);
  if (!contains(env.observationSpace, observation)) {
    const outside = Array.from(observation).findIndex((x, i) => !contains(singleValueSpace(env.observationSpace, i), Float32Array.of(x)));
    fail(`${where}: the observation is outside the observation space (value ${outside} "${env.observationNames[outside] ?? '?'}" = ${observation[outside]})`);
  }
  return observation;
}

/** The one-value box of coordinate i of a box space, to name the value that falls outside. */
function singleValueSpace(space: Space, i: number): Space {
  if (space.type !== 'box') return space;
  return { type: 'box', shape: [1], low: space.low.subarray(i, i + 1), high: space.high.subarray(i, i + 1) };
}

function checkStep(env: Env, r: StepResult, where: string): void {
  checkObservation(env, r.observation, where);
  if (typeof r.reward !== 'number' || !Number.isFinite(r.reward)) fail(`${where}: the reward is not a finite number (${r.reward})`);
  if (typeof r.terminated !== 'boolean' || typeof r.truncated !== 'boolean') fail(`${where}: terminated and truncated must be booleans`);
  if (r.info === null || typeof r.info !== 'object') fail(`${where}: info must be an object`);
}

function runEpisode(env: Env, seed: number, actionSeed: number, steps: number, options?: Record<string, unknown>): Trajectory {
  const actions = new Rng(actionSeed);
  const first = env.reset({ seed, options });
  if (first.info === null || typeof first.info !== 'object') fail('reset: info must be an object');
  const observations = [checkObservation(env, first.observation, 'reset').slice()];
  const rewards: number[] = [];
  const flags: string[] = [];
  for (let t = 0; t < steps; t++) {
    const action = sample(env.actionSpace, actions) as SpaceValue<Space>;
    const r = env.step(action);
    checkStep(env, r, `step ${t}`);
    if (r.observation === observations[observations.length - 1]) fail(`step ${t}: the observation array is the previous one (return a fresh array: a learner keeps them)`);
    observations.push(r.observation.slice());
    rewards.push(r.reward);
    flags.push(`${r.terminated}/${r.truncated}`);
    if (r.terminated || r.truncated) break;
  }
  return { observations, rewards, flags };
}

function sameTrajectory(a: Trajectory, b: Trajectory): string | null {
  if (a.observations.length !== b.observations.length) return `episode lengths ${a.observations.length - 1} and ${b.observations.length - 1}`;
  for (let t = 0; t < a.observations.length; t++) {
    const x = a.observations[t];
    const y = b.observations[t];
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `observation ${t} value ${i}: ${x[i]} against ${y[i]}`;
  }
  for (let t = 0; t < a.rewards.length; t++) {
    if (!Object.is(a.rewards[t], b.rewards[t])) return `reward ${t}: ${a.rewards[t]} against ${b.rewards[t]}`;
    if (a.flags[t] !== b.flags[t]) return `flags ${t}: ${a.flags[t]} against ${b.flags[t]}`;
  }
  return null;
}

/** Throws an Error naming the first broken rule; returns the number of steps it checked. */
export function checkEnv(env: Env, options: CheckEnvOptions = {}): number {
  const seed = options.seed ?? 1;
  const steps = options.steps ?? 64;
  const n = flatSize(env.observationSpace);
  if (env.observationSpace.type !== 'box') fail('the observation space must be a box');
  if (env.observationNames.length !== n) fail(`${env.observationNames.length} observation names for ${n} values`);
  if (new Set(env.observationNames).size !== n) fail('observation names must be distinct');
  const first = runEpisode(env, seed, 7, steps, options.resetOptions);
  const again = runEpisode(env, seed, 7, steps, options.resetOptions);
  const difference = sameTrajectory(first, again);
  if (difference !== null) fail(`the same seed gave two trajectories (${difference})`);
  if (!options.deterministicAcrossSeeds) {
    const other = runEpisode(env, seed + 1, 7, steps, options.resetOptions);
    if (sameTrajectory(first, other) === null) fail(`seeds ${seed} and ${seed + 1} gave the same trajectory: is the seed used?`);
  }
  return first.rewards.length;
}
