import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliInProcess } from './spawnCli.js';

const dir = mkdtempSync(join(tmpdir(), 'aftershock-cli-fit-'));

test('fit garch --data data/dem2gbp.csv --json prints the FCP benchmark estimates', async () => {
  const r = await cli(['fit', 'garch', '--data', 'data/dem2gbp.csv', '--json']);
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(Object.keys(doc).slice(0, 8), ['model', 'dist', 'n', 'params', 'stderr', 'loglik', 'aic', 'bic']);
  assert.is(doc.model, 'garch');
  assert.is(doc.dist, 'normal');
  assert.is(doc.n, 1974);
  // Fiorentini, Calzolari & Panattoni (1996) / Brooks, Burke & Persand (2001): -0.00619, 0.0108, 0.153, 0.806
  assert.is(Number(doc.params.mu.toPrecision(3)), -0.00619);
  assert.is(Number(doc.params.omega.toPrecision(3)), 0.0108);
  assert.is(Number(doc.params.alpha.toPrecision(3)), 0.153);
  assert.is(Number(doc.params.beta.toPrecision(3)), 0.806);
  assert.ok(Math.abs(doc.loglik - -1106.6) < 0.05);
  // FCP Hessian standard errors 0.00846, 0.00285, 0.0265, 0.0336
  assert.is(Number(doc.stderr.beta.toPrecision(3)), 0.0336);
  assert.is(doc.params.gamma, undefined);
});

test('fit gjr --dist t --save DIR, then forecast --load DIR: the forecast follows the closed form', async () => {
  const save = join(dir, 'gjr-t');
  const f = await cliInProcess(['fit', 'gjr', '--dist', 't', '--data', 'data/btc-usd-daily.csv', '--save', save, '--json']);
  assert.is(f.code, 0, f.stderr);
  const fit = JSON.parse(f.stdout);
  assert.ok(fit.params.nu > 2 && fit.params.gamma !== undefined);
  // the stationary GJR-t fit of BTC stops on the bound persistence = 1: no standard errors there
  assert.equal(fit.atBound, ['persistence = 1']);
  assert.is(fit.stderr.nu, null);
  assert.is(fit.unconditionalVariance, null);
  assert.ok(existsSync(join(save, 'model.json')));
  const r = await cliInProcess(['forecast', 'gjr', '--data', 'data/btc-usd-daily.csv', '--load', save, '--horizon', '5', '--json']);
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.variance.length, 5);
  assert.is(doc.periodsPerYear, 365.25);
  // σ²_{h+1} − V = P(σ²_h − V) with P = α + β + γ/2 and V = ω/(1 − P)  (GJR closed form)
  const { omega, alpha, beta, gamma } = fit.params;
  const P = alpha + beta + gamma / 2;
  for (let h = 1; h < 5; h++) assert.ok(Math.abs(doc.variance[h] - (omega + P * doc.variance[h - 1])) < 1e-9 * doc.variance[h]);
  for (let h = 0; h < 5; h++) assert.ok(Math.abs(doc.annualisedVolatility[h] - Math.sqrt(doc.variance[h] * 365.25)) < 1e-9 * doc.annualisedVolatility[h]);
});

// R's fGarch on the same returns (test/fixtures/models/fgarch-btc-t.R, output in fgarch-btc-t.txt;
// R 4.2.2, fGarch 4022.89): mu 0.1341790166, omega 0.125713668, alpha1 0.1863771841,
// beta1 0.8911563612, shape 2.591311121, log-likelihood -8719.687654.
test('fit garch --dist t --persistence free --json reproduces fGarch on BTC; the stationary fit reports its bound', async () => {
  const free = await cliInProcess(['fit', 'garch', '--dist', 't', '--persistence', 'free', '--data', 'data/btc-usd-daily.csv', '--json']);
  assert.is(free.code, 0, free.stderr);
  const f = JSON.parse(free.stdout);
  const R = { mu: 0.1341790166, omega: 0.125713668, alpha: 0.1863771841, beta: 0.8911563612, nu: 2.591311121 };
  for (const [k, v] of Object.entries(R)) assert.ok(Math.abs(f.params[k] / v - 1) < 1e-4, `${k}: ${f.params[k]} vs ${v}`);
  assert.ok(Math.abs(f.loglik - -8719.687654) < 1e-3);
  assert.is(f.persistenceConstraint, 'free');
  assert.equal(f.atBound, []);
  assert.ok(f.persistence > 1.07 && f.stderr.beta > 0);
  assert.is(f.unconditionalVariance, null);

  const stat = await cliInProcess(['fit', 'garch', '--dist', 't', '--data', 'data/btc-usd-daily.csv', '--json']);
  assert.is(stat.code, 0, stat.stderr);
  const s = JSON.parse(stat.stdout);
  assert.is(s.persistenceConstraint, 'stationary');
  assert.equal(s.atBound, ['persistence = 1']);
  assert.equal(s.stderr, { mu: null, omega: null, alpha: null, beta: null, nu: null });
  assert.is(s.unconditionalVariance, null);
  assert.ok(f.loglik - s.loglik > 10.3, `${f.loglik} vs ${s.loglik}`);
});

