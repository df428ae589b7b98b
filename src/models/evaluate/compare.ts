/**
 * The comparison table of a forecast evaluation: mean QLIKE and MSE per model with ranks, and
 * Diebold–Mariano tests (HLN-corrected, two-sided, h = 1) of each model against baselines.
 * QLIKE is log h + r²/h (see losses.ts); lower is better for both losses.
 */
import { lossSeries, mean, type LossName } from './losses.js';
import { dieboldMariano } from './dieboldMariano.js';

export interface ModelScore {
  model: string;
  meanQlike: number;
  meanMse: number;
  /** 1 = lowest mean loss; ties share the better rank. */
  rankQlike: number;
  rankMse: number;
}

export interface DmComparison {
  model: string;
  baseline: string;
  loss: LossName;
  /** HLN-corrected DM statistic of L(model) − L(baseline): negative means the model is better. */
  statistic: number;
  /** Two-sided p-value (Student t, n − 1 degrees of freedom). */
  pValue: number;
  /** Mean of L(model) − L(baseline). */
  meanDifference: number;
}

export interface Comparison {
  n: number;
  scores: ModelScore[];
  dm: DmComparison[];
}

function ranks(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w < v).length);
}

export function compareForecasts(proxy: Float64Array, forecasts: Record<string, Float64Array>, baselines: string[] = ['garch', 'ewma']): Comparison {
  const models = Object.keys(forecasts);
  const losses: Record<LossName, Record<string, Float64Array>> = { qlike: {}, mse: {} };
  for (const m of models) {
    losses.qlike[m] = lossSeries('qlike', proxy, forecasts[m]);
    losses.mse[m] = lossSeries('mse', proxy, forecasts[m]);
  }
  const q = models.map((m) => mean(losses.qlike[m]));
  const e = models.map((m) => mean(losses.mse[m]));
  const rq = ranks(q);
  const re = ranks(e);
  const scores = models.map((model, i) => ({ model, meanQlike: q[i], meanMse: e[i], rankQlike: rq[i], rankMse: re[i] }));
  const dm: DmComparison[] = [];
  for (const baseline of baselines) {
    if (!(baseline in forecasts)) continue;
    for (const model of models) {
      if (model === baseline) continue;
      for (const loss of ['qlike', 'mse'] as const) {
        const r = dieboldMariano(losses[loss][model], losses[loss][baseline]);
        dm.push({ model, baseline, loss, statistic: r.statistic, pValue: r.pValue, meanDifference: r.meanDifference });
      }
    }
  }
  return { n: proxy.length, scores, dm };
}
