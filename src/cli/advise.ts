/**
 * `aftershock advise --data FILE --size UNITS ...`: the collateral ratio a lending market should
 * require of a position so that liquidating it leaves bad debt with probability below ε, from the
 * price history's volatility forecast, the liquidity it can be sold into and the delays before a
 * liquidation executes; with the exact Shapley attribution of the ratio to its risk factors.
 * `--size` is in units of the collateral asset (e.g. ETH), not in USD.
 */
import { z } from 'zod';
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice } from './volatilityInput.js';
import { InputError } from '../util/errors.js';
import { readInputFile } from '../util/inputFile.js';
import { assertSafeKeys } from '../util/safeKeys.js';
import { readPriceCsv, parseTime } from '../util/priceCsv.js';
import { parseDuration } from '../scenario/units.js';
import { adviseCollateral, ADVICE_DEFAULTS, type Advice } from '../risk/collateralAdvice.js';
import { REQUIREMENT_FACTORS } from '../risk/collateralRequirement.js';
import type { VenueSpec } from '../risk/slippageAdjustedValue.js';

interface AdviseFlags {
  data: string;
  column?: string;
  allowGaps?: boolean;
  size: string;
  epsilon?: string;
  bonus?: string;
  oracleDelay?: string;
  congestionDelay?: string;
  auctionTime?: string;
  venues?: string;
  depth2pct?: string;
  haircut?: string;
  model?: string;
  lambda?: string;
  nu?: string;
  baselineVol?: string;
  at?: string;
  json?: boolean;
}

const positive = z.number().positive().finite();
const feeBps = z.number().min(0).lt(10_000).optional();
/**
 * The venues file: a JSON array. Depth curves may leave out `mid`; it is then the price at the
 * advice date. Stableswap balances are in a common unit and sell coin i for coin j.
 */
const venueSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant-product'), name: z.string().optional(), reserveAsset: positive, reserveQuote: positive, feeBps }),
  z
    .strictObject({
      kind: z.literal('stableswap'),
      name: z.string().optional(),
      balances: z.array(positive).min(2),
      A: positive,
      feeBps,
      i: z.number().int().min(0),
      j: z.number().int().min(0),
    })
    .refine((v) => v.i !== v.j && v.i < v.balances.length && v.j < v.balances.length, { message: 'i and j must be distinct indices into balances' }),
  z.strictObject({ kind: z.literal('depth-curve'), name: z.string().optional(), mid: positive.optional(), depth2pct: positive }),
]);
const venuesFileSchema = z.array(venueSchema).min(1);
type VenueInput = z.infer<typeof venueSchema>;

