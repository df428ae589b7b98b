/**
 * Parametric VaR and ES for Student-t returns, r = μ + σ √((ν−2)/ν) T_ν, T_ν standard t with
 * ν > 2 degrees of freedom, so that σ is the standard deviation of r (the unit-variance
 * parameterisation of GARCH-t models; Bollerslev 1987). With loss L = −r and the standard-t
 * quantile t_α = F_ν⁻¹(α), s = σ √((ν−2)/ν):
 *   VaR_α = −μ + s t_α,
 *   ES_α  = −μ + s · f_ν(t_α)/(1−α) · (ν + t_α²)/(ν − 1)
 * (McNeil, Frey & Embrechts, "Quantitative Risk Management", 2015, Example 2.15).
 */
import { studentTPdf, studentTQuantile } from './distributions.js';
import { checkAlpha, type VarEs } from './varTypes.js';

export function studentTVaR(mu: number, sigma: number, nu: number, alpha: number): VarEs {
  checkAlpha(alpha);
  if (!(sigma >= 0)) throw new RangeError(`sigma must be non-negative, got ${sigma}`);
  if (!(nu > 2)) throw new RangeError(`nu must exceed 2 for a unit-variance t, got ${nu}`);
  const s = sigma * Math.sqrt((nu - 2) / nu);
  const t = studentTQuantile(alpha, nu);
  const esStd = ((studentTPdf(t, nu) / (1 - alpha)) * (nu + t * t)) / (nu - 1);
  return { alpha, var: -mu + s * t, es: -mu + s * esStd };
}
