/**
 * The unit-variance Student-t innovation of the GARCH-t models, truncated to |z| ≤ c, and the
 * logarithm of its moment generating function κ(s) = ln E[e^{sz}].
 *
 * Why truncate: a Student-t has no moment generating function (E[e^{sz}] = ∞ for every s ≠ 0),
 * so a GARCH-t return e^{√h z} has infinite expectation and no drift makes the discounted price a
 * martingale. Truncating the innovation at c standard deviations (c = 20 by default: for ν = 4 the
 * mass cut off is about 1e-5) gives it a finite κ(s), and using exactly that κ as the risk-neutral
 * compensator makes E*[S_t/S_{t−1}] = e^r hold exactly for the distribution actually simulated.
 *
 * Sampling: Z = T·√((ν − 2)/ν) with T a standard t (util/rng.ts), redrawn while |Z| > c (rejection
 * is rare, so the cost is that of the t itself). κ is tabulated on s ∈ [0, s_max] from
 * M(s) = ∫_{−c}^{c} cosh(sz) f(z) dz / ∫_{−c}^{c} f(z) dz and M′(s) = ∫ z sinh(sz) f(z) dz / (…),
 * f the unit-variance t density, by adaptive Gauss–Kronrod (quadrature.ts), and interpolated by
 * cubic Hermite polynomials in κ and κ′ = M′/M (error of order step⁴, far below Monte Carlo noise);
 * a larger s extends the table.
 */
import { logGamma } from '../../risk/specialFunctions.js';
import type { Rng } from '../../util/rng.js';
import { integrate } from './quadrature.js';

export const DEFAULT_TRUNCATION = 20;

/** Density of the unit-variance Student-t with ν > 2 degrees of freedom. */
function unitVarianceTDensity(nu: number): (z: number) => number {
  const scale2 = nu - 2;
  const logC = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(Math.PI * scale2);
  return (z) => Math.exp(logC - ((nu + 1) / 2) * Math.log1p((z * z) / scale2));
}

export class TruncatedT {
  readonly nu: number;
  readonly c: number;
  private readonly tScale: number;
  private readonly density: (z: number) => number;
  private readonly mass: number;
  private readonly step: number;
  private kappa: Float64Array;
  private slope: Float64Array;

  constructor(nu: number, c = DEFAULT_TRUNCATION, sMax = 1, step = 1 / 256) {
    if (!(nu > 2 && Number.isFinite(nu))) throw new RangeError(`nu: expected a number > 2 (a unit-variance t), got ${nu}`);
    if (!(c > 0 && Number.isFinite(c))) throw new RangeError(`truncation: expected a positive number of standard deviations, got ${c}`);
    this.nu = nu;
    this.c = c;
    this.tScale = Math.sqrt((nu - 2) / nu);
    this.density = unitVarianceTDensity(nu);
    // twice the integral over [0, c]: the density is symmetric
    this.mass = 2 * integrate(this.density, 0, c, { absTol: 1e-16, relTol: 1e-14 }).value;
    this.step = step;
    this.kappa = new Float64Array(0);
    this.slope = new Float64Array(0);
    this.extend(sMax);
  }

  /** Tabulates κ up to at least s (a variance path that wanders high extends the table once). */
  private extend(s: number): void {
    const from = this.kappa.length;
    const size = Math.ceil(s / this.step) + 2;
    if (size <= from) return;
    const kappa = new Float64Array(size);
    const slope = new Float64Array(size);
    kappa.set(this.kappa);
    slope.set(this.slope);
    for (let j = from; j < size; j++) {
      const [k, d] = this.exact(j * this.step);
      kappa[j] = k;
      slope[j] = d;
    }
    this.kappa = kappa;
    this.slope = slope;
  }

  /**
   * κ(s) and κ′(s) by quadrature. The integrand is written as e^{s(z − c)}f(z) with the factor e^{sc}
   * taken out in logarithms, so that a large s (a variance path gone wild) does not overflow.
   */
  private exact(s: number): [number, number] {
    if (s === 0) return [0, 0];
    const f = this.density;
    const c = this.c;
    const opts = { absTol: 1e-300, relTol: 1e-13 };
    const m = integrate((z) => Math.exp(s * (z - c)) * f(z), -c, c, opts).value;
    const dm = integrate((z) => z * Math.exp(s * (z - c)) * f(z), -c, c, opts).value;
    return [s * c + Math.log(m / this.mass), dm / m];
  }

  /** ln E[e^{sz}] of the truncated innovation, for s ≥ 0. */
  logMgf(s: number): number {
    if (!(s >= 0 && Number.isFinite(s))) throw new RangeError(`logMgf: expected a finite s >= 0, got ${s}`);
    const u = s / this.step;
    const j = Math.floor(u);
    if (j + 1 >= this.kappa.length) this.extend(Math.max(2 * (this.kappa.length - 1) * this.step, 1.25 * s));
    // cubic Hermite on [s_j, s_{j+1}] in the local coordinate t ∈ [0, 1]
    const t = u - j;
    const t2 = t * t;
    const t3 = t2 * t;
    const h00 = 2 * t3 - 3 * t2 + 1;
    const h10 = t3 - 2 * t2 + t;
    const h01 = -2 * t3 + 3 * t2;
    const h11 = t3 - t2;
    return h00 * this.kappa[j] + h10 * this.step * this.slope[j] + h01 * this.kappa[j + 1] + h11 * this.step * this.slope[j + 1];
  }

  /** One draw of the truncated unit-variance t. */
  sample(rng: Rng): number {
    for (;;) {
      const z = rng.studentT(this.nu) * this.tScale;
      if (Math.abs(z) <= this.c) return z;
    }
  }

  /** The probability mass of the untruncated unit-variance t inside [−c, c]. */
  get keptMass(): number {
    return this.mass;
  }
}
