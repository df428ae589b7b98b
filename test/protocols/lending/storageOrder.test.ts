/**
 * Positions stored in liquidation-key order: the layout by hand (pair, then bucket of key, then
 * descending id), ids mapped both ways, and the property that makes the layout invisible: through
 * random price moves, top-ups and liquidations, the market's zones hold the same positions in the
 * same order (read as ids) as an index over the same positions laid out in id order, which is how
 * the market stored them before it had slots; and the index agrees with a full scan.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { storageOrder } from '../../../src/protocols/lending/storageOrder.js';
import { LiquidationIndex, liquidationKey } from '../../../src/protocols/lending/liquidationIndex.js';
import { LendingMarket } from '../../../src/protocols/lending/lendingMarket.js';
import { Ledger } from '../../../src/sim/ledger.js';

test('storage order: by pair (numbered as first met in id order), then bucket of key, then descending id', () => {
  // keys 1, 2, 1.0001 (same 0.1 % bucket as 1), 5; pairs: ids 0, 1, 3 are (0 → 1), id 2 is (2 → 1)
  const keys = Float64Array.of(1, 2, 1.0001, 5, 1.00005);
  const collateral = [0, 0, 2, 0, 0];
  const debt = [1, 1, 1, 1, 1];
  // pair 0: ids 0, 4 share key 1's bucket (descending id: 4, 0), then 1 (key 2), then 3 (key 5); pair 1: id 2
  assert.equal([...storageOrder(collateral, debt, keys)], [4, 0, 1, 3, 2]);
});

const curve = { base: 0, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 };
const LT = [0.825, 0.78];

test('ids map to slots and back, and the book holds each position at its slot', () => {
  const ledger = new Ledger(3, ['protocol:m', 'borrowers:m']);
  const reserves = [
    { asset: 0, assetId: 'ETH', oracle: 0, ltv: 0.8, liquidationThreshold: LT[0], liquidationBonus: 0.05, supply: 0, rate: curve },
    { asset: 1, assetId: 'WBTC', oracle: 1, ltv: 0.7, liquidationThreshold: LT[1], liquidationBonus: 0.065, supply: 0, rate: curve },
    { asset: 2, assetId: 'USDC', oracle: 2, ltv: 0.77, liquidationThreshold: 0.8, liquidationBonus: 0.045, supply: 1e6, rate: curve },
  ];
  // keys 1500 / 8.25 = 181.8, 1000 / 0.825 = 1212, 30000 / 0.78 = 38462, 100 / 8.25 = 12.1
  const rows = { collateralReserve: [0, 0, 1, 0], debtReserve: [2, 2, 2, 2], collateral: [10, 1, 1, 10], debt: [1500, 1000, 30000, 100] };
  const m = new LendingMarket('m', reserves, rows, { closeFactor: 0.5, closeFactorHealthFactor: 0.95 }, 1e-6, 1, ledger);
  assert.equal([...m.book.id], [3, 0, 1, 2]);
  for (let id = 0; id < 4; id++) {
    const i = m.slotOf(id);
    assert.is(m.positionId(i), id);
    assert.is(m.book.collateral[i], rows.collateral[id]);
    assert.is(m.book.scaledDebt[i], rows.debt[id]);
    assert.is(m.book.collateralReserve[i], rows.collateralReserve[id]);
  }
  // an id the market does not have is refused by name, not mapped to some slot (−1 once found slot 0)
  for (const id of [-1, 4, 1.5, Number.NaN]) assert.throws(() => m.slotOf(id), new RegExp(`has no position ${id}`));
});

test('the zones list the same positions in the same order as an index laid out in id order, through any moves', () => {
  fc.assert(
    fc.property(
      // few distinct amounts, so that many positions share a bucket (where the order within it shows)
      fc.array(
        fc.tuple(
          fc.nat(1),
          fc.constantFrom(1, 2, 5, 10),
          fc.integer({ min: 1, max: 40 }).map((k) => k * 250),
          // the borrower cohort looking after it (0: none): only those enter the watch zone
          fc.nat(2),
        ),
        { minLength: 1, maxLength: 80 },
      ),
      fc.array(fc.tuple(fc.double({ min: 800, max: 4000, noNaN: true }), fc.double({ min: 20000, max: 90000, noNaN: true })), { minLength: 1, maxLength: 10 }),
      fc.array(fc.tuple(fc.nat(79), fc.double({ min: 0.01, max: 5, noNaN: true }), fc.constantFrom('top-up', 'liquidate', 'repay')), { maxLength: 12 }),
      (positions, prices, edits) => {
        const n = positions.length;
        const ledger = new Ledger(3, ['protocol:m', 'borrowers:m', 'liquidator']);
        const reserves = [
          { asset: 0, assetId: 'ETH', oracle: 0, ltv: 0.8, liquidationThreshold: LT[0], liquidationBonus: 0.05, supply: 0, rate: curve },
          { asset: 1, assetId: 'WBTC', oracle: 1, ltv: 0.7, liquidationThreshold: LT[1], liquidationBonus: 0.065, supply: 0, rate: curve },
          { asset: 2, assetId: 'USDC', oracle: 2, ltv: 0.77, liquidationThreshold: 0.8, liquidationBonus: 0.045, supply: 1e9, rate: curve },
        ];
        const rows = { collateralReserve: positions.map((p) => p[0]), debtReserve: positions.map(() => 2), collateral: positions.map((p) => p[1]), debt: positions.map((p) => p[2]) };
        const m = new LendingMarket('m', reserves, rows, { closeFactor: 0.5, closeFactorHealthFactor: 0.95 }, 1e-6, 1.2, ledger);
        positions.forEach((p, id) => {
          m.book.cohort[m.slotOf(id)] = p[3];
        });
        const liquidator = ledger.account('liquidator');
        ledger.mint(liquidator, 2, 1e9);
        // the reference: the same positions in id order, linked 0, 1, 2, …
        const reference = new LiquidationIndex(
          Uint8Array.from(rows.collateralReserve),
          Uint8Array.from(rows.debtReserve),
          1.2,
          Uint8Array.from(positions, (p) => p[3]),
        );
        // its own scaled debt per id, written as the market's changes (the index reads it)
        const referenceDebt = Float64Array.from(rows.debt);
        reference.build(
          Float64Array.from(positions, (p) => liquidationKey(p[1], p[2], LT[p[0]])),
          referenceDebt,
        );
        const same = (step: number) => {
          for (let z = 0; z < 2; z++) {
            const zone = m.index.zones[z];
            const expected = reference.zones[z];
            const ids = [...zone.list.subarray(0, zone.count)].map((i) => m.positionId(i));
            assert.equal(ids, [...expected.list.subarray(0, expected.count)], `zone ${z} at step ${step}`);
            assert.equal(
              ids.map((id) => zone.since[m.slotOf(id)]),
              ids.map((id) => expected.since[id]),
            );
            // the same sums of members' scaled debt per pair, to rounding (checkInvariants below checks them against the book)
            for (let q = 0; q < reference.pairs.length; q++)
              assert.ok(Math.abs(zone.scaledDebt[q] - expected.scaledDebt[q]) <= 1e-9 * Math.max(1, expected.scaledDebt[q]), `zone ${z} pair ${q} sum at step ${step}`);
          }
          const z = m.index.zones[0];
          for (let k = 0; k < z.count; k++) {
            const i = z.list[k];
            assert.equal([z.entries!.key[k], z.entries!.scaledDebt[k], z.entries!.since[k], z.entries!.pair[k]], [m.index.key[i], m.book.scaledDebt[i], z.since[i], m.index.pairOf[i]]);
          }
          assert.equal(m.checkInvariants(ledger), [], `invariants at step ${step}`);
        };
        prices.forEach(([eth, wbtc], step) => {
          m.mark({ step, oraclePrices: Float64Array.of(eth, wbtc, 1) });
          reference.pairs.forEach((pair, p) => reference.setLevel(p, [eth, wbtc][pair.collateral], step));
          same(step);
          for (const [target, amount, kind] of edits) {
            const id = target % n;
            const i = m.slotOf(id);
            // the market re-files a position only when a call changed it
            const changed =
              kind === 'liquidate' ? m.liquidate(i, amount * 1000, liquidator, ledger).debtRepaid > 0 : kind === 'top-up' ? m.topUp(i, amount, ledger) > 0 : m.repay(i, amount * 1000, ledger) > 0;
            if (changed) {
              const before = referenceDebt[id];
              referenceDebt[id] = m.book.scaledDebt[i];
              reference.update(id, liquidationKey(m.book.collateral[i], m.book.scaledDebt[i], LT[rows.collateralReserve[id]]), before, step);
            }
            same(step);
          }
        });
      },
    ),
    { seed: 17, numRuns: 120 },
  );
});

test.run();
