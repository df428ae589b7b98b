/**
 * The liquidation-price index against an independent full scan of every health factor, through
 * random price moves and re-keyed positions (with the liquidatable zone's per-entry copies of key,
 * debt, entry step and pair equal to what they copy, and each block of entries' bounds above its
 * entries, equal to their largest once tightened); and the latency clock of a position that stays
 * liquidatable through a partial liquidation (it must not restart).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { LiquidationIndex, liquidationKey } from '../../../src/protocols/lending/liquidationIndex.js';
import { BLOCK } from '../../../src/protocols/lending/candidates.js';

test('zone membership equals a full scan of HF < 1 and HF < watch level (for positions a cohort looks after, when tags are given), after any moves', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.double({ min: 0.01, max: 100, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.nat(2)), { minLength: 1, maxLength: 200 }),
      fc.array(fc.double({ min: 0.5, max: 5000, noNaN: true }), { minLength: 1, maxLength: 8 }),
      // re-keyed positions: new collateral, and new scaled debt or the same
      fc.array(fc.tuple(fc.nat(199), fc.double({ min: 0, max: 50, noNaN: true }), fc.option(fc.double({ min: 0, max: 1000, noNaN: true }))), { maxLength: 10 }),
      fc.boolean(),
      (positions, prices, edits, tagged) => {
        const n = positions.length;
        const lt = 0.8;
        const coll = Float64Array.from(positions.map((p) => p[0]));
        const debt = Float64Array.from(positions.map((p) => p[1]));
        // cohort tags 0 (none), 1, 2; without tags every position is watched
        const tags = tagged ? Uint8Array.from(positions, (p) => p[2]) : null;
        const index = new LiquidationIndex(new Uint8Array(n), new Uint8Array(n), 1.2, tags);
        index.build(Float64Array.from(positions.map(([c, d]) => liquidationKey(c, d, lt))), debt);
        prices.forEach((price, step) => {
          index.setLevel(0, price, step); // debt priced at 1 with index 1: x = P_c
          for (const [k, newColl, newDebt] of edits.filter((e) => e[0] < n)) {
            // the owner writes the position, then tells the index the scaled debt it replaced
            const before = debt[k];
            coll[k] = newColl;
            if (newDebt !== null) debt[k] = newDebt;
            index.update(k, liquidationKey(newColl, debt[k], lt), before, step);
          }
          for (let i = 0; i < n; i++) {
            const lhs = coll[i] * price * lt; // the health factor's numerator and denominator
            const rhs = debt[i];
            if (Math.abs(lhs - rhs) <= 1e-9 * Math.max(lhs, rhs)) continue; // at the boundary either answer is right
            assert.is(index.zones[0].member[i] === 1, lhs < rhs, `position ${i} at price ${price}`);
            assert.is(index.zones[1].member[i] === 1, lhs < rhs * 1.2 && (tags === null || tags[i] !== 0), `watch: position ${i} at price ${price}`);
          }
          // the liquidatable zone's per-entry copies match the member each list entry names
          const z = index.zones[0];
          for (let k = 0; k < z.count; k++) {
            const i = z.list[k];
            assert.equal([z.entries!.key[k], z.entries!.scaledDebt[k], z.entries!.since[k], z.entries!.pair[k]], [index.key[i], debt[i], z.since[i], index.pairOf[i]]);
          }
          // each block's bounds cover its entries (after any moves), and are their largest once tightened
          const c = z.entries!;
          const largest = (a: Float64Array, b: number) => Math.max(0, ...a.subarray(b * BLOCK, Math.min(z.count, (b + 1) * BLOCK)));
          for (let b = 0; b * BLOCK < z.count; b++) {
            assert.ok(c.blockBacking[b] >= largest(c.backing, b) && c.blockScaledDebt[b] >= largest(c.scaledDebt, b) && c.blockKey[b] >= largest(c.key, b));
          }
          c.tighten(z.count);
          for (let b = 0; b * BLOCK < z.count; b++) {
            assert.equal([c.blockBacking[b], c.blockScaledDebt[b], c.blockKey[b]], [largest(c.backing, b), largest(c.scaledDebt, b), largest(c.key, b)]);
          }
          for (let k = 0; k < z.count; k++) assert.is(c.backing[k], c.scaledDebt[k] / c.key[k]);
          for (const zone of index.zones) {
            const expected = [...debt].reduce((s, d, i) => (zone.member[i] ? s + d : s), 0);
            assert.ok(Math.abs(zone.scaledDebt[0] - expected) <= 1e-9 * Math.max(1, expected), `members' scaled debt ${zone.scaledDebt[0]} against ${expected}`);
          }
        });
      },
    ),
    { seed: 7, numRuns: 1000 },
  );
});

test('a partial liquidation that leaves a position liquidatable keeps its since-step', () => {
  const index = new LiquidationIndex(new Uint8Array(1), new Uint8Array(1), 1);
  // the owner's scaled debt, which the index reads: the owner writes it, then tells the index what it replaced
  const debt = Float64Array.of(1000);
  index.build(Float64Array.of(liquidationKey(10, 1000, 0.8)), debt);
  index.setLevel(0, 100, 3); // HF = 10 · 100 · 0.8 / 1000 = 0.8: enters at step 3
  assert.is(index.zones[0].since[0], 3);
  debt[0] = 950;
  index.update(0, liquidationKey(9, 950, 0.8), 1000, 5); // HF = 720 / 950 = 0.758: still in
  assert.is(index.zones[0].since[0], 3);
  assert.is(index.zones[0].scaledDebt[0], 950);
  debt[0] = 500;
  index.update(0, liquidationKey(9, 500, 0.8), 950, 6); // HF = 1.44: out
  assert.is(index.zones[0].member[0], 0);
  assert.is(index.zones[0].scaledDebt[0], 0);
});

test('a position re-filed far from every other key, or to no debt or no collateral, is still found when the level crosses it', () => {
  // each pair keeps bucket heads only over the keys it holds (a window that grows): keys 1 and 2
  // at the start; then one position is moved to key 10^6 (about 13,800 buckets above), one to key
  // 0 (no debt) and one to key ∞ (debt, no collateral); HF < 1 ⟺ key > level (debt at price 1)
  const index = new LiquidationIndex(new Uint8Array(3), new Uint8Array(3), 1);
  const debt = Float64Array.of(1, 1, 1);
  index.build(Float64Array.of(1, 2, 1), debt);
  index.setLevel(0, 1.5, 1); // only key 2 is above 1.5
  assert.equal([...index.zones[0].member], [0, 1, 0]);
  index.update(0, 1e6, 1, 2);
  debt[1] = 0;
  index.update(1, 0, 1, 2);
  index.update(2, Infinity, 1, 2);
  assert.equal([...index.zones[0].member], [1, 0, 1], 'keys 10^6 and ∞ are above 1.5 when re-filed');
  index.setLevel(0, 2e6, 3); // level above 10^6: only key ∞ stays
  assert.equal([...index.zones[0].member], [0, 0, 1]);
  index.setLevel(0, 5e5, 4); // back below 10^6: the boundary's move visits the far bucket again
  assert.equal([...index.zones[0].member], [1, 0, 1]);
  index.setLevel(0, 1e-9, 5); // key 0 (no debt) is never liquidatable
  assert.equal([...index.zones[0].member], [1, 0, 1]);
});

test.run();
