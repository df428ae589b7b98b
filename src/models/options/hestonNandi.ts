/**
 * The Heston–Nandi (2000) GARCH option-pricing model and its closed form (S. L. Heston and
 * S. Nandi, "A closed-form GARCH option valuation model", Review of Financial Studies 13(3),
 * 585–625). One period is one day (or whatever the data's step is); log returns are fractions:
 *
 *   ln(S_t/S_{t−1}) = r + λh_t + √h_t z_t,                  z_t ~ N(0, 1),
 *   h_t = ω + βh_{t−1} + α(z_{t−1} − γ√h_{t−1})²,
 *
 * h_t is known one period ahead (`variance` below is h_{t+1}, the variance of the next return).
 * Under the risk-neutral measure the same form holds with λ* = −½ and γ* = γ + λ + ½ (HN eq. 4–6).
 * The risk-neutral generating function f(φ) = E*_t[S_T^φ] = S_t^φ exp(A_t + B_t h_{t+1}) follows the
 * backward recursion (HN Proposition 1, with λ*, γ*), from A_T = B_T = 0:
 *
 *   A_t = A_{t+1} + φr + B_{t+1}ω − ½ ln(1 − 2αB_{t+1}),
 *   B_t = φ(λ* + γ*) − ½γ*² + βB_{t+1} + ½(φ − γ*)²/(1 − 2αB_{t+1}),
 *
 * and a European call with n periods to run is (HN eq. 9, the two integrals written as one)
 *
 *   C = ½(S − Ke^{−rn}) + (e^{−rn}/π) ∫₀^∞ Re[ K^{−iφ}(f(iφ + 1) − K f(iφ)) / (iφ) ] dφ,
 *   Δ = ½ + (e^{−rn}/(πS)) ∫₀^∞ Re[ K^{−iφ} f(iφ + 1) / (iφ) ] dφ   (C is homogeneous in S and K),
 *
 * puts by put–call parity. The integral is taken by adaptive Gauss–Kronrod over consecutive
 * intervals of φ until the integrand has died away (it decays like exp(−φ²V/2), V the variance of
 * ln S_T). The complex logarithm is the principal branch. It is continuous along the integration
 * paths because 1 − 2αB stays in the right half-plane: to first order in α, B = Σβʲ(φ² − φ)/2,
 * whose real part is −y²/2 ≤ 0 on both paths φ = iy and φ = 1 + iy. A step that leaves the right
 * half-plane (parameters far outside that regime) is an error, not a silent jump across the cut.
 *
 * With α = 0 the variance is deterministic, and if it starts at ω/(1 − β) it stays there: the model
 * is then Black–Scholes with σ² = h·periodsPerYear, a check of this code that does not use it.
 */
import type { Greeks, OptionType } from './blackScholes.js';
import { integrate } from './quadrature.js';

export interface HestonNandiParams {
  /** ω: variance intercept (per period, fractions squared). */
  omega: number;
  /** α: weight of the squared shock (sets the kurtosis of returns). */
  alpha: number;
  /** β: weight of the previous variance. */
  beta: number;
  /** γ: asymmetry (leverage: negative returns raise variance when γ > 0). */
  gamma: number;
  /** λ: price of risk in the physical drift (unused under the risk-neutral measure, except through γ*). */
  lambda: number;
}

export interface HestonNandiOption {
  type: OptionType;
  spot: number;
  strike: number;
  /** Years to expiry: a whole number of periods. */
  expiry: number;
  /** Annual continuously compounded risk-free rate (r per period = rate/periodsPerYear). */
  rate: number;
  /** h_{t+1}: the variance of the next period's log return (fractions squared). */
  variance: number;
  /** Periods per year (default 365: crypto trades every day). */
  periodsPerYear?: number;
}

/** Persistence of the variance process under the physical measure, β + αγ². */
export function hestonNandiPersistence(p: HestonNandiParams): number {
  return p.beta + p.alpha * p.gamma * p.gamma;
}

/** Why parameters are not admissible, or null. */
export function hestonNandiProblem(p: HestonNandiParams): string | null {
  for (const [name, v] of Object.entries(p)) if (!Number.isFinite(v)) return `${name} must be a finite number, got ${v}`;
  if (!(p.omega >= 0)) return `omega must be >= 0, got ${p.omega}`;
  if (!(p.alpha >= 0)) return `alpha must be >= 0, got ${p.alpha}`;
  if (!(p.beta >= 0)) return `beta must be >= 0, got ${p.beta}`;
  return null;
}

/** Risk-neutral γ* = γ + λ + ½. */
export function riskNeutralGamma(p: HestonNandiParams): number {
  return p.gamma + p.lambda + 0.5;
}

