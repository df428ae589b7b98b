import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { adviseCollateral } from '../../src/risk/collateralAdvice.js';
import { requiredRatio } from '../../src/risk/collateralRequirement.js';
import { slippageAdjustedValue, type VenueSpec } from '../../src/risk/slippageAdjustedValue.js';
import { Rng } from '../../src/util/rng.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** A synthetic daily GBM path (200 days), seeded. */
function path(seed: number, sigma = 0.04): { times: Float64Array; prices: Float64Array } {
  const rng = new Rng(seed);
  const n = 200;
  const times = new Float64Array(n);
  const prices = new Float64Array(n);
  let p = 1000;
  for (let i = 0; i < n; i++) {
    times[i] = 1_600_000_000 - (1_600_000_000 % 86400) + i * 86400;
    prices[i] = p;
    p *= Math.exp(sigma * rng.normal() - 0.5 * sigma * sigma);
  }
  return { times, prices };
}

test('advice: ratio from the closed form with the EWMA variance, haircut of the venues, Shapley sums exactly', () => {
  const { times, prices } = path(1);
  const venues: VenueSpec[] = [
    { kind: 'constant-product', reserveAsset: 2000, reserveQuote: 2000 * prices[150], feeBps: 30 },
    { kind: 'depth-curve', mid: prices[150], depth2pct: 2e5 },
  ];
  const a = adviseCollateral({ times, prices, at: times[150] + 3600, size: 300, venues, oracleDelay: 7200, auctionTime: 600 });
  assert.is(a.index, 150);
  // EWMA one-step variance at the close of day 150, recomputed directly from the RiskMetrics recursion
  const r = Array.from({ length: 150 }, (_, t) => Math.log(prices[t + 1] / prices[t]));
  let v = r.reduce((s, x) => s + x * x, 0) / r.length; // initial variance: mean square of the returns seen
  for (const x of r) v = 0.94 * v + 0.06 * x * x;
  assert.ok(rel(a.volatility.variancePerPeriod, v) < 1e-12);
  const h = slippageAdjustedValue(300, venues).haircut;
  assert.ok(rel(a.liquidity.haircut, h) < 1e-15);
  const sigmaTau = Math.sqrt((v * 7800) / 86400);
  assert.ok(rel(a.ratio, requiredRatio(sigmaTau, h, 0.05, 0.01)) < 1e-12);
  const sum = Object.values(a.explanation.contributions).reduce((s, c) => s + c, 0);
  assert.ok(Math.abs(sum - (a.ratio - a.baseline.ratio)) < 1e-14);
  assert.is(a.explanation.contributions.congestion, 0); // congestion delay is 0 = its baseline: a dummy
});

test('advice is causal: prices after the advice date do not change it', () => {
  const a = path(2);
  const b = { times: a.times, prices: a.prices.slice() };
  for (let i = 121; i < b.prices.length; i++) b.prices[i] *= 0.5;
  for (const model of ['ewma', 'garch'] as const) {
    const x = adviseCollateral({ ...a, at: a.times[120], size: 10, haircut: 0.01, model });
    const y = adviseCollateral({ ...b, at: b.times[120], size: 10, haircut: 0.01, model });
    assert.is(x.ratio, y.ratio);
  }
});

test('a more volatile history needs more collateral; too little history is refused', () => {
  const calm = path(3, 0.02);
  const wild = path(3, 0.08);
  const opts = { size: 10, haircut: 0.01 };
  assert.ok(adviseCollateral({ ...wild, ...opts }).ratio > adviseCollateral({ ...calm, ...opts }).ratio);
  assert.throws(() => adviseCollateral({ ...calm, ...opts, at: calm.times[10] }), /at least/);
});

test.run();
