/**
 * Monte Carlo VaR and ES from a fitted GARCH(1,1)/GJR model (e.g. Christoffersen, "Elements of
 * Financial Risk Management", 2nd ed., 2012, ch. 8): simulate `paths` independent futures of
 * `horizon` periods starting from the one-step-ahead variance σ²_{T+1}, sum each path's returns
 * (log returns add up over time), and take historical VaR/ES of the simulated losses (one step
 * is drawn directly as μ + σ_{T+1} z, the same draw `simulateGarch` makes for its first step). With
 * horizon 1 this converges to the parametric GARCH VaR; for longer horizons it captures the
 * variance feedback and fat tails that the √h rule ignores. The sampling error of VaR is
 * reported from the asymptotic variance of a sample quantile, α(1−α)/(N f(q)²), with f
 * estimated from the spacing of neighbouring order statistics (Serfling 1980, §2.3; a kernel-free
 * Siddiqui–Bloch–Gastwirth estimator).
 */
import { simulateGarch, type GarchDist, type GarchModel, type GarchParams } from '../models/garch.js';
import type { Rng } from '../util/rng.js';
import { empiricalVarEsSorted } from './historicalVar.js';
import { checkAlpha, type VarEs } from './varTypes.js';

export interface MonteCarloVarOptions {
  alpha: number;
  /** Number of simulated paths (default 10,000). */
  paths?: number;
  /** Periods summed per path (default 1). */
  horizon?: number;
  /** σ² of the first simulated period: the fitted model's `nextVariance`. */
  initialVariance: number;
  rng: Rng;
}

export interface MonteCarloVarResult extends VarEs {
  paths: number;
  horizon: number;
  /** Standard error of the VaR estimate. */
  varStandardError: number;
}

export function monteCarloVaR(params: GarchParams, model: GarchModel, dist: GarchDist, opts: MonteCarloVarOptions): MonteCarloVarResult {
  checkAlpha(opts.alpha);
  const N = opts.paths ?? 10_000;
  const h = opts.horizon ?? 1;
  if (!(Number.isInteger(N) && N >= 10)) throw new RangeError(`paths must be an integer >= 10, got ${N}`);
  if (!(Number.isInteger(h) && h >= 1)) throw new RangeError(`horizon must be a positive integer, got ${h}`);
  const losses = new Float64Array(N);
  if (h === 1) {
    // one step: r = μ + σ_{T+1} z with z the model's innovation, drawn as simulateGarch draws it,
    // without allocating a path per draw (a backtest makes millions of these)
    if (!(opts.initialVariance > 0)) throw new RangeError(`initial variance must be positive, got ${opts.initialVariance}`);
    const s = Math.sqrt(opts.initialVariance);
    const nu = params.nu ?? Infinity;
    if (dist === 't' && !(nu > 2)) throw new RangeError(`Student-t innovations need nu > 2, got ${nu}`);
    const tScale = dist === 't' ? Math.sqrt((nu - 2) / nu) : 1;
    for (let i = 0; i < N; i++) {
      const z = dist === 't' ? opts.rng.studentT(nu) * tScale : opts.rng.normal();
      losses[i] = -(params.mu + s * z);
    }
  } else {
    for (let i = 0; i < N; i++) {
      const { returns } = simulateGarch(params, model, dist, h, opts.rng, opts.initialVariance);
      let sum = 0;
      for (let t = 0; t < h; t++) sum += returns[t];
      losses[i] = -sum;
    }
  }
  const k = Math.min(N, Math.max(1, Math.ceil(N * opts.alpha - 1e-9))) - 1;
  // a window of ±2√(N(1−α)) order statistics for the density at the quantile: wide enough to tame
  // the noise of a spacing, narrow enough that the density barely changes across it
  const m = Math.max(2, Math.round(2 * Math.sqrt(N * (1 - opts.alpha))));
  const lo = Math.max(0, k - m);
  // only the upper tail from order statistic `lo` on is read: select it, then sort just that part
  sortUpperTail(losses, lo);
  const r = empiricalVarEsSorted(losses, opts.alpha);
  const hi = Math.min(N - 1, k + m);
  const spacing = losses[hi] - losses[lo];
  const density = spacing > 0 ? (hi - lo) / N / spacing : Infinity;
  const varStandardError = Math.sqrt((opts.alpha * (1 - opts.alpha)) / N) / density;
  return { ...r, paths: N, horizon: h, varStandardError };
}

/**
 * Rearranges `a` so that a[from..] holds its largest n − from values in ascending order and every
 * earlier element is ≤ a[from] (Hoare's quickselect, median-of-three pivots, then a sort of the
 * tail): O(n) instead of a full O(n log n) sort when the tail is short.
 */
function sortUpperTail(a: Float64Array, from: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // median of three as pivot
    const x = a[left];
    const y = a[mid];
    const z = a[right];
    const pivot = x < y ? (y < z ? y : Math.max(x, z)) : x < z ? x : Math.max(y, z);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (from <= j) right = j;
    else if (from >= i) left = i;
    else break;
  }
  a.subarray(from).sort();
}
