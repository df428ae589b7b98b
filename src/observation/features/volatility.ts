/**
 * Volatility of a price over a trailing window, as a risk desk watches it: the one-step-ahead
 * conditional volatility of its log returns, annualised with a 365-day year,
 *
 *   σ_annual = √(σ²_step · SECONDS_PER_YEAR / dt),
 *
 * by RiskMetrics EWMA (`models/ewma.ts`) or by GARCH(1,1) (`models/garch.ts`). The returns are
 * 100·ln(p_t / p_{t−1}) (percent, as the models expect) of the prices recorded at the end of each
 * completed step (`history.ts`), the last ⌊window / dt⌉ of them; so the value at a step depends on
 * that step only, not on how often the feature was read.
 *
 * Before the second recorded price there is no return and the value is 0.
 */
import type { WorldView } from '../../sim/agent.js';
import type { Feature } from '../feature.js';
import type { Resolver } from '../resolve.js';
import { RecordedPrices } from '../history.js';
import { type PriceSourceSpec, priceSource, sourceLabel, stepsOf } from './priceSource.js';
import { formatDuration, featureName } from '../names.js';
import { toReturns } from '../../models/returns.js';
import { ewmaFilter } from '../../models/ewma.js';
import { fitGarch, garchFilter, sampleVariance, type GarchParams } from '../../models/garch.js';
import { SECONDS_PER_YEAR } from '../../market/schema.js';

/** A GARCH(1,1) fit on fewer returns than this is noise; the window's sample variance stands in. */
export const MIN_GARCH_FIT_RETURNS = 50;

/** σ²_step in percent² → annualised volatility as a fraction. */
function annualise(variancePct2: number, dt: number): number {
  return Math.sqrt((variancePct2 / 1e4) * (SECONDS_PER_YEAR / dt));
}

/** Percent log returns of the last `window` steps completed before `step` (at most `window` returns). */
function windowReturns(prices: RecordedPrices, step: number, window: number): Float64Array {
  return toReturns(prices.last(step, window + 1), 'log');
}

export interface EwmaVolatilitySpec extends PriceSourceSpec {
  name?: string;
  window: number;
  lambda: number;
}

/**
 * EWMA: σ²_{n+1} after the window's returns, the recursion started at their mean square (the
 * variance backcast of `ewmaFilter`).
 */
export function ewmaVolatility(spec: EwmaVolatilitySpec, r: Resolver): Feature {
  const source = priceSource(spec, r);
  const dt = r.world.view.dt;
  const window = stepsOf(spec.window, dt, 'window', r);
  const prices = new RecordedPrices(r.world, source.column);
  const lambda = spec.lambda;
  return {
    names: [spec.name ?? featureName('ewma-volatility', [sourceLabel(source)], { window: formatDuration(spec.window), lambda })],
    read(view: WorldView, out: Float32Array, offset: number) {
      const returns = windowReturns(prices, view.step, window);
      out[offset] = returns.length === 0 ? 0 : annualise(ewmaFilter(returns, { lambda }).nextVariance, dt);
    },
  };
}

export interface GarchVolatilitySpec extends PriceSourceSpec {
  name?: string;
  window: number;
  refit?: number;
  params?: { mu: number; omega: number; alpha: number; beta: number };
}

/**
 * GARCH(1,1): σ²_{n+1} = ω + α(r_n − μ)² + βσ²_n after the window's returns (`garchFilter`, its
 * recursion started in-sample at ω + (α + β)·mean squared residual of the window).
 *
 * The parameters are either fixed (`params`, for percent log returns per step) or estimated by
 * Gaussian maximum likelihood (`fitGarch`) at refit steps: the multiples of ⌊refit / dt⌉ (default
 * the window), each on the window of returns completed by then, and used until the next refit
 * step. A fit depends only on its own window (no warm start from the previous fit), so the value
 * at a step does not depend on which steps were read before it. Until the first refit step with
 * at least MIN_GARCH_FIT_RETURNS returns of non-zero variance, the window's sample variance (the
 * level a GARCH forecast reverts to) stands in; constant prices give 0.
 */
export function garchVolatility(spec: GarchVolatilitySpec, r: Resolver): Feature {
  const source = priceSource(spec, r);
  const dt = r.world.view.dt;
  const window = stepsOf(spec.window, dt, 'window', r);
  const refit = spec.params ? 0 : stepsOf(spec.refit ?? spec.window, dt, 'refit', r);
  const prices = new RecordedPrices(r.world, source.column);
  // the parameters estimated at the latest refit step read so far (null: no fit possible there)
  let fittedAt = -1;
  let fitted: GarchParams | null = null;
  const paramsAt = (step: number): GarchParams | null => {
    if (spec.params) return spec.params;
    const anchor = Math.floor(step / refit) * refit;
    if (anchor !== fittedAt) {
      fittedAt = anchor;
      const returns = windowReturns(prices, anchor, window);
      fitted = returns.length >= MIN_GARCH_FIT_RETURNS && returns.every(Number.isFinite) && sampleVariance(returns) > 0 ? fitGarch(returns, { stderr: 'none' }).params : null;
    }
    return fitted;
  };
  const params = spec.params ? { omega: spec.params.omega, alpha: spec.params.alpha, beta: spec.params.beta, mu: spec.params.mu } : { refit: formatDuration(refit * dt) };
  return {
    names: [spec.name ?? featureName('garch-volatility', [sourceLabel(source)], { window: formatDuration(spec.window), ...params })],
    read(view: WorldView, out: Float32Array, offset: number) {
      const returns = windowReturns(prices, view.step, window);
      if (returns.length === 0) {
        out[offset] = 0;
        return;
      }
      const p = paramsAt(view.step);
      out[offset] = annualise(p ? garchFilter(returns, p, 'garch').nextVariance : sampleVariance(returns), dt);
    },
  };
}