test('the table at the bound says so: no standard errors, no unconditional variance', async () => {
  const r = await cliInProcess(['fit', 'garch', '--dist', 't', '--data', 'data/btc-usd-daily.csv']);
  assert.is(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(lines.includes('alpha           0.109794           n/a         -'), r.stdout);
  assert.ok(lines.includes('standard errors   not available: the optimum is on a bound of the parameter space (persistence = 1), where they do not apply'), r.stdout);
  assert.ok(lines.includes('uncond. variance  none: persistence is at its bound of 1 (omega / (1 - persistence) does not exist)'), r.stdout);
  const free = await cliInProcess(['fit', 'garch', '--dist', 't', '--persistence', 'free', '--data', 'data/btc-usd-daily.csv']);
  const fl = free.stdout.split('\n');
  assert.ok(fl.includes('persistence       1.07753 (>= 1: not covariance-stationary; variance forecasts grow without limit)'), free.stdout);
  assert.ok(fl.includes('uncond. variance  none: persistence is >= 1 (omega / (1 - persistence) does not exist)'), free.stdout);
  assert.not.ok(fl.some((l) => l.includes('n/a')));
});

test('bad input in a real process: exit code 2, one line on stderr, nothing on stdout', async () => {
  const r = await cli(['fit', 'arima', '--data', 'data/dem2gbp.csv', '--json']);
  assert.is(r.code, 2);
  assert.is(r.stdout, '');
  assert.is(r.stderr, 'aftershock: model: expected one of ewma, garch, gjr, lstm, hybrid, svi, got "arima"\n');
});

test('bad input gives code 2 with one line on stderr naming what is wrong', async () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'date,close\n2024-01-01,100\n2024-01-02,oops\n2024-01-03,101\n');
  const cases: [string[], RegExp][] = [
    [['fit', 'ewma', '--data', 'data/dem2gbp.csv', '--lambda', '1.5'], /--lambda: expected a number in \[0, 1\]/],
    [['fit', 'ewma', '--data', 'data/dem2gbp.csv', '--dist', 't'], /--dist: Student-t innovations apply to garch and gjr only/],
    [['fit', 'garch', '--data', 'data/eth-usd-daily.csv'], /eth-usd-daily\.csv:1717 date: gap of 2 days/],
    [['fit', 'garch', '--data', 'data/dem2gbp.csv', '--returns', 'cumulative'], /--returns: expected one of log, pct, raw/],
    [['fit', 'garch', '--data', join(dir, 'missing.csv')], /missing\.csv: file not found/],
    [['fit', 'garch', '--data', 'data/btc-usd-daily.csv', '--column', 'volume'], /--column: no column named "volume"/],
    [['fit', 'garch', '--data', bad], /bad\.csv:3 close: price "oops" is not a number/],
    [['fit', 'garch', '--data', 'data/dem2gbp.csv', '--dist', 'cauchy'], /--dist: expected one of normal, t/],
    [['forecast', 'garch', '--data', 'data/dem2gbp.csv', '--horizon', '0'], /--horizon: expected an integer/],
    [['fit', 'garch', '--data', 'data/dem2gbp.csv', '--persistence', 'loose'], /--persistence: expected one of stationary, free, got "loose"/],
    [['fit', 'ewma', '--data', 'data/dem2gbp.csv', '--persistence', 'free'], /--persistence: a constraint on persistence applies to garch and gjr only, not ewma/],
  ];
  const results = [];
  for (const [args] of cases) results.push(await cliInProcess(args));
  results.forEach((r, i) => {
    assert.is(r.code, 2, `${cases[i][0].join(' ')}: ${r.stderr}`);
    assert.is(r.stdout, '');
    const lines = r.stderr.trim().split('\n');
    assert.is(lines.length, 1, r.stderr);
    assert.match(lines[0], /^aftershock: /);
    assert.match(lines[0], cases[i][1]);
  });
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
