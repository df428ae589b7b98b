/**
 * `aftershock smile --data FILE.csv --model garch-t`: fits a volatility model to the prices in FILE
 * with the existing models (GARCH(1,1) or GJR-GARCH(1,1), Student-t or normal, by models/garch.ts;
 * or Heston–Nandi by its likelihood), prices out-of-the-money options across strikes under it
 * (Monte Carlo with Duan's locally risk-neutral valuation for GARCH, the closed form for
 * Heston–Nandi) and prints each price's Black–Scholes implied volatility: the model's smile.
 */
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice, describeSeries } from './volatilityInput.js';
import { finiteFlag, loadPriceReturns, periodsPerYearOf, positiveFlag, wholePeriods } from './optionFlags.js';
import { InputError } from '../util/errors.js';
import { fitGarch } from '../models/garch.js';
import { fitHestonNandi } from '../models/options/hestonNandiFit.js';
import { garchSmile, hestonNandiSmile, strikesAt, type SmilePoint } from '../models/options/smile.js';

const MODELS = ['garch-t', 'gjr-t', 'garch-normal', 'gjr-normal', 'hn-garch'] as const;
const DEFAULT_MONEYNESS = '0.6,0.7,0.8,0.9,0.95,1,1.05,1.1,1.2,1.4,1.6';

interface SmileFlags {
  data: string;
  model?: string;
  expiry?: string;
  moneyness?: string;
  spot?: string;
  rate?: string;
  paths?: string;
  seed?: string;
  truncation?: string;
  periodsPerYear?: string;
  column?: string;
  allowGaps?: boolean;
  json?: boolean;
}

function parseMoneyness(value: string): number[] {
  const items = value.split(',').map((s) => s.trim());
  const out = items.map(Number);
  if (items.some((s) => s === '' || !/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) || out.some((x) => !(x > 0 && x <= 100))) {
    throw new InputError(
      `expected a comma-separated list of strikes as multiples of the forward (e.g. 0.8,1,1.2), each in (0, 100], got ${JSON.stringify(value)}`,
      undefined,
      undefined,
      '--moneyness',
    );
  }
  return [...new Set(out)].sort((a, b) => a - b);
}

const fmt = (x: number, digits = 5) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x));

