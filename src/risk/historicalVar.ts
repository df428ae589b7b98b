/**
 * Historical-simulation VaR and ES: the quantile and tail mean of the empirical loss
 * distribution of a window of returns (e.g. Jorion, "Value at Risk", 3rd ed., ch. 10;
 * McNeil, Frey & Embrechts, "Quantitative Risk Management", 2015, §9.2.3).
 *
 * Quantile definition: the inverse of the empirical cdf (R's quantile type 1), i.e. with
 * losses sorted L_(1) ≤ … ≤ L_(n), VaR_α = L_(k) with k = ⌈nα⌉, the smallest observed loss
 * whose empirical cdf reaches α. No interpolation, so VaR is always an observed loss.
 *
 * ES is the exact expected shortfall of that empirical distribution (Acerbi & Tasche 2002,
 * "On the coherence of expected shortfall", eq. for discrete distributions):
 *   ES_α = (1/(1−α)) ∫_α^1 F̂⁻¹(u) du = [ (k − nα) L_(k) + Σ_{j>k} L_(j) ] / (n(1−α)).
 * When nα is an integer this is the plain mean of the n(1−α) losses beyond VaR; otherwise
 * VaR's own order statistic enters with the fractional weight k − nα. It is coherent and never
 * below VaR.
 */
import { checkAlpha, type VarEs } from './varTypes.js';

/**
 * VaR and ES of an already sorted (ascending) array of losses. Exposed for FHS and Monte
 * Carlo, which build their loss samples themselves.
 */
export function empiricalVarEsSorted(sortedLosses: ArrayLike<number>, alpha: number): VarEs {
  checkAlpha(alpha);
  const n = sortedLosses.length;
  if (n === 0) throw new RangeError('historical VaR needs at least one observation');
  const na = n * alpha;
  // the tolerance stops 100 × 0.99 = 99.00000000000001 from rounding up to the next order statistic
  const k = Math.min(n, Math.max(1, Math.ceil(na - 1e-9)));
  const varK = sortedLosses[k - 1];
  let tail = Math.max(0, k - na) * varK;
  for (let j = k; j < n; j++) tail += sortedLosses[j];
  return { alpha, var: varK, es: tail / (n - na) };
}

/** Historical VaR and ES of a window of returns (loss = −return). */
export function historicalVaR(returns: ArrayLike<number>, alpha: number): VarEs {
  const losses = new Float64Array(returns.length);
  for (let i = 0; i < returns.length; i++) losses[i] = -returns[i];
  losses.sort();
  return empiricalVarEsSorted(losses, alpha);
}
