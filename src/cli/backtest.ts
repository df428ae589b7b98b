/**
 * `aftershock backtest var --data FILE --model M --alpha 0.99`: rolling out-of-sample VaR/ES
 * forecasts over a price or returns file, and the verdict on them: exceptions against their
 * expectation, Kupiec and Christoffersen likelihood-ratio tests, the Basel traffic light and the
 * Acerbi–Székely Z2 test of ES. A table, or one JSON document with --json.
 */
import cliProgress from 'cli-progress';
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice, describeSeries, loadSeries } from './volatilityInput.js';
import { InputError } from '../util/errors.js';
import { rollingVarBacktest, VAR_MODELS, type VarModel } from '../risk/rollingBacktest.js';
import { varBacktestReport, type VarBacktestReport } from '../risk/varBacktestReport.js';
import { Z2_CRITICAL_001PCT, Z2_CRITICAL_5PCT } from '../risk/acerbiSzekely.js';

interface BacktestFlags {
  data: string;
  model: string;
  alpha?: string;
  window?: string;
  refit?: string;
  column?: string;
  returns?: string;
  dist?: string;
  garchModel?: string;
  paths?: string;
  seed?: string;
  esSims?: string;
  allowGaps?: boolean;
  series?: boolean;
  json?: boolean;
}

const MODEL_TITLES: Record<VarModel, string> = {
  historical: 'historical simulation',
  normal: 'normal (sample mean and variance)',
  t: 'Student-t (sample mean and variance, nu by maximum likelihood)',
  fhs: 'filtered historical simulation on GARCH(1,1) residuals',
  mc: 'Monte Carlo from GARCH(1,1)',
  garch: 'GARCH(1,1) parametric',
  ewma: 'RiskMetrics EWMA (lambda 0.94), normal',
};

const p4 = (x: number) => (x < 1e-4 ? x.toExponential(2) : x.toFixed(4));

function printTable(r: VarBacktestReport, source: string, unit: string): void {
  const L: string[] = [];
  L.push(`VaR/ES backtest: ${MODEL_TITLES[r.model as VarModel]}, alpha ${r.alpha}, window ${r.window}, refit every ${r.refit}`);
  L.push(`data: ${source}`);
  L.push(`losses are negative returns (${unit}); VaR and ES are positive losses`);
  L.push('');
  L.push(`forecasts              ${r.observations}`);
  L.push(`exceptions             ${r.exceptions}  (expected ${r.expectedExceptions.toFixed(1)}, rate ${(100 * r.kupiec.rate).toFixed(2)} % vs ${(100 * (1 - r.alpha)).toFixed(2)} %)`);
  L.push(`mean VaR / mean ES     ${r.meanVar.toFixed(4)} / ${r.meanEs.toFixed(4)}`);
  L.push('');
  L.push(`${'test'.padEnd(40)}${'statistic'.padStart(11)}${'p-value'.padStart(11)}`);
  L.push(`${'Kupiec POF (LR_uc ~ chi2(1))'.padEnd(40)}${r.kupiec.lr.toFixed(4).padStart(11)}${p4(r.kupiec.pValue).padStart(11)}`);
  L.push(`${'Christoffersen ind. (LR_ind ~ chi2(1))'.padEnd(40)}${r.christoffersen.lrInd.toFixed(4).padStart(11)}${p4(r.christoffersen.pInd).padStart(11)}`);
  L.push(`${'Christoffersen cc (LR_cc ~ chi2(2))'.padEnd(40)}${r.christoffersen.lrCc.toFixed(4).padStart(11)}${p4(r.christoffersen.pCc).padStart(11)}`);
  const es = r.esTest;
  L.push(
    `${'Acerbi-Szekely Z2 (ES)'.padEnd(40)}${es.z2.toFixed(4).padStart(11)}${(es.pValue === null ? '-' : es.pValue <= 1 / (es.simulations + 1) ? `<${p4(1 / es.simulations)}` : p4(es.pValue)).padStart(11)}`,
  );
  L.push('');
  const c = r.christoffersen;
  if (es.pValue !== null) L.push(`Z2 p-value from ${es.simulations} histories simulated under each day's forecast distribution`);
  L.push(`transitions            n00 ${c.n00}, n01 ${c.n01}, n10 ${c.n10}, n11 ${c.n11}`);
  L.push(
    `Basel traffic light    ${r.basel.zone} over all ${r.observations} forecasts (P(X <= ${r.exceptions}) = ${(100 * r.basel.cumulativeProbability).toFixed(2)} %; green up to ${r.basel.greenMax}, yellow up to ${r.basel.yellowMax})`,
  );
  if (r.baselLast250) {
    L.push(
      `                       ${r.baselLast250.zone} over the last 250 (${r.exceptionsLast250} exception${r.exceptionsLast250 === 1 ? '' : 's'}; green up to ${r.baselLast250.greenMax}, yellow up to ${r.baselLast250.yellowMax})`,
    );
  }
  L.push(
    `ES Z2 zone             ${es.zone} by the published thresholds ${Z2_CRITICAL_5PCT} (5 %) and ${Z2_CRITICAL_001PCT} (0.01 %)${es.thresholdsApply ? '' : ' (published for ES 97.5 % over 250 days: indicative here; the p-value is simulated for this sample)'}`,
  );
  process.stdout.write(`${L.join('\n')}\n`);
}

