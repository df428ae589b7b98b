/**
 * `aftershock forecast <ewma|garch|gjr> --data FILE --horizon H`: fits the model to the file (or
 * takes a saved model with --load) and prints the variance and volatility forecast for each of
 * the next H periods, annualised when the file's times give its frequency (or with
 * --periods-per-year). Units are those of the returns: percent for price files.
 */
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice, describeSeries, loadSeries, parseDist } from './volatilityInput.js';
import { InputError } from '../util/errors.js';
import { fitGarch, garchFilter, garchForecast, type GarchFit } from '../models/garch.js';
import { ewmaFilter, ewmaForecast, fitEwma, type EwmaFit } from '../models/ewma.js';
import { loadModel } from '../models/modelStore.js';

const MODELS = ['ewma', 'garch', 'gjr'] as const;

interface ForecastFlags {
  data: string;
  horizon: string;
  column?: string;
  returns?: string;
  dist?: string;
  lambda?: string;
  allowGaps?: boolean;
  load?: string;
  periodsPerYear?: string;
  json?: boolean;
}

const lambdaFlagGiven = (flags: ForecastFlags) => flags.lambda !== undefined;

export const register: Register = (program) => {
  program
    .command('forecast')
    .description('forecast variance and volatility h steps ahead with ewma, garch or gjr')
    .argument('<model>', `one of ${MODELS.join(', ')}`)
    .requiredOption('--data <file>', 'CSV file of prices or returns (as for fit)')
    .requiredOption('--horizon <h>', 'number of periods ahead')
    .option('--column <name>', 'column to read')
    .option('--returns <kind>', 'log | pct | raw (default: log for prices, raw for return files)')
    .option('--dist <dist>', 'normal | t (garch/gjr)', 'normal')
    .option('--lambda <x>', 'EWMA decay (default 0.94)')
    .option('--allow-gaps', 'accept intervals longer than 1.5x the median interval')
    .option('--load <dir>', 'use the parameters of a model saved by `fit --save` instead of fitting; the data only updates the variance')
    .option('--periods-per-year <n>', "periods per year for annualising (default: from the file's times: 365.25 days, 252 for weekday-only daily data)")
    .option('--json', 'print one JSON document')
    .action(
      action(async (modelArg: string, flags: ForecastFlags) => {
        const model = checkChoice('model', modelArg, MODELS);
        let dist = parseDist(flags.dist);
        if (dist === 't' && model === 'ewma') throw new InputError('Student-t innovations apply to garch and gjr only, not ewma', undefined, undefined, '--dist');
        if (lambdaFlagGiven(flags) && model !== 'ewma') throw new InputError('only the ewma model takes --lambda', undefined, undefined, '--lambda');
        const horizon = numberFlag('horizon', flags.horizon, { min: 1, max: 100000, integer: true })!;
        const lambdaFlag = numberFlag('lambda', flags.lambda, { min: 0, max: 1 });
        if (lambdaFlag !== undefined && !(lambdaFlag > 0 && lambdaFlag < 1)) throw new InputError(`expected a number strictly between 0 and 1, got ${flags.lambda}`, undefined, undefined, '--lambda');
        const ppyFlag = numberFlag('periods-per-year', flags.periodsPerYear, { min: 1e-9 });
        const series = loadSeries(flags);
        const r = series.returns;

        let nextVariance: number;
        let variance: Float64Array;
        let params: Record<string, number>;
        let n = r.length;
        if (flags.load) {
          const saved = loadModel(flags.load);
          if (saved.model !== model) throw new InputError(`the saved model is ${saved.model}, not ${model}`, flags.load, undefined, 'model');
          dist = saved.dist;
          if (saved.model === 'ewma') {
            nextVariance = ewmaFilter(r, { lambda: saved.params.lambda }).nextVariance;
            variance = ewmaForecast(nextVariance, horizon);
          } else {
            nextVariance = garchFilter(r, saved.params, saved.model).nextVariance;
            variance = garchForecast(saved.params, saved.model, nextVariance, horizon);
          }
          params = saved.params as unknown as Record<string, number>;
        } else {
          let fit: GarchFit | EwmaFit;
          try {
            fit = model === 'ewma' ? fitEwma(r, { lambda: lambdaFlag }) : fitGarch(r, { model, dist });
          } catch (err) {
            if (err instanceof RangeError) throw new InputError(err.message, series.file);
            throw err;
          }
          nextVariance = fit.nextVariance;
          variance = fit.model === 'ewma' ? ewmaForecast(nextVariance, horizon) : garchForecast(fit, horizon);
          params = fit.params as unknown as Record<string, number>;
          n = fit.n;
        }
        const ppy = ppyFlag ?? series.periodsPerYear;
        const volatility = Array.from(variance, Math.sqrt);
        const annualised = Number.isFinite(ppy) ? Array.from(variance, (v) => Math.sqrt(v * ppy)) : null;
        let cum = 0;
        const cumulativeVariance = Array.from(variance, (v) => (cum += v));
        if (flags.json) {
          printJson({
            model,
            dist: model === 'ewma' ? 'normal' : dist,
            n,
            params,
            horizon,
            units: series.kind === 'raw' ? 'as in the file' : 'percent',
            periodsPerYear: Number.isFinite(ppy) ? ppy : null,
            variance: Array.from(variance),
            volatility,
            annualisedVolatility: annualised,
            cumulativeVariance,
          });
          return;
        }
        const lines = [
          `${model} forecast, ${describeSeries(series)}`,
          `units: ${series.kind === 'raw' ? 'as in the file' : 'percent'}${Number.isFinite(ppy) ? `; ${ppy.toFixed(2)} periods per year` : ''}`,
          '',
        ];
        lines.push(`${'step'.padStart(6)}${'variance'.padStart(14)}${'volatility'.padStart(14)}${annualised ? 'annualised vol'.padStart(16) : ''}${'cum. volatility'.padStart(17)}`);
        for (let k = 0; k < horizon; k++) {
          lines.push(
            `${String(k + 1).padStart(6)}${variance[k].toPrecision(6).padStart(14)}${volatility[k].toPrecision(6).padStart(14)}${annualised ? annualised[k].toPrecision(5).padStart(16) : ''}${Math.sqrt(cumulativeVariance[k]).toPrecision(6).padStart(17)}`,
          );
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
};
