/**
 * `aftershock price <bsm|black76|inverse|hn-garch|garch-mc> …`: the price and Greeks of a European
 * option under generalised Black–Scholes–Merton (carry b, default the rate), Black-76 on a forward,
 * an inverse (coin-settled) option in coin and in dollars, the Heston–Nandi GARCH closed form (its
 * parameters given, or fitted by likelihood to a price file), or a Monte Carlo under the project's
 * GARCH models with Duan's locally risk-neutral valuation (given, or fitted to a price file; with a
 * standard error). `--json` prints { price, delta, gamma, vega, theta, rho } (plus stderr and the
 * model where there is one).
 */
import type { Register } from './program.js';
import { action, numberFlag, printJson } from './common.js';
import { checkChoice, describeSeries } from './volatilityInput.js';
import { finiteFlag, loadPriceReturns, onlyFor, optionType, periodsPerYearOf, positiveFlag, wholePeriods } from './optionFlags.js';
import { InputError } from '../util/errors.js';
import { bsm, type Greeks } from '../models/options/blackScholes.js';
import { black76 } from '../models/options/black76.js';
import { inverseOption } from '../models/options/inverse.js';
import { hestonNandi, hestonNandiPersistence, type HestonNandiParams } from '../models/options/hestonNandi.js';
import { fitHestonNandi } from '../models/options/hestonNandiFit.js';
import { garchMonteCarlo, type GarchPricingModel } from '../models/options/garchMc.js';
import { fitGarch, type GarchParams } from '../models/garch.js';

const MODELS = ['bsm', 'black76', 'inverse', 'hn-garch', 'garch-mc'] as const;
type Model = (typeof MODELS)[number];

export interface PriceFlags {
  type?: string;
  strike?: string;
  expiry?: string;
  rate?: string;
  carry?: string;
  spot?: string;
  forward?: string;
  vol?: string;
  data?: string;
  column?: string;
  allowGaps?: boolean;
  omega?: string;
  alpha?: string;
  beta?: string;
  gamma?: string;
  lambda?: string;
  mu?: string;
  nu?: string;
  variance?: string;
  dist?: string;
  volModel?: string;
  paths?: string;
  seed?: string;
  truncation?: string;
  periodsPerYear?: string;
  json?: boolean;
}

const CONTRACT = ['type', 'strike', 'expiry', 'rate', 'json'];
const DATA = ['data', 'column', 'allowGaps', 'periodsPerYear'];
const ALLOWED: Record<Model, string[]> = {
  bsm: [...CONTRACT, 'spot', 'vol', 'carry'],
  black76: [...CONTRACT, 'forward', 'vol'],
  inverse: [...CONTRACT, 'spot', 'vol', 'carry'],
  'hn-garch': [...CONTRACT, 'spot', ...DATA, 'omega', 'alpha', 'beta', 'gamma', 'lambda', 'variance', 'vol'],
  'garch-mc': [...CONTRACT, 'spot', ...DATA, 'mu', 'omega', 'alpha', 'beta', 'gamma', 'nu', 'variance', 'vol', 'dist', 'volModel', 'paths', 'seed', 'truncation'],
};

const fmt = (x: number, digits = 7) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x));

/** The Greeks as printed: values, and the units a trader reads them in. */
export function greeksLines(g: Greeks, currency = ''): string[] {
  const c = currency ? ` ${currency}` : '';
  return [
    `price   ${fmt(g.price)}${c}`,
    `delta   ${fmt(g.delta)}`,
    `gamma   ${fmt(g.gamma)}`,
    `vega    ${fmt(g.vega)}${c} per unit of volatility (${fmt(g.vega / 100)} per volatility point)`,
    `theta   ${fmt(g.theta)}${c} per year (${fmt(g.theta / 365)} per day)`,
    `rho     ${fmt(g.rho)}${c} per unit of rate (${fmt(g.rho / 1e4)} per basis point)`,
  ];
}

const greeksOf = (g: Greeks) => ({ price: g.price, delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, rho: g.rho });

/** Turns a library RangeError (an input the checks above let through) into bad input. */
function asInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(err.message);
    throw err;
  }
}

