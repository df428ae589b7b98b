/**
 * The Diebold–Mariano test of equal predictive accuracy, with the Harvey–Leybourne–Newbold
 * small-sample correction.
 *
 * Diebold, F.X. & Mariano, R.S. (1995), "Comparing predictive accuracy", JBES 13(3), 253–263.
 * Harvey, D., Leybourne, S. & Newbold, P. (1997), "Testing the equality of prediction mean
 * squared errors", IJF 13(2), 281–291.
 *
 * With loss differential d_t = L1_t − L2_t (t = 1..T) of two h-step forecasts,
 *   d̄ = (1/T) Σ d_t,   γ_k = (1/T) Σ_{t=k+1..T} (d_t − d̄)(d_{t−k} − d̄),
 *   V = γ_0 + 2 Σ_{k=1..L} w_k γ_k,                         the long-run variance of d,
 *   DM = d̄ / √(V / T).
 * Optimal h-step forecasts have errors that are MA(h−1), so DM's original estimator uses the
 * rectangular kernel (w_k = 1) with L = h − 1. That estimate can be negative for h > 1; this
 * implementation then falls back to Newey & West's (1987) Bartlett weights w_k = 1 − k/(L+1),
 * which are always non-negative, and says so in the result (`kernel`).
 * HLN: DM* = DM · √((T + 1 − 2h + h(h−1)/T) / T), compared with Student t on T − 1 degrees of
 * freedom. A negative statistic means model 1 has the lower loss.
 */
import { normalCdf, studentTCdf } from '../../risk/distributions.js';

export type LongRunKernel = 'rectangular' | 'bartlett';
export type Alternative = 'two-sided' | 'less' | 'greater';

export interface DieboldMarianoOptions {
  /** Forecast horizon h (default 1). */
  horizon?: number;
  /** Long-run variance kernel (default rectangular, as in DM 1995). */
  kernel?: LongRunKernel;
  /** Number of autocovariance lags L (default h − 1). */
  lags?: number;
  /** 'less': model 1 more accurate (mean loss differential < 0); 'greater' the reverse. */
  alternative?: Alternative;
}

export interface DieboldMarianoResult {
  /** HLN-corrected statistic DM*. */
  statistic: number;
  /** Uncorrected DM statistic. */
  dm: number;
  /** p-value of DM* from Student t with T − 1 degrees of freedom. */
  pValue: number;
  /** p-value of the uncorrected DM from the standard normal. */
  pValueNormal: number;
  /** Mean loss differential d̄ = mean(L1 − L2). */
  meanDifference: number;
  /** Long-run variance V of the loss differential. */
  longRunVariance: number;
  n: number;
  horizon: number;
  lags: number;
  /** Kernel actually used (rectangular falls back to Bartlett when its estimate is not positive). */
  kernel: LongRunKernel;
  alternative: Alternative;
}

function autocovariances(d: Float64Array, mean: number, maxLag: number): Float64Array {
  const n = d.length;
  const g = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (d[t] - mean) * (d[t - k] - mean);
    g[k] = s / n;
  }
  return g;
}

function longRunVariance(g: Float64Array, lags: number, kernel: LongRunKernel): number {
  let v = g[0];
  for (let k = 1; k <= lags; k++) v += 2 * (kernel === 'rectangular' ? 1 : 1 - k / (lags + 1)) * g[k];
  return v;
}

function pFrom(cdf: (x: number) => number, x: number, alternative: Alternative): number {
  if (alternative === 'less') return cdf(x);
  if (alternative === 'greater') return 1 - cdf(x);
  return Math.min(1, 2 * cdf(-Math.abs(x)));
}

/** DM test on a precomputed loss differential d_t = L1_t − L2_t. */
export function dieboldMarianoFromDifferential(d: Float64Array, opts: DieboldMarianoOptions = {}): DieboldMarianoResult {
  const n = d.length;
  const h = opts.horizon ?? 1;
  const lags = opts.lags ?? h - 1;
  const alternative = opts.alternative ?? 'two-sided';
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`dieboldMariano: horizon must be a positive integer, got ${h}`);
  if (!Number.isInteger(lags) || lags < 0 || lags >= n) throw new RangeError(`dieboldMariano: lags must be an integer in [0, ${n - 1}], got ${lags}`);
  if (n < 2) throw new RangeError(`dieboldMariano: need at least 2 loss differentials, got ${n}`);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += d[t];
  mean /= n;
  const g = autocovariances(d, mean, lags);
  let kernel: LongRunKernel = opts.kernel ?? 'rectangular';
  let v = longRunVariance(g, lags, kernel);
  if (!(v > 0) && kernel === 'rectangular' && lags > 0) {
    kernel = 'bartlett';
    v = longRunVariance(g, lags, kernel);
  }
  // Identical forecasts give d ≡ 0 and V = 0: no evidence either way.
  const dm = v > 0 ? mean / Math.sqrt(v / n) : mean === 0 ? 0 : Math.sign(mean) * Infinity;
  const statistic = dm * Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  return {
    statistic,
    dm,
    pValue: pFrom((x) => studentTCdf(x, n - 1), statistic, alternative),
    pValueNormal: pFrom(normalCdf, dm, alternative),
    meanDifference: mean,
    longRunVariance: v,
    n,
    horizon: h,
    lags,
    kernel,
    alternative,
  };
}

/** DM test of the losses `loss1` of model 1 against `loss2` of model 2 on the same targets. */
export function dieboldMariano(loss1: Float64Array, loss2: Float64Array, opts: DieboldMarianoOptions = {}): DieboldMarianoResult {
  if (loss1.length !== loss2.length) throw new RangeError(`dieboldMariano: ${loss1.length} losses against ${loss2.length}`);
  const d = new Float64Array(loss1.length);
  for (let t = 0; t < d.length; t++) d[t] = loss1[t] - loss2[t];
  return dieboldMarianoFromDifferential(d, opts);
}
