/**
 * A policy as the evaluation runs it: observation in, action out, over the same environment as
 * the learned policy, so that every baseline meets the same worlds, seeds and reward. A baseline
 * that is not a function of the observation alone (the scenario's own heuristic agent in the
 * controlled slot) says so with the options it needs at every reset; its actions are then ignored.
 */
import type { Space, SpaceValue } from '../spaces.js';

export interface Policy<A extends Space = Space> {
  readonly name: string;
  act(observation: Float32Array): SpaceValue<A>;
  /** Options to pass to every `reset` of an episode this policy plays. */
  readonly resetOptions?: Record<string, unknown>;
}

/** The index of an observation value by name, or an Error naming what the policy needs and what there is. */
export function observationIndex(names: readonly string[], wanted: (name: string) => boolean, what: string, policy: string): number {
  const i = names.findIndex(wanted);
  if (i < 0) throw new Error(`${policy} needs ${what} in the observation (rl.observation); it has: ${names.join(', ')}`);
  return i;
}
