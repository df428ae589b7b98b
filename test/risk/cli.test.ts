import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readReturnsCsv, readPriceCsv } from '../../src/util/priceCsv.js';
import { toReturns } from '../../src/models/returns.js';
import { rollingVarBacktest } from '../../src/risk/rollingBacktest.js';
import { gbmLiquidationProbability } from '../../src/risk/liquidationProbability.js';
import { cli, cliInProcess } from '../cli/spawnCli.js';

const DEM = 'data/dem2gbp.csv';
const BTC = 'data/btc-usd-daily.csv';

test('backtest var --json: one JSON document whose exceptions match the library run', async () => {
  const r = await cli(['backtest', 'var', '--data', DEM, '--model', 'historical', '--alpha', '0.99', '--window', '250', '--refit', '50', '--es-sims', '100', '--json']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '', 'no progress bar on a non-TTY stderr with --json');
  const doc = JSON.parse(r.stdout);
  const returns = readReturnsCsv(DEM).returns;
  const bt = rollingVarBacktest(returns, { model: 'historical', alpha: 0.99, window: 250, refit: 50 });
  let x = 0;
  for (const e of bt.exceptions) x += e;
  assert.is(doc.observations, returns.length - 250);
  assert.is(doc.exceptions, x);
  assert.ok(Math.abs(doc.expectedExceptions - 0.01 * doc.observations) < 1e-9);
  assert.is(doc.kupiec.exceptions, x);
  assert.ok(doc.kupiec.pValue >= 0 && doc.kupiec.pValue <= 1);
  assert.ok(['green', 'yellow', 'red'].includes(doc.basel.zone));
  assert.is(doc.esTest.simulations, 100);
  assert.ok(doc.esTest.pValue > 0 && doc.esTest.pValue <= 1);
  assert.is(doc.christoffersen.n00 + doc.christoffersen.n01 + doc.christoffersen.n10 + doc.christoffersen.n11, doc.observations - 1);
});

test('backtest var prints a table without --json', async () => {
  const r = await cliInProcess(['backtest', 'var', '--data', DEM, '--model', 'normal', '--alpha', '0.975', '--window', '300', '--es-sims', '0', '--json']);
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(r.stdout).alpha, 0.975);
  const t = await cliInProcess(['backtest', 'var', '--data', DEM, '--model', 'normal', '--alpha', '0.975', '--window', '300', '--es-sims', '0']);
  assert.is(t.code, 0, t.stderr);
  for (const s of ['Kupiec POF', 'Christoffersen cc', 'Basel traffic light', 'Acerbi-Szekely Z2', 'exceptions']) assert.ok(t.stdout.includes(s), `missing ${s}`);
});

test('liqprob prints a table with the Shapley breakdown without --json', async () => {
  const r = await cliInProcess(['liqprob', '--data', BTC, '--ltv', '0.6', '--threshold', '0.825', '--horizon', '30', '--method', 'gbm']);
  assert.is(r.code, 0, r.stderr);
  for (const s of ['GBM first passage', 'term structure', 'risk contributions', 'volatility', 'ltv', 'horizon', 'total']) assert.ok(r.stdout.includes(s), `missing ${s}`);
  assert.ok(!r.stdout.includes('GARCH'), 'method gbm only');
});

test('liqprob --json: GBM probability, term structure and an efficient Shapley breakdown', async () => {
  const r = await cli(['liqprob', '--data', BTC, '--ltv', '0.6', '--threshold', '0.825', '--horizon', '30', '--paths', '2000', '--horizons', '7,1', '--json']);
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.horizons, [1, 7, 30]);
  // the default volatility is the sample sd of the last 90 log returns (fraction per day)
  const prices = readPriceCsv(BTC).prices;
  const lr = toReturns(prices, 'log').subarray(-90);
  let m = 0;
  for (const v of lr) m += v / lr.length;
  let ss = 0;
  for (const v of lr) ss += (v - m) ** 2;
  const sigma = Math.sqrt(ss / (lr.length - 1)) / 100;
  assert.ok(Math.abs(doc.gbm.volatility - sigma) < 1e-15);
  assert.ok(Math.abs(doc.gbm.probability - gbmLiquidationProbability({ ltv: 0.6, threshold: 0.825, horizon: 30, sigma })) < 1e-15);
  for (const method of [doc.gbm, doc.garchT]) {
    const e = method.explanation;
    const sum = e.contributions.volatility + e.contributions.ltv + e.contributions.horizon;
    assert.ok(Math.abs(sum - (e.actual.probability - e.baseline.probability)) < 1e-12, 'contributions sum to P - P(baseline)');
    assert.is(e.actual.probability, method.probability);
    assert.is(e.baseline.ltv, 0.825 / 2);
    assert.is(e.baseline.horizon, 1);
  }
  assert.is(doc.garchT.paths, 2000);
  assert.ok(doc.garchT.standardError > 0 && doc.garchT.standardError < 0.02);
  const p30 = doc.garchT.termStructure.find((p: { horizon: number }) => p.horizon === 30);
  assert.is(p30.probability, doc.garchT.probability);
});

test('bad input: one line on stderr naming the field, exit code 2, nothing on stdout', async () => {
  const cases: [string[], RegExp][] = [
    [['backtest', 'var', '--data', DEM, '--model', 'historical', '--alpha', '1.5'], /--alpha/],
    [['backtest', 'var', '--data', DEM, '--model', 'bogus'], /--model/],
    [['backtest', 'var', '--data', DEM, '--model', 'historical', '--window', '5000'], /--window/],
    [['backtest', 'var', '--data', 'no/such/file.csv', '--model', 'historical'], /no\/such\/file\.csv.*not found/],
    [['liqprob', '--data', BTC, '--ltv', '0.9', '--threshold', '0.8', '--horizon', '30'], /--ltv/],
    [['liqprob', '--data', BTC, '--ltv', '0.5', '--threshold', '1.5', '--horizon', '30'], /--threshold/],
    [['liqprob', '--data', BTC, '--ltv', '0.5', '--threshold', '0.8', '--horizon', '-3'], /--horizon/],
    [['liqprob', '--data', BTC, '--ltv', '0.5', '--threshold', '0.8', '--horizon', '3', '--horizons', '1,x'], /--horizons/],
    [['liqprob', '--data', BTC, '--ltv', '0.5', '--threshold', '0.8', '--horizon', '3', '--method', 'magic'], /--method/],
  ];
  // two of them through a real process (exit code and stderr as a shell sees them), the rest in
  // process one after another (the in-process capture swaps process.stdout.write)
  const spawned = new Map([0, 4].map((i) => [i, cli([...cases[i][0], '--json'])]));
  const results: { code: number | null; stdout: string; stderr: string }[] = [];
  for (let i = 0; i < cases.length; i++) results.push(await (spawned.get(i) ?? cliInProcess([...cases[i][0], '--json'])));
  results.forEach((r, i) => {
    assert.is(r.code, 2, `${cases[i][0].join(' ')}: exit ${r.code}, stderr ${r.stderr}`);
    assert.is(r.stdout, '');
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, cases[i][1]);
  });
});

test.run();
