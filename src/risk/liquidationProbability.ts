/**
 * Probability that a collateralised loan is liquidated within a horizon, when the collateral
 * price follows a geometric Brownian motion and liquidation happens the first time the price
 * touches P_liq = debt / (collateral × LT) (see `liquidationPrice`). With LTV = debt /
 * (collateral × P_0), the barrier is P_liq / P_0 = LTV / LT, and the probability is the
 * first-passage probability of `gbmBarrierProbability` (reflection principle; Shreve 2004,
 * §7.2.2). Continuous monitoring is the right idealisation for on-chain lending, where any
 * block can trigger a liquidation.
 *
 * Every result comes with an explanation: exact Shapley values (Shapley 1953; `shapley.ts`)
 * of the probability over three factors — volatility, LTV and horizon — each switched between
 * its actual value and a stated baseline (default: long-run volatility, LTV at half the
 * threshold i.e. health factor 2, one period). The contributions add up to
 * P(actual) − P(baseline) by the efficiency property.
 */
import { InputError } from '../util/errors.js';
import { gbmBarrierProbability } from './gbmBarrierProbability.js';
import { liquidationPriceRatio } from './liquidationPrice.js';
import { shapley, type ShapleyResult } from './shapley.js';

export interface LiquidationInputs {
  /** Loan-to-value now: debt / (collateral × price), in (0, 1). */
  ltv: number;
  /** Liquidation threshold LT in (0, 1], above ltv. */
  threshold: number;
  /** Horizon in data periods (days for daily data): a positive integer. */
  horizon: number;
}

/**
 * Checks a position and horizon, throwing `InputError` naming the field (`prefix` + name, e.g.
 * `--ltv` for the command line).
 */
export function validateLiquidationInputs(x: LiquidationInputs, prefix = ''): void {
  if (!(x.ltv > 0 && x.ltv < 1)) throw new InputError(`expected a loan-to-value in (0, 1), got ${x.ltv}`, undefined, undefined, `${prefix}ltv`);
  if (!(x.threshold > 0 && x.threshold <= 1)) {
    throw new InputError(`expected a liquidation threshold in (0, 1], got ${x.threshold}`, undefined, undefined, `${prefix}threshold`);
  }
  if (!(x.ltv < x.threshold)) {
    throw new InputError(`loan-to-value ${x.ltv} must be below the liquidation threshold ${x.threshold} (the position would already be liquidatable)`, undefined, undefined, `${prefix}ltv`);
  }
  if (!(Number.isInteger(x.horizon) && x.horizon > 0)) {
    throw new InputError(`expected a positive whole number of periods, got ${x.horizon}`, undefined, undefined, `${prefix}horizon`);
  }
}

export interface GbmLiquidationInputs extends LiquidationInputs {
  /** Volatility of log price per period, as a fraction (0.04 = 4 % a day). */
  sigma: number;
  /** Arithmetic drift μ of the price per period (default 0: the price is a martingale). */
  drift?: number;
}

/** P(liquidated within the horizon) under GBM, continuous monitoring. */
export function gbmLiquidationProbability(x: GbmLiquidationInputs): number {
  return gbmBarrierProbability(1, liquidationPriceRatio(x.ltv, x.threshold), x.drift ?? 0, x.sigma, x.horizon);
}

export interface TermPoint {
  horizon: number;
  probability: number;
  /** Monte Carlo standard error; 0 for a closed form. */
  standardError: number;
}

/** The GBM liquidation probability at each horizon. */
export function gbmLiquidationTermStructure(x: Omit<GbmLiquidationInputs, 'horizon'>, horizons: readonly number[]): TermPoint[] {
  return horizons.map((h) => ({ horizon: h, probability: gbmLiquidationProbability({ ...x, horizon: h }), standardError: 0 }));
}

/** The explained factors, in the order the Shapley game switches them. */
export const LIQUIDATION_FACTORS = ['volatility', 'ltv', 'horizon'] as const;
export type LiquidationFactor = (typeof LIQUIDATION_FACTORS)[number];

/** Baseline values of the explained factors. */
export interface LiquidationBaseline {
  /** Per-period volatility (fraction) of the baseline, e.g. the long-run level. */
  volatility: number;
  ltv: number;
  horizon: number;
}

export interface LiquidationExplanation {
  factors: readonly LiquidationFactor[];
  baseline: LiquidationBaseline & { probability: number };
  actual: { volatility: number; ltv: number; horizon: number; probability: number };
  /** Shapley value of each factor: its share of P(actual) − P(baseline). */
  contributions: Record<LiquidationFactor, number>;
  /** Σ contributions − (P(actual) − P(baseline)): zero up to rounding, reported as a check. */
  efficiencyGap: number;
}

/** Default baseline: the given long-run volatility, LTV at half the threshold (health factor 2), one period. */
export function defaultLiquidationBaseline(longRunVolatility: number, threshold: number): LiquidationBaseline {
  return { volatility: longRunVolatility, ltv: threshold / 2, horizon: 1 };
}

/**
 * Shapley attribution of a liquidation probability `p(volatility, ltv, horizon)` between the
 * actual inputs and a baseline. `p` must be deterministic (Monte Carlo: fixed seeds), so that
 * the actual coalition reproduces the reported probability exactly.
 */
export function explainLiquidationProbability(
  p: (volatility: number, ltv: number, horizon: number) => number,
  actual: { volatility: number; ltv: number; horizon: number },
  baseline: LiquidationBaseline,
): LiquidationExplanation {
  const res: ShapleyResult = shapley(LIQUIDATION_FACTORS, (use) => p(use[0] ? actual.volatility : baseline.volatility, use[1] ? actual.ltv : baseline.ltv, use[2] ? actual.horizon : baseline.horizon));
  const contributions = res.contributions as Record<LiquidationFactor, number>;
  let sum = 0;
  for (const f of LIQUIDATION_FACTORS) sum += contributions[f];
  return {
    factors: LIQUIDATION_FACTORS,
    baseline: { ...baseline, probability: res.baseline },
    actual: { ...actual, probability: res.actual },
    contributions,
    efficiencyGap: sum - (res.actual - res.baseline),
  };
}

/** Shapley explanation of the GBM probability. */
export function explainGbmLiquidation(x: GbmLiquidationInputs, baseline: LiquidationBaseline): LiquidationExplanation {
  return explainLiquidationProbability(
    (sigma, ltv, horizon) => gbmLiquidationProbability({ ltv, threshold: x.threshold, horizon, sigma, drift: x.drift }),
    { volatility: x.sigma, ltv: x.ltv, horizon: x.horizon },
    baseline,
  );
}
