/**
 * Shared types of the VaR/ES models.
 *
 * Loss convention used throughout `src/risk`: a loss is the negative of a return, L = −r, so
 * VaR and ES are positive numbers when they are losses. VaR_α is the α-quantile of L
 * (α = 0.99 means "the loss exceeded on 1 % of days"), ES_α the mean of L beyond VaR_α
 * (the average of the quantile function of L over (α, 1), Acerbi & Tasche 2002). Both are in
 * the units of the returns given (percentage returns give a VaR in percent).
 */

export interface VarEs {
  /** Confidence level α in (0, 1), e.g. 0.99. */
  alpha: number;
  /** Value-at-Risk: the α-quantile of the loss L = −r (positive = a loss). */
  var: number;
  /** Expected Shortfall: E[L | L ≥ VaR_α] for a continuous L; the tail-quantile average in general. */
  es: number;
}

/**
 * A one-period predictive distribution of the return, as a VaR model forecasts it. Backtests
 * draw from it to simulate the null distribution of the Acerbi–Székely statistic.
 * `sigma` is the standard deviation: the Student-t here is scaled to unit variance (ν > 2).
 */
export type PredictiveDistribution =
  | { kind: 'normal'; mu: number; sigma: number }
  | { kind: 't'; mu: number; sigma: number; nu: number }
  /** r = mu + scale · sample[j], j uniform: historical simulation (mu 0, scale 1) and FHS. */
  | { kind: 'empirical'; mu: number; scale: number; sample: Float64Array };

/** Throws unless 0 < alpha < 1. */
export function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}
