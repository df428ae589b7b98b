/**
 * The actor-critic's starting weights, as CleanRL's `layer_init` sets them: every kernel
 * orthogonal with gain √2 (the tanh layers), except the actor's output layer (gain 0.01, so the
 * first policy is close to uniform / zero-mean and exploration starts even) and the critic's
 * output (gain 1); biases zero; a box's log standard deviations zero (σ = 1).
 *
 * PyTorch stores a linear layer's weight as [out, in] and draws the orthogonal matrix in that
 * orientation; our kernels are [in, out], so the same draw is stored transposed. Each layer
 * takes its own stream derived from the seed, so the actor's weights do not shift when the
 * critic's size changes.
 */
import { deriveSeed, Rng } from '../../util/rng.js';
import { orthogonalMatrix } from './orthogonal.js';
import type { DenseSlots, WeightLayout } from './layout.js';

/** Stream tags of the layers' draws (a network's weights are a function of the seed alone). */
const ACTOR_STREAM = 1;
const CRITIC_STREAM = 2;

function initDense(weights: Float32Array, layer: DenseSlots, gain: number, seed: number): void {
  const w = orthogonalMatrix(layer.units, layer.inputs, gain, new Rng(seed)); // [out, in], PyTorch's orientation
  for (let o = 0; o < layer.units; o++) {
    for (let i = 0; i < layer.inputs; i++) weights[layer.kernel.offset + i * layer.units + o] = w[o * layer.inputs + i];
  }
  weights.fill(0, layer.bias.offset, layer.bias.offset + layer.bias.size);
}

export function initialWeights(layout: WeightLayout, seed: number): Float32Array {
  const weights = new Float32Array(layout.size);
  const chains: [readonly DenseSlots[], number, number][] = [
    [layout.actor, ACTOR_STREAM, 0.01],
    [layout.critic, CRITIC_STREAM, 1],
  ];
  for (const [layers, stream, outGain] of chains) {
    layers.forEach((layer, l) => initDense(weights, layer, l === layers.length - 1 ? outGain : Math.SQRT2, deriveSeed(seed, stream, l)));
  }
  // log-std slots stay zero: σ = 1 at the start, as CleanRL's `actor_logstd = zeros`
  return weights;
}