function hnParamsFromFlags(f: PriceFlags): HestonNandiParams | null {
  const names = ['omega', 'alpha', 'beta', 'gamma', 'lambda'] as const;
  const given = names.filter((n) => f[n] !== undefined);
  if (given.length === 0) return null;
  if (given.length < names.length) {
    const missing = names.filter((n) => f[n] === undefined).map((n) => `--${n}`);
    throw new InputError(`Heston–Nandi needs all of --omega --alpha --beta --gamma --lambda (or --data to fit them); missing ${missing.join(', ')}`, undefined, undefined, missing[0]);
  }
  const p = {} as HestonNandiParams;
  for (const n of names) p[n] = numberFlag(n, f[n])!;
  for (const n of ['omega', 'alpha', 'beta'] as const) if (!(p[n] >= 0)) throw new InputError(`expected a number >= 0, got ${JSON.stringify(f[n])}`, undefined, undefined, `--${n}`);
  return p;
}

function priceHn(f: PriceFlags, lines: string[]): Record<string, unknown> {
  const given = hnParamsFromFlags(f);
  if (given && f.data) throw new InputError('give either the model parameters or --data to fit them, not both', undefined, undefined, '--data');
  if (!given && !f.data)
    throw new InputError('expected --data FILE.csv (prices to fit the model to) or the parameters --omega --alpha --beta --gamma --lambda with --variance or --vol', undefined, undefined, '--data');
  const series = f.data ? loadPriceReturns({ data: f.data, column: f.column, allowGaps: f.allowGaps }) : null;
  const ppy = periodsPerYearOf(f.periodsPerYear, series);
  const expiry = positiveFlag('expiry', f.expiry, 'a positive number of years');
  const n = wholePeriods(expiry, ppy);
  const rate = finiteFlag('rate', f.rate, 0);
  let params: HestonNandiParams;
  let variance: number;
  const model: Record<string, unknown> = {};
  if (series) {
    if (f.variance !== undefined || f.vol !== undefined)
      throw new InputError(
        'the fitted model starts from its own next-period variance; --variance and --vol apply to given parameters',
        undefined,
        undefined,
        f.variance !== undefined ? '--variance' : '--vol',
      );
    const fit = asInput(() =>
      fitHestonNandi(
        Array.from(series.returns, (r) => r / 100),
        { ratePerPeriod: rate / ppy },
      ),
    );
    params = fit.params;
    variance = fit.nextVariance;
    Object.assign(model, { fitted: true, params, loglik: fit.loglik, n: fit.n, persistence: fit.persistence, nextVariance: variance, converged: fit.converged });
    lines.push(`Heston–Nandi GARCH fitted by maximum likelihood to ${describeSeries(series)}`);
    lines.push(`  omega ${fmt(params.omega)}  alpha ${fmt(params.alpha)}  beta ${fmt(params.beta)}  gamma ${fmt(params.gamma)}  lambda ${fmt(params.lambda)}`);
    lines.push(
      `  persistence ${fmt(fit.persistence, 5)}, log-likelihood ${fit.loglik.toFixed(2)}, next-period variance ${fmt(variance, 5)}${fit.converged ? '' : ' (warning: the optimiser did not meet its convergence test)'}`,
    );
  } else {
    params = given!;
    if ((f.variance === undefined) === (f.vol === undefined))
      throw new InputError('expected one of --variance (next-period variance of log returns) or --vol (its annualised volatility)', undefined, undefined, '--variance');
    variance = f.variance !== undefined ? positiveFlag('variance', f.variance) : positiveFlag('vol', f.vol) ** 2 / ppy;
    Object.assign(model, { fitted: false, params, persistence: hestonNandiPersistence(params), nextVariance: variance });
    lines.push(`Heston–Nandi GARCH, parameters given (persistence ${fmt(hestonNandiPersistence(params), 5)}), next-period variance ${fmt(variance, 5)}`);
  }
  const type = optionType(f.type);
  const spot = positiveFlag('spot', f.spot);
  const strike = positiveFlag('strike', f.strike);
  const g = asInput(() => hestonNandi({ type, spot, strike, expiry: n / ppy, rate, variance, periodsPerYear: ppy }, params));
  lines.push(`${type}: S ${fmt(spot)}, K ${fmt(strike)}, ${n} periods (${fmt(n / ppy, 5)} years at ${ppy} a year), r ${fmt(rate)}`);
  lines.push(...greeksLines(g));
  lines.push('(vega: per unit of the annualised next-period volatility; gamma, vega, theta, rho: differences of the closed form)');
  return { ...greeksOf(g), model: { name: 'hn-garch', periods: n, periodsPerYear: ppy, ...model } };
}