/** Number of periods in `expiry` years; throws unless it is a positive whole number. */
export function periodsOf(expiry: number, periodsPerYear: number): number {
  if (!(periodsPerYear > 0 && Number.isFinite(periodsPerYear))) throw new RangeError(`periodsPerYear: expected a positive number, got ${periodsPerYear}`);
  const n = Math.round(expiry * periodsPerYear);
  if (!(n >= 1) || Math.abs(expiry * periodsPerYear - n) > 1e-6 * Math.max(1, n)) {
    throw new RangeError(`expiry: expected a whole number (>= 1) of periods of 1/${periodsPerYear} year, got ${expiry} years (${expiry * periodsPerYear} periods)`);
  }
  return n;
}

/**
 * ln E*[S_T^φ / S_t^φ] = A + B·h for complex φ = (re, im), by the backward recursion. Returns
 * [real, imaginary].
 */
export function hestonNandiLogMgf(re: number, im: number, periods: number, ratePerPeriod: number, variance: number, p: HestonNandiParams): [number, number] {
  const gs = riskNeutralGamma(p);
  const lamPlusGamma = -0.5 + gs; // λ* + γ*
  let aRe = 0;
  let aIm = 0;
  let bRe = 0;
  let bIm = 0;
  for (let t = 0; t < periods; t++) {
    // d = 1 − 2αB
    const dRe = 1 - 2 * p.alpha * bRe;
    const dIm = -2 * p.alpha * bIm;
    if (!(dRe > 0)) {
      throw new RangeError(`Heston–Nandi closed form: 1 − 2αB left the right half-plane at φ = ${re} + ${im}i, so its logarithm would cross the branch cut; price these parameters by Monte Carlo`);
    }
    const dAbs2 = dRe * dRe + dIm * dIm;
    // principal log of d
    const logRe = 0.5 * Math.log(dAbs2);
    const logIm = Math.atan2(dIm, dRe);
    const nARe = aRe + re * ratePerPeriod + bRe * p.omega - 0.5 * logRe;
    const nAIm = aIm + im * ratePerPeriod + bIm * p.omega - 0.5 * logIm;
    // ½(φ − γ*)² / d
    const qRe = re - gs;
    const sqRe = qRe * qRe - im * im;
    const sqIm = 2 * qRe * im;
    const divRe = (sqRe * dRe + sqIm * dIm) / dAbs2;
    const divIm = (sqIm * dRe - sqRe * dIm) / dAbs2;
    const nBRe = re * lamPlusGamma - 0.5 * gs * gs + p.beta * bRe + 0.5 * divRe;
    const nBIm = im * lamPlusGamma + p.beta * bIm + 0.5 * divIm;
    aRe = nARe;
    aIm = nAIm;
    bRe = nBRe;
    bIm = nBIm;
  }
  return [aRe + bRe * variance, aIm + bIm * variance];
}

function checkOption(x: HestonNandiOption, p: HestonNandiParams): number {
  const problem = hestonNandiProblem(p);
  if (problem) throw new RangeError(`Heston–Nandi parameters: ${problem}`);
  if (!(x.spot > 0 && Number.isFinite(x.spot))) throw new RangeError(`spot: expected a positive number, got ${x.spot}`);
  if (!(x.strike > 0 && Number.isFinite(x.strike))) throw new RangeError(`strike: expected a positive number, got ${x.strike}`);
  if (!Number.isFinite(x.rate)) throw new RangeError(`rate: expected a finite number, got ${x.rate}`);
  if (!(x.variance > 0 && Number.isFinite(x.variance))) throw new RangeError(`variance: expected a positive number, got ${x.variance}`);
  return periodsOf(x.expiry, x.periodsPerYear ?? 365);
}

interface CallParts {
  call: number;
  delta: number;
}