export const register: Register = (program) => {
  const backtest = program.command('backtest').description('backtest risk models on historical data');
  backtest
    .command('var')
    .description('rolling VaR/ES backtest with Kupiec, Christoffersen, Basel traffic-light and Acerbi-Szekely tests')
    .requiredOption('--data <file>', 'CSV file of prices (or returns)')
    .requiredOption('--model <model>', `one of ${VAR_MODELS.join(', ')}`)
    .option('--alpha <a>', 'VaR/ES confidence level in (0, 1)', '0.99')
    .option('--window <n>', 'estimation window in periods', '500')
    .option('--refit <k>', 're-estimate every k periods', '20')
    .option('--column <name>', 'column to read (default: price/adj close/close, or a returns column)')
    .option('--returns <kind>', 'log | pct | raw (default: log from prices, raw for a returns column)')
    .option('--dist <dist>', 'innovations of the garch and mc models: normal | t', 't')
    .option('--garch-model <m>', 'variance recursion of garch, fhs and mc: garch | gjr', 'garch')
    .option('--paths <n>', 'Monte Carlo paths per forecast (mc model)', '5000')
    .option('--seed <s>', 'seed of the Monte Carlo model and of the ES test simulation', '1')
    .option('--es-sims <n>', 'histories simulated under the null for the Z2 p-value (0: none)', '1000')
    .option('--allow-gaps', 'accept gaps in the time column')
    .option('--series', 'include the forecast series in the JSON output')
    .option('--json', 'print one JSON document')
    .action(
      action(async (flags: BacktestFlags) => {
        const model = checkChoice('--model', flags.model, VAR_MODELS);
        const alpha = numberFlag('alpha', flags.alpha)!;
        if (!(alpha > 0 && alpha < 1)) throw new InputError(`expected a number in (0, 1), got ${JSON.stringify(flags.alpha)}`, undefined, undefined, '--alpha');
        const window = numberFlag('window', flags.window, { integer: true, min: 20 })!;
        const refit = numberFlag('refit', flags.refit, { integer: true, min: 1 })!;
        const dist = checkChoice('--dist', flags.dist ?? 't', ['normal', 't'] as const);
        const garchModel = checkChoice('--garch-model', flags.garchModel ?? 'garch', ['garch', 'gjr'] as const);
        const paths = numberFlag('paths', flags.paths, { integer: true, min: 100 })!;
        const seed = numberFlag('seed', flags.seed, { integer: true })!;
        const esSims = numberFlag('es-sims', flags.esSims, { integer: true, min: 0 })!;
        const series = loadSeries(flags);
        const n = series.returns.length;
        if (n <= window + 1) {
          throw new InputError(`${n} returns are too few for an estimation window of ${window} (need at least ${window + 2})`, flags.data, undefined, '--window');
        }

        const quiet = flags.json && !process.stderr.isTTY;
        const bar = quiet
          ? null
          : new cliProgress.SingleBar(
              {
                stream: process.stderr,
                noTTYOutput: !process.stderr.isTTY,
                notTTYSchedule: 5000,
                format: `backtest ${model} [{bar}] {percentage}% {value}/{total} forecasts, eta {eta}s`,
                hideCursor: false,
              },
              cliProgress.Presets.shades_classic,
            );
        bar?.start(n - window, 0);
        let bt: ReturnType<typeof rollingVarBacktest>;
        try {
          bt = rollingVarBacktest(series.returns, {
            model,
            alpha,
            window,
            refit,
            dist,
            garchModel,
            paths,
            seed,
            onProgress: bar ? (done) => (done % 10 === 0 || done === n - window ? bar.update(done) : undefined) : undefined,
          });
        } finally {
          bar?.stop();
        }
        const report = varBacktestReport(bt, { esSimulations: esSims, seed });
        const unit = series.kind === 'raw' ? 'units of the file' : 'percent';
        if (flags.json) {
          const doc: Record<string, unknown> = {
            command: 'backtest var',
            data: { file: series.file, column: series.column, returns: series.kind, observations: n, unit },
            lossConvention: 'loss = -return; VaR and ES are positive losses',
            ...(model === 'garch' || model === 'mc' ? { dist } : {}),
            ...(model === 'garch' || model === 'mc' || model === 'fhs' ? { garchModel } : {}),
            ...(model === 'mc' ? { paths } : {}),
            seed,
            ...report,
            esTest: { ...report.esTest, critical5pct: Z2_CRITICAL_5PCT, critical001pct: Z2_CRITICAL_001PCT },
          };
          if (flags.series) {
            doc.series = {
              index: Array.from({ length: bt.var.length }, (_, i) => bt.start + i),
              time: series.times ? Array.from(series.times.subarray(bt.start)) : null,
              var: Array.from(bt.var),
              es: Array.from(bt.es),
              loss: Array.from(bt.losses),
              exception: Array.from(bt.exceptions),
            };
          }
          printJson(doc);
        } else {
          printTable(report, describeSeries(series), unit);
        }
      }),
    );
};
