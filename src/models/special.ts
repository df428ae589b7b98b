/**
 * Special functions for likelihoods.
 *
 * lgamma: the Lanczos approximation with g = 7 and nine coefficients (Lanczos 1964; the
 * coefficient set of Numerical Recipes 3rd ed. §6.1 / Godfrey), relative error below 1e-15 for
 * x > 0, with the reflection formula Γ(x)Γ(1−x) = π / sin(πx) for x < 0.5.
 */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln |Γ(x)|. */
export function lgamma(x: number): number {
  if (x < 0.5) {
    // reflection keeps accuracy near zero and covers negative arguments
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

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
  return lgamma(0.5 * (nu + 1)) - lgamma(0.5 * nu) - 0.5 * Math.log(Math.PI * (nu - 2));
}

/** ln of the standard normal density. */
export function logNormalDensity(z: number): number {
  return -HALF_LOG_2PI - 0.5 * z * z;
}

export const LOG_2PI = Math.log(2 * Math.PI);