function priceGarchMc(f: PriceFlags, lines: string[]): Record<string, unknown> {
  const paramNames = ['mu', 'omega', 'alpha', 'beta', 'gamma', 'nu', 'variance', 'vol'] as const;
  const givenParams = paramNames.filter((n) => f[n] !== undefined);
  if (givenParams.length > 0 && f.data) throw new InputError('give either the model parameters or --data to fit them, not both', undefined, undefined, `--${givenParams[0]}`);
  if (givenParams.length === 0 && !f.data)
    throw new InputError('expected --data FILE.csv (prices to fit the model to) or the parameters --omega --alpha --beta [--mu --gamma --nu] with --variance or --vol', undefined, undefined, '--data');
  const volModel = checkChoice('--vol-model', f.volModel ?? 'garch', ['garch', 'gjr'] as const);
  const series = f.data ? loadPriceReturns({ data: f.data, column: f.column, allowGaps: f.allowGaps }) : null;
  const ppy = periodsPerYearOf(f.periodsPerYear, series);
  const expiry = positiveFlag('expiry', f.expiry, 'a positive number of years');
  const n = wholePeriods(expiry, ppy);
  const paths = numberFlag('paths', f.paths ?? '20000', { min: 2, max: 10_000_000, integer: true })!;
  const seed = numberFlag('seed', f.seed ?? '1', { min: 0, integer: true })!;
  const truncation = f.truncation === undefined ? undefined : positiveFlag('truncation', f.truncation);
  let m: GarchPricingModel;
  const model: Record<string, unknown> = {};
  if (series) {
    const dist = checkChoice('--dist', f.dist ?? 't', ['normal', 't'] as const);
    const fit = asInput(() => fitGarch(series.returns, { model: volModel, dist, stderr: 'none' }));
    m = { params: fit.params, model: volModel, dist, variance: fit.nextVariance };
    Object.assign(model, { fitted: true, params: fit.params, loglik: fit.loglik, persistence: fit.persistence, nextVariance: fit.nextVariance, atBound: fit.atBound });
    lines.push(`${volModel === 'gjr' ? 'GJR-GARCH(1,1)' : 'GARCH(1,1)'}-${dist === 't' ? 't' : 'normal'} fitted to ${describeSeries(series)}`);
    const shown = Object.entries(fit.params).map(([k, v]) => `${k} ${fmt(v as number, 5)}`);
    lines.push(`  ${shown.join('  ')} (percentage returns); next-period variance ${fmt(fit.nextVariance, 5)}`);
  } else {
    const dist = checkChoice('--dist', f.dist ?? (f.nu !== undefined ? 't' : 'normal'), ['normal', 't'] as const);
    const params: GarchParams = {
      mu: numberFlag('mu', f.mu) ?? 0,
      omega: numberFlag('omega', f.omega, { min: 0 }) ?? NaN,
      alpha: numberFlag('alpha', f.alpha, { min: 0 }) ?? NaN,
      beta: numberFlag('beta', f.beta, { min: 0 }) ?? NaN,
    };
    for (const k of ['omega', 'alpha', 'beta'] as const)
      if (Number.isNaN(params[k])) throw new InputError('expected a number >= 0, got nothing (the flag is required with given parameters)', undefined, undefined, `--${k}`);
    if (volModel === 'gjr') params.gamma = numberFlag('gamma', f.gamma) ?? 0;
    else if (f.gamma !== undefined) throw new InputError('the leverage term applies to --vol-model gjr', undefined, undefined, '--gamma');
    if (dist === 't') params.nu = numberFlag('nu', f.nu) ?? NaN;
    if (dist === 't' && !(params.nu! > 2))
      throw new InputError(`expected the degrees of freedom of the Student-t, a number > 2, got ${f.nu === undefined ? 'nothing' : JSON.stringify(f.nu)}`, undefined, undefined, '--nu');
    if (dist === 'normal' && f.nu !== undefined) throw new InputError('degrees of freedom apply to --dist t', undefined, undefined, '--nu');
    if ((f.variance === undefined) === (f.vol === undefined))
      throw new InputError('expected one of --variance (next-period variance of percentage returns) or --vol (its annualised volatility as a fraction)', undefined, undefined, '--variance');
    const variance = f.variance !== undefined ? positiveFlag('variance', f.variance) : (100 * positiveFlag('vol', f.vol)) ** 2 / ppy;
    m = { params, model: volModel, dist, variance };
    Object.assign(model, { fitted: false, params, nextVariance: variance });
    lines.push(`${volModel === 'gjr' ? 'GJR-GARCH(1,1)' : 'GARCH(1,1)'}-${dist === 't' ? 't' : 'normal'}, parameters given (percentage returns), next-period variance ${fmt(variance, 5)}`);
  }
  const type = optionType(f.type);
  const spot = positiveFlag('spot', f.spot);
  const strike = positiveFlag('strike', f.strike);
  const rate = finiteFlag('rate', f.rate, 0);
  const r = asInput(() => garchMonteCarlo({ type, spot, strike, expiry: n / ppy, rate, periodsPerYear: ppy }, m, { paths, seed, truncation }));
  lines.push(
    `${type}: S ${fmt(spot)}, K ${fmt(strike)}, ${n} periods (${fmt(n / ppy, 5)} years at ${ppy} a year), r ${fmt(rate)}; ${paths} paths, seed ${seed}, Duan's locally risk-neutral valuation`,
  );
  lines.push(...greeksLines(r));
  lines.push(
    `standard errors: price ${fmt(r.stderr, 3)}, delta ${fmt(r.greekStderr.delta, 3)}, gamma ${fmt(r.greekStderr.gamma, 3)}, vega ${fmt(r.greekStderr.vega, 3)}, theta ${fmt(r.greekStderr.theta, 3)}, rho ${fmt(r.greekStderr.rho, 3)}`,
  );
  if (r.cappedPaths > 0) lines.push(`${r.cappedPaths} path(s) reached the variance cap of 100 % a period (see garchMc.ts)`);
  return {
    ...greeksOf(r),
    stderr: r.stderr,
    greekStderr: r.greekStderr,
    paths,
    seed,
    cappedPaths: r.cappedPaths,
    model: { name: 'garch-mc', volModel, dist: m.dist, periods: n, periodsPerYear: ppy, ...model },
  };
}

