/**
 * Gymnasium's RecordEpisodeStatistics: the undiscounted return and length of every finished
 * episode, in the environment's own reward units. It sits inside any normalisation, so the
 * learning curve reports what the task pays, not the scaled rewards the learner sees.
 */
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import type { Space, SpaceValue } from '../spaces.js';

export interface EpisodeRecord {
  return: number;
  length: number;
  /** Whether it ended by truncation (a time limit) rather than termination. */
  truncated: boolean;
}

export class EpisodeStatistics<A extends Space = Space> implements Env<A> {
  readonly observationSpace: Space;
  readonly actionSpace: A;
  readonly observationNames: readonly string[];
  private total = 0;
  private length = 0;
  private finished: EpisodeRecord[] = [];

  constructor(readonly env: Env<A>) {
    this.observationSpace = env.observationSpace;
    this.actionSpace = env.actionSpace;
    this.observationNames = env.observationNames;
  }

  /** Episodes finished since the last call. */
  takeEpisodes(): EpisodeRecord[] {
    const out = this.finished;
    this.finished = [];
    return out;
  }

  reset(args?: ResetArgs): ResetResult {
    this.total = 0;
    this.length = 0;
    return this.env.reset(args);
  }

  step(action: SpaceValue<A>): StepResult {
    const r = this.env.step(action);
    this.total += r.reward;
    this.length++;
    if (r.terminated || r.truncated) this.finished.push({ return: this.total, length: this.length, truncated: !r.terminated });
    return r;
  }

  close(): void {
    this.env.close?.();
  }
}
