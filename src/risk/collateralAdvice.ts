/**
 * Collateral advice from a price history: the volatility forecast at a date, the slippage haircut
 * of selling the position on the given venues, the required collateral ratio of
 * `collateralRequirement.ts`, and its exact Shapley explanation against a stated calm baseline.
 *
 * Everything is causal: only prices up to the advice date are used (GARCH is fitted on them).
 * The calm baseline variance is, unless given, a low quantile (default the 10th percentile) of the
 * model's one-step variance over the history up to that date, after a 30-observation warm-up: "as
 * calm as this asset has been". The other baseline factors are no slippage, no oracle delay, no
 * congestion and no bonus; the auction/reaction time, ε and ν stay at their actual values.
 */
import { slippageAdjustedValue, type SlippageAdjustedValue, type VenueSpec } from './slippageAdjustedValue.js';
import { collateralRequirement, explainRequirement, varianceForecast, varianceSeries, windowSeconds, windowVariance, type RequirementInputs, type VolatilityModel } from './collateralRequirement.js';
import type { ShapleyResult } from './shapley.js';
import type { GarchParams, GarchModel } from '../models/garch.js';

export interface AdviceOptions {
  /** Observation times, unix seconds, increasing. */
  times: ArrayLike<number>;
  /** Prices of the collateral in the debt's unit (e.g. USD per ETH). */
  prices: ArrayLike<number>;
  /** Advice date (unix seconds): the last observation at or before it; default the last one. */
  at?: number;
  /** Position size in units of the collateral asset. */
  size: number;
  /** Venues the collateral can be sold on; their haircut for `size` is used. */
  venues?: VenueSpec[];
  /** A haircut given directly instead of venues (default 0 when neither is given). */
  haircut?: number;
  epsilon?: number;
  bonus?: number;
  /** Seconds. */
  oracleDelay?: number;
  congestionDelay?: number;
  auctionTime?: number;
  model?: VolatilityModel;
  lambda?: number;
  nu?: number;
  /** Seconds per observation; default the median spacing of `times`. */
  periodSeconds?: number;
  /** Calm per-period variance of the baseline (decimal log-return units); default a low quantile of the history. */
  baselineVariance?: number;
  /** Quantile of the variance history used as the calm baseline (default 0.1). */
  calmQuantile?: number;
}

export const ADVICE_DEFAULTS = {
  epsilon: 0.01,
  bonus: 0.05,
  /** Chainlink's ETH/USD feed on mainnet updates at least hourly (its heartbeat). */
  oracleDelay: 3600,
  congestionDelay: 0,
  /** Ten minutes for keepers to react and the liquidation to clear. */
  auctionTime: 600,
  model: 'ewma' as VolatilityModel,
  calmQuantile: 0.1,
} as const;

const WARM_UP = 30;
const SECONDS_PER_YEAR = 365.25 * 86400;

export interface Advice {
  /** Index and time (unix seconds) of the observation the advice is for. */
  index: number;
  time: number;
  price: number;
  size: number;
  positionValue: number;
  /** Required collateral ratio (collateral value / debt). */
  ratio: number;
  /** 1/ratio: liquidation threshold, i.e. the highest LTV at which liquidation must already be under way. */
  liquidationThreshold: number;
  epsilon: number;
  bonus: number;
  nu: number | null;
  window: { oracleDelay: number; congestionDelay: number; auctionTime: number; total: number };
  volatility: {
    model: VolatilityModel;
    periodSeconds: number;
    /** One-step-ahead variance of the log return at the advice date. */
    variancePerPeriod: number;
    volatilityPerPeriod: number;
    annualizedVolatility: number;
    /** Variance and standard deviation of the log price over the window. */
    windowVariance: number;
    sigmaTau: number;
    garch?: { params: GarchParams; model: GarchModel };
  };
  liquidity: { haircut: number; source: 'venues' | 'given' | 'none'; sale: SlippageAdjustedValue | null };
  baseline: {
    ratio: number;
    variancePerPeriod: number;
    volatilityPerPeriod: number;
    /** How the calm variance was chosen. */
    varianceSource: string;
    haircut: 0;
    oracleDelay: 0;
    congestionDelay: 0;
    bonus: 0;
    auctionTime: number;
  };
  explanation: ShapleyResult;
}

