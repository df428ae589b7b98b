/**
 * The ranges numbers in scenarios and their CSV files must fall in (listed in the README under
 * "Input limits"). Infinity and NaN are never accepted. The ranges are wide enough for any real
 * market (a token at a trillionth of a dollar, a pool of a quadrillion tokens, 2,000 % annual
 * volatility) and narrow enough that products and exponentials of them stay finite in a run:
 * 1e300 or 1e-320 written by mistake would otherwise come out as Infinity or NaN results.
 */

/** Any number in a scenario: 0, or a magnitude from 1e-15 to 1e15 (the seed excepted). */
export const MAGNITUDE_MAX = 1e15;
export const MAGNITUDE_MIN = 1e-15;
/** Seeds up to 2^53 − 1: every integer up to there is exact as a JS number, so no two seeds collide. */
export const SEED_MAX = Number.MAX_SAFE_INTEGER;
/** A price in USD per token. */
export const PRICE_MIN = 1e-12;
export const PRICE_MAX = 1e12;
/** Annualised volatility (20 = 2,000 % a year). */
export const VOLATILITY_MAX = 20;
/** Annualised continuously compounded drift, either sign (10: ×22,000 in a year). */
export const DRIFT_MAX = 10;
/** Merton jumps: intensity per year; mean and standard deviation of the log jump size. */
export const JUMP_INTENSITY_MAX = 10_000;
export const JUMP_SIZE_MAX = 5;
/** Log-sd of a lognormal distribution (5: the 99.9th percentile is e^15.5 ≈ 5 million × the median). */
export const LOGNORMAL_SIGMA_MAX = 5;
/** Any duration: ten years. */
export const DURATION_MAX = 10 * 365 * 86400;
/** Positions or vaults in one scenario, drawn and read from files together. */
export const POSITIONS_MAX = 10_000_000;
/** A token amount or USD value in a positions or vaults CSV. */
export const AMOUNT_MAX = MAGNITUDE_MAX;

/** A bound as a message shows it: `1e12`, `1e-15`, `20`, `-10`. */
export function formatBound(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? x.toExponential().replace('e+', 'e') : String(x);
}

/** The generic check of every number a scenario file or `--set` writes: null when it is fine. */
export function scenarioNumberProblem(x: number, path: readonly (string | number)[]): string | null {
  if (path.length === 1 && path[0] === 'seed') return null; // the schema bounds it by SEED_MAX
  const a = Math.abs(x);
  if (a > MAGNITUDE_MAX) return `expected a number from -1e15 to 1e15 (the input limit for any number)`;
  if (a !== 0 && a < MAGNITUDE_MIN) return `expected 0 or a number of magnitude at least 1e-15 (the input limit for any number)`;
  return null;
}
