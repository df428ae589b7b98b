/**
 * Acting with a policy: the flat weights, the pure forward pass and the action head together. A
 * rollout worker acts stochastically with the rollout's seeded stream (and records log-probability
 * and value for the learner); an evaluation or a trained agent acts deterministically (the most
 * likely choice, or the Gaussian's mean).
 */
import type { Rng } from '../../util/rng.js';
import { flatSize } from '../spaces.js';
import { modeAction, sampleAction } from './actionHead.js';
import { ForwardPass } from './forward.js';
import type { WeightLayout } from './layout.js';

export interface ActResult {
  /** The flat action (choice indices, or the unclipped Gaussian draw); overwritten by the next call. */
  action: Float32Array;
  logProb: number;
  value: number;
}

export class Policy {
  private readonly pass: ForwardPass;
  private readonly action: Float32Array;
  private readonly logStd: Float32Array | undefined;

  constructor(
    readonly layout: WeightLayout,
    readonly weights: Float32Array,
  ) {
    if (weights.length !== layout.size) throw new RangeError(`policy: expected ${layout.size} weights, got ${weights.length}`);
    this.pass = new ForwardPass(layout);
    this.action = new Float32Array(flatSize(layout.spec.actionSpace));
    this.logStd = layout.logStd ? weights.subarray(layout.logStd.offset, layout.logStd.offset + layout.logStd.size) : undefined;
  }

  /** A draw from the policy with its log-probability and the critic's value. */
  act(observation: ArrayLike<number>, rng: Rng): ActResult {
    const out = this.pass.actor(this.weights, observation);
    const logProb = sampleAction(this.layout.spec.actionSpace, out, this.logStd, rng, this.action);
    return { action: this.action, logProb, value: this.pass.value(this.weights, observation) };
  }

  /** The deterministic action (argmax per categorical, or the mean); overwritten by the next call. */
  mode(observation: ArrayLike<number>): Float32Array {
    modeAction(this.layout.spec.actionSpace, this.pass.actor(this.weights, observation), this.action);
    return this.action;
  }

  value(observation: ArrayLike<number>): number {
    return this.pass.value(this.weights, observation);
  }

  /** The actor's raw output (logits or means), a copy. */
  actorOutput(observation: ArrayLike<number>): Float64Array {
    return this.pass.actor(this.weights, observation).slice();
  }
}
