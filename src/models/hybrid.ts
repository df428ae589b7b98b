/**
 * The hybrid GARCH–LSTM forecaster: the LSTM of lstm.ts with one more input, the log of the
 * one-step conditional variance σ²_{s+1|s} of a GARCH(1,1) (or GJR-GARCH) fitted by maximum
 * likelihood on the same training window. The idea follows the GARCH-informed neural networks of
 * Kim & Won (2018), "Forecasting the volatility of stock price index: A hybrid model integrating
 * LSTM with multiple GARCH-type models", Expert Systems with Applications 103: the econometric
 * model supplies a well-calibrated level and the network may learn what it misses.
 *
 * Out of sample the GARCH input is carried forward by the variance recursion from the training
 * window's starting variance, with the training-window parameters (garchPath.ts), so a forecast
 * uses no return after the day it is made.
 */
import { fitGarch, type GarchModel } from './garch.js';
import { fitVolNetwork, type LstmModel, type LstmOptions } from './lstm.js';

export interface HybridOptions extends LstmOptions {
  /** Which GARCH supplies the extra input (default 'garch'); normal innovations. */
  garchModel?: GarchModel;
}

/** Fits GARCH on `returns`, then the LSTM with the GARCH variance as an extra input. */
export async function fitHybrid(returns: Float64Array, opts: HybridOptions = {}): Promise<LstmModel> {
  const model = opts.garchModel ?? 'garch';
  const fit = fitGarch(returns, { model, dist: 'normal' });
  return fitVolNetwork(returns, opts, { model, params: fit.params, initialVariance: fit.condVariance[0] });
}
