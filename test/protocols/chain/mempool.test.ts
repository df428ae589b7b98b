import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Mempool, type Transaction } from '../../../src/protocols/chain/mempool.js';

// Reference: EIP-1559 "Specification" (eligibility maxFee ≥ base fee; effective tip
// min(tip, maxFee − base)); ordering and packing as stated in mempool.ts.
const tx = (id: number | string, over: Partial<Transaction<null>> = {}): Transaction<null> => ({
  id,
  sender: `s${id}`,
  gasUsed: 100_000,
  maxFeePerGas: 100,
  priorityFee: 2,
  submittedAt: 0,
  expiresAt: Infinity,
  payload: null,
  ...over,
});

test('higher effective tip first; ties by submission time, then id', () => {
  const pool = new Mempool<null>();
  pool.submit(tx('c', { priorityFee: 5, submittedAt: 2 }));
  pool.submit(tx('b', { priorityFee: 5, submittedAt: 1 }));
  pool.submit(tx('a', { priorityFee: 5, submittedAt: 2 }));
  pool.submit(tx('d', { priorityFee: 9, submittedAt: 3 }));
  // a tip of 50 capped by maxFee − base = 21 − 20 = 1: last
  pool.submit(tx('e', { priorityFee: 20, maxFeePerGas: 21 }));
  const fill = pool.fill({ number: 1, time: 10, capacity: 1e9, baseFee: 20 });
  assert.equal(
    fill.included.map((i) => i.tx.id),
    ['d', 'b', 'a', 'c', 'e'],
  );
  const e = fill.included[4];
  assert.is(e.priorityFee, 1);
  assert.is(e.gasPrice, 21);
  // 100,000 gas × 21 gwei × 1e-9 = 0.0021 ETH
  assert.ok(Math.abs(e.feeNative - 0.0021) < 1e-15);
  assert.is(pool.size, 0);
});

test('capacity: what does not fit waits, a smaller transaction behind it may still fit', () => {
  const pool = new Mempool<null>();
  pool.submit(tx(1, { priorityFee: 9, gasUsed: 600 }));
  pool.submit(tx(2, { priorityFee: 8, gasUsed: 600 }));
  pool.submit(tx(3, { priorityFee: 7, gasUsed: 300 }));
  const fill = pool.fill({ number: 1, time: 1, capacity: 1000, baseFee: 1 });
  // 600 fits; 600 + 600 > 1000 skipped; 600 + 300 = 900 fits
  assert.equal(
    fill.included.map((i) => i.tx.id),
    [1, 3],
  );
  assert.is(fill.gasUsed, 900);
  assert.equal(
    pool.pending().map((t) => t.id),
    [2],
  );
  const next = pool.fill({ number: 2, time: 2, capacity: 1000, baseFee: 1 });
  assert.equal(
    next.included.map((i) => i.tx.id),
    [2],
  );
});

test('a max fee below the base fee waits until the base fee falls to it', () => {
  const pool = new Mempool<null>();
  pool.submit(tx(1, { maxFeePerGas: 15, priorityFee: 1 }));
  assert.is(pool.fill({ number: 1, time: 1, capacity: 1e9, baseFee: 20 }).included.length, 0);
  assert.is(pool.size, 1);
  const f = pool.fill({ number: 2, time: 2, capacity: 1e9, baseFee: 15 });
  assert.is(f.included.length, 1);
  // tip = min(1, 15 − 15) = 0
  assert.is(f.included[0].priorityFee, 0);
});

test('expired transactions are dropped and reported; future ones are not yet visible', () => {
  const pool = new Mempool<null>();
  pool.submit(tx(1, { expiresAt: 12, maxFeePerGas: 5, priorityFee: 1 }));
  pool.submit(tx(2, { submittedAt: 30 }));
  let f = pool.fill({ number: 1, time: 11, capacity: 1e9, baseFee: 10 });
  assert.is(f.included.length, 0);
  assert.is(f.expired.length, 0);
  f = pool.fill({ number: 2, time: 12, capacity: 1e9, baseFee: 1 });
  // at t = expiresAt the transaction is gone even though the base fee fell enough
  assert.equal(
    f.expired.map((t) => t.id),
    [1],
  );
  assert.is(f.included.length, 0);
  f = pool.fill({ number: 3, time: 30, capacity: 1e9, baseFee: 1 });
  assert.equal(
    f.included.map((i) => i.tx.id),
    [2],
  );
});

test('background gas ahead on the tip ladder pushes a low tip out', () => {
  const pool = new Mempool<null>();
  pool.submit(tx('low', { priorityFee: 1, gasUsed: 100 }));
  pool.submit(tx('high', { priorityFee: 10, gasUsed: 100 }));
  // background: 950 gas, of which tips above f: 950 if f < 5, else 0
  const background = { gas: 950, gasAhead: (f: number) => (f < 5 ? 950 : 0) };
  const f = pool.fill({ number: 1, time: 1, capacity: 1000, baseFee: 1 }, background);
  // high: 0 + 0 + 100 ≤ 1000 in; low: 100 + 950 + 100 > 1000 out; background gets 900
  assert.equal(
    f.included.map((i) => i.tx.id),
    ['high'],
  );
  assert.is(f.backgroundGas, 900);
  assert.is(f.gasUsed, 1000);
});

test('bad transactions and duplicate ids are refused; cancel withdraws', () => {
  const pool = new Mempool<null>();
  pool.submit(tx(1));
  assert.throws(() => pool.submit(tx(1)), /already/);
  assert.throws(() => pool.submit(tx(2, { priorityFee: 200 })), /priorityFee/);
  assert.throws(() => pool.submit(tx(3, { gasUsed: 0 })), /gasUsed/);
  assert.throws(() => pool.submit(tx(4, { expiresAt: 0 })), /expiresAt/);
  assert.ok(pool.cancel(1));
  assert.not.ok(pool.cancel(1));
  assert.is(pool.size, 0);
});

test.run();
