/**
 * The implied-volatility surface an option venue marks with: its level follows a volatility
 * forecast of the underlying, its skew steepens as the underlying falls. With k = ln(K / S) the
 * log-moneyness (sticky moneyness: a strike's volatility moves with spot) and T years to expiry:
 *
 *   forecast    v_t = λ·v_{t−1} + (1 − λ)·r_t² · (year / dt),   λ = 2^(−dt / halfLife)
 *               (RiskMetrics EWMA of the underlying's log returns r_t over each step, in annual
 *               variance, started at longRunVol²)
 *   ATM level   σ_atm(T)² = σ_LR² + (premium²·v_t − σ_LR²) · (1 − e^{−κT}) / (κT)
 *               (the GARCH-style term structure: a forecast reverting to the long-run level at
 *               rate κ per year, averaged over the option's life; T → 0 gives premium²·v_t)
 *   skew slope  s_t = skew + skewPerDrawdown · D_t,   D_t = 1 − S_t / max_{u ≤ t} S_u
 *   smile       σ(k, T) = clamp(σ_atm(T) · max(0.25, 1 − s_t·k + curvature·k²), minVol, maxVol)
 *
 * so puts (k < 0) carry more volatility than calls, and more the deeper the drawdown. The state
 * is three numbers; `observe` is O(1) and allocates nothing.
 */
const SECONDS_PER_YEAR = 365 * 86400;

export interface SurfaceParams {
  /** Long-run volatility σ_LR, and where the forecast starts (annual, 0.6 = 60 %). */
  longRunVol: number;
  /** Half-life of the EWMA forecast, seconds. */
  halfLife: number;
  /** Mean reversion κ of the forecast toward σ_LR, per year (term structure). */
  meanReversion: number;
  /** Implied over forecast volatility (the variance risk premium; 1: none). */
  premium: number;
  /** Slope of σ/σ_atm in −k at no drawdown. */
  skew: number;
  /** Extra slope per unit of drawdown (a 30 % fall adds 0.3 × this). */
  skewPerDrawdown: number;
  /** Convexity of the smile in k². */
  curvature: number;
  minVol: number;
  maxVol: number;
}

export class VolSurface {
  /** Annual variance forecast v_t. */
  variance: number;
  /** Highest spot observed. */
  peak = 0;
  /** Last spot observed (0 before the first). */
  private last = 0;
  private readonly lambda: number;

  constructor(
    readonly params: SurfaceParams,
    readonly dt: number,
  ) {
    this.variance = params.longRunVol * params.longRunVol;
    this.lambda = 2 ** (-dt / params.halfLife);
  }

  /** One step's spot: updates the forecast with the step's log return, and the running peak. */
  observe(spot: number): void {
    if (!(spot > 0)) return;
    if (this.last > 0) {
      const r = Math.log(spot / this.last);
      this.variance = this.lambda * this.variance + (1 - this.lambda) * r * r * (SECONDS_PER_YEAR / this.dt);
    }
    this.last = spot;
    if (spot > this.peak) this.peak = spot;
  }

  /** Drawdown of the last spot from its peak, in [0, 1). */
  get drawdown(): number {
    return this.peak > 0 ? 1 - this.last / this.peak : 0;
  }

  /** The skew slope s_t now. */
  get skewSlope(): number {
    return this.params.skew + this.params.skewPerDrawdown * this.drawdown;
  }

  /** ATM implied volatility for `years` to expiry. */
  atmVol(years: number): number {
    const p = this.params;
    const lr = p.longRunVol * p.longRunVol;
    const now = p.premium * p.premium * this.variance;
    const x = p.meanReversion * Math.max(0, years);
    const weight = x > 1e-12 ? (1 - Math.exp(-x)) / x : 1;
    return Math.sqrt(Math.max(0, lr + (now - lr) * weight));
  }

  /** Implied volatility of strike `strike` with `years` to expiry at spot `spot`. */
  vol(spot: number, strike: number, years: number): number {
    const p = this.params;
    const k = Math.log(strike / spot);
    const shape = Math.max(0.25, 1 - this.skewSlope * k + p.curvature * k * k);
    return Math.min(p.maxVol, Math.max(p.minVol, this.atmVol(years) * shape));
  }
}
