/**
 * The two distribution functions the Diebold–Mariano test needs: the standard normal and the
 * Student-t cumulative distribution functions. Private to forecast evaluation, so that `models/`
 * needs nothing from `risk/`.
 *
 * - Normal: Φ(x) = ½ erfc(−x/√2), with erf(x) = P(½, x²) the regularised lower incomplete gamma
 *   function (Abramowitz & Stegun 1964, 7.1.1 and 6.5.16), evaluated by its power series for
 *   small arguments and by Legendre's continued fraction for Q(a, x) otherwise
 *   (DLMF 8.11.4 and 8.9.2; the continued fraction is run with the modified Lentz method,
 *   Lentz 1976 / Thompson & Barnett 1986). Relative accuracy about 1e-15.
 * - Student t with ν degrees of freedom: F(t) = 1 − ½ I_{ν/(ν+t²)}(ν/2, ½) for t > 0
 *   (A&S 26.7.1 / 26.5.27), with the regularised incomplete beta I_x(a, b) from its continued
 *   fraction (DLMF 8.17.22), using the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) where that converges
 *   faster. ln Γ by the Lanczos (1964) approximation with g = 7, n = 9.
 */

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 500;

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7), with the reflection formula below ½. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Regularised incomplete gamma: returns P(a, x) when `upper` is false, Q(a, x) = 1 − P otherwise,
 * each computed directly in the regime where it is small so that neither loses digits to
 * cancellation.
 */
function incompleteGamma(a: number, x: number, upper: boolean): number {
  if (x <= 0) return upper ? 1 : 0;
  const logPrefix = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // series: P = x^a e^-x / Γ(a+1) · Σ x^n / ((a+1)…(a+n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_ITER; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    const p = sum * Math.exp(logPrefix);
    return upper ? 1 - p : p;
  }
  // continued fraction for Q = 1 − P, modified Lentz
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  const q = Math.exp(logPrefix) * h;
  return upper ? q : 1 - q;
}

/** The error function. */
export function erf(x: number): number {
  if (x === 0) return 0;
  const p = incompleteGamma(0.5, x * x, false);
  return x > 0 ? p : -p;
}

/** Standard normal cumulative distribution function Φ(x). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  // For x < 0 compute the small tail directly, without cancellation: Φ(x) = ½ Q(½, x²/2).
  const z = (x * x) / 2;
  if (x < 0) return 0.5 * incompleteGamma(0.5, z, true);
  return 0.5 + 0.5 * incompleteGamma(0.5, z, false);
}

/** Continued fraction for the incomplete beta (DLMF 8.17.22), modified Lentz. */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITER; m++) {
    const m2 = 2 * m;
    // even step
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // odd step
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student-t cumulative distribution function with `nu` > 0 degrees of freedom. */
export function studentTCdf(t: number, nu: number): number {
  if (Number.isNaN(t) || !(nu > 0)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  if (nu === Infinity) return normalCdf(t);
  const tail = 0.5 * incompleteBeta(nu / (nu + t * t), nu / 2, 0.5); // P(T > |t|)
  return t > 0 ? 1 - tail : tail;
}
