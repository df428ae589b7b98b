import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { slippageAdjustedValue, singleVenueProceeds, haircutCurve, type VenueSpec } from '../../src/risk/slippageAdjustedValue.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

test('two identical constant-product pools: 50/50, and proceeds of one pool with doubled reserves', () => {
  // Closed form: 2·γ(Q/2)y/(x + γQ/2) = γQ·(2y)/(2x + γQ), Uniswap v2's formula on reserves (2x, 2y).
  const pool: VenueSpec = { kind: 'constant-product', reserveAsset: 5000, reserveQuote: 1e7, feeBps: 30 };
  const Q = 800;
  const r = slippageAdjustedValue(Q, [pool, pool]);
  assert.ok(rel(r.split[0].size, Q / 2) < 1e-10);
  assert.ok(rel(r.split[1].size, Q / 2) < 1e-10);
  const g = 0.997;
  assert.ok(rel(r.proceeds, (g * Q * 2e7) / (1e4 + g * Q)) < 1e-12);
  assert.is(r.referencePrice, 2000);
  assert.ok(rel(r.haircut, 1 - r.proceeds / (Q * 2000)) < 1e-12);
});

test('depth curves at the same mid add their depth: closed form with κ = Σκ_v', () => {
  // κ_v = depth_v/(0.02·m); with equal mids, water-filling gives q_v ∝ κ_v and total proceeds κm(1 − e^{−Q/κ}).
  const venues: VenueSpec[] = [
    { kind: 'depth-curve', mid: 2000, depth2pct: 1e6 },
    { kind: 'depth-curve', mid: 2000, depth2pct: 3e6 },
  ];
  const Q = 3000;
  const kappa = 4e6 / 40;
  const r = slippageAdjustedValue(Q, venues);
  assert.ok(rel(r.proceeds, kappa * 2000 * -Math.expm1(-Q / kappa)) < 1e-12);
  assert.ok(rel(r.split[1].size / r.split[0].size, 3) < 1e-9);
  assert.ok(rel(r.haircut, 1 - (kappa / Q) * -Math.expm1(-Q / kappa)) < 1e-10);
});

const mixed: VenueSpec[] = [
  { kind: 'constant-product', reserveAsset: 3000, reserveQuote: 6.03e6, feeBps: 30, name: 'uni' },
  { kind: 'constant-product', reserveAsset: 800, reserveQuote: 1.59e6, feeBps: 5, name: 'uni-5bp' },
  { kind: 'depth-curve', mid: 2000, depth2pct: 2e6, name: 'cex' },
  { kind: 'stableswap', balances: [1.2e6, 1.0e6], A: 50, feeBps: 4, i: 0, j: 1, name: 'curve' },
];

test('KKT: used venues end at the common marginal rate; unused venues start at or below it', () => {
  for (const Q of [1, 50, 2000, 20_000]) {
    const r = slippageAdjustedValue(Q, mixed.slice(0, 3));
    for (const f of r.split) {
      if (f.size > 0) assert.ok(rel(f.marginalPrice, r.marginalPrice) < 1e-9, `Q=${Q} ${f.name}: ${f.marginalPrice} vs ${r.marginalPrice}`);
      else assert.ok(f.marginalPrice <= r.marginalPrice * (1 + 1e-12));
    }
    assert.ok(
      rel(
        r.split.reduce((s, f) => s + f.size, 0),
        Q,
      ) < 1e-12,
    );
  }
});

test('water-filling beats a brute-force grid over two-venue splits, and never loses to the best single venue', () => {
  // Independent method: exhaustive search over 2,001 splits q₁ = Q·k/2000.
  const two = [mixed[0], mixed[2]];
  const Q = 1500;
  let best = -Infinity;
  for (let k = 0; k <= 2000; k++) {
    const q1 = (Q * k) / 2000;
    best = Math.max(best, singleVenueProceeds(q1, two[0]) + singleVenueProceeds(Q - q1, two[1]));
  }
  const r = slippageAdjustedValue(Q, two);
  assert.ok(r.proceeds >= best * (1 - 1e-12));
  assert.ok(r.proceeds - best < 1e-6 * best); // and the grid gets within its resolution of it
  // a stableswap venue for a ~1:1 pair
  const s = slippageAdjustedValue(2e5, [mixed[3], { kind: 'stableswap', balances: [5e5, 5e5], A: 200, feeBps: 4, i: 0, j: 1 }]);
  assert.ok(s.proceeds >= singleVenueProceeds(2e5, mixed[3]));
});

test('property: the split never does worse than any single venue', () => {
  const venue = fc.oneof(
    fc.record({
      kind: fc.constant('constant-product' as const),
      reserveAsset: fc.double({ min: 1, max: 1e6, noNaN: true }),
      reserveQuote: fc.double({ min: 1, max: 1e9, noNaN: true }),
      feeBps: fc.integer({ min: 0, max: 100 }),
    }),
    fc.record({
      kind: fc.constant('depth-curve' as const),
      mid: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
      depth2pct: fc.double({ min: 1, max: 1e8, noNaN: true }),
    }),
  );
  fc.assert(
    fc.property(fc.array(venue, { minLength: 1, maxLength: 4 }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (venues, Q) => {
      const r = slippageAdjustedValue(Q, venues);
      return venues.every((v) => r.proceeds >= singleVenueProceeds(Q, v) * (1 - 1e-10));
    }),
    { numRuns: 200, seed: 3 },
  );
});

test('haircut curve rises with size', () => {
  const curve = haircutCurve([0, 10, 100, 1000, 10_000, 100_000], mixed.slice(0, 3));
  for (let k = 1; k < curve.length; k++) assert.ok(curve[k].haircut > curve[k - 1].haircut);
  // at size 0 the haircut is the cheapest fee against the reference mid (uni-5bp: mid 1987.5, 5 bps fee)
  assert.ok(rel(1 - curve[0].haircut, Math.max(0.997 * 2010, 0.9995 * 1987.5, 2000) / 2010) < 1e-12);
});

test('rejects bad inputs', () => {
  assert.throws(() => slippageAdjustedValue(1, []));
  assert.throws(() => slippageAdjustedValue(-1, mixed));
  assert.throws(() => slippageAdjustedValue(1, [{ kind: 'depth-curve', mid: 0, depth2pct: 1 }]));
});

test.run();
