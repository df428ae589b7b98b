/**
 * What chooses actions in an evaluation: a trained policy, a baseline rule or a fixed action. All
 * of them are compared through the same environment, so that a difference in outcome comes from
 * the decisions alone.
 */
import type { Info } from '../env.js';

export interface Controller {
  readonly name: string;
  /**
   * Options added to every reset of an episode this controller plays: a baseline that is not a
   * function of the observation (the scenario's own heuristic agent in the controlled slot) asks
   * the environment for it here, and its actions are then ignored.
   */
  readonly resetOptions?: Record<string, unknown>;
  /** Called at the start of every episode with the reset's info (a rule may need the scenario's parameters). */
  reset?(info: Info): void;
  act(observation: Float32Array): number | Float32Array;
}
