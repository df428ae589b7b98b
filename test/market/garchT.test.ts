import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareMarket } from '../../src/market/generate.js';
import { sampleOnGrid } from '../../src/market/garchFit.js';
import { marketSchema, priceProcessSchema } from '../../src/market/schema.js';
import { simulateGarch } from '../../src/models/garch.js';
import { InputError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/rng.js';
import { mean, variance, withinSE } from './stats.js';

// percentage-return units per day; h̄ = ω/(1 − α − β) = 0.1/0.05 = 2 (%²), and with ν = 6
// (E z⁴ = 3(ν−2)/(ν−4) = 6) the fourth moment exists: β² + 2αβ + 6α² = 0.9525 < 1 (He & Teräsvirta 1999)
const params = { mu: 0.05, omega: 0.1, alpha: 0.1, beta: 0.85, nu: 6 };
const hBar = 2;

const spec = (extra: Record<string, unknown> = {}) => priceProcessSchema.parse({ process: 'garch-t', price: 1000, params, ...extra });

/**
 * Mean over many independent paths of the per-path average of x(path); its standard error comes
 * from the spread across paths, which are i.i.d. (within a path the squared returns are dependent).
 */
function acrossPaths(dt: string, steps: number, paths: number, seed: number, stat: (p: Float64Array) => number) {
  const prepared = prepareMarket([{ id: 'X', spec: spec() }], marketSchema.parse({ dt }), '.');
  const rng = new Rng(seed);
  const values = new Float64Array(paths);
  for (let i = 0; i < paths; i++) values[i] = stat(prepared.generate(steps, rng)[0]);
  return { value: mean(values), se: Math.sqrt(variance(values) / paths) };
}

/** Mean of (100·log-return − c)² over a path. */
const meanSquare = (c: number) => (p: Float64Array) => {
  let s = 0;
  for (let k = 1; k < p.length; k++) s += (100 * Math.log(p[k] / p[k - 1]) - c) ** 2;
  return s / (p.length - 1);
};

test('daily steps: returns have the unconditional variance ω/(1 − α − β), within 4 standard errors', () => {
  const { value, se } = acrossPaths('1d', 25, 4000, 31, meanSquare(params.mu));
  const [ok, msg] = withinSE(value, hBar, se);
  assert.ok(ok, msg);
  // the mean return is μ (per day, in %)
  const m = acrossPaths('1d', 25, 4000, 37, (p) => (100 * Math.log(p[p.length - 1] / p[0])) / (p.length - 1));
  const [okM, msgM] = withinSE(m.value, params.mu, m.se);
  assert.ok(okM, msgM);
});

test('hourly steps: E[(100·Δlog S)²] = δ·h̄ + δ²μ² with δ = 1/24, and the path meets the daily path at midnights', () => {
  // Brownian-bridge fill (garchT.ts): an increment over a fraction δ of a day is δ·r + √h·ΔB with
  // Var ΔB = δ(1 − δ) independent of r, so E[(·)²] = δ²(μ² + h̄) + δ(1 − δ)h̄ = δh̄ + δ²μ².
  const d = 1 / 24;
  const { value, se } = acrossPaths('1h', 24 * 10, 2000, 41, meanSquare(0));
  const [ok, msg] = withinSE(value, d * hBar + d * d * params.mu ** 2, se);
  assert.ok(ok, msg);
  const hourly = prepareMarket([{ id: 'X', spec: spec() }], marketSchema.parse({ dt: '1h' }), '.').generate(24 * 5, new Rng(9))[0];
  const daily = prepareMarket([{ id: 'X', spec: spec() }], marketSchema.parse({ dt: '1d' }), '.').generate(5, new Rng(9))[0];
  for (let j = 0; j <= 5; j++) assert.is(hourly[24 * j], daily[j], `day ${j}`);
});

test('a step that does not divide the period (7h): still δ·h̄ + δ²μ² with δ = 7/24', () => {
  // across a day boundary the two bridge pieces add: (δ1 + δ2)h̄ + (δ1 + δ2)²μ² (returns uncorrelated, mean μ)
  const d = 7 / 24;
  const { value, se } = acrossPaths('7h', 40, 3000, 43, meanSquare(0));
  const [ok, msg] = withinSE(value, d * hBar + d * d * params.mu ** 2, se);
  assert.ok(ok, msg);
});

test('GJR leverage: E[ε²] = ω/(1 − α − β − γ/2) with symmetric t innovations, within 4 standard errors', () => {
  // Glosten, Jagannathan & Runkle (1993): E[1(ε<0)ε²] = h/2 for symmetric z, so the persistence is α + β + γ/2.
  const gjr = { mu: 0, omega: 0.1, alpha: 0.02, beta: 0.88, gamma: 0.1, nu: 8 }; // h̄ = 0.1/0.05 = 2
  const s = priceProcessSchema.parse({ process: 'garch-t', price: 1, params: gjr });
  const prepared = prepareMarket([{ id: 'X', spec: s }], marketSchema.parse({ dt: '1d' }), '.');
  const rng = new Rng(53);
  const values = new Float64Array(4000);
  const ms = meanSquare(0);
  for (let i = 0; i < values.length; i++) values[i] = ms(prepared.generate(25, rng)[0]);
  const [ok, msg] = withinSE(mean(values), 2, Math.sqrt(variance(values) / values.length));
  assert.ok(ok, msg);
});

test('sampleOnGrid: last observation at or before each period boundary', () => {
  const times = Float64Array.from([0, 3600, 7200, 14400, 18000, 21600]);
  const prices = Float64Array.from([1, 2, 3, 4, 5, 6]);
  // 2-hour grid 0, 2h, 4h, 6h → rows at 0, 2h, 4h (the 3h row is missing, 4h exists), 6h
  assert.equal(Array.from(sampleOnGrid(times, prices, 7200)), [1, 3, 4, 6]);
  // 90-minute grid 0, 1.5h, 3h, 4.5h, 6h → rows at 0, 1h, 2h (carried into the gap), 4h, 6h
  assert.equal(Array.from(sampleOnGrid(times, prices, 5400)), [1, 2, 3, 4, 6]);
});

test('fitFrom: GARCH-t fitted at load time recovers the parameters of a simulated price file', () => {
  // 3,000 daily returns simulated from known parameters (the truth is the reference); the ML
  // estimates must land within 4 asymptotic standard errors of it. The Hessian standard errors of
  // this fit (fitGarch's stderr) are α 0.015, β 0.021, ν 0.79, hence bands of 0.06, 0.085, 3.2.
  const n = 3000;
  const { returns } = simulateGarch(params, 'garch', 't', n, new Rng(101));
  const lines = ['date,close'];
  let p = 100;
  const day0 = Date.UTC(2015, 0, 1) / 1000;
  lines.push(`${new Date(day0 * 1000).toISOString().slice(0, 10)},${p}`);
  for (let i = 0; i < n; i++) {
    p *= Math.exp(returns[i] / 100);
    lines.push(`${new Date((day0 + (i + 1) * 86400) * 1000).toISOString().slice(0, 10)},${p.toPrecision(12)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-garch-'));
  try {
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'sim.csv'), lines.join('\n') + '\n');
    const s = priceProcessSchema.parse({ process: 'garch-t', price: 2000, fitFrom: { file: 'data/sim.csv' }, period: '1d' });
    const prepared = prepareMarket([{ id: 'ETH', spec: s }], marketSchema.parse({ dt: '1h' }), dir);
    const fit = prepared.garchParameters.ETH;
    assert.ok(Math.abs(fit.alpha - params.alpha) < 0.06, `alpha ${fit.alpha}`);
    assert.ok(Math.abs(fit.beta - params.beta) < 0.085, `beta ${fit.beta}`);
    assert.ok(Math.abs(fit.nu - params.nu) < 3.2, `nu ${fit.nu}`);
    assert.ok(Math.abs(fit.omega / (1 - fit.alpha - fit.beta) - hBar) < 0.8, `h̄ ${fit.omega / (1 - fit.alpha - fit.beta)}`);
    const path = prepared.generate(48, new Rng(1))[0];
    assert.is(path[0], 2000);
    assert.ok(path.every((x) => x > 0 && Number.isFinite(x)));

    // too short a file for the period: 3,000 days at a 60-day period leave 50 returns
    const short = priceProcessSchema.parse({ process: 'garch-t', price: 1, fitFrom: { file: 'data/sim.csv' }, period: '60d' });
    assert.throws(
      () => prepareMarket([{ id: 'ETH', spec: short }], marketSchema.parse({}), dir),
      (e: unknown) => e instanceof InputError && e.field === 'assets.ETH.price.fitFrom.file' && /at least 100/.test(e.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fitFrom: a fit that stops at the stationarity bound is refused, not used with a huge unconditional variance', () => {
  // Reference: R fGarch on these BTC daily returns (test/fixtures/models/fgarch-btc-t.txt) has its
  // unconstrained optimum at alpha + beta = 1.078, so the stationary fit ends on alpha + beta = 1.
  const root = resolve('.');
  const s = priceProcessSchema.parse({ process: 'garch-t', price: 60000, fitFrom: { file: 'data/btc-usd-daily.csv' }, period: '1d' });
  assert.throws(
    () => prepareMarket([{ id: 'BTC', spec: s }], marketSchema.parse({ dt: '1h' }), root),
    (e: unknown) => e instanceof InputError && e.field === 'assets.BTC.price.fitFrom' && /at the stationarity bound\) \(no finite unconditional variance\); give params instead/.test(e.message),
  );
});

test.run();