function readVenues(file: string): VenueInput[] {
  const text = readInputFile(file, 'data');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON: ${(err as Error).message}`, file);
  }
  assertSafeKeys(json, file);
  const parsed = venuesFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new InputError(issue.message, file, undefined, field || undefined);
  }
  return parsed.data;
}

function durationFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = parseDuration(value);
  if (!Number.isFinite(s) || s < 0) throw new InputError(`expected a duration such as 90 (seconds), 30m, 1h or 1d, got ${JSON.stringify(value)}`, undefined, undefined, `--${name}`);
  return s;
}

const pct = (x: number, d = 2) => `${(100 * x).toFixed(d)} %`;

function formatDuration(s: number): string {
  if (s === 0) return '0s';
  const parts: string[] = [];
  for (const [u, name] of [
    [86400, 'd'],
    [3600, 'h'],
    [60, 'm'],
    [1, 's'],
  ] as [number, string][]) {
    const k = Math.floor(s / u);
    if (k > 0) {
      parts.push(`${k}${name}`);
      s -= k * u;
    }
  }
  return parts.join(' ');
}

const FACTOR_LABEL: Record<string, string> = {
  volatility: 'volatility',
  liquidity: 'liquidity (slippage)',
  oracleDelay: 'oracle delay',
  congestion: 'congestion delay',
  bonus: 'liquidation bonus',
};

function printAdvice(a: Advice, source: string): void {
  const date = new Date(a.time * 1000).toISOString().replace('T00:00:00.000Z', '').replace('.000Z', 'Z');
  const v = a.volatility;
  const per = v.periodSeconds === 86400 ? 'day' : formatDuration(v.periodSeconds);
  const w = a.window;
  const lines = [
    `collateral advice for ${a.size} units at ${date} (price ${a.price}, position ${a.positionValue.toFixed(2)}), data ${source}`,
    '',
    `required collateral ratio   ${a.ratio.toFixed(4)}   (${pct(a.ratio, 1)} of the debt)`,
    `liquidation threshold       ${pct(a.liquidationThreshold)}   (max LTV before liquidation must be under way = 1/ratio)`,
    '',
    `P(bad debt) below           ${pct(a.epsilon, 3)}${a.nu === null ? ', normal log returns' : `, Student-t log returns (ν = ${a.nu})`}`,
    `liquidation window τ        ${formatDuration(w.total)} = oracle ${formatDuration(w.oracleDelay)} + congestion ${formatDuration(w.congestionDelay)} + auction ${formatDuration(w.auctionTime)}`,
    `volatility (${v.model})${' '.repeat(Math.max(1, 16 - v.model.length))}${pct(v.volatilityPerPeriod)} per ${per} (${pct(v.annualizedVolatility, 1)} a year); over τ: ${pct(v.sigmaTau, 3)}`,
    `slippage haircut            ${pct(a.liquidity.haircut, 3)}${a.liquidity.source === 'venues' ? ` selling ${a.size} units on ${a.liquidity.sale!.split.length} venue(s)` : a.liquidity.source === 'given' ? ' (given)' : ' (no liquidity given)'}`,
    `liquidation bonus           ${pct(a.bonus)}`,
  ];
  if (a.liquidity.sale && a.liquidity.sale.split.length > 1) {
    for (const f of a.liquidity.sale.split) lines.push(`    ${f.name.padEnd(24)} ${f.size.toPrecision(6).padStart(14)} units at ${f.averagePrice.toPrecision(6)}`);
  }
  lines.push('');
  lines.push(`why (exact Shapley values; baseline ratio ${a.baseline.ratio.toFixed(4)} with calm volatility ${pct(a.baseline.volatilityPerPeriod)} per ${per}`);
  lines.push(`     [${a.baseline.varianceSource}], no slippage, no oracle or congestion delay, no bonus):`);
  for (const f of REQUIREMENT_FACTORS) {
    const c = a.explanation.contributions[f];
    lines.push(`  ${FACTOR_LABEL[f].padEnd(24)} ${(c >= 0 ? '+' : '') + c.toFixed(4)}`);
  }
  lines.push(`  ${'total'.padEnd(24)} ${(a.ratio - a.baseline.ratio >= 0 ? '+' : '') + (a.ratio - a.baseline.ratio).toFixed(4)}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const register: Register = (program) => {
  program
    .command('advise')
    .description('recommend a collateral ratio (and liquidation threshold) from volatility, liquidity and liquidation delays, with a Shapley explanation')
    .requiredOption('--data <file>', 'CSV file of prices of the collateral in the debt unit (date/timestamp + price/close)')
    .requiredOption('--size <units>', 'position size in units of the collateral asset (e.g. ETH, not USD)')
    .option('--column <name>', 'price column (default: price, adj close or close)')
    .option('--allow-gaps', 'accept intervals longer than 1.5x the median interval')
    .option('--epsilon <p>', `tolerated probability of bad debt (default ${ADVICE_DEFAULTS.epsilon})`)
    .option('--bonus <b>', `liquidation bonus as a fraction (default ${ADVICE_DEFAULTS.bonus})`)
    .option('--oracle-delay <duration>', 'oracle delay: seconds, or 30m, 1h, 1d (default 1h)')
    .option('--congestion-delay <duration>', 'extra delay from block congestion (default 0)')
    .option('--auction-time <duration>', 'auction / keeper reaction time (default 10m)')
    .option(
      '--venues <file.json>',
      'JSON array of venues: {kind:"constant-product",reserveAsset,reserveQuote,feeBps?} | {kind:"stableswap",balances,A,i,j,feeBps?} | {kind:"depth-curve",depth2pct,mid?}',
    )
    .option('--depth2pct <quote>', 'order-book depth within 2 % of the mid, in the price unit (e.g. USD); mid = the price at --at')
    .option('--haircut <h>', 'slippage haircut given directly, as a fraction (instead of --venues/--depth2pct)')
    .option('--model <m>', 'volatility model: ewma | garch (default ewma)')
    .option('--lambda <x>', 'EWMA decay (default 0.94)')
    .option('--nu <dof>', 'Student-t degrees of freedom (> 2) for fat-tailed moves over the window')
    .option('--baseline-vol <sd>', 'calm volatility per observation period for the explanation baseline (default: 10th percentile of the history)')
    .option('--at <date>', 'advise as of this date (YYYY-MM-DD or ISO time): the last price at or before it (default: the last price)')
    .option('--json', 'print one JSON document')
    .action(
      action(async (flags: AdviseFlags) => {
        const size = numberFlag('size', flags.size)!;
        if (!(size > 0)) throw new InputError(`expected a positive number of collateral units, got ${JSON.stringify(flags.size)}`, undefined, undefined, '--size');
        const epsilon = numberFlag('epsilon', flags.epsilon, { min: 0, max: 0.5 });
        if (epsilon !== undefined && !(epsilon > 0 && epsilon < 0.5))
          throw new InputError(`expected a probability strictly between 0 and 0.5, got ${flags.epsilon}`, undefined, undefined, '--epsilon');
        const bonus = numberFlag('bonus', flags.bonus, { min: 0, max: 10 });
        const haircut = numberFlag('haircut', flags.haircut, { min: 0, max: 0.999 });
        const lambda = numberFlag('lambda', flags.lambda, { min: 0, max: 1 });
        if (lambda !== undefined && !(lambda > 0 && lambda < 1)) throw new InputError(`expected a number strictly between 0 and 1, got ${flags.lambda}`, undefined, undefined, '--lambda');
        const nu = numberFlag('nu', flags.nu, { min: 0 });
        if (nu !== undefined && !(nu > 2)) throw new InputError(`expected degrees of freedom above 2, got ${flags.nu}`, undefined, undefined, '--nu');
        const baselineVol = numberFlag('baseline-vol', flags.baselineVol, { min: 0 });
        const depth2pct = numberFlag('depth2pct', flags.depth2pct, { min: 0 });
        if (depth2pct !== undefined && !(depth2pct > 0)) throw new InputError('expected a positive quote volume', undefined, undefined, '--depth2pct');
        const model = flags.model === undefined ? undefined : checkChoice('--model', flags.model, ['ewma', 'garch'] as const);
        if (lambda !== undefined && model === 'garch') throw new InputError('only the ewma model takes --lambda', undefined, undefined, '--lambda');
        const oracleDelay = durationFlag('oracle-delay', flags.oracleDelay);
        const congestionDelay = durationFlag('congestion-delay', flags.congestionDelay);
        const auctionTime = durationFlag('auction-time', flags.auctionTime);
        const liquidityFlags = [flags.venues, flags.depth2pct, flags.haircut].filter((x) => x !== undefined).length;
        if (liquidityFlags === 0) throw new InputError('say how liquid the collateral is: --venues FILE.json, --depth2pct QUOTE or --haircut H', undefined, undefined, '--venues');
        if (flags.haircut !== undefined && liquidityFlags > 1) throw new InputError('--haircut replaces --venues and --depth2pct; give one or the other', undefined, undefined, '--haircut');
        let at: number | undefined;
        let atStart = Number.NaN;
        if (flags.at !== undefined) {
          at = parseTime(flags.at);
          atStart = at;
          if (!Number.isFinite(at)) throw new InputError(`expected a date such as 2020-03-13 or an ISO time, got ${JSON.stringify(flags.at)}`, undefined, undefined, '--at');
          // a bare date means the whole of that day
          if (/^\d{4}-\d{2}-\d{2}$/.test(flags.at.trim())) at += 86399;
        }

        const series = readPriceCsv(flags.data, { column: flags.column, allowGaps: flags.allowGaps });
        const venueInputs = flags.venues !== undefined ? readVenues(flags.venues) : [];
        // the price at the advice date fills in missing depth-curve mids
        let idx = series.prices.length - 1;
        if (at !== undefined) while (idx >= 0 && series.times[idx] > at) idx--;
        if (idx < 0) throw new InputError(`${flags.at} is before the first price in the file`, flags.data, undefined, '--at');
        // advice "as of" a date past the data would silently be advice as of its last price; one
        // sampling interval past the last row is still current (an hourly file read at 10:30)
        const n = series.times.length;
        const lastInterval = n > 1 ? series.times[n - 1] - series.times[n - 2] : 0;
        if (atStart > series.times[n - 1] + lastInterval) {
          throw new InputError(
            `expected a date within the data, which ends at ${new Date(series.times[n - 1] * 1000).toISOString().replace('.000Z', 'Z')}, got ${flags.at}`,
            flags.data,
            undefined,
            '--at',
          );
        }
        const price = series.prices[idx];
        const venues: VenueSpec[] = venueInputs.map((v) => (v.kind === 'depth-curve' ? { ...v, mid: v.mid ?? price } : v));
        if (depth2pct !== undefined) venues.push({ kind: 'depth-curve', mid: price, depth2pct, name: 'order book (--depth2pct)' });

        let advice: Advice;
        try {
          advice = adviseCollateral({
            times: series.times,
            prices: series.prices,
            at,
            size,
            venues,
            haircut,
            epsilon,
            bonus,
            oracleDelay,
            congestionDelay,
            auctionTime,
            model,
            lambda,
            nu,
            baselineVariance: baselineVol === undefined ? undefined : baselineVol * baselineVol,
          });
        } catch (err) {
          // the only range errors left are about the data (too short before --at) or the venues' numbers
          if (err instanceof RangeError) throw new InputError(err.message, flags.venues && /venue|reserve|balance|stableswap|depth/i.test(err.message) ? flags.venues : flags.data);
          throw err;
        }
        if (flags.json) {
          printJson({
            command: 'advise',
            data: flags.data,
            column: series.column,
            date: new Date(advice.time * 1000).toISOString(),
            sizeUnits: 'collateral asset units',
            ...advice,
            maxLtv: advice.liquidationThreshold,
            factors: REQUIREMENT_FACTORS,
          });
        } else {
          printAdvice(advice, `${flags.data} (column ${series.column})`);
        }
      }),
    );
};
