/**
 * The cross-margined accounts' index against an independent full scan of every account's health
 * factor (Σ collateral · P · LT over the entries used as collateral / Σ debt · P, written out here
 * from the rows, not through the engine's function), through random multi-asset books, random
 * price and borrow-index moves (drifts, jumps, zero collateral) and random balance changes, at
 * every step; and the per-reserve sums of the liquidatable accounts' debt against the same scan.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { AccountRows } from '../../../../src/protocols/lending/accounts/accountRows.js';
import { AccountBook } from '../../../../src/protocols/lending/accounts/accountBook.js';
import { AccountIndex } from '../../../../src/protocols/lending/accounts/accountIndex.js';

const RESERVES = 4;

/** HF by the definition, from the book's arrays, with LT and prices as given. */
function scannedHealth(b: AccountBook, a: number, price: number[], lt: number[], idx: number[]): { backing: number; owed: number } {
  let backing = 0;
  let owed = 0;
  for (let k = b.start[a]; k < b.start[a + 1]; k++) {
    const r = b.reserve[k];
    if (b.usedAsCollateral[k]) backing += b.collateral[k] * price[r] * lt[r];
    owed += b.scaledDebt[k] * idx[r] * price[r];
  }
  return { backing, owed };
}

const entry = fc.record({
  reserve: fc.nat(RESERVES - 1),
  collateral: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1000, noNaN: true })),
  debt: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1000, noNaN: true })),
  used: fc.boolean(),
});

test('the liquidatable accounts equal a full scan of every health factor, at every step', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(entry, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 120 }),
      fc.array(fc.double({ min: 0.3, max: 0.95, noNaN: true }), { minLength: RESERVES, maxLength: RESERVES }),
      // per step: a factor per reserve on the price (a drift or a jump), and one on the borrow index
      fc.array(
        fc.record({
          moves: fc.array(fc.double({ min: 0.5, max: 1.6, noNaN: true }), { minLength: RESERVES, maxLength: RESERVES }),
          interest: fc.double({ min: 1, max: 1.01, noNaN: true }),
          edits: fc.array(fc.tuple(fc.nat(119), fc.nat(3), fc.double({ min: 0, max: 2, noNaN: true })), { maxLength: 4 }),
        }),
        { minLength: 1, maxLength: 25 },
      ),
      (accounts, lt, steps) => {
        const rows = new AccountRows();
        for (const entries of accounts) {
          rows.open();
          for (const e of entries) rows.add(e.reserve, e.collateral, e.debt, e.used);
        }
        const b = new AccountBook(rows);
        const index = new AccountIndex(b, RESERVES);
        const price = [2000, 1, 30000, 1];
        const idx = [1, 1, 1, 1];
        const cw = new Float64Array(RESERVES);
        const dw = new Float64Array(RESERVES);
        steps.forEach((s, step) => {
          for (let r = 0; r < RESERVES; r++) {
            price[r] *= s.moves[r];
            idx[r] *= s.interest;
            cw[r] = price[r] * lt[r];
            dw[r] = price[r] * idx[r];
          }
          index.setWeights(cw, dw, step);
          // balance changes (a liquidation or a top-up scales one entry), each re-filed
          for (const [a, which, factor] of s.edits) {
            if (a >= b.count) continue;
            const k = b.start[a] + (which % (b.start[a + 1] - b.start[a]));
            b.collateral[k] *= factor;
            b.scaledDebt[k] *= 2 - factor;
            index.refile(a, cw, dw, step);
          }
          const sums = new Float64Array(RESERVES);
          for (let a = 0; a < b.count; a++) {
            const { backing, owed } = scannedHealth(b, a, price, lt, idx);
            const member = index.zone.member[a] === 1;
            if (member) for (let k = b.start[a]; k < b.start[a + 1]; k++) sums[b.reserve[k]] += b.scaledDebt[k];
            if (Math.abs(backing - owed) <= 1e-9 * Math.max(backing, owed)) continue; // at HF = 1 either answer is right
            assert.is(member, backing < owed, `account ${a} at step ${step}: HF ${backing / owed}`);
          }
          const z = index.zone;
          for (let k = 0; k < z.count; k++) assert.is(z.member[z.list[k]], 1);
          assert.is(
            z.count,
            z.member.reduce((n, x) => n + x, 0),
          );
          for (let r = 0; r < RESERVES; r++) assert.ok(Math.abs(z.scaledDebt[r] - sums[r]) <= 1e-9 * Math.max(1, sums[r]), `reserve ${r} sum`);
        });
      },
    ),
    { seed: 11, numRuns: 200 },
  );
});

test('small moves check only the accounts in the band; one collateral and one debt reserve need none', () => {
  // 1,000 accounts, each 1 unit of reserve 0 (LT 1) against debt from 0.5 to 1.499 of reserve 1:
  // HF0 from 2 down to 0.67 at prices 1 and 1; account 1000 holds reserve 2 and owes nothing
  const rows = new AccountRows();
  for (let a = 0; a < 1000; a++) {
    rows.open();
    rows.add(0, 1, 0, true);
    rows.add(1, 0, 0.5 + a / 1000, false);
  }
  rows.open();
  rows.add(2, 1, 0, true);
  const b = new AccountBook(rows);
  const index = new AccountIndex(b, 3);
  const debtWeight = Float64Array.of(0, 1, 0);
  index.setWeights(Float64Array.of(1, 0, 1), debtWeight, 0);
  assert.is(index.references, 1);
  assert.is(index.work, 1001);
  // HF < 1 ⟺ debt > 1 ⟺ a > 500: accounts 501 … 999
  assert.is(index.zone.count, 499);
  // reserve 0 falls 1 %, reserve 2 stays: ρ = 0.99, R = 1, the band is HF0 in [1, 1/0.99): debt
  // in (0.99, 1], accounts 491 … 500, and 490 (debt 0.99) on the widened edge: 11 checks
  index.setWeights(Float64Array.of(0.99, 0, 1), debtWeight, 1);
  assert.is(index.references, 1);
  assert.is(index.work, 1001 + 11);
  // HF < 1 ⟺ debt > 0.99 ⟺ a > 490
  assert.is(index.zone.count, 509);
  assert.equal(
    index.band.map((x) => Number(x.toFixed(6))),
    [1, 1.010101],
  );
  // reserve 2 back at 0.99 too: the bound is exact again (ρ = R = 0.99), the band a point
  index.setWeights(Float64Array.of(0.99, 0, 0.99), debtWeight, 2);
  assert.is(index.zone.count, 509);
  assert.ok(index.band[1] / index.band[0] < 1 + 1e-8);
});

test('the zone keeps an account that stays liquidatable with its entry step', () => {
  const rows = new AccountRows();
  rows.open('0xabc');
  rows.add(0, 10, 0, true);
  rows.add(1, 0, 9, false);
  const b = new AccountBook(rows);
  const index = new AccountIndex(b, 2);
  index.setWeights(Float64Array.of(1, 0), Float64Array.of(0, 1), 0); // HF = 10 / 9
  assert.is(index.zone.member[0], 0);
  index.setWeights(Float64Array.of(0.8, 0), Float64Array.of(0, 1), 3); // HF = 8 / 9
  assert.is(index.zone.since[0], 3);
  b.scaledDebt[1] = 8.5; // partly repaid: HF = 8 / 8.5, still under
  index.refile(0, Float64Array.of(0.8, 0), Float64Array.of(0, 1), 5);
  assert.is(index.zone.since[0], 3);
  assert.is(index.zone.scaledDebt[1], 8.5);
  assert.is(b.name(0), '0xabc');
});

test.run();
