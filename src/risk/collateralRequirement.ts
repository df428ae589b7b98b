/**
 * Dynamic collateral requirement: the lowest collateral ratio CR = collateral value / debt at which
 * a liquidation, started now, still leaves no bad debt with probability at least 1 − ε.
 *
 * Model. A position holds c units of collateral at price S₀ against debt D (quote units), so
 * CR = c·S₀/D. Liquidation is due now, but it executes only after a window
 *
 *     τ = oracle delay + block-congestion delay + auction/keeper reaction time,
 *
 * at the price S_τ. Selling the collateral then realises c·S_τ·(1 − h), h the slippage haircut of
 * selling that size (`slippageAdjustedValue.ts`); a liquidator repays D and must be paid the
 * bonus b, so the liquidation is covered iff
 *
 *     c·S_τ·(1 − h) ≥ D·(1 + b)   ⟺   S_τ/S₀ ≥ K := (1 + b) / (CR·(1 − h)).
 *
 * With a driftless (martingale) lognormal price, ln(S_τ/S₀) = −σ_τ²/2 + σ_τ·Z, Z ~ N(0, 1), and
 * σ_τ² the forecast variance of the log price over τ, so
 *
 *     P(bad debt) = P(Z < (ln K + σ_τ²/2)/σ_τ) = Φ((ln K + σ_τ²/2)/σ_τ).
 *
 * Setting it to ε gives ln K = −σ_τ²/2 + σ_τ·Φ⁻¹(ε) = −σ_τ²/2 − σ_τ·z_{1−ε}, hence
 *
 *     CR(ε) = (1 + b)/(1 − h) · exp(σ_τ·z_{1−ε} + σ_τ²/2),        z_{1−ε} = Φ⁻¹(1 − ε) > 0 for ε < ½.
 *
 * It rises with σ_τ (both terms, since z > 0), hence with every delay in τ and with the variance
 * forecast; with h and with b; and it falls as ε grows. The matching liquidation threshold (the
 * highest debt/collateral value a position may reach before it must be liquidated) is 1/CR.
 * Fat tails: with `nu`, Z is replaced by a unit-variance Student-t, T_ν·√((ν−2)/ν), keeping the
 * lognormal drift term −σ_τ²/2 as the convention (E[e^{σT}] is infinite under a t, so no exact
 * martingale correction exists; over τ of hours to days the term is negligible next to σ_τ·z).
 *
 * Volatility over τ. With per-period variance forecasts v₁, v₂, … (EWMA: flat; GARCH: the term
 * structure of `garchForecast`) and τ = k periods, σ_τ² = v₁ + … + v_⌊k⌋ + (k − ⌊k⌋)·v_{⌊k⌋+1}:
 * variances of independent increments add, and within a period the variance accrues linearly
 * (the square-root-of-time rule).
 *
 * What this leaves out, on purpose, and the doc of the CLI says so: drift, a price jump inside τ
 * beyond what the t tails capture, liquidity thinning in a crash (h is measured on today's
 * venues), and partial liquidations (the whole collateral is assumed sold, which is conservative
 * for h). References: the liquidation-window argument follows Gudgeon, Perez, Harz, Livshits &
 * Gervais (2020), "The Decentralized Financial Crisis" (collateral must survive the price move
 * during the time to liquidate), and Qin, Zhou, Gamito, Jovanovic & Gervais (2021), "An empirical
 * study of DeFi liquidations"; the quantile algebra is the lognormal VaR of Jorion, "Value at Risk"
 * (3rd ed. 2007), ch. 5; the EWMA variance is RiskMetrics (1996) and the GARCH one Bollerslev (1986).
 */
import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from './distributions.js';
import { shapley, type ShapleyResult } from './shapley.js';
import { toReturns } from '../models/returns.js';
import { ewmaFilter, ewmaForecast, RISKMETRICS_LAMBDA } from '../models/ewma.js';
import { fitGarch, garchFilter, garchForecast, type GarchModel, type GarchParams } from '../models/garch.js';

/** The delays that make up the liquidation window, in seconds. */
export interface LiquidationWindow {
  oracleDelay: number;
  congestionDelay: number;
  auctionTime: number;
}

