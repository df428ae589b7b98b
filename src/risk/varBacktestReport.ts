/**
 * The verdict on a rolling VaR/ES backtest: exception count against its expectation, Kupiec's
 * unconditional coverage, Christoffersen's independence and conditional coverage, the Basel
 * traffic light (generalised by the binomial rule to any n and α) and the Acerbi–Székely Z2 test
 * of ES with a p-value simulated under the model's own predictive distributions.
 */
import { acerbiSzekelyTest, type AcerbiSzekelyResult } from './acerbiSzekely.js';
import { baselTrafficLight, type BaselResult } from './baselTrafficLight.js';
import { christoffersen, type ChristoffersenResult } from './christoffersen.js';
import { kupiecPof, type KupiecResult } from './kupiec.js';
import type { RollingBacktest } from './rollingBacktest.js';

export interface VarBacktestReport {
  model: string;
  alpha: number;
  window: number;
  refit: number;
  observations: number;
  exceptions: number;
  expectedExceptions: number;
  kupiec: KupiecResult;
  christoffersen: ChristoffersenResult;
  basel: BaselResult;
  /** Basel zone over the last 250 forecasts, the regulatory window (null when fewer). */
  baselLast250: BaselResult | null;
  /** Exceptions among the last 250 forecasts (null when fewer). */
  exceptionsLast250: number | null;
  esTest: AcerbiSzekelyResult;
  meanVar: number;
  meanEs: number;
}

export interface ReportOptions {
  /** Simulated histories for the Z2 p-value (default 1000; 0 skips it). */
  esSimulations?: number;
  seed?: number;
}

export function varBacktestReport(bt: RollingBacktest, opts: ReportOptions = {}): VarBacktestReport {
  const T = bt.var.length;
  let x = 0;
  let sv = 0;
  let se = 0;
  for (let i = 0; i < T; i++) {
    x += bt.exceptions[i];
    sv += bt.var[i];
    se += bt.es[i];
  }
  let baselLast250: BaselResult | null = null;
  let exceptionsLast250: number | null = null;
  if (T >= 250) {
    exceptionsLast250 = 0;
    for (let i = T - 250; i < T; i++) exceptionsLast250 += bt.exceptions[i];
    baselLast250 = baselTrafficLight(exceptionsLast250, 250, bt.alpha);
  }
  const sims = opts.esSimulations ?? 1000;
  return {
    model: bt.model,
    alpha: bt.alpha,
    window: bt.window,
    refit: bt.refit,
    observations: T,
    exceptions: x,
    expectedExceptions: T * (1 - bt.alpha),
    kupiec: kupiecPof(x, T, bt.alpha),
    christoffersen: christoffersen(bt.exceptions, bt.alpha),
    basel: baselTrafficLight(x, T, bt.alpha),
    baselLast250,
    exceptionsLast250,
    esTest: acerbiSzekelyTest(bt.losses, bt.var, bt.es, bt.alpha, sims > 0 ? bt.predictive : null, { simulations: sims, seed: opts.seed }),
    meanVar: sv / T,
    meanEs: se / T,
  };
}
