/**
 * Adam (Kingma & Ba 2015) over the flat weight array, in PyTorch's form (the optimiser CleanRL
 * uses, with ε = 1e-5 instead of the usual 1e-8):
 *
 *   m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,  w ← w − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
 *
 * Written here rather than taken from TensorFlow.js so that the learning rate can be annealed per
 * iteration, the state (moments and step) is plain arrays that a checkpoint could save, and the
 * update is the same arithmetic on every backend. Moments are kept in double precision; the
 * weights stay float32, as the network uses them.
 */
export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  readonly m: Float64Array;
  readonly v: Float64Array;
  step = 0;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  constructor(size: number, options: AdamOptions = {}) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
  }

  /** Moves `weights` (in place) against `gradient` with learning rate `lr`. */
  update(weights: Float32Array, gradient: ArrayLike<number>, lr: number): void {
    if (gradient.length !== weights.length || weights.length !== this.m.length) throw new RangeError('adam: weights, gradient and state must have the same length');
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    for (let i = 0; i < weights.length; i++) {
      const g = gradient[i];
      this.m[i] = this.beta1 * this.m[i] + (1 - this.beta1) * g;
      this.v[i] = this.beta2 * this.v[i] + (1 - this.beta2) * g * g;
      weights[i] -= (lr * (this.m[i] / c1)) / (Math.sqrt(this.v[i] / c2) + this.epsilon);
    }
  }
}
