/**
 * The keeper agent in the simulator (test/fixtures/scenarios/blockspace-auction.yaml, chain not
 * congested): one vault of 10 ETH and 500 DAI of debt turns unsafe when ETH drops to $70 at
 * 10 min; the tab is 500 × 1.13 = 565 DAI. Hand-worked outcomes:
 *  - English: the zero-bidder bids 0; a keeper valuing ETH at 70 × 0.95 = 66.5 bids the whole tab
 *    (10 × 66.5 > 565); a keeper with a 2 % discount values it at 68.6 and dents to
 *    565 / 68.6 = 8.236 ETH (≤ 10 / 1.03); it wins, and 10 − 8.236 ETH go back to the vault owner.
 *  - Dutch (buf 1.2, a 1 % step every 90 s, no incentives): the price starts at 84 and first falls
 *    to 66.5 or below after 24 steps, at 600 + 24 × 90 = 2,760 s (84 × 0.99^24 = 65.98); the
 *    keeper buys 565 / 65.98 ETH there, which ends the auction and returns the rest.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import type { CdpSystem } from '../../src/protocols/cdp/cdpSystem.js';
import { createAgent } from '../../agents/index.js';

const FIXTURE = 'test/fixtures/scenarios/blockspace-auction.yaml';
const free = 'chain.congestion.enabled=false';
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test('English auction: tend of the tab, then a dent by a keeper who values the lot higher', () => {
  const second = `agents=[{id: zero-bidder, kind: keeper, cdps: [maker], capital: {ETH: 10}, gasBid: {kind: fixed, gwei: 500}, discount: 1}, {id: bidder, kind: keeper, cdps: [maker], capital: {DAI: 10000, ETH: 10}, gasBid: {kind: fixed, gwei: 30}, discount: 0.05, bite: false}, {id: denter, kind: keeper, cdps: [maker], capital: {DAI: 10000, ETH: 10}, gasBid: {kind: fixed, gwei: 20}, discount: 0.02, bite: false, sell: false}]`;
  const r = runPath(loadScenario(FIXTURE, [free, second]), { createAgent, checkInvariants: true });
  const ev = r.world.events;
  const dents = ev.filter((e) => e.type === 'dent');
  assert.is(dents.length, 1);
  assert.is(dents[0].agent, 'denter');
  assert.ok(close(dents[0].lot as number, 565 / 68.6));
  const dealt = ev.find((e) => e.type === 'auction-dealt')!;
  assert.ok(close(dealt.lot as number, 565 / 68.6));
  assert.is(dealt.raised, 565);
  const cdp = r.world.protocols[0] as CdpSystem;
  assert.ok(close(r.world.ledger.balance(cdp.ownersAccount, 0), 10 - 565 / 68.6));
  const denter = r.world.agents.find((a) => a.id === 'denter')!;
  // it won the lot and paid 150,000 gas × 20 gwei for each of its transactions (a tend that lost
  // the block to the 30-gwei bidder's equal tend, then the dent)
  const sent = ev.filter((e) => e.agent === 'denter' && /^(tend|dent)/.test(String(e.type))).length;
  assert.is(sent, 2);
  assert.ok(close(r.world.ledger.balance(denter.account, 0), 10 + 565 / 68.6 - sent * 150_000 * 20e-9), 'won ETH, less gas');
  assert.is(cdp.deficit(), 0);
});

test('Dutch auction: the keeper takes at the first price at or below its own, for the whole tab', () => {
  const dutch = 'protocols.maker.ilks[0].auction={kind: dutch, buf: 1.2, tail: 1h, cusp: 0.5, curve: {kind: stairstep, step: 90, cut: 0.99}}';
  const r = runPath(loadScenario(FIXTURE, [free, dutch]), { createAgent, checkInvariants: true });
  const takes = r.world.events.filter((e) => e.type === 'take');
  assert.is(takes.length, 1);
  assert.is(takes[0].blockTime, 2760);
  const price = 84 * Math.pow(0.99, 24);
  const cdp = r.world.protocols[0] as CdpSystem;
  assert.is(cdp.auctions.size, 0);
  assert.is(cdp.totals.auctions, 1);
  assert.ok(close(cdp.totals.raised, 565));
  assert.ok(close(r.world.ledger.balance(cdp.ownersAccount, 0), 10 - 565 / price));
  assert.is(cdp.deficit(), 0);
});

test.run();
