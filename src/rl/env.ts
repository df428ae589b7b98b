/**
 * The environment contract, Gymnasium's `Env` (core.py) taken literally, so that anyone who has
 * written a Gymnasium environment can read ours:
 *
 *   reset({ seed, options }) → { observation, info }
 *   step(action)             → { observation, reward, terminated, truncated, info }
 *
 * `terminated` means the episode reached a terminal state of the task (the protocol is insolvent,
 * the agent is ruined): no value lies beyond it. `truncated` means it was cut by a limit outside
 * the task (the horizon): the state still has a value, which PPO bootstraps. Seeding follows
 * Gymnasium: a seed given to `reset` re-seeds the environment; without one, the next episode
 * continues from the environment's own stream, so a run is a function of the first seed.
 *
 * RL sits above the simulator: environments build worlds and call the step loop from outside,
 * and nothing in `sim/` knows they exist.
 */
import type { Space, SpaceValue } from './spaces.js';

/** Whatever an environment reports beside the numbers (diagnostics; never used for learning). */
export type Info = Record<string, unknown>;

export interface ResetArgs {
  seed?: number;
  /** Environment-specific choices for this episode (a shock size, a scenario variant). */
  options?: Record<string, unknown>;
}

export interface ResetResult {
  observation: Float32Array;
  info: Info;
}

export interface StepResult {
  observation: Float32Array;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Info;
}

export interface Env<A extends Space = Space> {
  readonly observationSpace: Space;
  readonly actionSpace: A;
  /** The name of every observation value, in order (saved with a policy, shown by `eval --explain`). */
  readonly observationNames: readonly string[];
  reset(args?: ResetArgs): ResetResult;
  step(action: SpaceValue<A>): StepResult;
  /** Releases what the environment holds (worlds, buffers); the environment is unusable after. */
  close?(): void;
  /** What an action does, in words, or null when it holds (`eval --trace` lists the decisions that act). */
  describeAction?(action: SpaceValue<A>): string | null;
}
