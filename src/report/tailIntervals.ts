/**
 * 95 % confidence intervals for the tail figures of a distribution over paths, so that a reader
 * sees whether N paths were enough.
 *
 * VaR_α (a quantile): the distribution-free order-statistic interval (David & Nagaraja 2003,
 * "Order Statistics", §7.1; Hahn & Meeker 1991, §5.2). With B ~ Bin(n, α) the number of paths at
 * or below the true quantile ξ_α of a continuous distribution,
 *   P(x_(l) ≤ ξ_α < x_(u)) = P(l ≤ B ≤ u − 1),
 * so l and u are chosen from the binomial distribution alone: first each tail at most (1 − c)/2,
 * then narrowed one step at a time while P(l ≤ B ≤ u − 1) stays at least c. The coverage is at
 * least c whatever the distribution, and close to it. When no order statistic is far enough out (n too small for the level: at
 * α = 0.99 the upper end needs n ≥ 368), that end is null: the quantile may lie beyond every path.
 *
 * ES_α (the tail mean): an asymptotic interval. Writing
 * ES_α = q_α + E[(X − q_α)⁺]/(1 − α), the estimator's influence function is
 * q + (x − q)⁺/(1 − α) − ES, so its asymptotic variance is Var((X − q)⁺) / (n (1 − α)²)
 * (Manistre & Hancock 2005, "Variance of the CTE estimator", NAAJ 9(2); equal to Yamai & Yoshiba
 * 2002's [Var(X | X > q) + α (ES − q)²] / (n (1 − α))), estimated from the same sample at the
 * empirical VaR; the centre is corrected for skewness (see `expectedShortfallInterval`). It needs a tail of a few dozen paths to be trusted: with fewer
 * than MIN_TAIL_PATHS paths beyond VaR the interval is null rather than falsely narrow.
 *
 * Both are computed on the ascending sample of losses (large = adverse); `distribution` maps
 * them back for metrics whose adverse tail is the low end.
 */
import { logGamma } from '../risk/specialFunctions.js';
import { Z_95 } from './tailMetrics.js';

/** A two-sided interval; an end is null where the sample cannot bound it (too few paths). */
export type Interval = [number | null, number | null];

/** Fewest paths beyond VaR for an ES interval: below this the normal approximation is not trusted. */
export const MIN_TAIL_PATHS = 10;

/**
 * The Bin(n, p) cdf at every k, F[k] = P(B ≤ k), summed outward from the mode (where the mass is
 * largest, so no term underflows before it matters) with pmf(k+1)/pmf(k) = (n−k)/(k+1) · p/(1−p).
 */
export function binomialCdfTable(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1);
  if (p <= 0) pmf[0] = 1;
  else if (p >= 1) pmf[n] = 1;
  else {
    const mode = Math.min(n, Math.floor((n + 1) * p));
    const logP = Math.log(p);
    const logQ = Math.log1p(-p);
    pmf[mode] = Math.exp(logGamma(n + 1) - logGamma(mode + 1) - logGamma(n - mode + 1) + mode * logP + (n - mode) * logQ);
    const odds = p / (1 - p);
    for (let k = mode; k < n && pmf[k] > 0; k++) pmf[k + 1] = pmf[k] * ((n - k) / (k + 1)) * odds;
    for (let k = mode; k > 0 && pmf[k] > 0; k--) pmf[k - 1] = (pmf[k] * (k / (n - k + 1))) / odds;
  }
  const cdf = new Float64Array(n + 1);
  let s = 0;
  for (let k = 0; k <= n; k++) cdf[k] = s += pmf[k];
  return cdf;
}

/**
 * The 1-based order-statistic indices [l, u] of the interval for the p-quantile of n values at
 * confidence c; l = 0 or u = n + 1 where no order statistic will do.
 */
