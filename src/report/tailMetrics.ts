/**
 * Tail metrics of a metric's distribution over simulated paths: mean, quantiles, VaR and expected
 * shortfall, and the probability of an event with its Wilson score interval.
 *
 * Quantile definition: the inverse of the empirical cdf (Hyndman & Fan 1996, "Sample quantiles in
 * statistical packages", type 1; R's `quantile(type = 1)`): with the sample sorted
 * x_(1) ≤ … ≤ x_(n), q_p = x_(k) with k = ⌈n·p⌉. No interpolation, so every quantile is a value
 * some path produced, and VaR_α = q_α exactly (the same definition as `risk/historicalVar.ts`).
 *
 * Expected shortfall is the tail mean of that empirical distribution (Acerbi & Tasche 2002,
 * "On the coherence of expected shortfall"): ES_α = (1/(1−α)) ∫_α^1 F̂⁻¹(u) du, computed by
 * `empiricalVarEsSorted`; when n·α is an integer it is the plain mean of the n(1−α) largest values.
 *
 * Metrics whose adverse tail is the low end (time to first bad debt: early is bad) are measured on
 * L = −X and reported back in X's units: VaR_α is then the (1−α)-quantile of X and ES_α the mean of
 * the earliest (1−α) share.
 *
 * Wilson score interval (Wilson 1927, "Probable inference, the law of succession, and statistical
 * inference", JASA 22; Newcombe 1998, Statistics in Medicine 17, method 3): for k successes of n,
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
 */
import { empiricalVarEsSorted } from '../risk/historicalVar.js';
import { expectedShortfallInterval, quantileInterval, type Interval } from './tailIntervals.js';

/** The quantile levels reported, and their key suffixes. */
export const QUANTILE_LEVELS = [
  [0.5, 'p50'],
  [0.95, 'p95'],
  [0.99, 'p99'],
  [0.999, 'p99_9'],
] as const;
/** VaR/ES confidence levels reported, and their key suffixes. */
export const TAIL_LEVELS = [
  [0.95, '95'],
  [0.99, '99'],
] as const;

/** 97.5 % standard normal quantile: the z of a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/**
 * A metric's distribution over paths. `null` where a figure is not a finite number: no paths, or
 * a quantile or tail that falls on an unbounded value (see `unbounded`).
 */
export interface Distribution {
  /** Paths the figures are computed over. */
  n: number;
  /** Paths whose value is unbounded (+∞): included in the sort, excluded from `mean`/`sd`. */
  unbounded: number;
  /** 'upper': large values are adverse; 'lower': small values are (VaR/ES then refer to the low end). */
  tail: 'upper' | 'lower';
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  p99_9: number | null;
  var95: number | null;
  es95: number | null;
  var99: number | null;
  es99: number | null;
  /**
   * 95 % confidence intervals of the tail figures (see tailIntervals.ts): order statistics for
   * VaR, a skewness-corrected asymptotic interval for ES. An end is null where N paths cannot
   * bound it (too few paths beyond the level).
   */
  intervals: TailIntervals;
}

export interface TailIntervals {
  var95: Interval;
  es95: Interval;
  var99: Interval;
  es99: Interval;
}

/** q_p of an ascending sample by the inverse empirical cdf (type 1): x_(⌈n·p⌉). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile level must be in [0, 1], got ${p}`);
  // the tolerance keeps 1000 × 0.999 = 998.9999999999999 from falling to the order statistic below
  const k = Math.min(n, Math.max(1, Math.ceil(n * p - 1e-9)));
  return sorted[k - 1];
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The distribution of `values` (one per path; +∞ allowed for unbounded values, NaN not).
 * Sums run in the given order, so equal inputs give equal bits.
 */
export function distribution(values: ArrayLike<number>, tail: 'upper' | 'lower' = 'upper'): Distribution {
  const n = values.length;
  const sorted = Float64Array.from(values as ArrayLike<number>);
  let unbounded = 0;
  let sum = 0;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const x = sorted[i];
    if (Number.isNaN(x)) throw new RangeError('distribution: NaN value');
    if (x === Infinity) unbounded++;
    else if (x === -Infinity) throw new RangeError('distribution: −∞ value');
    else {
      sum += x;
      finite++;
    }
  }
  sorted.sort();
  const out: Distribution = {
    n,
    unbounded,
    tail,
    mean: null,
    sd: null,
    min: null,
    max: null,
    p50: null,
    p95: null,
    p99: null,
    p99_9: null,
    var95: null,
    es95: null,
    var99: null,
    es99: null,
    intervals: { var95: [null, null], es95: [null, null], var99: [null, null], es99: [null, null] },
  };
  if (n === 0) return out;
  if (finite > 0) {
    const mean = sum / finite;
    let ss = 0;
    for (let i = 0; i < n; i++) if (Number.isFinite(sorted[i])) ss += (sorted[i] - mean) ** 2;
    out.mean = mean;
    out.sd = finite > 1 ? Math.sqrt(ss / (finite - 1)) : 0;
  }
  out.min = finiteOrNull(sorted[0]);
  out.max = finiteOrNull(sorted[n - 1]);
  for (const [p, key] of QUANTILE_LEVELS) out[key] = finiteOrNull(quantileSorted(sorted, p));
  // L = X, or for a low adverse tail L = −X (the reversed negated sample), ascending
  const lower = tail === 'lower';
  const losses = lower ? Float64Array.from({ length: n }, (_, i) => -sorted[n - 1 - i]) : sorted;
  const back = (x: number) => finiteOrNull(lower ? -x : x);
  // an interval on L maps to X by negation, which swaps its ends
  const backInterval = ([a, b]: Interval): Interval => (lower ? [b === null ? null : -b, a === null ? null : -a] : [a, b]);
  for (const [a, key] of TAIL_LEVELS) {
    const { var: v, es } = empiricalVarEsSorted(losses, a);
    out[`var${key}`] = back(v);
    out[`es${key}`] = back(es);
    out.intervals[`var${key}`] = backInterval(quantileInterval(losses, a));
    out.intervals[`es${key}`] = backInterval(expectedShortfallInterval(losses, a, v, es));
  }
  return out;
}

export interface Proportion {
  /** Paths counted. */
  n: number;
  /** Paths where the event happened. */
  k: number;
  estimate: number | null;
  /** Two-sided confidence level of `interval`. */
  confidence: number;
  /** Wilson score interval, [low, high]; null when n = 0. */
  interval: [number, number] | null;
}

/** Wilson score interval for k successes in n trials at normal quantile z (1.96 for 95 %). */
export function wilsonInterval(k: number, n: number, z: number = Z_95): [number, number] {
  if (!(n > 0) || !(k >= 0 && k <= n)) throw new RangeError(`wilsonInterval needs 0 <= k <= n and n > 0, got k=${k}, n=${n}`);
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // clamp rounding noise at the ends (k = 0 gives a low end of exactly 0 in exact arithmetic)
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Share of paths where the event happened, with its 95 % Wilson interval. */
export function proportion(k: number, n: number): Proportion {
  return { n, k, estimate: n > 0 ? k / n : null, confidence: 0.95, interval: n > 0 ? wilsonInterval(k, n) : null };
}
