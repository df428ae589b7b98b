/**
 * RiskMetrics exponentially weighted moving-average variance (J.P. Morgan/Reuters,
 * RiskMetrics — Technical Document, 4th ed., 1996, §5.2.1): zero mean and
 *
 *   σ²_{t+1} = λ σ²_t + (1 − λ) r²_t,   λ = 0.94 for daily data.
 *
 * It is IGARCH(1,1) without a constant, so the h-step forecast is flat: every future variance
 * equals σ²_{n+1} (Technical Document §5.3). σ²_0 defaults to the mean of r²_t over the sample
 * (the same variance backcast as `garch.ts`), or is given.
 */
import { LOG_2PI } from './special.js';

export const RISKMETRICS_LAMBDA = 0.94;

export interface EwmaOptions {
  lambda?: number;
  /** Variance of the first observation; default: mean of the squared returns. */
  initialVariance?: number;
}

export interface EwmaFit {
  model: 'ewma';
  dist: 'normal';
  n: number;
  params: { lambda: number };
  /** The decay is fixed, not estimated: no standard errors. */
  stderr: Record<string, number>;
  /** Gaussian log-likelihood with zero mean, all constants included (comparable with the GARCH fits). */
  loglik: number;
  aic: number;
  bic: number;
  condVariance: Float64Array;
  residuals: Float64Array;
  lastVariance: number;
  nextVariance: number;
}

function checkLambda(lambda: number): void {
  if (!(lambda > 0 && lambda < 1)) throw new RangeError(`EWMA lambda must lie in (0, 1), got ${lambda}`);
}

/** The EWMA recursion over `returns`: σ²_t for each observation and σ²_n after the last. */
export function ewmaFilter(returns: Float64Array | number[], opts: EwmaOptions = {}): { condVariance: Float64Array; residuals: Float64Array; nextVariance: number } {
  const lambda = opts.lambda ?? RISKMETRICS_LAMBDA;
  checkLambda(lambda);
  const n = returns.length;
  const condVariance = new Float64Array(n);
  const residuals = new Float64Array(n);
  let h = opts.initialVariance;
  if (h === undefined) {
    let s = 0;
    for (let i = 0; i < n; i++) s += returns[i] * returns[i];
    h = n > 0 ? s / n : NaN;
  }
  for (let t = 0; t < n; t++) {
    condVariance[t] = h;
    residuals[t] = returns[t] / Math.sqrt(h);
    h = lambda * h + (1 - lambda) * returns[t] * returns[t];
  }
  return { condVariance, residuals, nextVariance: h };
}

/** Flat forecast: the variance for each of steps 1..h is σ²_{n+1}. */
export function ewmaForecast(nextVariance: number, h: number): Float64Array {
  if (!Number.isInteger(h) || h < 0) throw new RangeError(`forecast horizon must be a non-negative integer, got ${h}`);
  return new Float64Array(h).fill(nextVariance);
}

/** Runs the EWMA filter with a fixed λ and reports it in the same shape as a GARCH fit. */
export function fitEwma(returns: Float64Array | number[], opts: EwmaOptions = {}): EwmaFit {
  const lambda = opts.lambda ?? RISKMETRICS_LAMBDA;
  const n = returns.length;
  if (n < 2) throw new RangeError(`fitEwma needs at least 2 returns, got ${n}`);
  const { condVariance, residuals, nextVariance } = ewmaFilter(returns, opts);
  let ll = -0.5 * n * LOG_2PI;
  for (let t = 0; t < n; t++) ll -= 0.5 * (Math.log(condVariance[t]) + residuals[t] * residuals[t]);
  return {
    model: 'ewma',
    dist: 'normal',
    n,
    params: { lambda },
    stderr: {},
    loglik: ll,
    aic: -2 * ll,
    bic: -2 * ll,
    condVariance,
    residuals,
    lastVariance: condVariance[n - 1],
    nextVariance,
  };
}
