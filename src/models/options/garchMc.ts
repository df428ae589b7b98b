/**
 * Monte Carlo option prices under the project's GARCH(1,1) and GJR-GARCH(1,1) models (models/garch.ts,
 * normal or Student-t innovations) with Duan's locally risk-neutral valuation relationship (J.-C.
 * Duan, "The GARCH option pricing model", Mathematical Finance 5(1), 1995, §2).
 *
 * The fitted model, in percentage log returns per period: r_t = μ + ε_t, ε_t = √h_t z_t,
 * h_{t+1} = ω + (α + γ·1[ε_t < 0])ε_t² + βh_t. Here in fractions (μ/100, ω/10⁴, h/10⁴). Under the
 * LRNVR measure Q the one-period conditional distribution keeps its variance and its shape and only
 * its mean moves, to make the discounted price a martingale:
 *
 *   ln(S_t/S_{t−1}) = r − κ(√h_t) + √h_t ξ_t,      ξ_t with the law of z_t under Q,
 *   κ(s) = ln E[e^{sξ}]   (s²/2 for normal innovations: Duan's r − h/2),
 *
 * while the variance recursion keeps reading the physical shock, ε_t = ln(S_t/S_{t−1}) − μ
 * = √h_t ξ_t − (μ − r + κ(√h_t)): Duan's shift of the innovation by the price of risk
 * λ_t√h_t = μ − r + κ_t, which is what makes the risk-neutral variance more persistent and
 * (through GJR's γ and the sign of the shifted shock) skewed.
 *
 * Student-t innovations: the t has no moment generating function, so κ would be infinite. The
 * adjustment made here is to truncate the innovation at ±c standard deviations (truncatedT.ts,
 * c = 20 by default) and use the truncated distribution's exact κ, so that E_Q[S_t/S_{t−1}] = e^r
 * holds exactly for what is simulated (not an empirical martingale correction, which would couple
 * the paths and bias the standard error). The tests check that the discounted terminal price
 * averages to S_0 within its standard error.
 *
 * A guard on the variance. κ(s)/s grows towards c as s = √h grows (the truncated tail dominates the
 * generating function), so on a path whose variance has already exploded the compensator itself
 * becomes a large negative shock, ε² ≈ κ² feeds back into h, and the variance diverges (for the
 * t fitted to daily BTC returns this starts near 70 % daily volatility; for normal innovations,
 * near h = 4/α). The per-period variance is therefore capped at `maxVariance` (default 1: 100 %
 * volatility in one period, beyond anything a daily GARCH forecast means). h is known a period
 * ahead, so the cap leaves E_Q[S_t/S_{t−1}] = e^r exact; it changes the model only on the paths that
 * reach it, and their number is reported (`cappedPaths`).
 *
 * Each path has its own random stream, deriveSeed(seed, path), so the same path sees the same
 * draws whatever the number of paths, the expiry or the parameters: Greeks by bumping (vega, rho,
 * theta) use common random numbers. Delta and gamma need no re-simulation: S_T is proportional to
 * S_0, so a bumped spot only rescales the simulated terminal prices.
 */
import type { GarchDist, GarchModel, GarchParams } from '../garch.js';
import { deriveSeed, Rng } from '../../util/rng.js';
import type { Greeks, OptionType } from './blackScholes.js';
import { periodsOf } from './hestonNandi.js';
import { DEFAULT_TRUNCATION, TruncatedT } from './truncatedT.js';

/** A fitted GARCH model as models/garch.ts gives it (percentage returns per period). */
export interface GarchPricingModel {
  params: GarchParams;
  model: GarchModel;
  dist: GarchDist;
  /** h_{t+1}: the variance of the next period's percentage return (a fit's `nextVariance`). */
  variance: number;
}

export interface GarchMarket {
  spot: number;
  /** Years to expiry: a whole number of periods. */
  expiry: number;
  /** Annual continuously compounded risk-free rate. */
  rate: number;
  /** Periods per year of the model's returns (default 365). */
  periodsPerYear?: number;
}

export interface GarchMcOptions {
  paths: number;
  seed: number;
  /** Truncation of Student-t innovations, in standard deviations (default 20). */
  truncation?: number;
  /** Cap on the per-period variance of log returns, in fractions squared (default 1). */
  maxVariance?: number;
}

export interface RiskNeutralPaths {
  /** S_T of each path. */
  terminal: Float64Array;
  /** Paths whose variance reached the cap `maxVariance`. */
  cappedPaths: number;
}

const truncatedCache = new Map<string, TruncatedT>();

function truncatedT(nu: number, c: number): TruncatedT {
  const key = `${nu}:${c}`;
  let t = truncatedCache.get(key);
  if (!t) {
    t = new TruncatedT(nu, c);
    if (truncatedCache.size > 16) truncatedCache.clear();
    truncatedCache.set(key, t);
  }
  return t;
}

