import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Flipper } from '../../../src/protocols/cdp/flip.js';

// Reference: makerdao/dss src/flip.sol (tend/dent/deal/tick rules) with the March 2020 ETH-A
// parameters beg = 3 %, ttl = 10 min, tau = 6 h (Maker governance, Black Thursday post-mortem).
const params = { beg: 1.03, ttl: 600, tau: 21_600 };

test('tend/dent auction, hand-worked: winner, price, leftover collateral, every transfer', () => {
  const flip = new Flipper(params);
  // t=0: kick 10 ETH for tab 1000 DAI; end = 21600
  const id = flip.kick({ lot: 10, tab: 1000, usr: 'vault', now: 0 });
  // t=60: A bids 500 (first bid: refund none, 500 to the Vow), tic = 660
  let r = flip.tend(id, 'A', 10, 500, 60);
  assert.equal(r, { ok: true, phase: 'tend', payer: 'A', refundTo: null, refund: 0, toGal: 500, tic: 660 });
  // t=120: B bids 510 < 1.03 × 500 = 515: rejected
  assert.equal(flip.tend(id, 'B', 10, 510, 120), { ok: false, reason: 'insufficient-increase' });
  // t=130: B bids 515 = 1.03 × 500: A refunded 500, Vow +15, tic = 730
  r = flip.tend(id, 'B', 10, 515, 130);
  assert.equal(r, { ok: true, phase: 'tend', payer: 'B', refundTo: 'A', refund: 500, toGal: 15, tic: 730 });
  // t=700: A bids the full tab 1000: B refunded 515, Vow +485 (Vow total 500+15+485 = 1000)
  r = flip.tend(id, 'A', 10, 1000, 700);
  assert.equal(r, { ok: true, phase: 'tend', payer: 'A', refundTo: 'B', refund: 515, toGal: 485, tic: 1300 });
  // tend is over: a higher DAI bid is above tab
  assert.equal(flip.tend(id, 'B', 10, 1001, 701), { ok: false, reason: 'higher-than-tab' });
  // t=800: B dents to 9.8 ETH: 1.03 × 9.8 = 10.094 > 10: rejected
  assert.equal(flip.dent(id, 'B', 9.8, 1000, 800), { ok: false, reason: 'insufficient-decrease' });
  // t=810: B dents to 9.7: 1.03 × 9.7 = 9.991 ≤ 10: A refunded 1000, 0.3 ETH back to the vault
  const d1 = flip.dent(id, 'B', 9.7, 1000, 810);
  assert.ok(d1.ok && d1.phase === 'dent');
  if (d1.ok) {
    assert.is(d1.refundTo, 'A');
    assert.is(d1.refund, 1000);
    assert.ok(Math.abs(d1.collateralToUsr - 0.3) < 1e-12);
    assert.is(d1.tic, 1410);
  }
  // t=1000: A dents to 9.4: 1.03 × 9.4 = 9.682 ≤ 9.7: B refunded 1000, 0.3 more to the vault
  const d2 = flip.dent(id, 'A', 9.4, 1000, 1000);
  assert.ok(d2.ok);
  // t=1600 = tic: neither bid nor deal (dss uses strict comparisons on both sides)
  assert.equal(flip.deal(id, 1600), { ok: false, reason: 'not-finished' });
  assert.equal(flip.dent(id, 'B', 9, 1000, 1600), { ok: false, reason: 'already-finished-tic' });
  // t=1601: deal. Winner A takes 9.4 ETH for 1000 DAI (price 1000 / 9.4 = 106.38 DAI/ETH);
  // the vault got 10 − 9.4 = 0.6 ETH back; nothing uncovered.
  const deal = flip.deal(id, 1601);
  assert.ok(deal.ok);
  if (deal.ok) {
    assert.is(deal.winner, 'A');
    assert.is(deal.lot, 9.4);
    assert.is(deal.raised, 1000);
    assert.is(deal.shortfall, 0);
    assert.ok(Math.abs(deal.returnedToUsr - 0.6) < 1e-12);
    assert.ok(Math.abs(deal.raised / deal.lot - 106.38297872340425) < 1e-9);
    assert.is(deal.zeroBid, false);
    assert.is(deal.byTic, true);
    // conservation of collateral: sold + returned = kicked lot
    assert.ok(Math.abs(deal.lot + deal.returnedToUsr - 10) < 1e-12);
  }
  assert.is(flip.count, 0);
});

test('keeper cash flows net out: the winner pays the tab, the outbid keeper is made whole', () => {
  // Replay the bids above and add up each party's DAI from the returned transfers.
  const flip = new Flipper(params);
  const id = flip.kick({ lot: 10, tab: 1000, usr: 'vault', now: 0 });
  const cash = new Map<string, number>();
  const add = (k: string, v: number) => cash.set(k, (cash.get(k) ?? 0) + v);
  for (const [who, bid, t] of [
    ['A', 500, 60],
    ['B', 515, 130],
    ['A', 1000, 700],
  ] as const) {
    const r = flip.tend(id, who, 10, bid, t);
    if (!r.ok) throw new Error(r.reason);
    add(r.payer, -(r.refund + r.toGal));
    if (r.refundTo) add(r.refundTo, r.refund);
    add('vow', r.toGal);
  }
  for (const [who, lot, t] of [
    ['B', 9.7, 810],
    ['A', 9.4, 1000],
  ] as const) {
    const r = flip.dent(id, who, lot, 1000, t);
    if (!r.ok) throw new Error(r.reason);
    add(r.payer, -r.refund);
    add(r.refundTo, r.refund);
  }
  assert.is(cash.get('A'), -1000);
  assert.is(cash.get('B'), 0);
  assert.is(cash.get('vow'), 1000);
});