export function priceCommand(modelArg: string, f: PriceFlags): void {
  const model = checkChoice('model', modelArg, MODELS);
  const { json: _json, ...given } = f;
  onlyFor(model, given, ALLOWED[model]);
  const lines: string[] = [];
  let doc: Record<string, unknown>;
  if (model === 'hn-garch') doc = priceHn(f, lines);
  else if (model === 'garch-mc') doc = priceGarchMc(f, lines);
  else {
    const type = optionType(f.type);
    const strike = positiveFlag('strike', f.strike);
    const expiry = positiveFlag('expiry', f.expiry, 'a positive number of years');
    const rate = finiteFlag('rate', f.rate, 0);
    const vol = positiveFlag('vol', f.vol, 'a positive annualised volatility (0.6 for 60 %)');
    if (model === 'black76') {
      const forward = positiveFlag('forward', f.forward);
      const g = black76({ type, forward, strike, expiry, rate, vol });
      lines.push(`Black-76 ${type} on a forward: F ${fmt(forward)}, K ${fmt(strike)}, T ${fmt(expiry)} years, r ${fmt(rate)}, vol ${fmt(vol)}`);
      lines.push(...greeksLines(g));
      doc = greeksOf(g);
    } else {
      const spot = positiveFlag('spot', f.spot);
      const carry = numberFlag('carry', f.carry);
      const input = { type, spot, strike, expiry, rate, vol, carry };
      if (model === 'bsm') {
        const g = bsm(input);
        lines.push(
          `Black–Scholes–Merton ${type}: S ${fmt(spot)}, K ${fmt(strike)}, T ${fmt(expiry)} years, r ${fmt(rate)}, carry ${fmt(carry ?? rate)}${carry === undefined ? ' (the rate)' : ''}, vol ${fmt(vol)}`,
        );
        lines.push(...greeksLines(g));
        doc = greeksOf(g);
      } else {
        const g = inverseOption(input);
        lines.push(`inverse (coin-settled) ${type}: S ${fmt(spot)} USD, K ${fmt(strike)}, T ${fmt(expiry)} years, r ${fmt(rate)}, carry ${fmt(carry ?? rate)}, vol ${fmt(vol)}`);
        lines.push('in coin (delta: the position in coins, N(d1) - C/S for a call):');
        lines.push(...greeksLines(g.coin, 'coin').map((l) => `  ${l}`));
        lines.push('in USD (the linear option):');
        lines.push(...greeksLines(g.usd, 'USD').map((l) => `  ${l}`));
        doc = { ...greeksOf(g.coin), currency: 'coin', usd: greeksOf(g.usd) };
      }
    }
  }
  if (f.json) printJson(doc);
  else process.stdout.write(`${lines.join('\n')}\n`);
}

