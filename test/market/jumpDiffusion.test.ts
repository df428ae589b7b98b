import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateReferencePaths, prepareMarket } from '../../src/market/generate.js';
import { marketSchema, priceProcessSchema, SECONDS_PER_YEAR } from '../../src/market/schema.js';
import { Rng } from '../../src/util/rng.js';
import { logReturns, mean, variance, varianceStdError, withinSE } from './stats.js';

const merton = (o: { price?: number; drift?: number; volatility: number; jumpIntensity: number; jumpMean: number; jumpStd: number }) =>
  priceProcessSchema.parse({ process: 'jump-diffusion', price: o.price ?? 100, ...o });

test('jump counts per step are Poisson(λΔt): mean, dispersion index and χ² goodness of fit', () => {
  // With σ = 0 and s = 0 each log-return is c + N·m exactly, so the count N is recovered from the path.
  const dt = 3600;
  const h = dt / SECONDS_PER_YEAR;
  const lambdaDt = 0.5;
  const lambda = lambdaDt / h;
  const m = -0.1;
  const spec = merton({ volatility: 0, jumpIntensity: lambda, jumpMean: m, jumpStd: 0 });
  const n = 40_000;
  const [path] = generateReferencePaths([{ id: 'X', spec }], marketSchema.parse({ dt }), n, new Rng(17), '.');
  const c = -lambda * Math.expm1(m) * h; // the compensator, drift 0
  const counts = Array.from(logReturns(path), (x) => Math.round((x - c) / m));
  logReturns(path).forEach((x, i) => assert.ok(Math.abs(x - c - counts[i] * m) < 1e-9, `step ${i} is not c + N·m`));

  // mean λΔt with SE √(λΔt/n)
  const [okMean, msgMean] = withinSE(mean(counts), lambdaDt, Math.sqrt(lambdaDt / n));
  assert.ok(okMean, msgMean);
  // index of dispersion D = Σ(N − N̄)²/N̄ ~ χ²_{n−1} under Poisson: mean n − 1, sd √(2(n − 1))
  const D = (variance(counts) * (n - 1)) / mean(counts);
  const [okD, msgD] = withinSE(D, n - 1, Math.sqrt(2 * (n - 1)));
  assert.ok(okD, `dispersion: ${msgD}`);
  // Pearson χ² over the cells 0, 1, 2, 3, ≥4 against Poisson(0.5) probabilities; 4 degrees of
  // freedom, 0.999 critical value 18.467 (standard χ² table, e.g. Abramowitz & Stegun table 26.8)
  const p = [0, 1, 2, 3].map((k) => (Math.exp(-lambdaDt) * lambdaDt ** k) / [1, 1, 2, 6][k]);
  p.push(1 - p.reduce((a, b) => a + b, 0));
  const observed = [0, 0, 0, 0, 0];
  for (const k of counts) observed[Math.min(k, 4)]++;
  const chi2 = observed.reduce((s, o, k) => s + (o - n * p[k]) ** 2 / (n * p[k]), 0);
  assert.ok(chi2 < 18.467, `χ² = ${chi2} with observed ${observed}`);
});

test('Merton log-returns: variance σ²Δt + λΔt(m² + s²) and mean (μ − σ²/2 − λκ)Δt + λΔt·m', () => {
  const dt = 3600;
  const h = dt / SECONDS_PER_YEAR;
  const o = { drift: 0.2, volatility: 0.6, jumpIntensity: 0.05 / h, jumpMean: -0.04, jumpStd: 0.08 };
  const n = 200_000;
  const [path] = generateReferencePaths([{ id: 'X', spec: merton(o) }], marketSchema.parse({ dt }), n, new Rng(23), '.');
  const r = logReturns(path);
  const lh = o.jumpIntensity * h;
  const wantVar = o.volatility ** 2 * h + lh * (o.jumpMean ** 2 + o.jumpStd ** 2); // Merton (1976)
  const [okVar, msgVar] = withinSE(variance(r), wantVar, varianceStdError(r));
  assert.ok(okVar, msgVar);
  const kappa = Math.exp(o.jumpMean + o.jumpStd ** 2 / 2) - 1;
  const wantMean = (o.drift - o.volatility ** 2 / 2 - o.jumpIntensity * kappa) * h + lh * o.jumpMean;
  const [okMean, msgMean] = withinSE(mean(r), wantMean, Math.sqrt(wantVar / n));
  assert.ok(okMean, msgMean);
});

test('compensated drift: E[S_T] = S_0·e^{μT} with jumps, over 20,000 paths', () => {
  // Jumps of mean log-size −0.1 arriving 20 times a year would pull E[S_T] down by a factor
  // e^{λκT} ≈ 0.64 over 3 months if the drift were not compensated; the test would see it.
  const o = { price: 100, drift: 0.1, volatility: 0.5, jumpIntensity: 20, jumpMean: -0.1, jumpStd: 0.1 };
  const steps = 90;
  const T = (steps * 86400) / SECONDS_PER_YEAR;
  const prepared = prepareMarket([{ id: 'X', spec: merton(o) }], marketSchema.parse({ dt: '1d' }), '.');
  const rng = new Rng(29);
  const N = 20_000;
  const terminal = new Float64Array(N);
  for (let i = 0; i < N; i++) terminal[i] = prepared.generate(steps, rng)[0][steps];
  const want = o.price * Math.exp(o.drift * T);
  const se = Math.sqrt(variance(terminal) / N);
  const [ok, msg] = withinSE(mean(terminal), want, se);
  assert.ok(ok, msg);
  const uncompensated = want * Math.exp(o.jumpIntensity * Math.expm1(o.jumpMean + o.jumpStd ** 2 / 2) * T);
  assert.ok(Math.abs(uncompensated - want) > 8 * se, 'the test must be able to tell compensated from uncompensated drift');
});

test.run();
