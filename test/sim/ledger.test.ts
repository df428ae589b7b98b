/**
 * The ledger's one-call inflow (`mintThrough`): tokens entering the world through an outside
 * wallet and going on to a protocol. References: the two calls it stands for (a mint to the wallet,
 * then a transfer from it), which must leave every balance with the same bits, and the ledger's
 * conservation law (each asset's total over all accounts is what was minted less what was burned).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Ledger } from '../../src/sim/ledger.js';

const ACCOUNTS = ['borrowers:m', 'protocol:m', 'agent:a'];

test('mintThrough leaves the same bits as a mint to the wallet and a transfer from it', () => {
  fc.assert(
    fc.property(
      // opening balances, then inflows (wallet, destination, asset, amount), some with wallet = destination
      fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 6, maxLength: 6 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 }), fc.double({ min: 0, max: 1e9, noNaN: true })), { maxLength: 40 }),
      (opening, inflows) => {
        const one = new Ledger(2, ACCOUNTS);
        const two = new Ledger(2, ACCOUNTS);
        opening.forEach((x, k) => {
          one.mint(k >> 1, k & 1, x);
          two.mint(k >> 1, k & 1, x);
        });
        for (const [wallet, to, asset, amount] of inflows) {
          one.mintThrough(wallet, to, asset, amount);
          two.mint(wallet, asset, amount);
          two.transfer(wallet, to, asset, amount);
        }
        assert.equal([...one.balances], [...two.balances]);
        assert.equal([...one.minted], [...two.minted]);
        for (let asset = 0; asset < 2; asset++) {
          const expected = one.minted[asset] - one.burned[asset];
          assert.ok(Math.abs(one.total(asset) - expected) <= 1e-9 * Math.max(1, one.minted[asset]), `asset ${asset}: ${one.total(asset)} ≠ ${expected}`);
        }
      },
    ),
    { seed: 17, numRuns: 300 },
  );
});

test('mintThrough refuses a negative or missing amount, naming both accounts, and changes nothing', () => {
  const l = new Ledger(1, ACCOUNTS);
  for (const amount of [-1, Number.NaN]) {
    assert.throws(() => l.mintThrough(0, 1, 0, amount), /borrowers:m to protocol:m/);
  }
  assert.equal([...l.balances], [0, 0, 0]);
  assert.equal([...l.minted], [0]);
});

test.run();