/** Everything the closed form needs. Variances are of log returns in decimal units (not percent). */
export interface RequirementInputs extends LiquidationWindow {
  /** Per-period variance forecast: one number (flat), or the forecasts for periods 1, 2, … */
  variance: number | ArrayLike<number>;
  /** Length of one forecast period in seconds (86400 for daily data). */
  periodSeconds: number;
  /** Slippage haircut h of selling the collateral, in [0, 1). */
  haircut: number;
  /** Liquidation bonus b ≥ 0 (0.05 = 5 %). */
  bonus: number;
  /** Tolerated probability of bad debt, in (0, 0.5). */
  epsilon: number;
  /** Degrees of freedom of a unit-variance Student-t (> 2) for fat tails; normal when absent. */
  nu?: number;
}

export interface RequirementResult {
  /** Required collateral ratio CR (collateral value / debt). */
  ratio: number;
  /** 1/CR: the liquidation threshold (and the highest LTV a position can carry before liquidation is due). */
  liquidationThreshold: number;
  /** Liquidation window τ in seconds. */
  windowSeconds: number;
  /** σ_τ: standard deviation of the log price over τ. */
  sigmaTau: number;
  /** The (unit-variance) quantile z_{1−ε} used. */
  quantile: number;
}

function checkInputs(x: RequirementInputs): void {
  const bad = (field: string, msg: string) => new RangeError(`${field}: ${msg}`);
  if (!(x.epsilon > 0 && x.epsilon < 0.5)) throw bad('epsilon', `must be in (0, 0.5), got ${x.epsilon}`);
  if (!(x.haircut >= 0 && x.haircut < 1)) throw bad('haircut', `must be in [0, 1), got ${x.haircut}`);
  if (!(x.bonus >= 0) || !Number.isFinite(x.bonus)) throw bad('bonus', `must be a finite number ≥ 0, got ${x.bonus}`);
  for (const k of ['oracleDelay', 'congestionDelay', 'auctionTime'] as const) {
    if (!(x[k] >= 0) || !Number.isFinite(x[k])) throw bad(k, `must be a finite number of seconds ≥ 0, got ${x[k]}`);
  }
  if (!(x.periodSeconds > 0)) throw bad('periodSeconds', `must be positive, got ${x.periodSeconds}`);
  if (x.nu !== undefined && !(x.nu > 2)) throw bad('nu', `must be > 2 (finite variance), got ${x.nu}`);
}

/** τ = oracle delay + congestion delay + auction time, in seconds. */
export function windowSeconds(w: LiquidationWindow): number {
  return w.oracleDelay + w.congestionDelay + w.auctionTime;
}

/**
 * σ_τ² from per-period variance forecasts over τ seconds: whole periods summed, the last partial
 * period pro rata. A flat forecast (a number) gives v·τ/period. Forecasts shorter than the window
 * are extended with their last value.
 */
export function windowVariance(variance: number | ArrayLike<number>, periodSeconds: number, tauSeconds: number): number {
  const k = tauSeconds / periodSeconds;
  if (typeof variance === 'number') return variance * k;
  if (variance.length === 0) throw new RangeError('windowVariance: empty forecast');
  const full = Math.floor(k);
  let s = 0;
  const at = (i: number) => variance[Math.min(i, variance.length - 1)];
  for (let i = 0; i < full; i++) s += at(i);
  return s + (k - full) * at(full);
}

/** z_{1−ε} of the standard normal, or of the unit-variance Student-t with ν degrees of freedom. */
export function unitQuantile(epsilon: number, nu?: number): number {
  if (nu === undefined) return -normalQuantile(epsilon);
  return -studentTQuantile(epsilon, nu) * Math.sqrt((nu - 2) / nu);
}

/** The closed form CR = (1 + b)/(1 − h)·exp(σ_τ·z_{1−ε} + σ_τ²/2). */
export function requiredRatio(sigmaTau: number, haircut: number, bonus: number, epsilon: number, nu?: number): number {
  const z = unitQuantile(epsilon, nu);
  return ((1 + bonus) / (1 - haircut)) * Math.exp(sigmaTau * z + 0.5 * sigmaTau * sigmaTau);
}