export const register: Register = (program) => {
  program
    .command('smile')
    .description("a volatility model's smile: fit it to a price file, price options across strikes under it, print their Black–Scholes implied volatilities")
    .requiredOption('--data <file>', 'CSV file of prices (timestamp/date + price/close)')
    .option('--model <m>', `${MODELS.join(' | ')} (default garch-t)`)
    .option('--expiry <years>', 'time to expiry in years, a whole number of data periods (default: 30 periods, 30 days for daily data)')
    .option('--moneyness <list>', `strikes as multiples of the forward (default ${DEFAULT_MONEYNESS})`)
    .option('--spot <S>', 'price of the underlying (default 100: the smile does not depend on it)')
    .option('--rate <r>', 'continuously compounded risk-free rate (default 0)')
    .option('--paths <n>', 'Monte Carlo paths for GARCH models (default 20000)')
    .option('--seed <s>', 'seed of the Monte Carlo (default 1)')
    .option('--truncation <c>', 'truncation of Student-t innovations in standard deviations (default 20)')
    .option('--periods-per-year <n>', 'periods of the model in a year (default: the data frequency, 365 for daily data)')
    .option('--column <name>', 'price column to read')
    .option('--allow-gaps', 'accept gaps in the time column')
    .option('--json', 'print one JSON document')
    .action(
      action((f: SmileFlags) => {
        const model = checkChoice('--model', f.model ?? 'garch-t', MODELS);
        if (model === 'hn-garch') {
          for (const [key, flag] of [
            ['paths', '--paths'],
            ['seed', '--seed'],
            ['truncation', '--truncation'],
          ] as const) {
            if (f[key] !== undefined) throw new InputError('applies to the Monte Carlo of GARCH models, not to the closed form of hn-garch', undefined, undefined, flag);
          }
        }
        const moneyness = parseMoneyness(f.moneyness ?? DEFAULT_MONEYNESS);
        const spot = f.spot === undefined ? 100 : positiveFlag('spot', f.spot);
        const rate = finiteFlag('rate', f.rate, 0);
        const paths = numberFlag('paths', f.paths ?? '20000', { min: 2, max: 10_000_000, integer: true })!;
        const seed = numberFlag('seed', f.seed ?? '1', { min: 0, integer: true })!;
        const truncation = f.truncation === undefined ? undefined : positiveFlag('truncation', f.truncation);
        const series = loadPriceReturns({ data: f.data, column: f.column, allowGaps: f.allowGaps });
        const ppy = periodsPerYearOf(f.periodsPerYear, series);
        const n = f.expiry === undefined ? 30 : wholePeriods(positiveFlag('expiry', f.expiry, 'a positive number of years'), ppy);
        const market = { spot, expiry: n / ppy, rate, periodsPerYear: ppy };
        const strikes = strikesAt(market, moneyness);
        let points: SmilePoint[];
        let cappedPaths = 0;
        let modelDoc: Record<string, unknown>;
        let title: string;
        try {
          if (model === 'hn-garch') {
            const fit = fitHestonNandi(
              Array.from(series.returns, (r) => r / 100),
              { ratePerPeriod: rate / ppy },
            );
            points = hestonNandiSmile(fit.params, { ...market, variance: fit.nextVariance }, strikes);
            modelDoc = { name: model, params: fit.params, loglik: fit.loglik, persistence: fit.persistence, nextVariance: fit.nextVariance, converged: fit.converged };
            title = `Heston–Nandi GARCH fitted by maximum likelihood (closed-form prices)`;
          } else {
            const [volModel, dist] = model.split('-') as ['garch' | 'gjr', 't' | 'normal'];
            const fit = fitGarch(series.returns, { model: volModel, dist, stderr: 'none' });
            const r = garchSmile({ params: fit.params, model: volModel, dist, variance: fit.nextVariance }, market, strikes, { paths, seed, truncation });
            points = r.points;
            cappedPaths = r.cappedPaths;
            modelDoc = { name: model, params: fit.params, loglik: fit.loglik, persistence: fit.persistence, nextVariance: fit.nextVariance, atBound: fit.atBound };
            title = `${volModel === 'gjr' ? 'GJR-GARCH(1,1)' : 'GARCH(1,1)'}-${dist} fitted by maximum likelihood; ${paths} Monte Carlo paths (seed ${seed}), Duan's locally risk-neutral valuation`;
          }
        } catch (err) {
          if (err instanceof RangeError) throw new InputError(err.message, series.file);
          throw err;
        }
        if (f.json) {
          printJson({ model: modelDoc, spot, rate, periods: n, periodsPerYear: ppy, expiry: n / ppy, forward: spot * Math.exp(rate * (n / ppy)), cappedPaths, points });
          return;
        }
        const L = [title, `data: ${describeSeries(series)}`, `expiry ${n} periods (${fmt(n / ppy)} years at ${ppy} a year), spot ${fmt(spot)}, rate ${fmt(rate)}`, ''];
        L.push(`${'K/F'.padEnd(8)}${'strike'.padStart(10)}${'option'.padStart(8)}${'price'.padStart(12)}${'± s.e.'.padStart(10)}${'implied vol'.padStart(13)}${'± s.e.'.padStart(9)}`);
        for (const p of points) {
          const iv = p.iv === null ? 'none' : `${(100 * p.iv).toFixed(2)} %`;
          const ivSe = p.ivStderr === null ? '' : `${(100 * p.ivStderr).toFixed(2)}`;
          L.push(
            `${fmt(p.moneyness, 4).padEnd(8)}${fmt(p.strike, 6).padStart(10)}${p.type.padStart(8)}${fmt(p.price, 5).padStart(12)}${(model === 'hn-garch' ? '' : fmt(p.stderr, 2)).padStart(10)}${iv.padStart(13)}${ivSe.padStart(9)}`,
          );
        }
        if (points.some((p) => p.iv === null)) L.push('', 'none: the price is at its no-arbitrage bound (too few paths reach that strike; raise --paths)');
        if (cappedPaths > 0) L.push('', `${cappedPaths} path(s) reached the variance cap of 100 % a period`);
        process.stdout.write(`${L.join('\n')}\n`);
      }),
    );
};
