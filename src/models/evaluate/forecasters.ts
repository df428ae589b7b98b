/**
 * One small interface behind which every volatility model can be evaluated out of sample, and
 * the adapters for EWMA, GARCH, GJR-GARCH, the LSTM and the hybrid.
 *
 * A forecaster is fitted on a training window and then produces one-step variance forecasts
 * σ²_t for each day t of the following test block using only returns before t: the parameters
 * (or network weights) stay fixed over the block and the model's state (the variance recursion,
 * or the network's input window) is updated with each realised return. That is the standard
 * "fixed parameters between refits" design of rolling forecast comparisons (e.g. Hansen & Lunde
 * 2005, "A forecast comparison of volatility models: does anything beat a GARCH(1,1)?").
 */
import { ewmaFilter, RISKMETRICS_LAMBDA } from '../ewma.js';
import { fitGarch, type GarchDist, type GarchModel } from '../garch.js';
import { garchVariancePath } from '../garchPath.js';
import type { LstmOptions } from '../lstm.js';
import type { HybridOptions } from '../hybrid.js';
import { deriveSeed } from '../../util/rng.js';

export interface VolatilityForecaster {
  readonly name: string;
  /**
   * Fits on `train` and returns, for each i, the variance forecast for `test[i]` made with
   * `train` and `test[0..i−1]` (never `test[i]` itself or later). `block` numbers the refits
   * (0, 1, …), for seeding.
   */
  fitForecast(train: Float64Array, test: Float64Array, block: number): Promise<Float64Array>;
}

/** RiskMetrics EWMA: nothing to fit; the recursion starts from the mean squared training return. */
export function ewmaForecaster(lambda = RISKMETRICS_LAMBDA): VolatilityForecaster {
  return {
    name: 'ewma',
    async fitForecast(train, test) {
      let h = ewmaFilter(train, { lambda }).nextVariance;
      const out = new Float64Array(test.length);
      for (let i = 0; i < test.length; i++) {
        out[i] = h;
        h = lambda * h + (1 - lambda) * test[i] * test[i];
      }
      return out;
    },
  };
}

/** GARCH(1,1) or GJR-GARCH(1,1) by maximum likelihood on the training window. */
export function garchForecaster(model: GarchModel = 'garch', dist: GarchDist = 'normal'): VolatilityForecaster {
  return {
    name: model,
    async fitForecast(train, test) {
      const fit = fitGarch(train, { model, dist });
      return garchVariancePath(test, fit.params, model, fit.nextVariance).subarray(0, test.length);
    },
  };
}

function concat(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The LSTM (or, with `hybrid`, the GARCH–LSTM hybrid), refitted on each training window with the
 * seed derived from (`opts.seed`, block). TensorFlow.js is loaded only when one is first fitted.
 */
export function neuralForecaster(kind: 'lstm' | 'hybrid', opts: LstmOptions | HybridOptions = {}): VolatilityForecaster {
  return {
    name: kind,
    async fitForecast(train, test, block) {
      const seed = deriveSeed(opts.seed ?? 1, block);
      const model = kind === 'lstm' ? await (await import('../lstm.js')).fitLstm(train, { ...opts, seed }) : await (await import('../hybrid.js')).fitHybrid(train, { ...opts, seed });
      try {
        // predict() over train + test: element t is the forecast for day t from days before it
        return model.predict(concat(train, test)).slice(train.length, train.length + test.length);
      } finally {
        model.dispose();
      }
    },
  };
}

export const FORECASTER_NAMES = ['ewma', 'garch', 'gjr', 'lstm', 'hybrid'] as const;
export type ForecasterName = (typeof FORECASTER_NAMES)[number];

export interface ForecasterSettings {
  /** Innovation distribution of the GARCH likelihoods (default normal, i.e. QML). */
  dist?: GarchDist;
  lambda?: number;
  /** Options of the LSTM and hybrid networks (seed, epochs, …). */
  network?: LstmOptions;
}

/** The forecaster of a given name with the given settings. */
export function makeForecaster(name: ForecasterName, s: ForecasterSettings = {}): VolatilityForecaster {
  switch (name) {
    case 'ewma':
      return ewmaForecaster(s.lambda);
    case 'garch':
    case 'gjr':
      return garchForecaster(name, s.dist);
    case 'lstm':
    case 'hybrid':
      return neuralForecaster(name, s.network);
  }
}