/**
 * P(bad debt) for a given collateral ratio: P(S_τ/S₀ < (1 + b)/(CR(1 − h))) under the same model.
 * With σ_τ = 0 it is 1 when CR(1 − h) < 1 + b and 0 otherwise.
 */
export function badDebtProbability(ratio: number, sigmaTau: number, haircut: number, bonus: number, nu?: number): number {
  const lnK = Math.log((1 + bonus) / (ratio * (1 - haircut)));
  if (sigmaTau === 0) return lnK > 0 ? 1 : 0;
  const x = (lnK + 0.5 * sigmaTau * sigmaTau) / sigmaTau;
  if (nu === undefined) return normalCdf(x);
  return studentTCdf(x / Math.sqrt((nu - 2) / nu), nu);
}

/** The requirement for one set of inputs. */
export function collateralRequirement(x: RequirementInputs): RequirementResult {
  checkInputs(x);
  const tau = windowSeconds(x);
  const v = windowVariance(x.variance, x.periodSeconds, tau);
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`variance over the window must be finite and ≥ 0, got ${v}`);
  const sigmaTau = Math.sqrt(v);
  const ratio = requiredRatio(sigmaTau, x.haircut, x.bonus, x.epsilon, x.nu);
  return { ratio, liquidationThreshold: 1 / ratio, windowSeconds: tau, sigmaTau, quantile: unitQuantile(x.epsilon, x.nu) };
}

/** The factors an explanation attributes the requirement to, in this order. */
export const REQUIREMENT_FACTORS = ['volatility', 'liquidity', 'oracleDelay', 'congestion', 'bonus'] as const;
export type RequirementFactor = (typeof REQUIREMENT_FACTORS)[number];

/** The baseline each factor is switched back to; defaults: no slippage, no delays, no bonus. */
export interface RequirementBaseline {
  /** Calm per-period variance (required: there is no natural zero for volatility). */
  variance: number | ArrayLike<number>;
  haircut?: number;
  oracleDelay?: number;
  congestionDelay?: number;
  bonus?: number;
}

/**
 * Exact Shapley attribution of the required ratio to volatility, liquidity (haircut), oracle
 * delay, congestion delay and bonus against `baseline`; auction time, ε and ν stay at their actual
 * values. The contributions sum to CR(actual) − CR(baseline).
 */
export function explainRequirement(actual: RequirementInputs, baseline: RequirementBaseline): ShapleyResult {
  const base: Required<RequirementBaseline> = {
    variance: baseline.variance,
    haircut: baseline.haircut ?? 0,
    oracleDelay: baseline.oracleDelay ?? 0,
    congestionDelay: baseline.congestionDelay ?? 0,
    bonus: baseline.bonus ?? 0,
  };
  return shapley(
    REQUIREMENT_FACTORS,
    ([vol, liq, oracle, cong, bonus]) =>
      collateralRequirement({
        ...actual,
        variance: vol ? actual.variance : base.variance,
        haircut: liq ? actual.haircut : base.haircut,
        oracleDelay: oracle ? actual.oracleDelay : base.oracleDelay,
        congestionDelay: cong ? actual.congestionDelay : base.congestionDelay,
        bonus: bonus ? actual.bonus : base.bonus,
      }).ratio,
  );
}

export type VolatilityModel = 'ewma' | 'garch';

export interface VarianceSeriesOptions {
  model?: VolatilityModel;
  /** EWMA decay (default RiskMetrics 0.94). */
  lambda?: number;
  /** GARCH parameters in percent-return units (as `fitGarch` on `toReturns(prices, 'log')`); fitted on the whole series when absent. */
  garch?: { params: GarchParams; model?: GarchModel };
}

export interface VarianceSeries {
  model: VolatilityModel;
  /**
   * For each price index t, the one-period-ahead variance of the log return (decimal units)
   * forecast with the returns up to and including t — what a risk manager knows at the close of t.
   */
  variance: Float64Array;
  /** GARCH parameters used (percent units), when the model is GARCH. */
  garch?: { params: GarchParams; model: GarchModel };
}

