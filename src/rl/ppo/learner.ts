/**
 * The PPO update on TensorFlow.js: minibatch epochs over an iteration's batch, each minibatch one
 * step of Adam on the loss
 *
 *   L = L_clip − c_ent·H + c_vf·L_value          (losses.ts has the per-sample definitions)
 *
 * as CleanRL's ppo.py computes it: ratios against the rollout's log-probabilities, advantages
 * normalised per minibatch (sample standard deviation, + 1e-8), the value loss clipped around the
 * rollout's values when `clipVloss`, the entropy of the current policy, the gradient's global norm
 * clipped to `maxGradNorm`, minibatch order reshuffled each epoch from the training seed, and the
 * epochs stopped early once the last minibatch's approximate KL exceeds `targetKl` (when set).
 *
 * TensorFlow.js computes the network and the gradient; the parameters are one flat float32 vector
 * (layout.ts), sliced into the layers inside the graph, so the gradient comes back as one flat
 * array that our own Adam applies. The backend is whatever tfjs runs (initTf sets WebAssembly;
 * tests compare it with tfjs's plain-JS cpu backend). TensorFlow.js stays private to this class,
 * so the library's declarations do not name its types.
 */
import type * as TF from '@tensorflow/tfjs';
import { initTf } from '../../models/tf.js';
import type { Rng } from '../../util/rng.js';
import type { TensorSlot, WeightLayout } from '../policy/layout.js';
import type { Batch } from './batch.js';
import { Adam } from './adam.js';
import type { PpoConfig } from './config.js';
import { clipGradientNorm } from './gradientClip.js';
import { explainedVariance } from './explainedVariance.js';

type Tf = typeof TF;

/** What an update reports (CleanRL's losses/* charts); losses, entropy, KL and clip fraction are means over the update's minibatches. */
export interface UpdateStats {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  /** Mean over minibatches of mean((ρ − 1) − log ρ). */
  approxKl: number;
  /** Share of samples whose ratio left [1 − ε, 1 + ε]. */
  clipFraction: number;
  /** Of the rollout's values against the λ-returns (before the update, as CleanRL reports it). */
  explainedVariance: number;
  /** Mean global gradient norm before clipping. */
  gradientNorm: number;
  learningRate: number;
  epochs: number;
  minibatches: number;
}

/** The loss terms of one minibatch, as the graph computes them (for tests and diagnostics). */
export interface LossTerms {
  loss: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
}

/** A minibatch as plain arrays (advantages already normalised when the configuration says so). */
export interface Minibatch {
  size: number;
  observations: Float32Array;
  actions: Float32Array;
  logProbs: Float32Array;
  values: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
}

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * The parameters as one tensor per slot of the layout, in slot order (the gradient comes back in
 * the same shapes and is written into one flat array; slicing a single flat tensor instead costs
 * a slice and a full-size pad per tensor in every step).
 */
type Params = readonly TF.Tensor[];

function paramTensors(tf: Tf, layout: WeightLayout, weights: Float32Array): TF.Tensor[] {
  return layout.slots.map((s) => tf.tensor(weights.subarray(s.offset, s.offset + s.size), [...s.shape]));
}

/** The actor's output and the critic's values of `obs` [B, O]. */
function forward(tf: Tf, layout: WeightLayout, params: Params, obs: TF.Tensor2D): { actor: TF.Tensor2D; value: TF.Tensor1D } {
  const of = (s: TensorSlot) => params[layout.slots.indexOf(s)];
  const chain = (layers: WeightLayout['actor']) => {
    let h: TF.Tensor2D = obs;
    layers.forEach((l, i) => {
      const z = tf.add(tf.matMul(h, of(l.kernel) as TF.Tensor2D), of(l.bias)) as TF.Tensor2D;
      h = i < layers.length - 1 ? tf.tanh(z) : z;
    });
    return h;
  };
  return { actor: chain(layout.actor), value: tf.reshape(chain(layout.critic), [-1]) as TF.Tensor1D };
}

