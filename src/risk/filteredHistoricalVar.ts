/**
 * Filtered historical simulation (Barone-Adesi, Giannopoulos & Vosper 1999, "VaR without
 * correlations for portfolios of derivative securities", J. Futures Markets 19(5), 583–602;
 * Hull & White 1998): a GARCH model removes the volatility clustering, the standardised
 * residuals z_t = (r_t − μ)/σ_t are treated as i.i.d. with an unknown distribution, and the
 * next day's return is μ + σ_{T+1} z with z drawn from their empirical distribution. In loss
 * terms, with VaR_z and ES_z the historical VaR/ES of the residuals (see `historicalVaR`):
 *   VaR_α = −μ + σ_{T+1} VaR_z,     ES_α = −μ + σ_{T+1} ES_z.
 * The GARCH is usually fitted by Gaussian quasi-maximum likelihood, which is consistent for the
 * variance dynamics whatever the innovation law (Bollerslev & Wooldridge 1992).
 */
import { predictiveVarEs } from './predictive.js';
import type { PredictiveDistribution, VarEs } from './varTypes.js';

/** The FHS predictive distribution: r = μ + σ_{T+1}·z, z uniform over the standardised residuals. */
export function fhsPredictive(residuals: Float64Array, mu: number, nextVariance: number): PredictiveDistribution {
  if (residuals.length === 0) throw new RangeError('FHS needs standardised residuals');
  if (!(nextVariance > 0)) throw new RangeError(`FHS needs a positive next variance, got ${nextVariance}`);
  return { kind: 'empirical', mu, scale: Math.sqrt(nextVariance), sample: residuals };
}

export function filteredHistoricalVaR(residuals: Float64Array, mu: number, nextVariance: number, alpha: number): VarEs {
  return predictiveVarEs(fhsPredictive(residuals, mu, nextVariance), alpha);
}
