/**
 * Parametric VaR and ES for normally distributed returns r ~ N(μ, σ²), loss L = −r:
 *   VaR_α = −μ + σ z_α,     ES_α = −μ + σ φ(z_α) / (1 − α),
 * z_α = Φ⁻¹(α) (McNeil, Frey & Embrechts, "Quantitative Risk Management", 2015, Example 2.14).
 * At α = 0.975 the ES multiplier is φ(1.959964)/0.025 = 2.337802.
 */
import { normalPdf, normalQuantile } from './distributions.js';
import { checkAlpha, type VarEs } from './varTypes.js';

export function normalVaR(mu: number, sigma: number, alpha: number): VarEs {
  checkAlpha(alpha);
  if (!(sigma >= 0)) throw new RangeError(`sigma must be non-negative, got ${sigma}`);
  const z = normalQuantile(alpha);
  return { alpha, var: -mu + sigma * z, es: -mu + (sigma * normalPdf(z)) / (1 - alpha) };
}