/** Log-probability of each action and entropy of each sample's distribution, by the head the action space calls for. */
function headTerms(tf: Tf, layout: WeightLayout, params: Params, actor: TF.Tensor2D, actions: TF.Tensor2D): { logProb: TF.Tensor1D; entropy: TF.Tensor1D } {
  const space = layout.spec.actionSpace;
  if (space.type === 'box') {
    const logStd = params[layout.slots.indexOf(layout.logStd!)];
    const z = tf.mul(tf.sub(actions, actor), tf.exp(tf.neg(logStd)));
    const logProb = tf.sum(tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), logStd), HALF_LOG_2PI), 1) as TF.Tensor1D;
    const entropyOne = tf.sum(tf.add(logStd, 0.5 + HALF_LOG_2PI));
    return { logProb, entropy: tf.mul(tf.onesLike(logProb), entropyOne) as TF.Tensor1D };
  }
  const nvec = space.type === 'discrete' ? [space.n] : space.nvec;
  let logProb: TF.Tensor1D | null = null;
  let entropy: TF.Tensor1D | null = null;
  let from = 0;
  nvec.forEach((n, d) => {
    // a dimension with a single choice is certain: log-probability 0, entropy 0 (and tf.oneHot refuses depth 1)
    if (n === 1) {
      from += 1;
      return;
    }
    const logits = nvec.length === 1 ? actor : (tf.slice(actor, [0, from], [-1, n]) as TF.Tensor2D);
    const logP = tf.logSoftmax(logits);
    const chosen = tf.oneHot(tf.cast(tf.reshape(tf.slice(actions, [0, d], [-1, 1]), [-1]), 'int32'), n);
    const lp = tf.sum(tf.mul(logP, chosen), 1) as TF.Tensor1D;
    const h = tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), 1)) as TF.Tensor1D;
    logProb = logProb ? (tf.add(logProb, lp) as TF.Tensor1D) : lp;
    entropy = entropy ? (tf.add(entropy, h) as TF.Tensor1D) : h;
    from += n;
  });
  if (!logProb || !entropy) {
    const zeros = tf.zeros([actions.shape[0]]) as TF.Tensor1D;
    return { logProb: zeros, entropy: tf.zeros([actions.shape[0]]) as TF.Tensor1D };
  }
  return { logProb, entropy };
}

interface MinibatchTensors {
  obs: TF.Tensor2D;
  actions: TF.Tensor2D;
  oldLogProb: TF.Tensor1D;
  oldValue: TF.Tensor1D;
  advantage: TF.Tensor1D;
  target: TF.Tensor1D;
}

/** The scalar loss and its parts [loss, policy, value, entropy, approxKl, clipFraction] as one kept tensor. */
function ppoLoss(tf: Tf, layout: WeightLayout, config: PpoConfig, params: Params, mb: MinibatchTensors): { loss: TF.Scalar; parts: TF.Tensor1D } {
  const { actor, value } = forward(tf, layout, params, mb.obs);
  const { logProb, entropy } = headTerms(tf, layout, params, actor, mb.actions);
  const logRatio = tf.sub(logProb, mb.oldLogProb);
  const ratio = tf.exp(logRatio);
  const eps = config.clipCoef;
  const surrogate = tf.maximum(tf.mul(tf.neg(mb.advantage), ratio), tf.mul(tf.neg(mb.advantage), tf.clipByValue(ratio, 1 - eps, 1 + eps)));
  const policyLoss = tf.mean(surrogate);
  const unclipped = tf.square(tf.sub(value, mb.target));
  const valueLoss = config.clipVloss
    ? tf.mul(0.5, tf.mean(tf.maximum(unclipped, tf.square(tf.sub(tf.add(mb.oldValue, tf.clipByValue(tf.sub(value, mb.oldValue), -eps, eps)), mb.target)))))
    : tf.mul(0.5, tf.mean(unclipped));
  const entropyMean = tf.mean(entropy);
  const loss = tf.add(tf.sub(policyLoss, tf.mul(config.entCoef, entropyMean)), tf.mul(config.vfCoef, valueLoss)) as TF.Scalar;
  // monitoring only: no gradient flows through these (they are not part of the returned loss)
  const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio));
  const clipFraction = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), eps), 'float32'));
  const parts = tf.keep(tf.stack([loss, policyLoss, valueLoss, entropyMean, approxKl, clipFraction]) as TF.Tensor1D);
  return { loss, parts };
}

