import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rollingVarBacktest } from '../../src/risk/rollingBacktest.js';
import { varBacktestReport } from '../../src/risk/varBacktestReport.js';
import { historicalVaR } from '../../src/risk/historicalVar.js';
import { simulateGarch } from '../../src/models/garch.js';
import { Rng } from '../../src/util/rng.js';

// A GARCH(1,1)-t series with strong volatility clustering (persistence 0.98)
const params = { mu: 0.02, omega: 0.04, alpha: 0.1, beta: 0.88, nu: 6 };
const series = simulateGarch(params, 'garch', 't', 1500, new Rng(1999)).returns;

test('FHS on a simulated GARCH-t series: exception rate near nominal (Barone-Adesi et al. 1999)', () => {
  const bt = rollingVarBacktest(series, { model: 'fhs', alpha: 0.95, window: 500, refit: 50 });
  const rep = varBacktestReport(bt, { esSimulations: 0 });
  assert.is(rep.observations, 1000);
  // Bin(1000, 0.05): mean 50, sd 6.9; a correct model stays within ±3.5 sd
  assert.ok(Math.abs(rep.exceptions - 50) <= 24, `FHS exceptions ${rep.exceptions}`);
  assert.ok(rep.kupiec.pValue > 0.001, `Kupiec p ${rep.kupiec.pValue}`);
  assert.ok(rep.christoffersen.pInd > 0.001, `independence p ${rep.christoffersen.pInd}`);
});

test('unconditional normal VaR on the same series clusters its exceptions more than FHS', () => {
  const fhs = rollingVarBacktest(series, { model: 'fhs', alpha: 0.95, window: 500, refit: 50 });
  const nrm = rollingVarBacktest(series, { model: 'normal', alpha: 0.95, window: 500, refit: 50 });
  const a = varBacktestReport(fhs, { esSimulations: 0 }).christoffersen;
  const b = varBacktestReport(nrm, { esSimulations: 0 }).christoffersen;
  // conditional probability of an exception after an exception, π11, is the clustering signal
  const pi11 = (c: typeof a) => c.n11 / Math.max(1, c.n10 + c.n11);
  assert.ok(pi11(b) > pi11(a), `π11 normal ${pi11(b)} vs FHS ${pi11(a)}`);
  assert.ok(b.lrInd > a.lrInd, `LR_ind normal ${b.lrInd} vs FHS ${a.lrInd}`);
});

test('historical model: forecast t is the historical VaR of returns t−W … t−1 (refit every day), no look-ahead', () => {
  const W = 100;
  const r = series.subarray(0, 400);
  const bt = rollingVarBacktest(r, { model: 'historical', alpha: 0.99, window: W, refit: 1 });
  for (const i of [0, 57, 299]) {
    const t = W + i;
    const ref = historicalVaR(r.subarray(t - W, t), 0.99);
    assert.is(bt.var[i], ref.var);
    assert.is(bt.es[i], ref.es);
    assert.is(bt.losses[i], -r[t]);
    assert.is(bt.exceptions[i], -r[t] > ref.var ? 1 : 0);
  }
  // changing day t's return must not change day t's forecast
  const changed = r.slice();
  changed[W + 10] = -1000;
  const bt2 = rollingVarBacktest(changed, { model: 'historical', alpha: 0.99, window: W, refit: 1 });
  assert.is(bt2.var[10], bt.var[10]);
  assert.is(bt2.exceptions[10], 1);
});

test('refit every k: unconditional models hold their estimate for k days; GARCH models refit ⌈T/k⌉ times', () => {
  const r = series.subarray(0, 360);
  const bt = rollingVarBacktest(r, { model: 'normal', alpha: 0.99, window: 300, refit: 25 });
  assert.is(bt.refits, 3);
  assert.is(bt.var[0], bt.var[24]);
  assert.ok(bt.var[25] !== bt.var[24]);
  const g = rollingVarBacktest(r, { model: 'garch', alpha: 0.99, window: 300, refit: 25, dist: 'normal' });
  assert.is(g.refits, 3);
  // the conditional variance still moves daily between refits
  assert.ok(g.var[1] !== g.var[0]);
});

test('Monte Carlo model is deterministic for a seed and close to the parametric GARCH forecast', () => {
  const r = series.subarray(0, 330);
  const a = rollingVarBacktest(r, { model: 'mc', alpha: 0.99, window: 300, refit: 30, paths: 4000, seed: 7 });
  const b = rollingVarBacktest(r, { model: 'mc', alpha: 0.99, window: 300, refit: 30, paths: 4000, seed: 7 });
  const g = rollingVarBacktest(r, { model: 'garch', alpha: 0.99, window: 300, refit: 30 });
  assert.equal(Array.from(a.var), Array.from(b.var));
  for (let i = 0; i < a.var.length; i++) {
    // sampling error of a 99 % quantile from 4000 t draws is about 3 % of VaR
    assert.ok(Math.abs(a.var[i] - g.var[i]) < 0.15 * g.var[i], `day ${i}: mc ${a.var[i]} vs garch ${g.var[i]}`);
  }
});

test('bad options are refused', () => {
  assert.throws(() => rollingVarBacktest(series.subarray(0, 100), { model: 'historical', alpha: 0.99, window: 100 }));
  assert.throws(() => rollingVarBacktest(series, { model: 'historical', alpha: 0.99, window: 10 }));
  assert.throws(() => rollingVarBacktest(series, { model: 'historical', alpha: 0.99, refit: 0 }));
  assert.throws(() => rollingVarBacktest(series, { model: 'nope' as never, alpha: 0.99 }));
});

test.run();
