/**
 * `aftershock fit <ewma|garch|gjr|lstm|hybrid> --data FILE`: fits a volatility model to a price or
 * returns file and prints its parameters (a table, or one JSON document with --json).
 * `aftershock fit svi --quotes FILE` fits raw SVI slices to option quotes instead (fitSvi.ts).
 * Price files default to percentage log returns, return files (a column named like `return`)
 * to their values as given; --returns overrides. GARCH fits keep persistence below 1 unless
 * `--persistence free`; an optimum on a bound of the parameter space is reported as such, without
 * standard errors (and, at persistence 1, without an unconditional variance).
 */
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice, describeSeries, loadSeries, parseDist } from './volatilityInput.js';
import { InputError } from '../util/errors.js';
import { fitGarch, garchParamNames, type GarchFit, type PersistenceConstraint } from '../models/garch.js';
import { fitEwma, type EwmaFit } from '../models/ewma.js';
import { saveModel, SAVED_MODEL_FOLDER } from '../models/modelStore.js';
import { checkOutputFolder } from '../util/outputFolder.js';
import { fitSviCommand, type FitSviFlags } from './fitSvi.js';

const MODELS = ['ewma', 'garch', 'gjr', 'lstm', 'hybrid', 'svi'] as const;

interface FitFlags extends FitSviFlags {
  data: string;
  column?: string;
  returns?: string;
  dist?: string;
  lambda?: string;
  allowGaps?: boolean;
  save?: string;
  json?: boolean;
  epochs?: string;
  seed?: string;
  se?: string;
  persistence?: string;
}

/** The JSON document of `fit --json` (and of saved-model summaries). */
export function fitSummary(fit: GarchFit | EwmaFit): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    model: fit.model,
    dist: fit.dist,
    n: fit.n,
    params: fit.params,
    stderr: fit.stderr,
    loglik: fit.loglik,
    aic: fit.aic,
    bic: fit.bic,
  };
  if (fit.model !== 'ewma') {
    doc.persistence = fit.persistence;
    doc.unconditionalVariance = Number.isFinite(fit.unconditionalVariance) ? fit.unconditionalVariance : null;
    // models saved before these fields existed were fitted under the stationarity constraint
    doc.persistenceConstraint = fit.persistenceConstraint ?? 'stationary';
    doc.atBound = fit.atBound ?? [];
    // NaN standard errors (unavailable: at a bound, or a singular Hessian) are null, not numbers
    doc.stderr = Object.fromEntries(Object.entries(fit.stderr).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));
  }
  return doc;
}

const fmt = (x: number, digits = 6) => (Number.isFinite(x) ? x.toPrecision(digits) : String(x));

