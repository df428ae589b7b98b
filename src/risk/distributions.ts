/**
 * The distributions the risk models and their backtests need, implemented here so that every
 * number can be traced to a formula:
 *
 * - standard normal density and cdf, Φ(x) = ½ erfc(−x/√2) with erfc(y) = Q(½, y²) (Abramowitz &
 *   Stegun 1964, 7.1.2 and 6.5.17), which keeps full relative accuracy deep in the lower tail;
 * - standard normal quantile by Wichura's algorithm AS 241 (PPND16), "The percentage points of
 *   the normal distribution", Applied Statistics 37 (1988) 477–484: relative accuracy ~1e-16;
 * - Student-t density, cdf F_ν(t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t > 0 (A&S 26.7.1 / 26.5.27),
 *   and quantile by a safeguarded Newton iteration on the tail probability (bisection whenever
 *   a Newton step leaves the bracket), exact closed forms for ν = 1 (Cauchy) and ν = 2;
 * - χ² cdf and survival function P(k/2, x/2), Q(k/2, x/2) (A&S 26.4.19);
 * - binomial cdf by direct summation of the probability mass in log space.
 *
 * The t here is the standard (not unit-variance) Student-t; the VaR functions rescale it.
 */
import { logGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ } from './specialFunctions.js';

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_TWO_PI * Math.exp(-0.5 * x * x);
}

/** Standard normal cdf Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const half = 0.5 * x * x;
  // Φ(x) = ½ Q(½, x²/2) for x ≤ 0; the complement for x > 0 keeps the lower tail exact
  return x <= 0 ? 0.5 * regularizedGammaQ(0.5, half) : 0.5 + 0.5 * regularizedGammaP(0.5, half);
}

// AS 241 coefficients (Wichura 1988, PPND16): central region |p − ½| ≤ 0.425
const A = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const B = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
// intermediate tail region, r = √(−ln min(p, 1−p)) ≤ 5
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const D = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
// far tail, r > 5 (p below about 1e-11)
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function horner(c: readonly number[], x: number): number {
  let v = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) v = v * x + c[i];
  return v;
}

/** Standard normal quantile Φ⁻¹(p) by AS 241. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(A, r)) / horner(B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = horner(C, r) / horner(D, r);
  } else {
    r -= 5;
    x = horner(E, r) / horner(F, r);
  }
  return q < 0 ? -x : x;
}

/** Student-t density with ν degrees of freedom (standard, scale 1). */
export function studentTPdf(t: number, nu: number): number {
  const logC = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  return Math.exp(logC - ((nu + 1) / 2) * Math.log1p((t * t) / nu));
}

/** Upper tail P(T > t) for t ≥ 0, computed without cancellation. */
function studentTUpperTail(t: number, nu: number): number {
  return 0.5 * regularizedBeta(nu / (nu + t * t), nu / 2, 0.5);
}

/** Student-t cdf with ν > 0 degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  if (Number.isNaN(t) || !(nu > 0)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  return t > 0 ? 1 - studentTUpperTail(t, nu) : studentTUpperTail(-t, nu);
}

/** Student-t quantile F_ν⁻¹(p). */
export function studentTQuantile(p: number, nu: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1 || !(nu > 0)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (nu === 1) return Math.tan(Math.PI * (p - 0.5));
  if (nu === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // solve in the upper tail: P(T > t) = target, t > 0, then restore the sign
  const target = p < 0.5 ? p : 1 - p;
  let lo = 0;
  let hi = Math.max(1, Math.abs(normalQuantile(target)));
  while (studentTUpperTail(hi, nu) > target) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return p < 0.5 ? -Infinity : Infinity;
  }
  let t = 0.5 * (lo + hi);
  for (let i = 0; i < 200; i++) {
    const g = studentTUpperTail(t, nu) - target; // decreasing in t
    if (g > 0) lo = t;
    else hi = t;
    if (g === 0) break;
    // Newton on the tail: d/dt P(T > t) = −f(t)
    let next = t + g / studentTPdf(t, nu);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) {
      t = next;
      break;
    }
    t = next;
  }
  return p < 0.5 ? -t : t;
}

/** χ² cdf with k degrees of freedom. */
export function chiSquareCdf(x: number, k: number): number {
  return regularizedGammaP(k / 2, x / 2);
}

/** χ² survival function (upper-tail probability, the p-value of a χ² statistic). */
export function chiSquareSf(x: number, k: number): number {
  return regularizedGammaQ(k / 2, x / 2);
}

/** Binomial cdf P(X ≤ x) for X ~ Bin(n, p), summing the mass function term by term. */
export function binomialCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const k = Math.floor(x);
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const logNFact = logGamma(n + 1);
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += Math.exp(logNFact - logGamma(i + 1) - logGamma(n - i + 1) + i * logP + (n - i) * logQ);
  }
  return Math.min(1, sum);
}
