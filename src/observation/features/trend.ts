/**
 * How a price has moved over a trailing window, the precursors a risk desk watches before a
 * crash: the drawdown from the window's highest price, the log return over the window, and the
 * realised volatility of the window's returns. Like the volatility features they read the prices
 * recorded at the end of each completed step (`history.ts`): the last ⌊window / dt⌉ + 1 of them,
 * p_0 … p_n (fewer at the start of a run), so the value at a step depends on that step alone.
 *
 *   drawdown              1 − p_n / max(p_0 … p_n): 0 at a new high, 0.15 fifteen percent below
 *                         the window's peak (Magdon-Ismail & Atiya's maximum drawdown, read at
 *                         the window's end rather than maximised over it);
 *   log-return            ln(p_n / p_0): negative in a decline;
 *   realised-volatility   √(Σ r_i² / n · year / dt) with r_i = ln(p_i / p_{i−1}): the zero-mean
 *                         estimator (the window's drift is no part of the risk over the next
 *                         hours), annualised with a 365-day year.
 *
 * With fewer than two recorded prices there is no move and every value is 0.
 */
import type { WorldView } from '../../sim/agent.js';
import type { Feature } from '../feature.js';
import type { Resolver } from '../resolve.js';
import { RecordedPrices } from '../history.js';
import { formatDuration, featureName } from '../names.js';
import { SECONDS_PER_YEAR } from '../../market/schema.js';
import { type PriceSourceSpec, priceSource, sourceLabel, stepsOf } from './priceSource.js';

export type TrendKind = 'drawdown' | 'log-return' | 'realised-volatility';

export interface TrendSpec extends PriceSourceSpec {
  name?: string;
  window: number;
}

function drawdown(p: Float64Array): number {
  let peak = p[0];
  for (let i = 1; i < p.length; i++) if (p[i] > peak) peak = p[i];
  return peak > 0 ? 1 - p[p.length - 1] / peak : 0;
}

function logReturn(p: Float64Array): number {
  return p[0] > 0 && p[p.length - 1] > 0 ? Math.log(p[p.length - 1] / p[0]) : 0;
}

function realisedVolatility(p: Float64Array, dt: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 1; i < p.length; i++) {
    if (!(p[i] > 0 && p[i - 1] > 0)) continue;
    const r = Math.log(p[i] / p[i - 1]);
    sum += r * r;
    n++;
  }
  return n === 0 ? 0 : Math.sqrt((sum / n) * (SECONDS_PER_YEAR / dt));
}

export function trend(kind: TrendKind, spec: TrendSpec, r: Resolver): Feature {
  const source = priceSource(spec, r);
  const dt = r.world.view.dt;
  const window = stepsOf(spec.window, dt, 'window', r);
  const prices = new RecordedPrices(r.world, source.column);
  const measure = kind === 'drawdown' ? drawdown : kind === 'log-return' ? logReturn : (p: Float64Array) => realisedVolatility(p, dt);
  return {
    names: [spec.name ?? featureName(kind, [sourceLabel(source)], { window: formatDuration(spec.window) })],
    read(view: WorldView, out: Float32Array, offset: number) {
      const p = prices.last(view.step, window + 1);
      out[offset] = p.length < 2 ? 0 : measure(p);
    },
  };
}
