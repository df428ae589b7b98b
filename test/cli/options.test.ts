/**
 * The option commands end to end: `price`, `iv`, `fit svi`, `smile`. References: Hull's call
 * (4.7594) and Haug's Black-76 put (1.7011) for the pricing commands; Black–Scholes for `hn-garch`
 * with α = 0 and constant variance and for `garch-mc` with α = β = 0 (within three standard errors);
 * the volatility that made a price for `iv`; the SVI parameters that generated the quotes (and
 * Vogt's arbitrage region, test/models/options/svi.test.ts) for `fit svi`. Bad input: one line on
 * stderr, exit 2, nothing on stdout.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliInProcess } from './spawnCli.js';
import { bsm } from '../../src/models/options/blackScholes.js';
import { sviTotalVariance, type SviParams } from '../../src/models/options/svi.js';

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-options-'));
const json = async (args: string[]) => {
  const r = await cliInProcess([...args, '--json']);
  assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  assert.is(r.stderr, '');
  return JSON.parse(r.stdout);
};
const GREEKS = ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'];

test("price bsm --json: Hull's call and put, the six keys, carry defaulting to the rate", async () => {
  const hull = ['--spot', '42', '--strike', '40', '--expiry', '0.5', '--rate', '0.1', '--vol', '0.2'];
  const call = await json(['price', 'bsm', ...hull]);
  assert.equal(Object.keys(call), GREEKS);
  assert.ok(Math.abs(call.price - 4.7594) < 5e-5);
  const put = await json(['price', 'bsm', ...hull, '--type', 'put']);
  assert.ok(Math.abs(put.price - 0.8086) < 5e-5);
  // a carry equal to the rate gives the same price (rho differs by design: b held fixed)
  const withCarry = await json(['price', 'bsm', ...hull, '--carry', '0.1']);
  assert.ok(Math.abs(withCarry.price - call.price) < 1e-15);
});

test("price black76 (Haug's put 1.7011) and inverse (coin = USD / S, both printed)", async () => {
  const b76 = await json(['price', 'black76', '--forward', '19', '--strike', '19', '--expiry', '0.75', '--rate', '0.1', '--vol', '0.28', '--type', 'put']);
  assert.ok(Math.abs(b76.price - 1.7011) < 5e-5);
  const inv = await json(['price', 'inverse', '--spot', '30000', '--strike', '32000', '--expiry', '0.25', '--vol', '0.7']);
  assert.is(inv.currency, 'coin');
  const usd = bsm({ type: 'call', spot: 30000, strike: 32000, expiry: 0.25, rate: 0, vol: 0.7 });
  assert.ok(Math.abs(inv.usd.price - usd.price) < 1e-9 && Math.abs(inv.price - usd.price / 30000) < 1e-15);
  assert.ok(Math.abs(inv.delta - (usd.delta - usd.price / 30000)) < 1e-15);
  const text = await cliInProcess(['price', 'inverse', '--spot', '30000', '--strike', '32000', '--expiry', '0.25', '--vol', '0.7']);
  assert.match(text.stdout, /in coin/);
  assert.match(text.stdout, /in USD/);
});

test('price hn-garch with α = 0, β = 1 is Black–Scholes; with --data it fits and prices', async () => {
  const args = ['--spot', '100', '--strike', '95', '--expiry', String(30 / 365), '--rate', '0.02'];
  const hn = await json(['price', 'hn-garch', ...args, '--omega', '0', '--alpha', '0', '--beta', '1', '--gamma', '0', '--lambda', '0', '--vol', '0.6']);
  const bs = bsm({ type: 'call', spot: 100, strike: 95, expiry: 30 / 365, rate: 0.02, vol: 0.6 });
  assert.ok(Math.abs(hn.price - bs.price) < 1e-10, `${hn.price} vs ${bs.price}`);
  assert.ok(Math.abs(hn.delta - bs.delta) < 1e-10);
  assert.is(hn.model.periods, 30);
  const fitted = await json(['price', 'hn-garch', ...args, '--data', 'data/btc-usd-daily.csv', '--type', 'put']);
  assert.is(fitted.model.fitted, true);
  assert.ok(fitted.model.persistence < 1 && fitted.price > 0 && fitted.delta < 0);
});

test('price garch-mc with α = β = 0 (normal) reproduces Black–Scholes within three standard errors, seeded', async () => {
  // ω = 9 (%²) a day: σ = 3 % a day, √(9·365)/100 a year
  const args = [
    'price',
    'garch-mc',
    '--spot',
    '100',
    '--strike',
    '105',
    '--expiry',
    String(30 / 365),
    '--rate',
    '0.05',
    '--omega',
    '9',
    '--alpha',
    '0',
    '--beta',
    '0',
    '--variance',
    '9',
    '--paths',
    '5000',
    '--seed',
    '4',
  ];
  const mc = await json(args);
  const bs = bsm({ type: 'call', spot: 100, strike: 105, expiry: 30 / 365, rate: 0.05, vol: Math.sqrt(9 * 365) / 100 });
  assert.ok(Math.abs(mc.price - bs.price) < 3 * mc.stderr, `${mc.price} ± ${mc.stderr} vs ${bs.price}`);
  for (const k of [...GREEKS, 'stderr']) assert.type(mc[k], 'number');
  assert.equal(await json(args), mc);
});

test('iv round-trips a Black–Scholes price; a price outside the bounds is bad input naming both bounds', async () => {
  const x = { type: 'put' as const, spot: 100, strike: 80, expiry: 7 / 365, rate: 0.03, carry: 0.01, vol: 1.2 };
  const price = bsm(x).price;
  const r = await json(['iv', '--price', String(price), '--type', 'put', '--spot', '100', '--strike', '80', '--expiry', String(7 / 365), '--rate', '0.03', '--carry', '0.01']);
  assert.ok(Math.abs(r.iv - 1.2) < 1e-10, `${r.iv}`);
  assert.ok(r.resolution < 1e-12 && r.bounds.lower === 0);
  const bad = await cli(['iv', '--price', '45', '--spot', '42', '--strike', '40', '--expiry', '0.5', '--rate', '0.1']);
  assert.is(bad.code, 2);
  assert.is(bad.stdout, '');
  assert.match(bad.stderr, /^aftershock: --price: 45 is above the no-arbitrage upper bound 42 .*strictly between 3\.950\d+ and 42\n$/);
});

/** Writes quotes made from SVI slices (F = 100 with --spot 100 and zero rates). */
function quotesFile(name: string, slices: [number, SviParams][], kind: 'iv' | 'price' = 'iv'): string {
  const rows = [`expiry,strike,${kind}`];
  for (const [T, p] of slices) {
    for (const K of [60, 70, 80, 90, 95, 100, 105, 110, 120, 135, 150]) {
      const vol = Math.sqrt(sviTotalVariance(p, Math.log(K / 100)) / T);
      const v = kind === 'iv' ? vol : bsm({ type: K >= 100 ? 'call' : 'put', spot: 100, strike: K, expiry: T, rate: 0, vol }).price;
      rows.push(`${T},${K},${v}`);
    }
  }
  const file = join(tmp, name);
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

test('fit svi --json recovers the slices that made the quotes (from vols or prices) and checks arbitrage', async () => {
  const s1: SviParams = { a: 0.02, b: 0.1, rho: -0.3, m: 0.02, sigma: 0.12 };
  const s2: SviParams = { a: 0.06, b: 0.15, rho: -0.35, m: 0.04, sigma: 0.2 };
  for (const kind of ['iv', 'price'] as const) {
    const doc = await json([
      'fit',
      'svi',
      '--quotes',
      quotesFile(
        `clean-${kind}.csv`,
        [
          [0.1, s1],
          [0.4, s2],
        ],
        kind,
      ),
      '--spot',
      '100',
    ]);
    assert.is(doc.slices.length, 2);
    for (const [i, truth] of [s1, s2].entries()) {
      for (const key of ['a', 'b', 'rho', 'm', 'sigma'] as const) assert.ok(Math.abs(doc.slices[i].params[key] - truth[key]) < 1e-5, `${kind} slice ${i} ${key}: ${doc.slices[i].params[key]}`);
      assert.is(doc.slices[i].butterfly.arbitrageFree, true);
    }
    assert.is(doc.calendar.arbitrageFree, true);
  }
  // the later slice below the earlier one: a calendar violation over the whole grid
  const crossed = await json([
    'fit',
    'svi',
    '--quotes',
    quotesFile('crossed.csv', [
      [0.1, s2],
      [0.4, s1],
    ]),
    '--spot',
    '100',
  ]);
  assert.is(crossed.calendar.arbitrageFree, false);
  assert.is(crossed.calendar.violations[0].earlier, 0.1);
  // Vogt's slice: its butterfly region appears in the text output
  const vogt: SviParams = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };
  const text = await cliInProcess(['fit', 'svi', '--quotes', quotesFile('vogt.csv', [[1, vogt]]), '--spot', '100']);
  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, /1: ARBITRAGE: g\(k\) < 0 for k in \[0\.642\d*, 1\.25\d*\]/);
});