function printTable(fit: GarchFit | EwmaFit, source: string, se: string): void {
  const title = fit.model === 'ewma' ? 'RiskMetrics EWMA variance' : `${fit.model === 'gjr' ? 'GJR-GARCH(1,1)' : 'GARCH(1,1)'}, ${fit.dist === 't' ? 'Student-t' : 'normal'} innovations`;
  const lines = [title, `data: ${source}`, ''];
  if (fit.model === 'ewma') {
    lines.push(`lambda            ${fit.params.lambda} (fixed)`);
  } else {
    const atBound = fit.atBound ?? [];
    lines.push(`${'parameter'.padEnd(10)}${'estimate'.padStart(14)}${'std. error'.padStart(14)}${'t value'.padStart(10)}   (standard errors: ${se})`);
    for (const name of garchParamNames(fit.model, fit.dist)) {
      const est = (fit.params as unknown as Record<string, number>)[name];
      const se = fit.stderr[name];
      const seText = Number.isFinite(se) ? fmt(se, 4) : atBound.length > 0 ? 'n/a' : String(se);
      lines.push(`${name.padEnd(10)}${fmt(est).padStart(14)}${seText.padStart(14)}${(Number.isFinite(se) ? (est / se).toFixed(2) : '-').padStart(10)}`);
    }
    if (atBound.length > 0) {
      lines.push(`standard errors   not available: the optimum is on a bound of the parameter space (${atBound.join(', ')}), where they do not apply`);
    }
    lines.push('');
    const atPersistenceBound = atBound.includes('persistence = 1');
    const free = fit.persistenceConstraint === 'free';
    lines.push(
      `persistence       ${fmt(fit.persistence)}${
        atPersistenceBound
          ? ' (on the stationarity bound: the best fit with persistence < 1; --persistence free drops the constraint)'
          : !(fit.persistence < 1)
            ? ' (>= 1: not covariance-stationary; variance forecasts grow without limit)'
            : ''
      }`,
    );
    if (atPersistenceBound || !(fit.persistence < 1)) {
      lines.push(`uncond. variance  none: persistence ${atPersistenceBound ? 'is at its bound of 1' : 'is >= 1'} (omega / (1 - persistence) does not exist)`);
    } else if (fit.persistence > 0.999) {
      // ω/(1−P) exists but is ill-determined this close to 1: the fit is near-integrated (IGARCH)
      lines.push(`uncond. variance  not meaningful: persistence is within 0.001 of 1 (near-integrated; shocks barely decay)`);
    } else {
      lines.push(`uncond. variance  ${fmt(fit.unconditionalVariance)} (volatility ${fmt(Math.sqrt(fit.unconditionalVariance), 4)} per period)`);
    }
    if (!fit.converged) lines.push('warning: the optimiser did not meet its convergence test; treat the estimates with care');
    if (free) lines.push("constraint        none on persistence (--persistence free: alpha and beta each in (0, 1), as R's fGarch)");
  }
  lines.push(`log-likelihood    ${fit.loglik.toFixed(4)}`);
  lines.push(`AIC               ${fit.aic.toFixed(4)}`);
  lines.push(`BIC               ${fit.bic.toFixed(4)}`);
  lines.push(`next variance     ${fmt(fit.nextVariance)} (volatility ${fmt(Math.sqrt(fit.nextVariance), 4)})`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const register: Register = (program) => {
  program
    .command('fit')
    .description('fit a volatility model (ewma, garch, gjr, lstm, hybrid) to a price or returns CSV file, or raw SVI (svi) to option quotes')
    .argument('<model>', `one of ${MODELS.join(', ')}`)
    .option('--data <file>', 'CSV file of prices (timestamp/date + price/close) or returns (a return column); required but for svi')
    .option('--quotes <file>', 'svi: CSV of option quotes (expiry, strike, iv or price; optional forward, type)')
    .option('--spot <S>', 'svi: spot price, for the forwards when the quotes have no forward column')
    .option('--rate <r>', 'svi: risk-free rate (default 0): discounts prices, and with --spot gives the forwards')
    .option('--carry <b>', 'svi: cost of carry for the forwards F = S e^(bT) (default: the rate)')
    .option('--column <name>', 'column to read (default: price, adj close or close; or the return column)')
    .option('--returns <kind>', 'log | pct | raw (default: log for prices, raw for return files)')
    .option('--dist <dist>', 'innovation distribution for garch/gjr: normal | t', 'normal')
    .option('--lambda <x>', 'EWMA decay (default 0.94)')
    .option('--se <method>', 'standard errors for garch/gjr: hessian | opg | robust (Bollerslev-Wooldridge)', 'hessian')
    .option('--persistence <constraint>', "garch/gjr: stationary (persistence < 1) | free (no constraint on persistence, as R's fGarch)", 'stationary')
    .option('--allow-gaps', 'accept intervals longer than 1.5x the median interval')
    .option('--epochs <n>', 'lstm/hybrid: maximum training epochs')
    .option('--seed <n>', 'lstm/hybrid: seed of the weight initialisers and batch order')
    .option('--save <dir>', 'save the fitted model to this folder')
    .option('--json', 'print one JSON document')
    .action(
      action(async (modelArg: string, flags: FitFlags) => {
        const model = checkChoice('model', modelArg, MODELS);
        if (model === 'svi') {
          for (const [key, flag] of [
            ['data', '--data'],
            ['column', '--column'],
            ['returns', '--returns'],
            ['lambda', '--lambda'],
            ['allowGaps', '--allow-gaps'],
            ['epochs', '--epochs'],
            ['seed', '--seed'],
            ['save', '--save'],
          ] as const) {
            if (flags[key] !== undefined) throw new InputError('does not apply to svi (its flags: --quotes, --spot, --rate, --carry, --json)', undefined, undefined, flag);
          }
          fitSviCommand(flags);
          return;
        }
        for (const [key, flag] of [
          ['quotes', '--quotes'],
          ['spot', '--spot'],
          ['rate', '--rate'],
          ['carry', '--carry'],
        ] as const) {
          if (flags[key] !== undefined) throw new InputError(`applies to svi only, not ${model}`, undefined, undefined, flag);
        }
        if (flags.data === undefined) throw new InputError(`expected a CSV file of prices or returns, got nothing (required for ${model})`, undefined, undefined, '--data');
        const dist = parseDist(flags.dist);
        const lambda = numberFlag('lambda', flags.lambda, { min: 0, max: 1 });
        if (lambda !== undefined && !(lambda > 0 && lambda < 1)) throw new InputError(`expected a number strictly between 0 and 1, got ${flags.lambda}`, undefined, undefined, '--lambda');
        if (lambda !== undefined && model !== 'ewma') throw new InputError('only the ewma model takes --lambda', undefined, undefined, '--lambda');
        if (dist === 't' && model !== 'garch' && model !== 'gjr') throw new InputError(`Student-t innovations apply to garch and gjr only, not ${model}`, undefined, undefined, '--dist');
        const se = checkChoice('--se', flags.se ?? 'hessian', ['hessian', 'opg', 'robust'] as const);
        const persistence: PersistenceConstraint = checkChoice('--persistence', flags.persistence ?? 'stationary', ['stationary', 'free'] as const);
        if (persistence !== 'stationary' && model !== 'garch' && model !== 'gjr') {
          throw new InputError(`a constraint on persistence applies to garch and gjr only, not ${model}`, undefined, undefined, '--persistence');
        }
        // refused before fitting, so a bad --save costs nothing
        const saveDir = flags.save === undefined ? undefined : checkOutputFolder(flags.save, SAVED_MODEL_FOLDER, '--save');
        const series = loadSeries(flags);
        const r = series.returns;

        if (model === 'lstm' || model === 'hybrid') {
          const epochs = numberFlag('epochs', flags.epochs, { min: 1, integer: true });
          const seed = numberFlag('seed', flags.seed, { integer: true });
          const onEpoch = (epoch: number, trainLoss: number, valLoss: number) => process.stderr.write(`epoch ${epoch}: train loss ${trainLoss.toFixed(4)}, validation loss ${valLoss.toFixed(4)}\n`);
          const opts = { epochs, seed, onEpoch };
          // loaded on demand: TensorFlow.js costs a second of start-up the classical models do not need
          const net = model === 'lstm' ? await (await import('../models/lstm.js')).fitLstm(r, opts) : await (await import('../models/hybrid.js')).fitHybrid(r, opts);
          try {
            if (saveDir) await net.save(saveDir);
            const doc = { model, n: r.length, nextVariance: net.forecast(r), meta: net.meta };
            if (flags.json) printJson(doc);
            else process.stdout.write(`${model} variance network on ${describeSeries(series)}\nnext variance ${fmt(doc.nextVariance)}\n`);
          } finally {
            net.dispose();
          }
          return;
        }

        let fit: GarchFit | EwmaFit;
        try {
          fit = model === 'ewma' ? fitEwma(r, { lambda }) : fitGarch(r, { model, dist, stderr: se, persistence });
        } catch (err) {
          if (err instanceof RangeError) throw new InputError(err.message, series.file);
          throw err;
        }
        if (saveDir) saveModel(saveDir, fit);
        if (flags.json) printJson(fitSummary(fit));
        else printTable(fit, describeSeries(series), se);
        if (flags.save) process.stderr.write(`saved ${model} model to ${flags.save}\n`);
      }),
    );
};
