import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  bookDensity,
  priceAfterSell,
  priceAfterBuy,
  sellProceeds,
  buyCost,
  averageSellPrice,
  sellImpact,
  sizeForSellImpact,
  sizeForSellPrice,
  sizeForSellProceeds,
} from '../../../src/models/amm/depthCurve.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const eth = { mid: 2000, depth2pct: 1_000_000 };

test('selling depth2pct of quote volume moves the price exactly 2 %', () => {
  // κ = 1e6/(0.02·2000) = 25,000 ETH per unit of price; q₂ = κ·ln(1/0.98) = 505.06768293798621… (40-digit decimal)
  assert.is(bookDensity(eth), 25_000);
  const q2 = sizeForSellProceeds(eth, eth.depth2pct);
  assert.ok(rel(q2, 505.0676829379862) < 1e-14);
  assert.ok(rel(priceAfterSell(eth, q2), 0.98 * 2000) < 1e-14);
  assert.ok(rel(sellImpact(eth, q2), 0.02) < 1e-13);
  assert.ok(rel(sizeForSellImpact(eth, 0.02), q2) < 1e-14);
  // the buy side is symmetric in quote volume: paying depth2pct lifts the price 2 %
  const up = 25_000 * Math.log(1.02);
  assert.ok(rel(buyCost(eth, up), eth.depth2pct) < 1e-13);
  assert.ok(rel(priceAfterBuy(eth, up), 1.02 * 2000) < 1e-14);
});

test('proceeds on a worked value and against numerical integration of the marginal price', () => {
  // 1,000 ETH: κ·m·(1 − e^{−1000/25000}) = 5e7·(1 − e^{−0.04}) = 1,960,528.0423838395… (decimal)
  assert.ok(rel(sellProceeds(eth, 1000), 1960528.0423838395) < 1e-14);
  // independent: composite Simpson's rule on ∫₀^q p(s) ds with 2,000 panels
  for (const q of [10, 1000, 40_000]) {
    const n = 2000;
    const h = q / n;
    let s = priceAfterSell(eth, 0) + priceAfterSell(eth, q);
    for (let k = 1; k < n; k++) s += (k % 2 ? 4 : 2) * priceAfterSell(eth, k * h);
    assert.ok(rel(sellProceeds(eth, q), (s * h) / 3) < 1e-10, `q=${q}`);
  }
  assert.ok(rel(averageSellPrice(eth, 1000), 1960.5280423838395) < 1e-14);
  assert.is(averageSellPrice(eth, 0), 2000);
});

test('small sales follow the linear rule of thumb; proceeds are bounded by 50·depth2pct', () => {
  // selling X of quote moves the price by ≈ 2 %·X/depth2pct for X ≪ depth2pct
  const q = 1; // 2,000 of quote
  assert.ok(rel(sellImpact(eth, q), (0.02 * 2000) / 1e6) < 1e-3);
  assert.ok(sellProceeds(eth, 1e9) <= 50 * eth.depth2pct);
  assert.is(sizeForSellProceeds(eth, 50 * eth.depth2pct), Infinity);
});

test('inverse functions round-trip', () => {
  for (const q of [0.5, 300, 12_345]) {
    // a price within 2e-5 of the mid carries only ~11 significant digits of the size: looser tolerance
    assert.ok(rel(sizeForSellPrice(eth, priceAfterSell(eth, q)), q) < 1e-10);
    assert.ok(rel(sizeForSellProceeds(eth, sellProceeds(eth, q)), q) < 1e-12);
    assert.ok(rel(sizeForSellImpact(eth, sellImpact(eth, q)), q) < 1e-12);
  }
  assert.is(sizeForSellPrice(eth, 2500), 0);
  assert.throws(() => bookDensity({ mid: 0, depth2pct: 1 }));
});

test.run();
