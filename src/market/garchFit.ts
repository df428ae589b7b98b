/**
 * Fitting the garch-t price process at load time: GARCH(1,1) with Student-t innovations by
 * maximum likelihood (`fitGarch` in models/garch.ts; Bollerslev 1986, 1987) on the percentage log
 * returns of a price CSV taken over the process's `period`.
 *
 * The prices are sampled on the grid t_0 + j·period (t_0 the first row) with the last observation
 * at or before each grid time, so an hourly file fitted with `period: 1d` yields daily returns
 * and a daily file with `period: 1d` yields exactly its row-to-row returns. A gap in the data
 * then shows up as a zero return followed by the accumulated move.
 */
import { fitGarch } from '../models/garch.js';
import { toReturns } from '../models/returns.js';
import { InputError } from '../util/errors.js';
import { readPriceCsv } from '../util/priceCsv.js';
import { resolveDataFile, type SpecLocation } from './csvReplay.js';
import type { GarchTParameters } from './garchT.js';

/** Fewer returns than this leave ν and β poorly identified: refuse rather than simulate noise. */
export const MIN_FIT_RETURNS = 100;

/** Prices at times[0] + j·period, last observation carried forward. */
export function sampleOnGrid(times: Float64Array, prices: Float64Array, period: number): Float64Array {
  const t0 = times[0];
  const count = Math.floor((times[times.length - 1] - t0) / period) + 1;
  const out = new Float64Array(count);
  let i = 0;
  for (let j = 0; j < count; j++) {
    const t = t0 + j * period;
    while (i + 1 < times.length && times[i + 1] <= t) i++;
    out[j] = prices[i];
  }
  return out;
}

export function fitGarchTFromCsv(fitFrom: { file: string; column?: string }, period: number, baseDir: string, where: SpecLocation): GarchTParameters {
  const path = resolveDataFile(fitFrom.file, baseDir);
  let series: ReturnType<typeof readPriceCsv>;
  try {
    series = readPriceCsv(path, { column: fitFrom.column, allowGaps: true });
  } catch (e) {
    if (e instanceof InputError && e.field === '--column') throw new InputError(e.message, e.file, e.line, where.field('fitFrom.column'));
    throw e;
  }
  const returns = toReturns(sampleOnGrid(series.times, series.prices, period), 'log');
  if (returns.length < MIN_FIT_RETURNS) {
    throw new InputError(
      `${fitFrom.file} gives only ${returns.length} returns over a period of ${period} s; fitting GARCH-t needs at least ${MIN_FIT_RETURNS}`,
      where.scenarioFile,
      undefined,
      where.field('fitFrom.file'),
    );
  }
  const fit = fitGarch(returns, { model: 'garch', dist: 't' });
  const p = fit.params;
  // a fit that stops at α + β = 1 (within the optimiser's tolerance) has no finite unconditional
  // variance either: the path would start from a number the data do not support
  if (!(fit.persistence < 1) || fit.atBound.includes('persistence = 1') || p.nu === undefined) {
    throw new InputError(
      `the GARCH-t fit to ${fitFrom.file} has persistence ${fit.persistence.toFixed(4)}${fit.atBound.includes('persistence = 1') ? ' (at the stationarity bound)' : ''} (no finite unconditional variance); give params instead`,
      where.scenarioFile,
      undefined,
      where.field('fitFrom'),
    );
  }
  return { mu: p.mu, omega: p.omega, alpha: p.alpha, beta: p.beta, gamma: 0, nu: p.nu };
}
