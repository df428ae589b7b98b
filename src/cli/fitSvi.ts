/**
 * `aftershock fit svi --quotes FILE`: fits a raw SVI slice to each expiry's quotes and checks the
 * surface for butterfly arbitrage (Gatheral–Jacquier's g(k) ≥ 0, and the wings against Lee's bound)
 * and calendar arbitrage (total variance non-decreasing in maturity at each log-moneyness).
 *
 * The quotes file is a CSV with a header: `expiry` (years), `strike`, and either `iv` (annualised,
 * 0.65 for 65 %) or `price` (in the currency of the strike); optionally `forward` (the forward for
 * that expiry) and `type` (call | put, for prices; default the out-of-the-money side). Without a
 * forward column the forward is F = S e^{bT} from --spot, --rate and --carry (default: the rate).
 * Every cell is checked: bad ones are reported as FILE:LINE column: expected …, got ….
 */
import { InputError } from '../util/errors.js';
import { parseDecimal, readCsvTable } from '../util/priceCsv.js';
import { numberFlag, printJson } from './common.js';
import { ArbitrageBoundsError, impliedVol } from '../models/options/impliedVol.js';
import { fitSvi, type SviFit } from '../models/options/sviFit.js';
import { butterflyCheck, calendarCheck, sviTotalVariance, type ButterflyCheck, type CalendarCheck } from '../models/options/svi.js';
import type { OptionType } from '../models/options/blackScholes.js';

export interface FitSviFlags {
  quotes?: string;
  spot?: string;
  rate?: string;
  carry?: string;
  json?: boolean;
}

interface Quote {
  line: number;
  expiry: number;
  k: number;
  w: number;
}

interface SliceResult {
  expiry: number;
  fit: SviFit;
  rmseVol: number;
  butterfly: ButterflyCheck;
}

function readQuotes(file: string, f: FitSviFlags): Quote[] {
  const table = readCsvTable(file);
  const lower = table.header.map((h) => h.trim().toLowerCase());
  const col = (name: string) => lower.indexOf(name);
  const iExpiry = col('expiry');
  const iStrike = col('strike');
  const iIv = col('iv');
  const iPrice = col('price');
  const iForward = col('forward');
  const iType = col('type');
  const header = table.headerLine;
  if (iExpiry < 0 || iStrike < 0) throw new InputError(`expected columns expiry (years) and strike, got ${table.header.join(',')}`, file, header);
  if (iIv < 0 === iPrice < 0) throw new InputError(`expected exactly one of the columns iv and price, got ${table.header.join(',')}`, file, header);
  const rate = numberFlag('rate', f.rate) ?? 0;
  const carry = numberFlag('carry', f.carry) ?? rate;
  const spot = numberFlag('spot', f.spot);
  if (spot !== undefined && !(spot > 0)) throw new InputError(`expected a positive number, got ${JSON.stringify(f.spot)}`, undefined, undefined, '--spot');
  if (iForward < 0 && spot === undefined) throw new InputError('the quotes have no forward column: give --spot (with --rate and --carry) to compute the forwards', file, header, '--spot');
  const out: Quote[] = [];
  table.rows.forEach((row, r) => {
    const line = table.lines[r];
    const num = (i: number, name: string, what: string, ok: (x: number) => boolean) => {
      const x = parseDecimal(row[i]);
      if (!ok(x)) throw new InputError(`expected ${what}, got ${JSON.stringify(row[i])}`, file, line, name);
      return x;
    };
    const positive = (x: number) => x > 0 && Number.isFinite(x);
    const expiry = num(iExpiry, 'expiry', 'a positive number of years', positive);
    const strike = num(iStrike, 'strike', 'a positive number', positive);
    const forward = iForward >= 0 ? num(iForward, 'forward', 'a positive number', positive) : spot! * Math.exp(carry * expiry);
    let vol: number;
    if (iIv >= 0) {
      vol = num(iIv, 'iv', 'a positive annualised volatility (0.65 for 65 %)', (x) => positive(x) && x < 100);
    } else {
      const price = num(iPrice, 'price', 'a positive number', positive);
      const raw = iType >= 0 ? row[iType].trim().toLowerCase() : '';
      if (iType >= 0 && raw !== 'call' && raw !== 'put') throw new InputError(`expected call or put, got ${JSON.stringify(row[iType])}`, file, line, 'type');
      const type: OptionType = raw === 'call' || raw === 'put' ? raw : strike >= forward ? 'call' : 'put';
      try {
        vol = impliedVol({ type, price, spot: forward, strike, expiry, rate, carry: 0 });
      } catch (err) {
        if (err instanceof ArbitrageBoundsError || err instanceof RangeError) throw new InputError(err.message, file, line, 'price');
        throw err;
      }
    }
    out.push({ line, expiry, k: Math.log(strike / forward), w: vol * vol * expiry });
  });
  return out;
}

const fmt = (x: number, digits = 6) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x));

function regionsText(regions: { from: number; to: number; worst: number; at: number }[], what: string): string {
  return regions.map((r) => `k in [${fmt(r.from, 5)}, ${fmt(r.to, 5)}] (worst ${what} ${fmt(r.worst, 4)} at k = ${fmt(r.at, 4)})`).join('; ');
}

