/**
 * The actor-critic's forward pass in plain TypeScript over the flat weights: what workers run to
 * act during rollouts and what a trained policy runs inside a simulation. It needs no
 * TensorFlow.js (which takes most of a second to load and would be loaded again in every worker),
 * runs one observation at a time without allocating, and gives the same numbers on every thread,
 * so a rollout does not depend on where it ran. Sums are accumulated in double precision; the
 * learner's TensorFlow.js pass computes the same function in float32 (a test holds them together).
 */
import type { DenseSlots, WeightLayout } from './layout.js';

/** A dense layer on `input`, into `out`; tanh applied when `hidden`. */
function dense(weights: Float32Array, layer: DenseSlots, input: ArrayLike<number>, out: Float64Array, hidden: boolean): void {
  const { inputs, units } = layer;
  const k = layer.kernel.offset;
  const b = layer.bias.offset;
  for (let j = 0; j < units; j++) out[j] = weights[b + j];
  for (let i = 0; i < inputs; i++) {
    const x = input[i];
    if (x === 0) continue;
    const row = k + i * units;
    for (let j = 0; j < units; j++) out[j] += x * weights[row + j];
  }
  if (hidden) for (let j = 0; j < units; j++) out[j] = Math.tanh(out[j]);
}

/** Scratch buffers for one network shape; reuse one per thread (not shared between concurrent calls). */
export class ForwardPass {
  private readonly actorBuffers: Float64Array[];
  private readonly criticBuffers: Float64Array[];

  constructor(readonly layout: WeightLayout) {
    this.actorBuffers = layout.actor.map((l) => new Float64Array(l.units));
    this.criticBuffers = layout.critic.map((l) => new Float64Array(l.units));
  }

  private chain(weights: Float32Array, layers: readonly DenseSlots[], buffers: Float64Array[], observation: ArrayLike<number>): Float64Array {
    let input: ArrayLike<number> = observation;
    for (let l = 0; l < layers.length; l++) {
      dense(weights, layers[l], input, buffers[l], l < layers.length - 1);
      input = buffers[l];
    }
    return buffers[buffers.length - 1];
  }

  /**
   * The actor's output for one observation: logits (discrete spaces) or the Gaussian's means (a
   * box). The returned buffer is overwritten by the next call.
   */
  actor(weights: Float32Array, observation: ArrayLike<number>): Float64Array {
    if (observation.length !== this.layout.spec.observationSize) throw new RangeError(`policy: expected ${this.layout.spec.observationSize} observation values, got ${observation.length}`);
    return this.chain(weights, this.layout.actor, this.actorBuffers, observation);
  }

  /** The critic's value of one observation. */
  value(weights: Float32Array, observation: ArrayLike<number>): number {
    if (observation.length !== this.layout.spec.observationSize) throw new RangeError(`policy: expected ${this.layout.spec.observationSize} observation values, got ${observation.length}`);
    return this.chain(weights, this.layout.critic, this.criticBuffers, observation)[0];
  }
}