test('smile --json: the GARCH-t smile of BTC rises into the wings', async () => {
  const doc = await json(['smile', '--data', 'data/btc-usd-daily.csv', '--model', 'garch-t', '--moneyness', '0.7,1,1.3', '--paths', '4000']);
  assert.is(doc.points.length, 3);
  const [lo, atm, hi] = doc.points;
  assert.equal([lo.type, atm.type, hi.type], ['put', 'call', 'call']);
  assert.ok(lo.iv - atm.iv > 3 * Math.hypot(lo.ivStderr, atm.ivStderr), `${lo.iv} vs ${atm.iv}`);
  assert.ok(hi.iv - atm.iv > 3 * Math.hypot(hi.ivStderr, atm.ivStderr), `${hi.iv} vs ${atm.iv}`);
  assert.is(doc.periods, 30);
});

test('bad input to the option commands: one line naming the flag or file:line field, exit 2, nothing on stdout', async () => {
  const bad = join(tmp, 'bad.csv');
  writeFileSync(bad, 'expiry,strike,iv\n0.1,100,0.5\n0.1,90,abc\n');
  const cases: [string[], RegExp][] = [
    [['price', 'bsm', '--spot', '0', '--strike', '40', '--expiry', '0.5', '--vol', '0.2'], /^aftershock: --spot: expected a positive number, got "0"\n$/],
    [['price', 'bsm', '--spot', '42', '--strike', '40', '--expiry', '0.5'], /^aftershock: --vol: expected a positive annualised volatility/],
    [['price', 'bsm', '--spot', '42', '--strike', '40', '--expiry', '0.5', '--vol', '0.2', '--forward', '1'], /^aftershock: --forward: does not apply to bsm/],
    [['price', 'black76', '--forward', '0x10', '--strike', '40', '--expiry', '0.5', '--vol', '0.2'], /^aftershock: --forward: expected a number, in decimal digits, got "0x10"\n$/],
    [['price', 'straddle'], /^aftershock: model: expected one of bsm, black76, inverse, hn-garch, garch-mc, got "straddle"\n$/],
    [
      ['price', 'hn-garch', '--spot', '100', '--strike', '100', '--expiry', '0.1', '--data', 'data/btc-usd-daily.csv'],
      /^aftershock: --expiry: expected a whole number of periods of 1\/365 year .*36\/365 or 37\/365\n$/,
    ],
    [
      ['price', 'garch-mc', '--spot', '100', '--strike', '100', '--expiry', '0.0822', '--omega', '1', '--alpha', '0.1', '--beta', '0.8', '--vol', '0.5', '--dist', 't'],
      /^aftershock: --nu: expected the degrees of freedom/,
    ],
    [['iv', '--price', '-1', '--spot', '42', '--strike', '40', '--expiry', '0.5'], /^aftershock: --price: -1 is below the no-arbitrage lower bound/],
    [['iv', 'black76', '--price', '1', '--spot', '42', '--strike', '40', '--expiry', '0.5'], /^aftershock: --spot: does not apply to black76/],
    [['fit', 'svi', '--quotes', bad, '--spot', '100'], new RegExp(`^aftershock: ${bad}:3 iv: expected a positive annualised volatility \\(0\\.65 for 65 %\\), got "abc"\\n$`)],
    [['fit', 'svi', '--quotes', 'test/fixtures/options/svi-quotes.csv'], /^aftershock: test\/fixtures\/options\/svi-quotes\.csv:1 --spot: the quotes have no forward column/],
    [['fit', 'svi', '--spot', '100'], /^aftershock: --quotes: expected --quotes FILE\.csv/],
    [['smile', '--data', 'data/btc-usd-daily.csv', '--model', 'heston'], /^aftershock: --model: expected one of garch-t, gjr-t, garch-normal, gjr-normal, hn-garch, got "heston"\n$/],
    [['smile', '--data', 'test/fixtures/options/svi-quotes.csv'], /^aftershock: test\/fixtures\/options\/svi-quotes\.csv/],
  ];
  for (const [args, expected] of cases) {
    const r = await cliInProcess(args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, expected, args.join(' '));
    assert.is(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
    assert.is(r.stdout, '');
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
