/**
 * Aave's two-slope borrow-rate curve (Aave v2/v3 DefaultReserveInterestRateStrategy): the rate
 * rises gently with utilisation U up to the optimal utilisation, then steeply, to pull liquidity
 * back when a reserve runs dry.
 *   U ≤ U*: r = base + slope1 · U/U*
 *   U > U*: r = base + slope1 + slope2 · (U − U*)/(1 − U*)
 * Rates are annual and continuous-time; utilisation = debt / (debt + cash).
 */
export interface RateCurve {
  base: number;
  slope1: number;
  slope2: number;
  optimalUtilisation: number;
}

export function borrowRate(c: RateCurve, utilisation: number): number {
  const u = Math.min(1, Math.max(0, utilisation));
  if (u <= c.optimalUtilisation) return c.base + (c.slope1 * u) / c.optimalUtilisation;
  return c.base + c.slope1 + (c.slope2 * (u - c.optimalUtilisation)) / (1 - c.optimalUtilisation);
}

export function utilisation(debt: number, cash: number): number {
  const total = debt + cash;
  return total > 0 ? debt / total : 0;
}