export const register: Register = (program) => {
  program
    .command('price')
    .description('price a European option and its Greeks: bsm, black76, inverse (coin-settled), hn-garch (Heston–Nandi closed form), garch-mc (GARCH Monte Carlo, Duan)')
    .argument('<model>', MODELS.join(' | '))
    .option('--type <type>', 'call | put (default call)')
    .option('--strike <K>', 'strike price')
    .option('--expiry <years>', 'time to expiry in years (hn-garch and garch-mc: a whole number of the data periods)')
    .option('--rate <r>', 'continuously compounded risk-free rate (default 0)')
    .option('--spot <S>', 'price of the underlying (bsm, inverse, hn-garch, garch-mc)')
    .option('--forward <F>', 'forward or futures price (black76)')
    .option('--vol <sigma>', 'annualised volatility (bsm, black76, inverse; hn-garch and garch-mc: of the next period, with given parameters)')
    .option('--carry <b>', 'cost of carry b (bsm, inverse; default: the rate)')
    .option('--data <file>', 'hn-garch, garch-mc: price CSV to fit the model to')
    .option('--column <name>', 'price column of --data')
    .option('--allow-gaps', 'accept gaps in the time column of --data')
    .option('--periods-per-year <n>', 'hn-garch, garch-mc: periods of the model in a year (default: the data frequency, else 365)')
    .option('--omega <w>', 'hn-garch: ω (log-return fractions); garch-mc: ω (percentage returns)')
    .option('--alpha <a>', 'hn-garch, garch-mc: α')
    .option('--beta <b>', 'hn-garch, garch-mc: β')
    .option('--gamma <g>', 'hn-garch: γ (asymmetry); garch-mc with --vol-model gjr: the leverage term')
    .option('--lambda <l>', 'hn-garch: λ (price of risk)')
    .option('--mu <m>', 'garch-mc: mean percentage return per period (default 0)')
    .option('--nu <v>', 'garch-mc: Student-t degrees of freedom (> 2)')
    .option('--variance <h>', 'hn-garch: next-period variance of log returns; garch-mc: of percentage returns')
    .option('--dist <d>', 'garch-mc: normal | t (default t with --data)')
    .option('--vol-model <m>', 'garch-mc: garch | gjr (default garch)')
    .option('--paths <n>', 'garch-mc: Monte Carlo paths (default 20000)')
    .option('--seed <s>', 'garch-mc: seed (default 1)')
    .option('--truncation <c>', 'garch-mc: truncation of Student-t innovations in standard deviations (default 20)')
    .option('--json', 'print one JSON document')
    .action(action((model: string, flags: PriceFlags) => priceCommand(model, flags)));
};
