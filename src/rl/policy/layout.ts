/**
 * The actor-critic's parameters as ONE Float32Array, and where each tensor sits in it.
 *
 * One flat array is what crosses thread boundaries (a transferable buffer, no per-tensor
 * messages), what Adam updates, and what the pure-TypeScript forward pass reads; the layout maps
 * it to the named tensors of the TensorFlow.js layers model that is saved (`actor_hidden_1/kernel`
 * …), so saving and loading are a matter of names, not of order.
 *
 * The network is CleanRL's (ppo.py, ppo_continuous_action.py): separate actor and critic MLPs on
 * the observation, tanh hidden layers (64, 64 by default), an actor output of one value per action
 * logit (discrete spaces) or per action mean (a box), a critic output of one value, and for a box a
 * state-independent log standard deviation per action dimension. Kernels are stored [in, out]
 * row-major (TensorFlow.js's Dense convention): element (i, j) is at offset + i·out + j.
 */
import { flatSize, type Space } from '../spaces.js';

/** What determines the network's shape: the sizes of its input, hidden layers and action space. */
export interface PolicySpec {
  /** Values in an observation. */
  readonly observationSize: number;
  readonly actionSpace: Space;
  /** Units of each hidden layer of the actor and of the critic (CleanRL: [64, 64]). */
  readonly hiddenSizes: readonly number[];
}

export interface TensorSlot {
  /** The weight's name in the saved layers model (`layer/kernel`, `layer/bias`), or `actor_log_std`. */
  readonly name: string;
  readonly shape: readonly number[];
  readonly offset: number;
  readonly size: number;
}

/** One dense layer: its kernel and bias slots and its sizes. */
export interface DenseSlots {
  readonly layer: string;
  readonly inputs: number;
  readonly units: number;
  readonly kernel: TensorSlot;
  readonly bias: TensorSlot;
}

export interface WeightLayout {
  readonly spec: PolicySpec;
  /** Actor layers, input to output; the last one emits logits or means. */
  readonly actor: readonly DenseSlots[];
  /** Critic layers, input to output; the last one emits the value. */
  readonly critic: readonly DenseSlots[];
  /** A box's log standard deviations (one per action dimension); absent for discrete spaces. */
  readonly logStd?: TensorSlot;
  /** Every slot in flat order. */
  readonly slots: readonly TensorSlot[];
  /** Length of the flat array. */
  readonly size: number;
}

/** Values the actor emits: logits of every choice (summed over dimensions of a multi-discrete space) or box means. */
export function actorOutputSize(space: Space): number {
  switch (space.type) {
    case 'discrete':
      return space.n;
    case 'multi-discrete':
      return space.nvec.reduce((a, b) => a + b, 0);
    case 'box':
      return space.shape[0];
  }
}

/** The layout of `spec`'s network: actor layers, then the log-std (box only), then critic layers. */
export function weightLayout(spec: PolicySpec): WeightLayout {
  if (!Number.isInteger(spec.observationSize) || spec.observationSize < 1) throw new RangeError(`policy: expected a positive observation size, got ${spec.observationSize}`);
  for (const h of spec.hiddenSizes) if (!Number.isInteger(h) || h < 1) throw new RangeError(`policy: expected positive hidden sizes, got ${h}`);
  const slots: TensorSlot[] = [];
  let offset = 0;
  const slot = (name: string, shape: number[]): TensorSlot => {
    const size = shape.reduce((a, b) => a * b, 1);
    const s = { name, shape, offset, size };
    offset += size;
    slots.push(s);
    return s;
  };
  const chain = (prefix: string, outputs: number): DenseSlots[] => {
    const sizes = [spec.observationSize, ...spec.hiddenSizes, outputs];
    const layers: DenseSlots[] = [];
    for (let l = 0; l + 1 < sizes.length; l++) {
      const layer = l + 2 < sizes.length ? `${prefix}_hidden_${l + 1}` : `${prefix}_out`;
      const kernel = slot(`${layer}/kernel`, [sizes[l], sizes[l + 1]]);
      const bias = slot(`${layer}/bias`, [sizes[l + 1]]);
      layers.push({ layer, inputs: sizes[l], units: sizes[l + 1], kernel, bias });
    }
    return layers;
  };
  const actor = chain('actor', actorOutputSize(spec.actionSpace));
  const logStd = spec.actionSpace.type === 'box' ? slot('actor_log_std', [flatSize(spec.actionSpace)]) : undefined;
  const critic = chain('critic', 1);
  return { spec, actor, critic, logStd, slots, size: offset };
}

/** The flat array's tensors by name (views into `weights`, not copies). */
export function unflatten(layout: WeightLayout, weights: Float32Array): Map<string, Float32Array> {
  if (weights.length !== layout.size) throw new RangeError(`policy: expected ${layout.size} weights, got ${weights.length}`);
  return new Map(layout.slots.map((s) => [s.name, weights.subarray(s.offset, s.offset + s.size)]));
}

/** The flat array of named tensors; every slot of the layout must be present with its size. */
export function flatten(layout: WeightLayout, tensors: ReadonlyMap<string, ArrayLike<number>>): Float32Array {
  const out = new Float32Array(layout.size);
  for (const s of layout.slots) {
    const t = tensors.get(s.name);
    if (!t) throw new RangeError(`policy: weight ${s.name} is missing`);
    if (t.length !== s.size) throw new RangeError(`policy: weight ${s.name} has ${t.length} values, expected ${s.size}`);
    out.set(t, s.offset);
  }
  return out;
}
