/**
 * Block space in the step loop. Unit checks of BlockInclusion against hand-worked blocks (EIP-1559:
 * a block at target keeps the base fee, each gas unit above target raises it by 1/8 of the excess
 * share, an empty block lowers it by 12.5 %; legacy bids pay exactly their bid), then the
 * integrated simulator (test/fixtures/scenarios/blockspace-auction.yaml): the same keeper bid is
 * included at once on an uncongested chain, later when a gas spike ends before the auction does,
 * and never (it expires) when the spike outlasts the auction, which a zero bid then wins.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BlockInclusion, InstantInclusion, OFF_LEDGER_GAS } from '../../src/sim/blockspace.js';
import { transactionKey, type Transaction } from '../../src/sim/transactions.js';
import { lendingTxSubject } from '../../src/protocols/lending/settlement.js';
import type { LendingTransaction } from '../../src/protocols/lending/transactions.js';
import { Rng } from '../../src/util/rng.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import type { CdpSystem } from '../../src/protocols/cdp/cdpSystem.js';
import type { ChainSpec } from '../../src/scenario/schema.js';
import { createAgent } from '../../agents/index.js';

const chain = (over: Partial<ChainSpec> = {}): ChainSpec => ({ nativeAsset: 'ETH', gasPrice: 10, blockTime: 12, gasLimit: 1_000_000, expiry: 1800, ...over });
// one lending market at index 0, saying what its transactions are about
const keyOf = (tx: Transaction) => transactionKey(tx, [{ transactionKey: (t) => lendingTxSubject(t as LendingTransaction) }]);
const swap = (sender: number, gas: number, gasPrice: number, venue = 0): Transaction => ({ kind: 'swap', sender, gas, gasPrice, venue, assetIn: 0, assetOut: 1, amountIn: 1, minOut: 0 });

test('a block takes the highest bids that fit its gas limit; the rest wait for the next block', () => {
  const b = new BlockInclusion(chain(), new Rng(1), keyOf);
  b.submit(swap(0, 400_000, 20), 0);
  b.submit(swap(1, 400_000, 50), 0);
  b.submit(swap(2, 400_000, 30), 0);
  // the block at t = 0 (the only one in [0, 12)): bids 50 and 30 fill 800,000 of 1,000,000
  const first = b.include(0, 12);
  assert.equal(
    first.map((x) => x.tx.sender),
    [1, 2],
  );
  // legacy bids: maxFee = tip = bid, so each pays exactly its bid at base fee 10
  assert.equal(
    first.map((x) => x.gasPrice),
    [50, 30],
  );
  assert.equal(
    first.map((x) => x.time),
    [0, 0],
  );
  // 800,000 used against a target of 500,000: base × (1 + 0.6 / 8) = 10.75
  assert.ok(Math.abs(b.gasPrice - 10.75) < 1e-12);
  const second = b.include(12, 24);
  assert.equal(
    second.map((x) => [x.tx.sender, x.time, x.gasPrice]),
    [[0, 12, 20]],
  );
  assert.is(b.stats.pending, 0);
});

test('a bid below the base fee waits while empty blocks lower it 12.5 % each; it arrives later, or expires first', () => {
  // base fee of block k (t = 12k) is 10 × 0.875^k: 5.129 at k = 5, 4.488 at k = 6, so a 5-gwei
  // bid is first eligible in the block at t = 72
  const later = new BlockInclusion(chain({ expiry: 100 }), new Rng(1), keyOf);
  later.submit(swap(0, 21_000, 5), 0);
  let got: number[] = [];
  for (let t = 0; t < 120; t += 12) got = got.concat(later.include(t, t + 12).map((x) => x.time));
  assert.equal(got, [72]);
  // with a 60-second expiry it is dropped at the block of t = 60, before the base fee reaches 5
  const never = new BlockInclusion(chain({ expiry: 60 }), new Rng(1), keyOf);
  never.submit(swap(0, 21_000, 5), 0);
  let included = 0;
  let expired = 0;
  for (let t = 0; t < 120; t += 12) {
    included += never.include(t, t + 12).length;
    expired += never.stats.expired;
  }
  assert.is(included, 0);
  assert.is(expired, 1);
});

test("a sender's new transaction about the same thing replaces its pending one; gas paid outside the world still takes block space", () => {
  const b = new BlockInclusion(chain({ gasLimit: 250_000 }), new Rng(1), keyOf);
  b.submit(swap(0, 100_000, 5), 0); // below the base fee of 10: waits
  b.submit(swap(0, 100_000, 40), 0); // same sender, same venue and assets: replaces it
  const topUp: LendingTransaction = { kind: 'top-up', sender: 1, gas: 0, gasPrice: 20, protocol: 0, position: 3, amount: 1 };
  b.submit(topUp, 0);
  b.submit(swap(2, 100_000, 15), 0);
  const out = b.include(0, 12);
  // 100,000 (bid 40) + OFF_LEDGER_GAS (bid 20) = 200,000; the third (15) does not fit in 250,000
  assert.is(OFF_LEDGER_GAS, 100_000);
  assert.equal(
    out.map((x) => [x.tx.sender, x.gasPrice]),
    [
      [0, 40],
      [1, 20],
    ],
  );
  assert.is(b.stats.pending, 1);
});

test('without block space every transaction of the step is included in it, highest bid first, ties in submission order', () => {
  const b = new InstantInclusion(30);
  b.submit(swap(0, 1, 20));
  b.submit(swap(1, 1, 50));
  b.submit(swap(2, 1, 20));
  assert.equal(
    b.include(600).map((x) => [x.tx.sender, x.time, x.gasPrice]),
    [
      [1, 600, 50],
      [0, 600, 20],
      [2, 600, 20],
    ],
  );
  assert.equal(b.include(660), []);
});

const FIXTURE = 'test/fixtures/scenarios/blockspace-auction.yaml';

function auctionRun(sets: string[]) {
  const r = runPath(loadScenario(FIXTURE, sets), { createAgent, checkInvariants: true });
  const ev = r.world.events;
  const tends = ev.filter((e) => e.type === 'tend');
  const bidderTend = tends.find((e) => e.agent === 'bidder');
  const dealt = ev.find((e) => e.type === 'auction-dealt');
  const expired = r.world.metrics.series('chain.expired').reduce((a, x) => a + x, 0);
  return { tends, bidderTend, dealt, expired, cdp: r.world.protocols[0] as CdpSystem, ev };
}

test('integrated: the same 30-gwei bid is included at once, later, or never, as congestion allows', () => {
  // uncongested: the bite lands at 600 s; at 660 s both keepers bid in the same block, the
  // 500-gwei zero bid first, then the 30-gwei bid of the full tab (565 DAI), which wins
  const free = auctionRun(['chain.congestion.enabled=false']);
  assert.equal(
    free.tends.map((e) => [e.agent, e.bid, e.blockTime]),
    [
      ['zero-bidder', 0, 660],
      ['bidder', 565, 660],
    ],
  );
  assert.is(free.dealt?.zeroBid, false);
  assert.is(free.cdp.totals.zeroBidWins, 0);
  assert.is(free.expired, 0);

  // spike × 20 until 15 min: the base fee (≈ 200 gwei) keeps the 30-gwei bid out until it has
  // fallen below 30 after the spike; the bid arrives later but before the zero bid's ttl (1260 s)
  const late = auctionRun(['shocks[0].duration=15m']);
  assert.ok(late.bidderTend !== undefined, 'the bid arrives');
  const t = late.bidderTend!.blockTime as number;
  assert.ok(t > 900 && t < 1260, `included at ${t} s`);
  assert.is(late.tends[0].agent, 'zero-bidder');
  assert.is(late.dealt?.zeroBid, false);

  // spike until 60 min: the zero bid wins at its ttl; the 30-gwei bid never gets in and its last
  // copy expires in the mempool (20 min after it was sent, still inside the spike)
  const never = auctionRun(['shocks[0].duration=60m']);
  assert.is(never.bidderTend, undefined);
  assert.ok(!never.ev.some((e) => e.agent === 'bidder' && String(e.type).startsWith('tend')));
  assert.is(never.dealt?.zeroBid, true);
  assert.is(never.cdp.totals.zeroBidWins, 1);
  assert.ok(never.expired >= 1);
  // the debt (500 DAI) is left uncovered
  assert.ok(Math.abs(never.cdp.deficit() - 500) < 1e-6);
});

test.run();
