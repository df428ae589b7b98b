/**
 * `aftershock liqprob --data FILE --ltv X --threshold Y --horizon H`: probability that a loan
 * collateralised by the asset in FILE is liquidated within H periods, by the GBM first-passage
 * closed form and/or a Monte Carlo under a fitted GARCH-t, with the term structure over several
 * horizons and a Shapley breakdown of the probability over volatility, LTV and horizon against
 * a stated baseline.
 */
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice, describeSeries, loadSeries } from './volatilityInput.js';
import { InputError } from '../util/errors.js';
import { fitGarch } from '../models/garch.js';
import {
  explainGbmLiquidation,
  gbmLiquidationTermStructure,
  validateLiquidationInputs,
  type LiquidationBaseline,
  type LiquidationExplanation,
  type TermPoint,
} from '../risk/liquidationProbability.js';
import { explainGarchLiquidation, garchLiquidationTermStructure } from '../risk/garchLiquidationProbability.js';
import { liquidationPriceRatio } from '../risk/liquidationPrice.js';

interface LiqFlags {
  data: string;
  ltv: string;
  threshold: string;
  horizon: string;
  method?: string;
  paths?: string;
  seed?: string;
  horizons?: string;
  vol?: string;
  volWindow?: string;
  drift?: string;
  baselineVol?: string;
  baselineLtv?: string;
  baselineHorizon?: string;
  garchModel?: string;
  column?: string;
  returns?: string;
  allowGaps?: boolean;
  json?: boolean;
}

const METHODS = ['gbm', 'garch-t', 'both'] as const;

/** Sample standard deviation of x (n − 1 in the denominator). */
function sd(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
}

function parseHorizons(value: string | undefined, horizon: number): number[] {
  const list = value === undefined ? [1, 7, 30] : value.split(',').map((s) => s.trim());
  const out = new Set<number>([horizon]);
  for (const item of list) {
    const h = Number(item);
    if (item === '' || !(Number.isInteger(h) && h > 0)) {
      throw new InputError(`expected a comma-separated list of positive whole numbers of periods, got ${JSON.stringify(value)}`, undefined, undefined, '--horizons');
    }
    out.add(h);
  }
  return [...out].sort((a, b) => a - b);
}

const pct = (p: number) => `${(100 * p).toFixed(p < 0.001 && p > 0 ? 4 : 2)} %`;
const signedPct = (p: number) => `${p >= 0 ? '+' : '-'}${(100 * Math.abs(p)).toFixed(2)} pp`;

function explanationLines(e: LiquidationExplanation): string[] {
  const L: string[] = [];
  L.push(
    `  risk contributions (exact Shapley values; baseline ${pct(e.baseline.probability)} at volatility ${(100 * e.baseline.volatility).toFixed(3)} %, LTV ${e.baseline.ltv.toFixed(4)}, horizon ${e.baseline.horizon})`,
  );
  L.push(`    ${'factor'.padEnd(12)}${'baseline'.padStart(12)}${'actual'.padStart(12)}${'contribution'.padStart(16)}`);
  const fmtv = (f: string, v: number) => (f === 'volatility' ? `${(100 * v).toFixed(3)} %` : f === 'ltv' ? v.toFixed(4) : String(v));
  for (const f of e.factors) {
    L.push(`    ${f.padEnd(12)}${fmtv(f, e.baseline[f]).padStart(12)}${fmtv(f, e.actual[f]).padStart(12)}${signedPct(e.contributions[f]).padStart(16)}`);
  }
  L.push(`    ${'total'.padEnd(36)}${signedPct(e.actual.probability - e.baseline.probability).padStart(16)}  (= ${pct(e.actual.probability)} - ${pct(e.baseline.probability)})`);
  return L;
}

function termLines(points: TermPoint[], withSe: boolean): string[] {
  return points.map((p) => `    ${String(p.horizon).padStart(6)}  ${pct(p.probability).padStart(10)}${withSe ? `  (s.e. ${pct(p.standardError)})` : ''}`);
}