function checkModel(m: GarchPricingModel): void {
  const p = m.params;
  for (const [name, v] of Object.entries(p)) if (v !== undefined && !Number.isFinite(v)) throw new RangeError(`GARCH parameters: ${name} must be a finite number, got ${v}`);
  if (!(p.omega >= 0)) throw new RangeError(`GARCH parameters: omega must be >= 0, got ${p.omega}`);
  if (!(p.alpha >= 0)) throw new RangeError(`GARCH parameters: alpha must be >= 0, got ${p.alpha}`);
  if (!(p.beta >= 0)) throw new RangeError(`GARCH parameters: beta must be >= 0, got ${p.beta}`);
  if (m.model === 'gjr' && !(p.alpha + (p.gamma ?? 0) >= 0)) throw new RangeError(`GARCH parameters: alpha + gamma must be >= 0, got ${p.alpha + (p.gamma ?? 0)}`);
  if (m.dist === 't' && !((p.nu ?? NaN) > 2)) throw new RangeError(`GARCH parameters: a Student-t model needs nu > 2, got ${p.nu}`);
  if (!(m.variance > 0 && Number.isFinite(m.variance))) throw new RangeError(`variance: expected a positive number, got ${m.variance}`);
}

/**
 * Terminal prices S_T of `paths` risk-neutral paths (the discounted mean of which is S_0, up to
 * Monte Carlo error).
 */
export function simulateRiskNeutralGarch(m: GarchPricingModel, market: GarchMarket, opts: GarchMcOptions): RiskNeutralPaths {
  checkModel(m);
  if (!(market.spot > 0 && Number.isFinite(market.spot))) throw new RangeError(`spot: expected a positive number, got ${market.spot}`);
  if (!Number.isFinite(market.rate)) throw new RangeError(`rate: expected a finite number, got ${market.rate}`);
  if (!(Number.isInteger(opts.paths) && opts.paths >= 2)) throw new RangeError(`paths: expected an integer >= 2, got ${opts.paths}`);
  const ppy = market.periodsPerYear ?? 365;
  const n = periodsOf(market.expiry, ppy);
  const r = market.rate / ppy;
  const mu = m.params.mu / 100;
  const omega = m.params.omega / 1e4;
  const { alpha, beta } = m.params;
  const alphaNeg = alpha + (m.model === 'gjr' ? (m.params.gamma ?? 0) : 0);
  const t = m.dist === 't' ? truncatedT(m.params.nu!, opts.truncation ?? DEFAULT_TRUNCATION) : null;
  const maxVariance = opts.maxVariance ?? 1;
  if (!(maxVariance > 0)) throw new RangeError(`maxVariance: expected a positive number, got ${maxVariance}`);
  const h0 = m.variance / 1e4;
  const lnS0 = Math.log(market.spot);
  const out = new Float64Array(opts.paths);
  let cappedPaths = 0;
  for (let i = 0; i < opts.paths; i++) {
    const rng = new Rng(deriveSeed(opts.seed, i));
    let h = h0;
    let lnS = lnS0;
    let capped = false;
    for (let k = 0; k < n; k++) {
      if (h > maxVariance) {
        h = maxVariance;
        capped = true;
      }
      const s = Math.sqrt(h);
      const xi = t ? t.sample(rng) : rng.normal();
      const kappa = t ? t.logMgf(s) : 0.5 * h;
      const ret = r - kappa + s * xi;
      lnS += ret;
      const eps = ret - mu;
      h = omega + (eps < 0 ? alphaNeg : alpha) * eps * eps + beta * h;
    }
    out[i] = Math.exp(lnS);
    if (capped) cappedPaths++;
  }
  return { terminal: out, cappedPaths };
}

export interface McPrice {
  price: number;
  stderr: number;
}

/** Discounted mean payoff over terminal prices scaled by `scale` (a bumped spot), with its standard error. */
export function priceFromTerminal(terminal: Float64Array, type: OptionType, strike: number, discount: number, scale = 1): McPrice {
  let sum = 0;
  let sumSq = 0;
  const n = terminal.length;
  for (let i = 0; i < n; i++) {
    const ST = scale * terminal[i];
    const v = discount * Math.max(type === 'call' ? ST - strike : strike - ST, 0);
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  return { price: mean, stderr: Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)) / n) };
}

/** Discounted payoff of each path at a spot scaled by `scale`. */
function payoffs(terminal: Float64Array, type: OptionType, strike: number, discount: number, scale = 1): Float64Array {
  const out = new Float64Array(terminal.length);
  for (let i = 0; i < terminal.length; i++) {
    const ST = scale * terminal[i];
    out[i] = discount * Math.max(type === 'call' ? ST - strike : strike - ST, 0);
  }
  return out;
}

