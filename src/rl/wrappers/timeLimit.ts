/**
 * Gymnasium's TimeLimit: an episode that has not ended after `maxSteps` steps is truncated. It
 * sets `truncated`, never `terminated`: the state after the last step still has a value, which PPO
 * bootstraps (a terminal state's value is zero).
 */
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import type { Space, SpaceValue } from '../spaces.js';

export class TimeLimit<A extends Space = Space> implements Env<A> {
  readonly observationSpace: Space;
  readonly actionSpace: A;
  readonly observationNames: readonly string[];
  private elapsed = 0;

  constructor(
    readonly env: Env<A>,
    readonly maxSteps: number,
  ) {
    if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new RangeError(`time limit: expected a positive number of steps, got ${maxSteps}`);
    this.observationSpace = env.observationSpace;
    this.actionSpace = env.actionSpace;
    this.observationNames = env.observationNames;
  }

  reset(args?: ResetArgs): ResetResult {
    this.elapsed = 0;
    return this.env.reset(args);
  }

  step(action: SpaceValue<A>): StepResult {
    const r = this.env.step(action);
    this.elapsed++;
    return this.elapsed >= this.maxSteps && !r.terminated ? { ...r, truncated: true } : r;
  }

  close(): void {
    this.env.close?.();
  }
}
