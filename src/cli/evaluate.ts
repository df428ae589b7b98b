/**
 * `aftershock evaluate --data FILE [--models ewma,garch,gjr,lstm,hybrid] [--window N] [--refit K]
 * [--seed S] [--json]`: rolling out-of-sample one-step variance forecasts of several models on one
 * return series, scored by QLIKE and MSE against squared returns, with Diebold–Mariano tests
 * against GARCH and EWMA. Progress goes to stderr.
 */
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice, describeSeries, loadSeries, parseDist } from './volatilityInput.js';
import { InputError } from '../util/errors.js';
import { FORECASTER_NAMES, makeForecaster, type ForecasterName } from '../models/evaluate/forecasters.js';
import { rollingForecasts, type RollingResult } from '../models/evaluate/rolling.js';
import { compareForecasts, type Comparison } from '../models/evaluate/compare.js';

interface EvaluateFlags {
  data: string;
  column?: string;
  returns?: string;
  allowGaps?: boolean;
  models: string;
  window: string;
  refit: string;
  expanding?: boolean;
  seed: string;
  epochs?: string;
  dist?: string;
  json?: boolean;
}

const BASELINES = ['garch', 'ewma'];

function parseModels(value: string): ForecasterName[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new InputError('expected a comma-separated list of models', undefined, undefined, '--models');
  const out: ForecasterName[] = [];
  for (const n of names) {
    const m = checkChoice('--models', n, FORECASTER_NAMES);
    if (out.includes(m)) throw new InputError(`model ${m} listed twice`, undefined, undefined, '--models');
    out.push(m);
  }
  return out;
}

const isoDate = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? x.toExponential(4) : x.toFixed(4);
}

const fmtP = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

function printReport(res: RollingResult, cmp: Comparison, source: string, oosDates: string | null, seed: number): void {
  const lines: string[] = [];
  lines.push('Out-of-sample one-step variance forecasts');
  lines.push(`data: ${source}`);
  lines.push(
    `out of sample: days ${res.start}..${res.end - 1} (${res.end - res.start} days${oosDates ? `, ${oosDates}` : ''}); ` +
      `${res.expanding ? 'expanding' : `rolling ${res.window}-day`} training window, refit every ${res.refit} days (${res.origins.length} ${res.origins.length === 1 ? 'fit' : 'fits'} per model); seed ${seed}`,
  );
  lines.push('losses against the squared return r²: QLIKE = log h + r²/h, MSE = (r² − h)² (lower is better)');
  lines.push('');
  const w = Math.max(6, ...cmp.scores.map((s) => s.model.length));
  lines.push(`${'model'.padEnd(w)}  ${'mean QLIKE'.padStart(12)}  rank  ${'mean MSE'.padStart(12)}  rank  ${'seconds'.padStart(8)}`);
  for (const s of cmp.scores) {
    lines.push(
      `${s.model.padEnd(w)}  ${fmt(s.meanQlike).padStart(12)}  ${String(s.rankQlike).padStart(4)}  ${fmt(s.meanMse).padStart(12)}  ${String(s.rankMse).padStart(4)}  ${res.seconds[s.model].toFixed(1).padStart(8)}`,
    );
  }
  for (const baseline of BASELINES) {
    const rows = cmp.dm.filter((d) => d.baseline === baseline);
    if (rows.length === 0) continue;
    lines.push('');
    lines.push(`Diebold–Mariano vs ${baseline} (HLN-corrected, two-sided; negative statistic: the model beats ${baseline})`);
    lines.push(`${'model'.padEnd(w)}  ${'QLIKE stat'.padStart(10)}  ${'p'.padStart(8)}  ${'MSE stat'.padStart(10)}  ${'p'.padStart(8)}`);
    for (const model of [...new Set(rows.map((r) => r.model))]) {
      const q = rows.find((r) => r.model === model && r.loss === 'qlike')!;
      const e = rows.find((r) => r.model === model && r.loss === 'mse')!;
      lines.push(`${model.padEnd(w)}  ${q.statistic.toFixed(3).padStart(10)}  ${fmtP(q.pValue).padStart(8)}  ${e.statistic.toFixed(3).padStart(10)}  ${fmtP(e.pValue).padStart(8)}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const register: Register = (program) => {
  program
    .command('evaluate')
    .description('rolling out-of-sample comparison of volatility models (QLIKE, MSE, Diebold–Mariano tests)')
    .requiredOption('--data <file>', 'CSV file of prices (timestamp/date + price/close) or returns (a return column)')
    .option('--column <name>', 'column to read (default: price, adj close or close; or the return column)')
    .option('--returns <kind>', 'log | pct | raw (default: log for prices, raw for return files)')
    .option('--allow-gaps', 'accept intervals longer than 1.5x the median interval')
    .option('--models <list>', `comma-separated, from ${FORECASTER_NAMES.join(', ')}`, FORECASTER_NAMES.join(','))
    .option('--window <n>', 'training window in observations', '1000')
    .option('--refit <k>', 'refit every k observations', '250')
    .option('--expanding', 'train on all observations before each refit instead of the last --window')
    .option('--seed <s>', 'seed of the lstm/hybrid initialisers and batch order', '1')
    .option('--epochs <n>', 'lstm/hybrid: maximum training epochs per fit')
    .option('--dist <dist>', 'innovation distribution of the garch/gjr likelihood: normal | t', 'normal')
    .option('--json', 'print one JSON document')
    .action(
      action(async (flags: EvaluateFlags) => {
        const models = parseModels(flags.models);
        const window = numberFlag('window', flags.window, { min: 50, integer: true })!;
        const refit = numberFlag('refit', flags.refit, { min: 1, integer: true })!;
        const seed = numberFlag('seed', flags.seed, { integer: true })!;
        const epochs = numberFlag('epochs', flags.epochs, { min: 1, integer: true });
        const dist = parseDist(flags.dist);
        const series = loadSeries(flags);
        const r = series.returns;
        if (window >= r.length) throw new InputError(`window ${window} leaves no out-of-sample days in ${r.length} returns`, undefined, undefined, '--window');
        const forecasters = models.map((m) => makeForecaster(m, { dist, network: { seed, epochs } }));
        const res = await rollingForecasts(r, forecasters, {
          window,
          refit,
          expanding: flags.expanding,
          onProgress: (model, block, blocks) => process.stderr.write(`evaluate: ${model} fit ${block + 1}/${blocks}\n`),
        });
        const cmp = compareForecasts(res.proxy, res.forecasts, BASELINES);
        const t = series.times;
        const oosDates = t ? `${isoDate(t[res.start])} to ${isoDate(t[res.end - 1])}` : null;
        if (flags.json) {
          printJson({
            data: series.file,
            column: series.column,
            returns: series.kind,
            n: r.length,
            outOfSample: { start: res.start, end: res.end, days: res.end - res.start, from: t ? isoDate(t[res.start]) : null, to: t ? isoDate(t[res.end - 1]) : null },
            window: res.window,
            refit: res.refit,
            expanding: res.expanding,
            fits: res.origins.length,
            seed,
            dist,
            losses: { qlike: 'log h + r^2/h', mse: '(r^2 - h)^2', proxy: 'r^2' },
            scores: cmp.scores.map((s) => ({ ...s, seconds: res.seconds[s.model] })),
            dieboldMariano: cmp.dm,
          });
        } else {
          printReport(res, cmp, describeSeries(series), oosDates, seed);
        }
      }),
    );
};