/** The call price and delta by the closed form. */
function callParts(S: number, K: number, n: number, r: number, h: number, p: HestonNandiParams): CallParts {
  const x = Math.log(S / K);
  // a rough variance of ln S_T (the smaller of the starting and the long-run variance, so as not
  // to overstate how fast the integrand decays) sets the length of the integration intervals;
  // the stopping test below, not this, decides where the integral ends
  const persistence = hestonNandiPersistence(p);
  const longRun = persistence < 1 ? (p.omega + p.alpha) / (1 - persistence) : h;
  const V = Math.max(n * Math.min(h, longRun), 1e-12);
  const chunk = 2 / Math.sqrt(V);
  const price = (phi: number) => {
    const [r1, i1] = hestonNandiLogMgf(1, phi, n, r, h, p);
    const [r0, i0] = hestonNandiLogMgf(0, phi, n, r, h, p);
    const e1 = Math.exp(r1) * Math.sin(phi * x + i1);
    const e0 = Math.exp(r0) * Math.sin(phi * x + i0);
    return { e1: e1 / phi, e0: e0 / phi };
  };
  let sumCall = 0;
  let sumDelta = 0;
  const scale = S + K;
  for (let j = 0; j < 400; j++) {
    const lo = j * chunk;
    const hi = lo + chunk;
    // one integral of the combined integrand and one of the S-part: the delta needs it alone
    const c = integrate(
      (phi) => {
        const q = price(phi);
        return S * q.e1 - K * q.e0;
      },
      lo,
      hi,
      { absTol: 1e-15 * scale, relTol: 1e-12 },
    ).value;
    const d = integrate((phi) => price(phi).e1, lo, hi, { absTol: 1e-16, relTol: 1e-12 }).value;
    sumCall += c;
    sumDelta += d;
    const [rEnd] = hestonNandiLogMgf(0, hi, n, r, h, p);
    if (Math.abs(c) < 1e-15 * scale && Math.abs(d) < 1e-16 && Math.exp(rEnd) < 1e-14) break;
  }
  const disc = Math.exp(-r * n);
  return { call: 0.5 * (S - K * disc) + (disc / Math.PI) * sumCall, delta: 0.5 + (disc / Math.PI) * sumDelta };
}

/** Price of a European option under Heston–Nandi by the closed form. */
export function hestonNandiPrice(x: HestonNandiOption, p: HestonNandiParams): number {
  return hestonNandi(x, p, false).price;
}

/**
 * Price and Greeks under Heston–Nandi. Delta is the closed form's; gamma, vega, theta and rho are
 * central differences of closed-form values (theta by one period less to run, per year). Vega is
 * the sensitivity to the annualised volatility of the next period, σ₀ = √(h·periodsPerYear),
 * and rho to the annual rate: the units of `bsm`, so the two compare.
 */
export function hestonNandi(x: HestonNandiOption, p: HestonNandiParams, greeks = true): Greeks {
  const n = checkOption(x, p);
  const ppy = x.periodsPerYear ?? 365;
  const r = x.rate / ppy;
  const base = callParts(x.spot, x.strike, n, r, x.variance, p);
  const toType = (c: CallParts, S: number, rPer: number, periods: number): CallParts => (x.type === 'call' ? c : { call: c.call - S + x.strike * Math.exp(-rPer * periods), delta: c.delta - 1 });
  const own = toType(base, x.spot, r, n);
  if (!greeks) return { price: own.call, delta: own.delta, gamma: NaN, vega: NaN, theta: NaN, rho: NaN };
  const dS = 1e-4 * x.spot;
  const up = callParts(x.spot + dS, x.strike, n, r, x.variance, p);
  const down = callParts(x.spot - dS, x.strike, n, r, x.variance, p);
  const gamma = (up.delta - down.delta) / (2 * dS);
  const sigma0 = Math.sqrt(x.variance * ppy);
  const dSig = 1e-4 * sigma0;
  const hUp = ((sigma0 + dSig) * (sigma0 + dSig)) / ppy;
  const hDown = ((sigma0 - dSig) * (sigma0 - dSig)) / ppy;
  const vega = (callParts(x.spot, x.strike, n, r, hUp, p).call - callParts(x.spot, x.strike, n, r, hDown, p).call) / (2 * dSig);
  const dr = 1e-5;
  const rUp = toType(callParts(x.spot, x.strike, n, (x.rate + dr) / ppy, x.variance, p), x.spot, (x.rate + dr) / ppy, n).call;
  const rDown = toType(callParts(x.spot, x.strike, n, (x.rate - dr) / ppy, x.variance, p), x.spot, (x.rate - dr) / ppy, n).call;
  const rho = (rUp - rDown) / (2 * dr);
  let theta: number;
  if (n > 1) {
    // V(n − 1) − V(n + 1) over two periods: a central difference in time, per year
    const shorter = toType(callParts(x.spot, x.strike, n - 1, r, x.variance, p), x.spot, r, n - 1).call;
    const longer = toType(callParts(x.spot, x.strike, n + 1, r, x.variance, p), x.spot, r, n + 1).call;
    theta = ((shorter - longer) / 2) * ppy;
  } else {
    const longer = toType(callParts(x.spot, x.strike, n + 1, r, x.variance, p), x.spot, r, n + 1).call;
    theta = (own.call - longer) * ppy;
  }
  return { price: own.call, delta: own.delta, gamma, vega, theta, rho };
}