/** Linear-interpolation quantile (R type 7) of a copy of `xs`. */
function quantile(xs: ArrayLike<number>, p: number): number {
  const s = Float64Array.from(xs).sort();
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

/** Computes the advice. Throws RangeError on inputs out of range (the CLI checks its flags first). */
export function adviseCollateral(o: AdviceOptions): Advice {
  const n = o.prices.length;
  if (o.times.length !== n) throw new RangeError('times and prices differ in length');
  let index = n - 1;
  if (o.at !== undefined) {
    while (index >= 0 && o.times[index] > o.at) index--;
    if (index < 0) throw new RangeError('the advice date is before the first observation');
  }
  if (index + 1 < WARM_UP + 2) throw new RangeError(`need at least ${WARM_UP + 2} observations up to the advice date, have ${index + 1}`);
  if (!(o.size > 0) || !Number.isFinite(o.size)) throw new RangeError(`size must be positive, got ${o.size}`);

  const prices = Float64Array.from({ length: index + 1 }, (_, i) => o.prices[i]);
  const times = Float64Array.from({ length: index + 1 }, (_, i) => o.times[i]);
  let periodSeconds = o.periodSeconds;
  if (periodSeconds === undefined) {
    const dt = new Float64Array(index);
    for (let i = 1; i <= index; i++) dt[i - 1] = times[i] - times[i - 1];
    periodSeconds = quantile(dt, 0.5);
  }
  const model = o.model ?? ADVICE_DEFAULTS.model;
  const vs = varianceSeries(prices, { model, lambda: o.lambda });
  const next = vs.variance[index];

  const window = {
    oracleDelay: o.oracleDelay ?? ADVICE_DEFAULTS.oracleDelay,
    congestionDelay: o.congestionDelay ?? ADVICE_DEFAULTS.congestionDelay,
    auctionTime: o.auctionTime ?? ADVICE_DEFAULTS.auctionTime,
  };
  const tau = windowSeconds(window);
  const periods = Math.floor(tau / periodSeconds) + 1;
  const variance = model === 'garch' && periods > 1 ? varianceForecast(vs, next, periods) : next;

  let sale: SlippageAdjustedValue | null = null;
  let haircut = 0;
  let source: Advice['liquidity']['source'] = 'none';
  if (o.venues && o.venues.length > 0) {
    sale = slippageAdjustedValue(o.size, o.venues);
    haircut = Math.max(sale.haircut, 0);
    source = 'venues';
  } else if (o.haircut !== undefined) {
    haircut = o.haircut;
    source = 'given';
  }

  const calmQuantile = o.calmQuantile ?? ADVICE_DEFAULTS.calmQuantile;
  const baselineVariance = o.baselineVariance ?? quantile(vs.variance.subarray(WARM_UP, index + 1), calmQuantile);
  const varianceSource = o.baselineVariance !== undefined ? 'given' : `${Math.round(calmQuantile * 100)}th percentile of the ${model} one-step variance from observation ${WARM_UP} to the advice date`;

  const inputs: RequirementInputs = {
    variance,
    periodSeconds,
    ...window,
    haircut,
    bonus: o.bonus ?? ADVICE_DEFAULTS.bonus,
    epsilon: o.epsilon ?? ADVICE_DEFAULTS.epsilon,
    nu: o.nu,
  };
  const req = collateralRequirement(inputs);
  const explanation = explainRequirement(inputs, { variance: baselineVariance });
  const wv = windowVariance(variance, periodSeconds, tau);

  return {
    index,
    time: times[index],
    price: prices[index],
    size: o.size,
    positionValue: o.size * prices[index],
    ratio: req.ratio,
    liquidationThreshold: req.liquidationThreshold,
    epsilon: inputs.epsilon,
    bonus: inputs.bonus,
    nu: o.nu ?? null,
    window: { ...window, total: tau },
    volatility: {
      model,
      periodSeconds,
      variancePerPeriod: next,
      volatilityPerPeriod: Math.sqrt(next),
      annualizedVolatility: Math.sqrt((next * SECONDS_PER_YEAR) / periodSeconds),
      windowVariance: wv,
      sigmaTau: Math.sqrt(wv),
      ...(vs.garch ? { garch: vs.garch } : {}),
    },
    liquidity: { haircut, source, sale },
    baseline: {
      ratio: explanation.baseline,
      variancePerPeriod: baselineVariance,
      volatilityPerPeriod: Math.sqrt(baselineVariance),
      varianceSource,
      haircut: 0,
      oracleDelay: 0,
      congestionDelay: 0,
      bonus: 0,
      auctionTime: window.auctionTime,
    },
    explanation,
  };
}