export const register: Register = (program) => {
  program
    .command('liqprob')
    .description('probability that a collateralised loan is liquidated within a horizon (GBM closed form and GARCH-t Monte Carlo), with a Shapley risk breakdown')
    .requiredOption('--data <file>', 'CSV file of collateral prices')
    .requiredOption('--ltv <x>', 'loan-to-value now, debt / collateral value, in (0, 1)')
    .requiredOption('--threshold <y>', 'liquidation threshold in (0, 1], above the LTV')
    .requiredOption('--horizon <h>', 'horizon in data periods (days for daily data)')
    .option('--method <m>', `${METHODS.join(' | ')}`, 'both')
    .option('--paths <n>', 'Monte Carlo paths (garch-t)', '10000')
    .option('--seed <s>', 'seed of the Monte Carlo', '1')
    .option('--horizons <list>', 'term-structure horizons, comma-separated (the horizon is always added)', '1,7,30')
    .option('--vol <sigma>', 'current volatility per period as a fraction (default: estimated from the data)')
    .option('--vol-window <n>', 'periods of the trailing sample standard deviation used as current volatility by gbm', '90')
    .option('--drift <mu>', 'arithmetic drift of the price per period as a fraction (0: the price is a martingale)', '0')
    .option('--baseline-vol <sigma>', 'baseline volatility per period (default: long-run, the sample sd of all returns)')
    .option('--baseline-ltv <x>', 'baseline loan-to-value (default: threshold / 2, health factor 2)')
    .option('--baseline-horizon <h>', 'baseline horizon in periods', '1')
    .option('--garch-model <m>', 'variance recursion of the garch-t method: garch | gjr', 'garch')
    .option('--column <name>', 'price column to read')
    .option('--returns <kind>', 'log | pct | raw (how to turn the column into percentage returns; default log from prices)')
    .option('--allow-gaps', 'accept gaps in the time column')
    .option('--json', 'print one JSON document')
    .action(
      action(async (flags: LiqFlags) => {
        const ltv = numberFlag('ltv', flags.ltv)!;
        const threshold = numberFlag('threshold', flags.threshold)!;
        const horizon = numberFlag('horizon', flags.horizon)!;
        validateLiquidationInputs({ ltv, threshold, horizon }, '--');
        const method = checkChoice('--method', flags.method ?? 'both', METHODS);
        const paths = numberFlag('paths', flags.paths, { integer: true, min: 100 })!;
        const seed = numberFlag('seed', flags.seed, { integer: true })!;
        const horizons = parseHorizons(flags.horizons, horizon);
        const volFlag = numberFlag('vol', flags.vol);
        if (volFlag !== undefined && !(volFlag > 0 && volFlag < 10)) throw new InputError(`expected a per-period volatility fraction in (0, 10), got ${flags.vol}`, undefined, undefined, '--vol');
        const volWindow = numberFlag('vol-window', flags.volWindow, { integer: true, min: 2 })!;
        const drift = numberFlag('drift', flags.drift, { min: -1, max: 1 })!;
        const baselineVolFlag = numberFlag('baseline-vol', flags.baselineVol);
        if (baselineVolFlag !== undefined && !(baselineVolFlag > 0 && baselineVolFlag < 10)) {
          throw new InputError(`expected a per-period volatility fraction in (0, 10), got ${flags.baselineVol}`, undefined, undefined, '--baseline-vol');
        }
        const baselineLtv = numberFlag('baseline-ltv', flags.baselineLtv) ?? threshold / 2;
        if (!(baselineLtv > 0 && baselineLtv < threshold)) {
          throw new InputError(`expected a baseline loan-to-value in (0, threshold ${threshold}), got ${baselineLtv}`, undefined, undefined, '--baseline-ltv');
        }
        const baselineHorizon = numberFlag('baseline-horizon', flags.baselineHorizon, { integer: true, min: 1 })!;
        const garchModel = checkChoice('--garch-model', flags.garchModel ?? 'garch', ['garch', 'gjr'] as const);

        const series = loadSeries(flags);
        const r = series.returns; // percent
        if (r.length < 30) throw new InputError(`${r.length} returns are too few to estimate volatility (need at least 30)`, flags.data);
        const longRunSd = sd(r) / 100;
        const recent = r.subarray(Math.max(0, r.length - volWindow));
        const currentSd = volFlag ?? sd(recent) / 100;

        const doc: Record<string, unknown> = {
          command: 'liqprob',
          data: { file: series.file, column: series.column, returns: series.kind, observations: r.length },
          position: {
            ltv,
            threshold,
            healthFactor: threshold / ltv,
            liquidationPriceRatio: liquidationPriceRatio(ltv, threshold),
            priceDropToLiquidation: 1 - liquidationPriceRatio(ltv, threshold),
          },
          horizon,
          horizons,
          drift,
          units: 'horizons in data periods; volatilities per period as fractions; probabilities in [0, 1]',
        };
        const L: string[] = [];
        L.push(
          `liquidation probability: LTV ${ltv}, threshold ${threshold} (health factor ${(threshold / ltv).toFixed(3)}); liquidated if the price falls ${pct(1 - ltv / threshold)} to ${(ltv / threshold).toFixed(4)} x today's`,
        );
        L.push(`data: ${describeSeries(series)}`);
        L.push(`horizon ${horizon} periods; drift ${drift} per period${drift === 0 ? ' (martingale price)' : ''}`);

        if (method === 'gbm' || method === 'both') {
          const baseline: LiquidationBaseline = { volatility: baselineVolFlag ?? longRunSd, ltv: baselineLtv, horizon: baselineHorizon };
          const term = gbmLiquidationTermStructure({ ltv, threshold, sigma: currentSd, drift }, horizons);
          const explanation = explainGbmLiquidation({ ltv, threshold, horizon, sigma: currentSd, drift }, baseline);
          const volSource = volFlag !== undefined ? '--vol' : `sample sd of the last ${recent.length} log returns`;
          const baseSource = baselineVolFlag !== undefined ? '--baseline-vol' : `long-run: sample sd of all ${r.length} returns`;
          doc.gbm = {
            method: 'GBM first passage, continuous monitoring (reflection principle)',
            volatility: currentSd,
            volatilitySource: volSource,
            probability: explanation.actual.probability,
            termStructure: term,
            explanation: { ...explanation, baselineVolatilitySource: baseSource, baselineLtvSource: flags.baselineLtv !== undefined ? '--baseline-ltv' : 'threshold / 2 (health factor 2)' },
          };
          L.push('');
          L.push(`GBM first passage (continuous monitoring), volatility ${(100 * currentSd).toFixed(3)} % per period (${volSource})`);
          L.push(`  probability within ${horizon}: ${pct(explanation.actual.probability)}`);
          L.push('  term structure:');
          L.push(...termLines(term, false));
          L.push(...explanationLines(explanation));
          L.push(`    baseline volatility: ${baseSource}`);
        }

        if (method === 'garch-t' || method === 'both') {
          const fit = fitGarch(r, { model: garchModel, dist: 't' });
          const initialVariance = volFlag !== undefined ? (volFlag * 100) ** 2 : fit.nextVariance;
          // the baseline is the sample's long-run volatility, as for GBM: the GARCH unconditional
          // variance ω/(1−persistence) explodes for the near-integrated fits typical of crypto prices
          const baseline: LiquidationBaseline = { volatility: baselineVolFlag ?? longRunSd, ltv: baselineLtv, horizon: baselineHorizon };
          const garchLongRun = Number.isFinite(fit.unconditionalVariance) ? Math.sqrt(fit.unconditionalVariance) / 100 : null;
          const common = { ltv, threshold, params: fit.params, model: garchModel, dist: 't' as const, initialVariance, paths, seed, drift };
          const term = garchLiquidationTermStructure({ ...common, horizons });
          const explanation = explainGarchLiquidation({ ...common, horizon }, baseline);
          const atH = term.find((p) => p.horizon === horizon)!;
          const baseSource = baselineVolFlag !== undefined ? '--baseline-vol' : `long-run: sample sd of all ${r.length} returns`;
          doc.garchT = {
            method: `Monte Carlo under ${garchModel === 'gjr' ? 'GJR-' : ''}GARCH(1,1)-t, per-period monitoring with the Broadie-Glasserman-Kou continuity correction`,
            params: fit.params,
            persistence: fit.persistence,
            volatility: Math.sqrt(initialVariance) / 100,
            volatilitySource: volFlag !== undefined ? '--vol' : 'one-step-ahead conditional volatility of the fit',
            unconditionalVolatility: garchLongRun,
            paths,
            seed,
            probability: atH.probability,
            standardError: atH.standardError,
            termStructure: term,
            explanation: { ...explanation, baselineVolatilitySource: baseSource, note: 'each coalition re-simulates the same seeded paths (common random numbers)' },
          };
          L.push('');
          L.push(
            `GARCH(1,1)-t Monte Carlo, ${paths} paths, seed ${seed}: starting volatility ${Math.sqrt(initialVariance).toFixed(3)} % per period, persistence ${fit.persistence.toFixed(4)}, nu ${fit.params.nu?.toFixed(2)}`,
          );
          L.push(`  probability within ${horizon}: ${pct(atH.probability)} (s.e. ${pct(atH.standardError)})`);
          L.push('  term structure:');
          L.push(...termLines(term, true));
          L.push(...explanationLines(explanation));
          L.push(`    baseline volatility: ${baseSource}`);
        }

        if (flags.json) printJson(doc);
        else process.stdout.write(`${L.join('\n')}\n`);
      }),
    );
};
