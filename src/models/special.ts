/**
 * Log-densities for the GARCH likelihoods: the standard normal and the Student-t standardised to
 * unit variance (Bollerslev 1987). ln Γ comes from the project's Lanczos implementation
 * (risk/specialFunctions.ts).
 */
import { logGamma } from '../risk/specialFunctions.js';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Log-density of the Student-t distribution with `nu` > 2 degrees of freedom standardised to
 * unit variance (Bollerslev 1987): z = T·sqrt((ν−2)/ν) for T ~ t_ν, so
 * ln f(z) = lnΓ((ν+1)/2) − lnΓ(ν/2) − ½ln(π(ν−2)) − ((ν+1)/2)·ln(1 + z²/(ν−2)).
 */
export function logStdTDensity(z: number, nu: number): number {
  return stdTConstant(nu) - 0.5 * (nu + 1) * Math.log1p((z * z) / (nu - 2));
}

/** The normalising constant of `logStdTDensity`, computed once per likelihood evaluation. */
export function stdTConstant(nu: number): number {
  return logGamma(0.5 * (nu + 1)) - logGamma(0.5 * nu) - 0.5 * Math.log(Math.PI * (nu - 2));
}

/** ln of the standard normal density. */
export function logNormalDensity(z: number): number {
  return -HALF_LOG_2PI - 0.5 * z * z;
}

export const LOG_2PI = Math.log(2 * Math.PI);
