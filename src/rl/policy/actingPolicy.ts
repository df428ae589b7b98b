/**
 * A trained policy acting on an environment's raw observations, as an agent running it inside a
 * simulation does: normalise with the statistics saved at the end of training (frozen: a deployed
 * policy learns nothing), run the pure forward pass, and return the environment's action: the
 * deterministic one by default (the most likely choice, or the Gaussian's mean, clipped to the box),
 * or a draw from the caller's seeded stream.
 */
import type { Rng } from '../../util/rng.js';
import type { Space, SpaceValue } from '../spaces.js';
import { type NormalizationState, normalizeObservation } from '../wrappers/normalize.js';
import { environmentAction } from './actionHead.js';
import { type PolicySpec, weightLayout } from './layout.js';
import { Policy } from './policy.js';

/** What acting needs: a loaded policy folder (loadPolicy) or a training's result (trainPpo) both have it. */
export interface PolicySource {
  spec: PolicySpec;
  weights: Float32Array;
  normalization: NormalizationState | null;
  observationNames: readonly string[];
}

export class ActingPolicy {
  private readonly policy: Policy;
  private readonly normalization: NormalizationState | null;
  readonly actionSpace: Space;
  readonly observationNames: readonly string[];

  constructor(source: PolicySource) {
    this.policy = new Policy(weightLayout(source.spec), source.weights);
    this.normalization = source.normalization;
    this.actionSpace = source.spec.actionSpace;
    this.observationNames = source.observationNames;
  }

  /** The observation as the network sees it. */
  prepare(raw: Float32Array): Float32Array {
    if (raw.length !== this.observationNames.length) throw new RangeError(`policy: expected ${this.observationNames.length} observation values, got ${raw.length}`);
    return normalizeObservation(this.normalization, raw);
  }

  /** The deterministic action for a raw observation. */
  decide(raw: Float32Array): SpaceValue<Space> {
    return environmentAction(this.actionSpace, this.policy.mode(this.prepare(raw)));
  }

  /** A stochastic action for a raw observation, drawn from `rng`. */
  sample(raw: Float32Array, rng: Rng): SpaceValue<Space> {
    return environmentAction(this.actionSpace, this.policy.act(this.prepare(raw), rng).action);
  }

  /**
   * What an explanation attributes, per action dimension: the expected choice index Σ k·p_k of
   * each categorical (a notch policy's expected move), or the Gaussian's mean for a box.
   */
  expectedAction(raw: Float32Array): Float64Array {
    const out = this.policy.actorOutput(this.prepare(raw));
    const space = this.actionSpace;
    if (space.type === 'box') return out;
    const sizes = space.type === 'discrete' ? [space.n] : space.nvec;
    const result = new Float64Array(sizes.length);
    let from = 0;
    sizes.forEach((n, d) => {
      let max = -Infinity;
      for (let i = 0; i < n; i++) max = Math.max(max, out[from + i]);
      let z = 0;
      let m = 0;
      for (let i = 0; i < n; i++) {
        const e = Math.exp(out[from + i] - max);
        z += e;
        m += i * e;
      }
      result[d] = m / z;
      from += n;
    });
    return result;
  }

  /** The critic's value of a raw observation (in the scaled reward units training used). */
  value(raw: Float32Array): number {
    return this.policy.value(this.prepare(raw));
  }
}
