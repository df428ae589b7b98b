/**
 * An unconditional Student-t for a window of returns: μ and σ are the sample mean and standard
 * deviation (σ is the standard deviation, the t being scaled to unit variance as in
 * `studentTVaR`), and ν maximises the likelihood given them, a profile over ν alone
 * (cf. McNeil, Frey & Embrechts 2015, §6.2 for the full ML fit). The one-dimensional search is a
 * golden-section search (Kiefer 1953) over ln(ν − 2), ν in [2.05, 500].
 */
import { logGamma } from './specialFunctions.js';

export interface StudentTFit {
  mu: number;
  sigma: number;
  nu: number;
  loglik: number;
}

const NU_MIN = 2.05;
const NU_MAX = 500;

/** Log-likelihood of standardised values z_i = (r_i − μ)/σ under the unit-variance t_ν, minus n ln σ. */
function logLik(z: Float64Array, sigma: number, nu: number): number {
  const n = z.length;
  const c = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(Math.PI * (nu - 2));
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.log1p((z[i] * z[i]) / (nu - 2));
  return n * (c - Math.log(sigma)) - ((nu + 1) / 2) * s;
}

export function fitStudentT(returns: ArrayLike<number>): StudentTFit {
  const n = returns.length;
  if (n < 3) throw new RangeError(`fitting a Student-t needs at least 3 returns, got ${n}`);
  let mu = 0;
  for (let i = 0; i < n; i++) mu += returns[i];
  mu /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (returns[i] - mu) ** 2;
  const sigma = Math.sqrt(ss / (n - 1));
  if (!(sigma > 0)) throw new RangeError('the returns have zero variance');
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = (returns[i] - mu) / sigma;
  const f = (x: number) => logLik(z, sigma, 2 + Math.exp(x));
  let a = Math.log(NU_MIN - 2);
  let b = Math.log(NU_MAX - 2);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 100 && b - a > 1e-8; i++) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  const nu = 2 + Math.exp((a + b) / 2);
  return { mu, sigma, nu, loglik: logLik(z, sigma, nu) };
}
