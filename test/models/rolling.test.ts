import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { rollingForecasts } from '../../src/models/evaluate/rolling.js';
import { ewmaForecaster, garchForecaster, neuralForecaster, type VolatilityForecaster } from '../../src/models/evaluate/forecasters.js';
import { fitLstm } from '../../src/models/lstm.js';
import { deriveSeed } from '../../src/util/rng.js';
import { compareForecasts } from '../../src/models/evaluate/compare.js';
import { ewmaFilter } from '../../src/models/ewma.js';
import { fitGarch, simulateGarch } from '../../src/models/garch.js';
import { Rng } from '../../src/util/rng.js';

/** Forecasts each day by the previous return, and records the training windows it was given. */
function spy(seen: number[][]): VolatilityForecaster {
  return {
    name: 'spy',
    async fitForecast(train, test) {
      seen.push(Array.from(train));
      const out = new Float64Array(test.length);
      for (let i = 0; i < test.length; i++) out[i] = i === 0 ? train[train.length - 1] : test[i - 1];
      return out;
    },
  };
}

test('blocks, windows and alignment on a hand-enumerated example', async () => {
  // returns r_t = t + 1 for t = 0..9; window 4, refit 3 → origins 4 and 7 (and 10 is the end),
  // out-of-sample days 4..9; rolling windows [0,4) and [3,7); the "previous return" forecast of
  // day t is r_{t−1} = t.
  const r = Float64Array.from({ length: 10 }, (_, t) => t + 1);
  const seen: number[][] = [];
  const res = await rollingForecasts(r, [spy(seen)], { window: 4, refit: 3 });
  assert.equal(res.origins, [4, 7]);
  assert.is(res.start, 4);
  assert.is(res.end, 10);
  assert.equal(seen, [
    [1, 2, 3, 4],
    [4, 5, 6, 7],
  ]);
  assert.equal(Array.from(res.forecasts.spy), [4, 5, 6, 7, 8, 9]);
  assert.equal(Array.from(res.proxy), [25, 36, 49, 64, 81, 100]);
  const seen2: number[][] = [];
  await rollingForecasts(r, [spy(seen2)], { window: 4, refit: 3, expanding: true });
  assert.equal(seen2[1], [1, 2, 3, 4, 5, 6, 7]);
});

test('EWMA forecasts equal ewmaFilter on the training window, carried through the days so far', async () => {
  const rng = new Rng(9);
  const r = Float64Array.from({ length: 60 }, () => rng.normal());
  const res = await rollingForecasts(r, [ewmaForecaster(0.94)], { window: 20, refit: 15 });
  for (let t = 20; t < 60; t++) {
    const T = 20 + 15 * Math.floor((t - 20) / 15);
    // reference: R1's ewmaFilter started on the training window, carried through days T..t−1 by
    // the RiskMetrics recursion written out here
    let h = ewmaFilter(r.subarray(T - 20, T), { lambda: 0.94 }).nextVariance;
    for (let s = T; s < t; s++) h = 0.94 * h + 0.06 * r[s] * r[s];
    assert.ok(Math.abs(res.forecasts.ewma[t - 20] - h) < 1e-12 * h);
  }
});

test('GARCH forecasts start at the fitted next variance and follow the recursion', async () => {
  const params = { mu: 0, omega: 0.05, alpha: 0.1, beta: 0.85 };
  const { returns } = simulateGarch(params, 'garch', 'normal', 700, new Rng(4));
  const res = await rollingForecasts(returns, [garchForecaster('garch')], { window: 500, refit: 100 });
  const f = res.forecasts.garch;
  const fit = fitGarch(returns.subarray(0, 500));
  assert.ok(Math.abs(f[0] - fit.nextVariance) < 1e-12 * f[0]);
  const p = fit.params;
  const e = returns[500] - p.mu;
  assert.ok(Math.abs(f[1] - (p.omega + p.alpha * e * e + p.beta * f[0])) < 1e-12 * f[1]);
  // the second block is refitted on [100, 600): its first forecast is that fit's next variance
  assert.ok(Math.abs(f[100] - fitGarch(returns.subarray(100, 600)).nextVariance) < 1e-12 * f[100]);
});

test('LSTM blocks are the network fitted on the window, predicting from the window plus the days so far', async () => {
  const { returns } = simulateGarch({ mu: 0, omega: 0.05, alpha: 0.1, beta: 0.85 }, 'garch', 'normal', 330, new Rng(8));
  const tiny = { seqLen: 5, units: 4, epochs: 1, seed: 3 };
  const res = await rollingForecasts(returns, [neuralForecaster('lstm', tiny)], { window: 250, refit: 50 });
  assert.equal(res.origins, [250, 300]);
  // reference: the second block fitted directly on days [50, 300) with the block's derived seed;
  // its forecast for day 300 + i uses days up to 299 + i only, so predicting on days [50, 300 + i)
  // and taking the last element must give the same number
  const m = await fitLstm(returns.subarray(50, 300), { ...tiny, seed: deriveSeed(3, 1) });
  try {
    for (const i of [0, 7, 29]) {
      assert.is(res.forecasts.lstm[50 + i], m.forecast(returns.subarray(50, 300 + i)));
    }
  } finally {
    m.dispose();
  }
});

test('comparison: ranks, losses by hand, and DM picks the true variance over a constant', () => {
  // hand example: proxy [1, 4], model a forecasts [1, 4] (perfect), b forecasts [2, 2]
  // QLIKE a: (log 1 + 1) + (log 4 + 1) = 2 + 1.386294 → mean 1.693147; b: (log2 + 0.5) + (log2 + 2) → mean 1.943147
  // MSE a: 0; b: (1 + 4)/2 = 2.5
  const c = compareForecasts(new Float64Array([1, 4]), { a: new Float64Array([1, 4]), b: new Float64Array([2, 2]) }, ['b']);
  assert.ok(Math.abs(c.scores[0].meanQlike - 1.693147180559945) < 1e-12);
  assert.ok(Math.abs(c.scores[1].meanQlike - 1.943147180559945) < 1e-12);
  assert.equal(
    c.scores.map((s) => [s.model, s.rankQlike, s.meanMse, s.rankMse]),
    [
      ['a', 1, 0, 1],
      ['b', 2, 2.5, 2],
    ],
  );
  assert.equal(
    c.dm.map((d) => [d.model, d.baseline, d.loss]),
    [
      ['a', 'b', 'qlike'],
      ['a', 'b', 'mse'],
    ],
  );

  // on 2,000 simulated GARCH days the true σ²_t must beat the unconditional variance under QLIKE
  const { returns, variance } = simulateGarch({ mu: 0, omega: 0.05, alpha: 0.1, beta: 0.85 }, 'garch', 'normal', 2000, new Rng(6));
  const proxy = returns.map((x) => x * x);
  const cmp = compareForecasts(proxy, { truth: variance, constant: new Float64Array(2000).fill(1) }, ['constant']);
  const q = cmp.dm.find((d) => d.loss === 'qlike')!;
  assert.ok(q.statistic < -3 && q.pValue < 0.01, JSON.stringify(q));
});

test('bad settings are refused', async () => {
  const r = new Float64Array(10).fill(1);
  await rollingForecasts(r, [], { window: 10 }).then(
    () => assert.unreachable(),
    (e) => assert.match(String(e), /no out-of-sample/),
  );
  await rollingForecasts(r, [ewmaForecaster(), ewmaForecaster()], { window: 5 }).then(
    () => assert.unreachable(),
    (e) => assert.match(String(e), /twice/),
  );
});

test.run();