/** Pathwise delta of each path, e^{−rT}1{in the money}·S_T/S_0·(±1), at a spot scaled by `scale`. */
function pathwiseDeltas(terminal: Float64Array, type: OptionType, strike: number, discount: number, spot: number, scale: number): Float64Array {
  const out = new Float64Array(terminal.length);
  for (let i = 0; i < terminal.length; i++) {
    const ST = scale * terminal[i];
    if (type === 'call' ? ST > strike : ST < strike) out[i] = (type === 'call' ? discount : -discount) * (ST / (scale * spot));
  }
  return out;
}

/** Mean and standard error of (a_i − b_i)·factor over paths: a finite difference with common random numbers. */
function pairedDifference(a: Float64Array, b: Float64Array | null, factor: number): McPrice {
  const n = a.length;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const d = (a[i] - (b ? b[i] : 0)) * factor;
    sum += d;
    sumSq += d * d;
  }
  const mean = sum / n;
  return { price: mean, stderr: Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)) / n) };
}

export interface GarchOption extends GarchMarket {
  type: OptionType;
  strike: number;
}

export interface GarchMcResult extends Greeks {
  /** Standard error of the price. */
  stderr: number;
  /** Standard errors of the Greeks (each a mean over paths of a pathwise or common-random-number difference). */
  greekStderr: Omit<Greeks, 'price'>;
  paths: number;
  /** Paths whose variance reached the cap (see the module comment). */
  cappedPaths: number;
}

/**
 * Price and Greeks of a European option by Monte Carlo under the GARCH model. Delta is pathwise;
 * gamma a central difference of pathwise deltas at spot ± 1 %; vega (per unit of the annualised
 * next-period volatility √(h·periodsPerYear)/100), rho (annual rate) and theta (one period either
 * way, per year) by re-simulation with common random numbers. Theta is the noisiest: the paths of
 * n − 1 and n + 1 periods differ by two periods' shocks.
 */
export function garchMonteCarlo(x: GarchOption, m: GarchPricingModel, opts: GarchMcOptions): GarchMcResult {
  if (!(x.strike > 0 && Number.isFinite(x.strike))) throw new RangeError(`strike: expected a positive number, got ${x.strike}`);
  const ppy = x.periodsPerYear ?? 365;
  const discountOf = (rate: number, expiry: number) => Math.exp(-rate * expiry);
  const { terminal, cappedPaths } = simulateRiskNeutralGarch(m, x, opts);
  const disc = discountOf(x.rate, x.expiry);
  const { price, stderr } = priceFromTerminal(terminal, x.type, x.strike, disc);
  const delta = pairedDifference(pathwiseDeltas(terminal, x.type, x.strike, disc, x.spot, 1), null, 1);
  const bump = 0.01;
  const gamma = pairedDifference(pathwiseDeltas(terminal, x.type, x.strike, disc, x.spot, 1 + bump), pathwiseDeltas(terminal, x.type, x.strike, disc, x.spot, 1 - bump), 1 / (2 * bump * x.spot));
  const paid = (mm: GarchPricingModel, market: GarchMarket) => payoffs(simulateRiskNeutralGarch(mm, market, opts).terminal, x.type, x.strike, discountOf(market.rate, market.expiry));
  const sigma0 = Math.sqrt((m.variance * ppy) / 1e4);
  const dSig = 0.01 * sigma0;
  const varianceAt = (sig: number) => (sig * sig * 1e4) / ppy;
  const vega = pairedDifference(paid({ ...m, variance: varianceAt(sigma0 + dSig) }, x), paid({ ...m, variance: varianceAt(sigma0 - dSig) }, x), 1 / (2 * dSig));
  const dr = 1e-4;
  const rho = pairedDifference(paid(m, { ...x, rate: x.rate + dr }), paid(m, { ...x, rate: x.rate - dr }), 1 / (2 * dr));
  const n = periodsOf(x.expiry, ppy);
  const longer = paid(m, { ...x, expiry: (n + 1) / ppy });
  const theta = n > 1 ? pairedDifference(paid(m, { ...x, expiry: (n - 1) / ppy }), longer, ppy / 2) : pairedDifference(payoffs(terminal, x.type, x.strike, disc), longer, ppy);
  return {
    price,
    stderr,
    delta: delta.price,
    gamma: gamma.price,
    vega: vega.price,
    theta: theta.price,
    rho: rho.price,
    greekStderr: { delta: delta.stderr, gamma: gamma.stderr, vega: vega.stderr, theta: theta.stderr, rho: rho.stderr },
    paths: opts.paths,
    cappedPaths,
  };
}