function toTerms(p: Float32Array | Int32Array | Uint8Array): LossTerms {
  return { loss: p[0], policyLoss: p[1], valueLoss: p[2], entropy: p[3], approxKl: p[4], clipFraction: p[5] };
}

/** Copies rows `idx[from..to)` of a [n, width] array. */
function gatherRows(src: ArrayLike<number>, width: number, idx: Int32Array, from: number, to: number, out: Float32Array): Float32Array {
  for (let r = from; r < to; r++) {
    const s = idx[r] * width;
    const d = (r - from) * width;
    for (let j = 0; j < width; j++) out[d + j] = src[s + j];
  }
  return out;
}

/**
 * CleanRL's minibatch advantage normalisation: (A − mean) / (std + 1e-8), with the sample
 * standard deviation (PyTorch's `Tensor.std` divides by n − 1).
 */
export function normalizeAdvantages(a: Float32Array): Float32Array {
  const n = a.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += a[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (a[i] - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return Float32Array.from(a, (x) => (x - mean) / (std + 1e-8));
}

export class PpoLearner {
  /** The current parameters (updated in place by `update`). */
  readonly weights: Float32Array;
  private readonly adam: Adam;

  private constructor(
    private readonly tf: Tf,
    readonly layout: WeightLayout,
    readonly config: PpoConfig,
    weights: Float32Array,
  ) {
    if (weights.length !== layout.size) throw new RangeError(`learner: expected ${layout.size} weights, got ${weights.length}`);
    this.weights = weights.slice();
    this.adam = new Adam(layout.size, { epsilon: config.adamEpsilon });
  }

  /**
   * A learner starting from `weights`, on TensorFlow.js's WebAssembly backend (or `cpu`, tfjs's
   * plain-JS reference backend, which tests compare it with; the choice is process-wide in tfjs).
   */
  static async create(layout: WeightLayout, config: PpoConfig, weights: Float32Array, backend: 'wasm' | 'cpu' = 'wasm'): Promise<PpoLearner> {
    const tf = await initTf();
    if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) throw new Error(`TensorFlow.js: the ${backend} backend failed to initialise`);
    return new PpoLearner(tf, layout, config, weights);
  }

  private tensors(mb: Minibatch): MinibatchTensors {
    const tf = this.tf;
    const observationSize = this.layout.spec.observationSize;
    const actionSize = mb.actions.length / mb.size;
    return {
      obs: tf.tensor2d(mb.observations, [mb.size, observationSize]),
      actions: tf.tensor2d(mb.actions, [mb.size, actionSize]),
      oldLogProb: tf.tensor1d(mb.logProbs),
      oldValue: tf.tensor1d(mb.values),
      advantage: tf.tensor1d(mb.advantages),
      target: tf.tensor1d(mb.returns),
    };
  }

  /** The loss terms of a minibatch at the current weights, without updating. */
  lossTerms(mb: Minibatch): LossTerms {
    const tf = this.tf;
    let parts: TF.Tensor1D | undefined;
    tf.tidy(() => {
      parts = ppoLoss(tf, this.layout, this.config, paramTensors(tf, this.layout, this.weights), this.tensors(mb)).parts;
    });
    const out = toTerms(parts!.dataSync());
    parts!.dispose();
    return out;
  }

  /** One gradient step on a minibatch: returns its loss terms (before the step) and the gradient norm. */
  step(mb: Minibatch, learningRate: number): LossTerms & { gradientNorm: number } {
    const tf = this.tf;
    let parts: TF.Tensor1D | undefined;
    const gradient = new Float32Array(this.layout.size);
    tf.tidy(() => {
      const t = this.tensors(mb);
      const grads = tf.grads((...p: TF.Tensor[]) => {
        const r = ppoLoss(tf, this.layout, this.config, p, t);
        parts = r.parts;
        return r.loss;
      })(paramTensors(tf, this.layout, this.weights));
      this.layout.slots.forEach((s, i) => gradient.set(grads[i].dataSync() as Float32Array, s.offset));
    });
    const terms = toTerms(parts!.dataSync());
    parts!.dispose();
    const gradientNorm = clipGradientNorm(gradient, this.config.maxGradNorm);
    this.adam.update(this.weights, gradient, learningRate);
    return { ...terms, gradientNorm };
  }

  /** A whole PPO update on `batch`: `updateEpochs` passes over minibatches in an order drawn from `rng`. */
  update(batch: Batch, learningRate: number, rng: Rng): UpdateStats {
    const c = this.config;
    const mbSize = Math.floor(batch.size / c.numMinibatches);
    const O = batch.observationSize;
    const A = batch.actionSize;
    const order = Int32Array.from({ length: batch.size }, (_, i) => i);
    const buf = {
      observations: new Float32Array(mbSize * O),
      actions: new Float32Array(mbSize * A),
      logProbs: new Float32Array(mbSize),
      values: new Float32Array(mbSize),
      advantages: new Float32Array(mbSize),
      returns: new Float32Array(mbSize),
    };
    const sums = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, gradientNorm: 0 };
    let minibatches = 0;
    let epochs = 0;
    for (let epoch = 0; epoch < c.updateEpochs; epoch++) {
      epochs++;
      // Fisher–Yates over the index array, as np.random.shuffle(b_inds)
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      let lastKl = 0;
      for (let start = 0; start + mbSize <= batch.size; start += mbSize) {
        const end = start + mbSize;
        gatherRows(batch.observations, O, order, start, end, buf.observations);
        gatherRows(batch.actions, A, order, start, end, buf.actions);
        gatherRows(batch.logProbs, 1, order, start, end, buf.logProbs);
        gatherRows(batch.values, 1, order, start, end, buf.values);
        gatherRows(batch.advantages, 1, order, start, end, buf.advantages);
        gatherRows(batch.returns, 1, order, start, end, buf.returns);
        const mb: Minibatch = { size: mbSize, ...buf, advantages: c.normAdv ? normalizeAdvantages(buf.advantages) : buf.advantages };
        const r = this.step(mb, learningRate);
        for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += r[k];
        minibatches++;
        lastKl = r.approxKl;
      }
      if (c.targetKl !== null && lastKl > c.targetKl) break;
    }
    return {
      policyLoss: sums.policyLoss / minibatches,
      valueLoss: sums.valueLoss / minibatches,
      entropy: sums.entropy / minibatches,
      approxKl: sums.approxKl / minibatches,
      clipFraction: sums.clipFraction / minibatches,
      gradientNorm: sums.gradientNorm / minibatches,
      explainedVariance: explainedVariance(batch.values, batch.returns),
      learningRate,
      epochs,
      minibatches,
    };
  }

  /** The graph's forward pass on `count` observations: actor outputs [count × outputs] and values (compared with the pure pass in tests). */
  evaluate(observations: Float32Array, count: number): { actor: Float32Array; values: Float32Array } {
    const tf = this.tf;
    return tf.tidy(() => {
      const { actor, value } = forward(tf, this.layout, paramTensors(tf, this.layout, this.weights), tf.tensor2d(observations, [count, this.layout.spec.observationSize]));
      return { actor: actor.dataSync() as Float32Array, values: value.dataSync() as Float32Array };
    });
  }
}
