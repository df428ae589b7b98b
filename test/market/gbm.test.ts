import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateReferencePaths, prepareMarket } from '../../src/market/generate.js';
import { marketSchema, priceProcessSchema, SECONDS_PER_YEAR } from '../../src/market/schema.js';
import { Rng } from '../../src/util/rng.js';
import { correlation, logReturns, mean, variance, withinSE } from './stats.js';

const gbm = (price: number, drift: number, volatility: number) => priceProcessSchema.parse({ process: 'gbm', price, drift, volatility });

test('GBM log-returns: mean (μ − σ²/2)Δt and variance σ²Δt (closed form), within 4 standard errors', () => {
  const mu = 0.3;
  const sigma = 0.8;
  const market = marketSchema.parse({ dt: '1h' });
  const h = 3600 / SECONDS_PER_YEAR;
  const n = 100_000;
  const [path] = generateReferencePaths([{ id: 'ETH', spec: gbm(2000, mu, sigma) }], market, n, new Rng(11), '.');
  assert.is(path.length, n + 1);
  assert.is(path[0], 2000);
  const r = logReturns(path);
  // log-returns are i.i.d. N((μ − σ²/2)h, σ²h): SE of the mean σ√(h/n), SE of the variance σ²h·√(2/(n−1))
  const [okMean, msgMean] = withinSE(mean(r), (mu - (sigma * sigma) / 2) * h, sigma * Math.sqrt(h / n));
  assert.ok(okMean, msgMean);
  const [okVar, msgVar] = withinSE(variance(r), sigma * sigma * h, sigma * sigma * h * Math.sqrt(2 / (n - 1)));
  assert.ok(okVar, msgVar);
});

test('GBM terminal mean E[S_T] = S_0·e^{μT} over 20,000 paths, within 4 standard errors', () => {
  const mu = 0.5;
  const sigma = 0.9;
  const s0 = 100;
  const market = marketSchema.parse({ dt: '1d' });
  const steps = 30;
  const T = (steps * 86400) / SECONDS_PER_YEAR;
  const prepared = prepareMarket([{ id: 'X', spec: gbm(s0, mu, sigma) }], market, '.');
  const rng = new Rng(5);
  const N = 20_000;
  const terminal = new Float64Array(N);
  for (let i = 0; i < N; i++) terminal[i] = prepared.generate(steps, rng)[0][steps];
  // Var[S_T] = S_0² e^{2μT}(e^{σ²T} − 1) for GBM (lognormal moments)
  const want = s0 * Math.exp(mu * T);
  const se = (want * Math.sqrt(Math.expm1(sigma * sigma * T))) / Math.sqrt(N);
  const [ok, msg] = withinSE(mean(terminal), want, se);
  assert.ok(ok, msg);
});

test('zero volatility: the path is the deterministic S_0·e^{μt}', () => {
  const market = marketSchema.parse({ dt: '1d' });
  const [path] = generateReferencePaths([{ id: 'X', spec: gbm(50, 0.1, 0) }], market, 365, new Rng(1), '.');
  // after 365 days, one year: 50·e^{0.1}
  assert.ok(Math.abs(path[365] - 50 * Math.exp(0.1)) < 1e-9, String(path[365]));
});

test('correlated GBM: sample correlations of log-returns match the input matrix within 4 standard errors', () => {
  const rho = [
    [1, 0.6, -0.3],
    [0.6, 1, 0.2],
    [-0.3, 0.2, 1],
  ];
  const market = marketSchema.parse({ dt: '5m', correlations: { assets: ['ETH', 'BTC', 'SOL'], matrix: rho } });
  const n = 50_000;
  // asset order differs from the correlation order, and an uncorrelated asset sits among them
  const paths = generateReferencePaths(
    [
      { id: 'SOL', spec: gbm(20, 0, 1.2) },
      { id: 'USDC', spec: gbm(1, 0, 0.05) },
      { id: 'BTC', spec: gbm(30000, 0.1, 0.6) },
      { id: 'ETH', spec: priceProcessSchema.parse({ process: 'jump-diffusion', price: 2000, volatility: 0.8, jumpIntensity: 0, jumpMean: 0, jumpStd: 0 }) },
    ],
    market,
    n,
    new Rng(3),
    '.',
  );
  const r = Object.fromEntries(['SOL', 'USDC', 'BTC', 'ETH'].map((id, i) => [id, logReturns(paths[i])]));
  const ids = ['ETH', 'BTC', 'SOL'];
  // the sample correlation of bivariate normals has SE ≈ (1 − ρ²)/√n (Fisher 1915)
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < i; j++) {
      const [ok, msg] = withinSE(correlation(r[ids[i]], r[ids[j]]), rho[i][j], (1 - rho[i][j] ** 2) / Math.sqrt(n));
      assert.ok(ok, `${ids[i]}/${ids[j]}: ${msg}`);
    }
  }
  for (const id of ids) {
    const [ok, msg] = withinSE(correlation(r[id], r.USDC), 0, 1 / Math.sqrt(n));
    assert.ok(ok, `${id}/USDC: ${msg}`);
  }
  // the marginal variance is unchanged by mixing: σ²Δt for BTC (SE σ²Δt·√(2/(n−1)))
  const h = 300 / SECONDS_PER_YEAR;
  const [ok, msg] = withinSE(variance(r.BTC), 0.36 * h, 0.36 * h * Math.sqrt(2 / (n - 1)));
  assert.ok(ok, `BTC variance: ${msg}`);
});

test.run();
