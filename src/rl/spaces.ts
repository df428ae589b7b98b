/**
 * Action and observation spaces, after Gymnasium's `spaces/box.py`, `discrete.py` and
 * `multi_discrete.py`: an environment declares what it emits and accepts, `checkEnv` holds it to
 * that, and PPO picks its policy head from the action space (Gaussian for a box, one categorical
 * per dimension for discrete spaces). Vectors are Float32Array, as the networks consume them.
 */
import type { Rng } from '../util/rng.js';

/** A box of real vectors, low[i] ≤ x[i] ≤ high[i]; a bound may be infinite (unbounded observations). */
export interface Box {
  readonly type: 'box';
  readonly shape: readonly [number];
  readonly low: Float32Array;
  readonly high: Float32Array;
}

/** The integers start, start + 1, …, start + n − 1. */
export interface Discrete {
  readonly type: 'discrete';
  readonly n: number;
  readonly start: number;
}

/** A vector of independent discrete choices, choice i in 0 … nvec[i] − 1. */
export interface MultiDiscrete {
  readonly type: 'multi-discrete';
  readonly nvec: readonly number[];
}

export type Space = Box | Discrete | MultiDiscrete;

/** A value of a space: a vector for a box or multi-discrete space, an integer for a discrete one. */
export type SpaceValue<S extends Space> = S extends Discrete ? number : Float32Array;

function bounds(n: number, value: number | readonly number[], what: string): Float32Array {
  if (typeof value === 'number') return new Float32Array(n).fill(value);
  if (value.length !== n) throw new RangeError(`box ${what}: expected ${n} values, got ${value.length}`);
  return Float32Array.from(value);
}

export function box(low: number | readonly number[], high: number | readonly number[], size?: number): Box {
  const n = size ?? (typeof low === 'number' ? (typeof high === 'number' ? 1 : high.length) : low.length);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`box: expected a positive size, got ${n}`);
  const lo = bounds(n, low, 'low');
  const hi = bounds(n, high, 'high');
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(lo[i]) || Number.isNaN(hi[i]) || lo[i] > hi[i]) throw new RangeError(`box: bound ${i} is [${lo[i]}, ${hi[i]}]`);
  }
  return { type: 'box', shape: [n], low: lo, high: hi };
}

export function discrete(n: number, start = 0): Discrete {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`discrete: expected a positive number of choices, got ${n}`);
  if (!Number.isInteger(start)) throw new RangeError(`discrete: expected an integer start, got ${start}`);
  return { type: 'discrete', n, start };
}

export function multiDiscrete(nvec: readonly number[]): MultiDiscrete {
  if (nvec.length === 0) throw new RangeError('multi-discrete: expected at least one dimension');
  for (const n of nvec) if (!Number.isInteger(n) || n < 1) throw new RangeError(`multi-discrete: expected positive numbers of choices, got ${n}`);
  return { type: 'multi-discrete', nvec: [...nvec] };
}

/** Number of values in a vector of the space (1 for a discrete space). */
export function flatSize(space: Space): number {
  switch (space.type) {
    case 'box':
      return space.shape[0];
    case 'discrete':
      return 1;
    case 'multi-discrete':
      return space.nvec.length;
  }
}

/** Whether `x` belongs to `space` (finite values inside the bounds; integers in range). */
export function contains(space: Space, x: unknown): boolean {
  switch (space.type) {
    case 'discrete':
      return typeof x === 'number' && Number.isInteger(x) && x >= space.start && x < space.start + space.n;
    case 'box': {
      if (!(x instanceof Float32Array) || x.length !== space.shape[0]) return false;
      for (let i = 0; i < x.length; i++) if (!(x[i] >= space.low[i] && x[i] <= space.high[i])) return false;
      return true;
    }
    case 'multi-discrete': {
      if (!(x instanceof Float32Array) || x.length !== space.nvec.length) return false;
      for (let i = 0; i < x.length; i++) if (!(Number.isInteger(x[i]) && x[i] >= 0 && x[i] < space.nvec[i])) return false;
      return true;
    }
  }
}

/**
 * A uniform draw from the space (a box's unbounded sides are drawn from a standard normal or an
 * exponential, as Gymnasium does), from the caller's seeded stream.
 */
export function sample(space: Space, rng: Rng): number | Float32Array {
  switch (space.type) {
    case 'discrete':
      return space.start + rng.int(space.n);
    case 'multi-discrete':
      return Float32Array.from(space.nvec, (n) => rng.int(n));
    case 'box':
      return Float32Array.from(space.low, (lo, i) => {
        const hi = space.high[i];
        const finiteLo = Number.isFinite(lo);
        const finiteHi = Number.isFinite(hi);
        if (finiteLo && finiteHi) return lo + (hi - lo) * rng.uniform();
        if (finiteLo) return lo + rng.exponential();
        if (finiteHi) return hi - rng.exponential();
        return rng.normal();
      });
  }
}
