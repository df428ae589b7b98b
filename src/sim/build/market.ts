/**
 * The path's exogenous reference prices, generated once for the whole horizon (or from a market
 * prepared once for many paths, with CSV files read and models fitted), and the reference vector
 * the step loop advances along them.
 */
import { prepareMarket, type PreparedMarket } from '../../market/generate.js';
import { STREAM, type BuildContext } from './context.js';

export function buildMarket(b: BuildContext, prepared?: PreparedMarket): { basePaths: Float64Array[]; reference: Float64Array } {
  const s = b.scenario;
  const market =
    prepared ??
    prepareMarket(
      s.assets.map((a) => ({ id: a.id, spec: a.price })),
      s.market,
      b.loaded.baseDir,
      { scenarioFile: b.loaded.file },
    );
  const basePaths = market.generate(b.steps, b.stream(STREAM.market));
  return { basePaths, reference: Float64Array.from(basePaths.map((p) => p[0])) };
}
