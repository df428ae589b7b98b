/**
 * Policy heads: how the actor's output becomes a distribution over actions, chosen by the action
 * space as CleanRL does: a categorical over logits for a discrete space, independent categoricals
 * (one per dimension, log-probabilities summed) for a multi-discrete space, and a diagonal Gaussian
 * with state-independent log standard deviations for a box.
 *
 * An action is carried as a flat vector of `flatSize(space)` numbers: the choice's index (from 0,
 * whatever the space's `start`) per dimension, or the Gaussian draw itself. The Gaussian draw is
 * kept unclipped, as CleanRL stores it, so its log-probability is that of the distribution; only
 * the copy handed to the environment is clipped into the box (Gymnasium's ClipAction).
 */
import type { Rng } from '../../util/rng.js';
import { flatSize, type Space, type SpaceValue } from '../spaces.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log Σ exp(x[from..from+n)), shifted by the maximum so that large logits do not overflow. */
function logSumExp(x: ArrayLike<number>, from: number, n: number): number {
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, x[from + i]);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.exp(x[from + i] - max);
  return max + Math.log(s);
}

/** The categorical dimensions of a discrete space: [first logit, number of choices] each. */
function categories(space: Space): [number, number][] {
  if (space.type === 'discrete') return [[0, space.n]];
  if (space.type === 'multi-discrete') {
    let from = 0;
    return space.nvec.map((n) => {
      const d: [number, number] = [from, n];
      from += n;
      return d;
    });
  }
  throw new Error('a box has no categories');
}

/**
 * Draws an action into `action` and returns its log-probability. Categorical draws invert the CDF
 * with one uniform each; Gaussian draws use one standard normal per dimension.
 */
export function sampleAction(space: Space, out: ArrayLike<number>, logStd: ArrayLike<number> | undefined, rng: Rng, action: Float32Array): number {
  if (space.type === 'box') {
    for (let i = 0; i < action.length; i++) action[i] = out[i] + Math.exp(logStd![i]) * rng.normal();
    return logProb(space, out, logStd, action);
  }
  let lp = 0;
  categories(space).forEach(([from, n], d) => {
    const lse = logSumExp(out, from, n);
    const u = rng.uniform();
    let cumulative = 0;
    let k = n - 1; // if rounding leaves the CDF short of u, the last choice takes the remainder
    for (let i = 0; i < n; i++) {
      cumulative += Math.exp(out[from + i] - lse);
      if (u < cumulative) {
        k = i;
        break;
      }
    }
    action[d] = k;
    lp += out[from + k] - lse;
  });
  return lp;
}

/** The deterministic action: each categorical's most likely choice (lowest index on ties), or the Gaussian's mean. */
export function modeAction(space: Space, out: ArrayLike<number>, action: Float32Array): void {
  if (space.type === 'box') {
    for (let i = 0; i < action.length; i++) action[i] = out[i];
    return;
  }
  categories(space).forEach(([from, n], d) => {
    let k = 0;
    for (let i = 1; i < n; i++) if (out[from + i] > out[from + k]) k = i;
    action[d] = k;
  });
}

/** Log-probability of a flat action under the head (a box's action read as stored, in float32). */
export function logProb(space: Space, out: ArrayLike<number>, logStd: ArrayLike<number> | undefined, action: ArrayLike<number>): number {
  if (space.type === 'box') {
    let lp = 0;
    for (let i = 0; i < action.length; i++) {
      const z = (action[i] - out[i]) / Math.exp(logStd![i]);
      lp += -0.5 * z * z - logStd![i] - HALF_LOG_2PI;
    }
    return lp;
  }
  let lp = 0;
  categories(space).forEach(([from, n], d) => {
    lp += out[from + action[d]] - logSumExp(out, from, n);
  });
  return lp;
}

/** Entropy of the head's distribution (nats), summed over dimensions. */
export function entropy(space: Space, out: ArrayLike<number>, logStd: ArrayLike<number> | undefined): number {
  if (space.type === 'box') {
    let h = 0;
    for (let i = 0; i < flatSize(space); i++) h += 0.5 + HALF_LOG_2PI + logStd![i];
    return h;
  }
  let h = 0;
  for (const [from, n] of categories(space)) {
    const lse = logSumExp(out, from, n);
    for (let i = 0; i < n; i++) {
      const lp = out[from + i] - lse;
      h -= Math.exp(lp) * lp;
    }
  }
  return h;
}

/** The value handed to the environment: the discrete choice offset by `start`, or a box action clipped to its bounds. */
export function environmentAction<S extends Space>(space: S, action: Float32Array): SpaceValue<S> {
  switch (space.type) {
    case 'discrete':
      return (space.start + action[0]) as SpaceValue<S>;
    case 'multi-discrete':
      return action.slice() as SpaceValue<S>;
    case 'box':
      return Float32Array.from(action, (a, i) => Math.min(space.high[i], Math.max(space.low[i], a))) as SpaceValue<S>;
  }
}
