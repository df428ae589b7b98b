/** Small sample statistics for the market tests (independent of the code under test). */

export function logReturns(path: Float64Array): Float64Array {
  const r = new Float64Array(path.length - 1);
  for (let i = 1; i < path.length; i++) r[i - 1] = Math.log(path[i] / path[i - 1]);
  return r;
}

export function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Unbiased sample variance. */
export function variance(x: ArrayLike<number>): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) * (x[i] - m);
  return s / (x.length - 1);
}

/** Sample central moment of order k (divisor n). */
export function centralMoment(x: ArrayLike<number>, k: number): number {
  const m = mean(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** k;
  return s / x.length;
}

/**
 * Standard error of the sample variance of i.i.d. data, sqrt((μ4 − σ⁴)/n), with μ4 and σ⁴
 * estimated from the sample (the delta-method result, e.g. Kendall & Stuart, vol. 1, §10.5).
 */
export function varianceStdError(x: ArrayLike<number>): number {
  const m2 = centralMoment(x, 2);
  const m4 = centralMoment(x, 4);
  return Math.sqrt((m4 - m2 * m2) / x.length);
}

export function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** |got − want| ≤ k·se, with a message that shows how many standard errors off it is. */
export function withinSE(got: number, want: number, se: number, k = 4): [boolean, string] {
  const z = (got - want) / se;
  return [Math.abs(z) <= k, `got ${got}, expected ${want} ± ${k}·${se} (z = ${z.toFixed(2)})`];
}