test('a zero bid wins when no other bid is included before ttl runs out', () => {
  const flip = new Flipper(params);
  const id = flip.kick({ lot: 10, tab: 1000, usr: 'vault', now: 0 });
  // t=5: Z bids 0 DAI for the whole lot; tic = 605. Other keepers' bids are stuck in the mempool.
  const r = flip.tend(id, 'Z', 10, 0, 5);
  assert.ok(r.ok);
  assert.equal(flip.deal(id, 605), { ok: false, reason: 'not-finished' });
  const deal = flip.deal(id, 606);
  assert.ok(deal.ok);
  if (deal.ok) {
    assert.is(deal.winner, 'Z');
    assert.is(deal.lot, 10);
    assert.is(deal.raised, 0);
    assert.is(deal.shortfall, 1000);
    assert.is(deal.zeroBid, true);
  }
});

test('a zero bid loses if any positive bid lands before its ttl', () => {
  const flip = new Flipper(params);
  const id = flip.kick({ lot: 10, tab: 1000, usr: 'vault', now: 0 });
  assert.ok(flip.tend(id, 'Z', 10, 0, 5).ok);
  // a second zero bid is not higher
  assert.equal(flip.tend(id, 'Y', 10, 0, 100), { ok: false, reason: 'bid-not-higher' });
  // any positive bid beats 0 (beg × 0 = 0) if included by t = 604
  const r = flip.tend(id, 'K', 10, 1, 604);
  assert.ok(r.ok);
  if (r.ok) assert.equal([r.refundTo, r.refund, r.toGal, r.tic], ['Z', 0, 1, 1204]);
  const deal = flip.deal(id, 1205);
  assert.ok(deal.ok && deal.winner === 'K' && !deal.zeroBid);
});

test('tau: no bid by end → no deal, tick restarts; bids end at `end` even with a live tic', () => {
  const flip = new Flipper(params);
  const id = flip.kick({ lot: 10, tab: 1000, usr: 'vault', now: 0 });
  assert.equal(flip.tick(id, 21_600), { ok: false, reason: 'not-finished' });
  assert.equal(flip.tend(id, 'A', 10, 100, 21_600), { ok: false, reason: 'already-finished-end' });
  assert.equal(flip.deal(id, 21_601), { ok: false, reason: 'not-finished' });
  assert.ok(flip.needsTick(id, 21_601));
  assert.equal(flip.tick(id, 21_601), { ok: true, end: 43_201 });
  assert.is(flip.get(id)!.restarts, 1);
  // after the restart: a bid at t = 43,000 has tic 43,600 but the auction ends at 43,201
  assert.ok(flip.tend(id, 'A', 10, 100, 43_000).ok);
  assert.equal(flip.tick(id, 43_300), { ok: false, reason: 'bid-already-placed' });
  const deal = flip.deal(id, 43_202);
  assert.ok(deal.ok && deal.winner === 'A' && deal.byTic === false);
});

test('dent rules: only at tab, with the same bid, strictly lower lot', () => {
  const flip = new Flipper(params);
  const id = flip.kick({ lot: 10, tab: 1000, usr: 'vault', now: 0 });
  assert.ok(flip.tend(id, 'A', 10, 900, 1).ok);
  assert.equal(flip.dent(id, 'B', 9, 900, 2), { ok: false, reason: 'tend-not-finished' });
  assert.equal(flip.tend(id, 'B', 9, 1000, 2), { ok: false, reason: 'lot-not-matching' });
  // 1000 < 1.03 × 900 = 927? No: 1000 ≥ 927, and it equals tab anyway
  assert.ok(flip.tend(id, 'B', 10, 1000, 3).ok);
  assert.equal(flip.dent(id, 'A', 9, 999, 4), { ok: false, reason: 'not-matching-bid' });
  assert.equal(flip.dent(id, 'A', 10, 1000, 4), { ok: false, reason: 'lot-not-lower' });
  // exactly lot / beg is allowed: 10 / 1.03
  assert.ok(flip.dent(id, 'A', 10 / 1.03, 1000, 5).ok);
});

test('beg below tab: a bid reaching tab is allowed even if under beg × bid', () => {
  const flip = new Flipper(params);
  const id = flip.kick({ lot: 10, tab: 1000, usr: 'vault', now: 0 });
  assert.ok(flip.tend(id, 'A', 10, 990, 1).ok);
  // 1.03 × 990 = 1019.7 > tab, so the only valid raise is tab itself
  assert.equal(flip.tend(id, 'B', 10, 995, 2), { ok: false, reason: 'insufficient-increase' });
  assert.ok(flip.tend(id, 'B', 10, 1000, 2).ok);
});

test.run();