/**
 * One-step-ahead variance forecasts aligned with the prices. EWMA is causal throughout; GARCH
 * parameters, when fitted here, use the whole sample (the filter itself is causal), which is the
 * usual in-sample reading of a risk dashboard. The first price has the filter's initial variance.
 */
export function varianceSeries(prices: ArrayLike<number>, opts: VarianceSeriesOptions = {}): VarianceSeries {
  const model = opts.model ?? 'ewma';
  const n = prices.length;
  if (n < 3) throw new RangeError(`need at least 3 prices, got ${n}`);
  const r = toReturns(Float64Array.from(prices), 'log'); // 100·Δln p
  const out = new Float64Array(n);
  // condVariance[t] is the variance of r[t] = return from price t to t+1 given r[0..t−1]: known at the close of price t
  if (model === 'ewma') {
    const f = ewmaFilter(r, { lambda: opts.lambda ?? RISKMETRICS_LAMBDA });
    for (let t = 0; t < n - 1; t++) out[t] = f.condVariance[t] / 1e4;
    out[n - 1] = f.nextVariance / 1e4;
    return { model, variance: out };
  }
  const g =
    opts.garch ??
    (() => {
      const fit = fitGarch(r, { model: 'garch', dist: 'normal' });
      return { params: fit.params, model: fit.model };
    })();
  const gm = g.model ?? 'garch';
  const f = garchFilter(r, g.params, gm);
  for (let t = 0; t < n - 1; t++) out[t] = f.condVariance[t] / 1e4;
  out[n - 1] = f.nextVariance / 1e4;
  return { model, variance: out, garch: { params: g.params, model: gm } };
}

/** Per-period forecasts for the periods covering τ, starting from the one-step variance `next` (decimal units). */
export function varianceForecast(series: VarianceSeries, next: number, periods: number): Float64Array {
  if (series.model === 'ewma' || !series.garch) return ewmaForecast(next, periods);
  // garchForecast works in percent units
  const f = garchForecast(series.garch.params, series.garch.model, next * 1e4, periods);
  for (let i = 0; i < f.length; i++) f[i] /= 1e4;
  return f;
}

export interface RequirementSeriesOptions extends VarianceSeriesOptions, LiquidationWindow {
  /** Seconds between prices (default 86400). */
  periodSeconds?: number;
  /** Slippage haircut h: one number, or one per price index. */
  haircut: number | ArrayLike<number>;
  bonus: number;
  epsilon: number;
  nu?: number;
}

export interface RequirementSeries extends VarianceSeries {
  ratio: Float64Array;
  sigmaTau: Float64Array;
  windowSeconds: number;
}

/**
 * The requirement through time from a rolling volatility forecast: at each price index t, CR_t
 * with σ_τ from the variance forecast made at the close of t. It rises after large moves and
 * decays in calm, at the speed of the volatility model.
 */
export function collateralRequirementSeries(prices: ArrayLike<number>, opts: RequirementSeriesOptions): RequirementSeries {
  const vs = varianceSeries(prices, opts);
  const periodSeconds = opts.periodSeconds ?? 86400;
  const tau = windowSeconds(opts);
  const periods = Math.floor(tau / periodSeconds) + 1;
  const n = prices.length;
  const ratio = new Float64Array(n);
  const sigmaTau = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const variance = vs.model === 'ewma' || periods === 1 ? vs.variance[t] : varianceForecast(vs, vs.variance[t], periods);
    const res = collateralRequirement({
      variance,
      periodSeconds,
      oracleDelay: opts.oracleDelay,
      congestionDelay: opts.congestionDelay,
      auctionTime: opts.auctionTime,
      haircut: typeof opts.haircut === 'number' ? opts.haircut : opts.haircut[t],
      bonus: opts.bonus,
      epsilon: opts.epsilon,
      nu: opts.nu,
    });
    ratio[t] = res.ratio;
    sigmaTau[t] = res.sigmaTau;
  }
  return { ...vs, ratio, sigmaTau, windowSeconds: tau };
}