export function quantileIntervalIndices(n: number, p: number, confidence = 0.95): [number, number] {
  const tail = (1 - confidence) / 2;
  const cdf = binomialCdfTable(n, p);
  const below = (k: number) => (k < 0 ? 0 : cdf[Math.min(k, n)]); // P(B ≤ k)
  let l = 0;
  while (l < n && below(l) <= tail) l++; // now P(B ≤ l − 1) ≤ tail < P(B ≤ l)
  let u = n + 1;
  while (u > 1 && 1 - below(u - 2) <= tail) u--; // now P(B ≥ u) ≤ tail < P(B ≥ u − 1)
  // Equal tails of at most 2.5 % each can cover far more than 95 % when B is lumpy (n = 1,000 at
  // 0.99: 97.5 %). Tighten one end at a time, the one whose step costs less coverage, while the
  // coverage stays at least c: the interval keeps its guarantee and comes close to its level.
  const coverage = (a: number, b: number) => below(b - 1) - below(a - 1);
  for (;;) {
    const up = l + 1 < u ? coverage(l + 1, u) : -1;
    const down = u - 1 > l ? coverage(l, u - 1) : -1;
    if (Math.max(up, down) < confidence) break;
    if (up >= down) l++;
    else u--;
  }
  return [l, u];
}

/** P(x_(l) ≤ ξ_p < x_(u)) for a continuous distribution: the exact coverage of [l, u]. */
export function orderStatisticCoverage(n: number, p: number, l: number, u: number): number {
  const cdf = binomialCdfTable(n, p);
  const below = (k: number) => (k < 0 ? 0 : cdf[Math.min(k, n)]);
  return below(u - 1) - below(l - 1);
}

/** The order-statistic interval for the p-quantile of an ascending sample. */
export function quantileInterval(sorted: ArrayLike<number>, p: number, confidence = 0.95): Interval {
  const n = sorted.length;
  if (n === 0) return [null, null];
  const [l, u] = quantileIntervalIndices(n, p, confidence);
  const at = (k: number) => (k >= 1 && k <= n && Number.isFinite(sorted[k - 1]) ? sorted[k - 1] : null);
  return [at(l), at(u)];
}

/**
 * The interval for ES_α of an ascending sample of losses, around `es` (the empirical tail mean at
 * `q`, the empirical VaR), at normal quantile z. ES − q is the mean of Y = (X − q)⁺ over all paths
 * divided by (1 − α); Y is strongly right-skewed (mostly zeros, then the tail), and a plain
 * mean ± z·se interval undercovers (89 % for ES99 of a normal sample of 1,000). The studentised
 * mean is corrected for skewness by Hall's monotone cubic transformation of Johnson's modified t
 * (Johnson 1978, JASA 73; Hall 1992, "On the removal of skewness by transformation", JRSS B 54):
 * with t = (ȳ − μ)/se, γ̂ the sample skewness, a = γ̂/(3√n), b = γ̂/(6√n),
 *   g(t) = t + a t² + a² t³/3 + b  is nearly N(0, 1), and  g⁻¹(x) = ((1 + 3a(x − b))^⅓ − 1)/a,
 * so μ ∈ [ȳ − se·g⁻¹(z), ȳ − se·g⁻¹(−z)].
 */
export function expectedShortfallInterval(sorted: ArrayLike<number>, alpha: number, q: number, es: number, z = Z_95): Interval {
  const n = sorted.length;
  if (n < 2 || !Number.isFinite(q) || !Number.isFinite(es) || !Number.isFinite(sorted[n - 1])) return [null, null];
  if (n * (1 - alpha) < MIN_TAIL_PATHS) return [null, null];
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.max(0, sorted[i] - q);
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.max(0, sorted[i] - q) - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  const s2 = m2 / (n - 1);
  if (s2 === 0) return [es, es]; // every path beyond VaR at one value: nothing to be unsure of
  const sd = Math.sqrt(s2);
  const se = sd / Math.sqrt(n);
  const skew = m3 / n / (sd * sd * sd);
  const a = skew / (3 * Math.sqrt(n));
  const b = skew / (6 * Math.sqrt(n));
  const inverse = (x: number) => (a === 0 ? x - b : (Math.cbrt(1 + 3 * a * (x - b)) - 1) / a);
  const scale = 1 / (1 - alpha);
  // es = q + ȳ/(1 − α), so ES's interval is es + (μ − ȳ)/(1 − α) over μ's
  return [es - se * inverse(z) * scale, es - se * inverse(-z) * scale];
}