export function fitSviCommand(f: FitSviFlags): void {
  if (!f.quotes) throw new InputError('expected --quotes FILE.csv (columns expiry, strike, iv or price)', undefined, undefined, '--quotes');
  const quotes = readQuotes(f.quotes, f);
  const byExpiry = new Map<number, Quote[]>();
  for (const q of quotes) byExpiry.set(q.expiry, [...(byExpiry.get(q.expiry) ?? []), q]);
  const expiries = [...byExpiry.keys()].sort((a, b) => a - b);
  let kMin = -3;
  let kMax = 3;
  for (const q of quotes) {
    kMin = Math.min(kMin, q.k - 0.5);
    kMax = Math.max(kMax, q.k + 0.5);
  }
  const grid = { from: kMin, to: kMax, points: Math.max(6001, Math.ceil((kMax - kMin) * 1000) + 1) };
  const slices: SliceResult[] = expiries.map((expiry) => {
    const qs = byExpiry.get(expiry)!;
    if (qs.length < 5) throw new InputError(`expiry ${expiry} has ${qs.length} quote(s): a raw SVI slice has 5 parameters and needs at least 5`, f.quotes, qs[0].line, 'expiry');
    const fit = fitSvi(
      qs.map((q) => q.k),
      qs.map((q) => q.w),
    );
    let ss = 0;
    for (const q of qs) ss += (Math.sqrt(Math.max(0, sviTotalVariance(fit.params, q.k)) / expiry) - Math.sqrt(q.w / expiry)) ** 2;
    return { expiry, fit, rmseVol: Math.sqrt(ss / qs.length), butterfly: butterflyCheck(fit.params, grid) };
  });
  const calendar: CalendarCheck = calendarCheck(
    slices.map((s) => ({ expiry: s.expiry, params: s.fit.params })),
    grid,
  );
  if (f.json) {
    printJson({
      slices: slices.map((s) => ({
        expiry: s.expiry,
        n: s.fit.n,
        params: s.fit.params,
        rmse: s.fit.rmse,
        rmseVol: s.rmseVol,
        maxError: s.fit.maxError,
        converged: s.fit.converged,
        butterfly: s.butterfly,
      })),
      calendar,
    });
    return;
  }
  const L: string[] = [
    `raw SVI fitted to ${quotes.length} quotes in ${slices.length} expir${slices.length === 1 ? 'y' : 'ies'} (${f.quotes}); w(k) = a + b(rho(k - m) + sqrt((k - m)^2 + sigma^2)), k = ln(K/F)`,
  ];
  L.push(
    `${'expiry'.padEnd(10)}${'n'.padStart(4)}${'a'.padStart(13)}${'b'.padStart(13)}${'rho'.padStart(13)}${'m'.padStart(13)}${'sigma'.padStart(13)}${'rmse w'.padStart(11)}${'rmse vol'.padStart(11)}`,
  );
  for (const s of slices) {
    const p = s.fit.params;
    L.push(
      `${fmt(s.expiry, 5).padEnd(10)}${String(s.fit.n).padStart(4)}${fmt(p.a, 5).padStart(13)}${fmt(p.b, 5).padStart(13)}${fmt(p.rho, 5).padStart(13)}${fmt(p.m, 5).padStart(13)}${fmt(p.sigma, 5).padStart(13)}${fmt(s.fit.rmse, 3).padStart(11)}${fmt(s.rmseVol, 3).padStart(11)}${s.fit.converged ? '' : '  (not converged)'}`,
    );
  }
  L.push('', `butterfly arbitrage (g(k) >= 0 on k in [${fmt(grid.from, 4)}, ${fmt(grid.to, 4)}], wings against Lee's bound 2):`);
  for (const s of slices) {
    const b = s.butterfly;
    const wings = `wing slopes ${fmt(b.wingSlopes.left, 4)} / ${fmt(b.wingSlopes.right, 4)}`;
    if (b.arbitrageFree) L.push(`  ${fmt(s.expiry, 5)}: none (min g ${fmt(b.minG, 4)} at k = ${fmt(b.minGAt, 4)}; ${wings})`);
    else {
      const parts = [];
      if (b.regions.length > 0) parts.push(`g(k) < 0 for ${regionsText(b.regions, 'g')}`);
      if (b.wingSlopes.left > 2 || b.wingSlopes.right > 2) parts.push(`${wings} exceed 2`);
      L.push(`  ${fmt(s.expiry, 5)}: ARBITRAGE: ${parts.join('; ')}`);
    }
  }
  L.push('', 'calendar arbitrage (total variance non-decreasing in maturity at each k):');
  if (slices.length < 2) L.push('  not applicable: one expiry');
  else if (calendar.arbitrageFree) L.push('  none');
  else for (const v of calendar.violations) L.push(`  ARBITRAGE: w(${fmt(v.later, 5)}) < w(${fmt(v.earlier, 5)}) for ${regionsText(v.regions, 'difference')}`);
  process.stdout.write(`${L.join('\n')}\n`);
}
