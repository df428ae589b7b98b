/**
 * Kupiec's proportion-of-failures test of unconditional coverage (Kupiec 1995, "Techniques for
 * verifying the accuracy of risk measurement models", J. Derivatives 3(2), 73–84).
 * With x exceptions in n days and the nominal exception rate p = 1 − α,
 *   LR_uc = −2 ln[(1−p)^{n−x} p^x] + 2 ln[(1−x/n)^{n−x} (x/n)^x]  ~  χ²(1) under H0,
 * with 0·ln 0 = 0 (so x = 0 gives LR_uc = −2n ln(1−p)).
 */
import { chiSquareSf } from './distributions.js';
import { checkAlpha } from './varTypes.js';

export interface KupiecResult {
  exceptions: number;
  observations: number;
  expected: number;
  /** Observed exception rate x/n. */
  rate: number;
  lr: number;
  pValue: number;
}

/** x·ln(y) with the convention 0·ln(0) = 0 of the likelihood ratio. */
export function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

export function kupiecPof(exceptions: number, observations: number, alpha: number): KupiecResult {
  checkAlpha(alpha);
  const n = observations;
  const x = exceptions;
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`observations must be a positive integer, got ${n}`);
  if (!(Number.isInteger(x) && x >= 0 && x <= n)) throw new RangeError(`exceptions must be an integer in [0, ${n}], got ${x}`);
  const p = 1 - alpha;
  const rate = x / n;
  const logL0 = xlogy(n - x, 1 - p) + xlogy(x, p);
  const logL1 = xlogy(n - x, 1 - rate) + xlogy(x, rate);
  const lr = Math.max(0, -2 * (logL0 - logL1));
  return { exceptions: x, observations: n, expected: n * p, rate, lr, pValue: chiSquareSf(lr, 1) };
}
