/**
 * An option account under maintenance margin is taken over and the taker's delta hedge reaches a
 * pool, in a whole simulated world with the accounting invariants checked at every step
 * (test/fixtures/options/liquidation.yaml: one short-put account at health factor 0.9, one
 * liquidator, one Uniswap-v2 pool, constant prices, no other trader).
 *
 * References: the venue's take-over terms (half the position, paid mark × 1.05) and the
 * constant-product swap of Uniswap v2, worked by hand from the pool's reserves before the step:
 * selling q ETH with fee f into reserves (x, y) pays out y·q(1−f) / (x + q(1−f)) and leaves the
 * price (y − out) / (x + q).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../../src/scenario/load.js';
import { buildWorld } from '../../../src/sim/world.js';
import { step } from '../../../src/sim/step.js';
import { checkInvariants } from '../../../src/sim/invariants.js';
import { asOptionVenue } from '../../../src/protocols/kinds.js';
import { createAgent } from '../../../agents/index.js';

const FILE = 'test/fixtures/options/liquidation.yaml';

function world(overrides: string[] = []) {
  const w = buildWorld(loadScenario(FILE, overrides), { createAgent, checkInvariants: true });
  return { w, v: asOptionVenue(w.protocols[0]) };
}

test('the account starts under maintenance margin and its drawn health factor holds', () => {
  const { w, v } = world();
  step(w); // marks at the oracle price; the liquidator posts its margin
  const a = v.firstBook;
  const acc = v.accounts;
  assert.ok(acc.underMaintenance[a] === 1);
  // collateral was drawn for equity / MM = 0.9 at the start's marks, which the first mark repeats (constant price)
  assert.ok(Math.abs(acc.equity[a] / acc.maintenance[a] - 0.9) < 1e-3, `equity / MM = ${acc.equity[a] / acc.maintenance[a]}`);
  assert.equal(checkInvariants(w), []);
});

test("a take-over moves half the puts at mark × 1.05 and the hedge moves the pool by the swap's hand-computed amount", () => {
  const { w, v } = world();
  step(w);
  const pool = w.venues[0];
  const [x, y] = [pool.holdings()[0][1], pool.holdings()[1][1]];
  assert.equal([x, y], [1000, 3000000]); // nobody has traded yet
  const a = v.firstBook;
  const me = v.accountOf(w.agents[0].account);
  const cashBefore = v.accounts.cash[a];
  const ethBefore = w.ledger.balance(w.agents[0].account, 0);
  const usdcBefore = w.ledger.balance(w.agents[0].account, 1);
  step(w); // the take-over, with its hedge in the bundle
  const e = w.events.find((x) => x.type === 'option-liquidation');
  assert.ok(e, 'a take-over happened');
  const mark = v.marks[0 * 2 + 1]; // the put of the only strike and expiry
  // half of 100 contracts, at mark × (1 + 0.05)
  assert.ok(Math.abs((e.contracts as number) - 50) < 1e-9, `contracts ${e.contracts}`);
  assert.ok(Math.abs(v.accounts.position(a, 1) + 50) < 1e-9);
  assert.ok(Math.abs(v.accounts.position(me, 1) + 50) < 1e-9);
  assert.ok(Math.abs(cashBefore - v.accounts.cash[a] - 50 * mark * 1.05) < 1e-6);
  // the liquidator is now long the puts' delta: 50 × |Δ| ETH, sold into the pool
  const q = -(e.hedged as number);
  assert.ok(Math.abs(q - 50 * -v.deltas[1]) < 1e-9, `hedge ${q} vs delta ${50 * -v.deltas[1]}`);
  assert.ok(q > 10, `a hedge worth seeing: ${q} ETH`);
  const f = 0.003;
  const out = (y * q * (1 - f)) / (x + q * (1 - f));
  const want = (y - out) / (x + q);
  const got = pool.price(0, 1);
  assert.ok(Math.abs(got / want - 1) < 1e-12, `pool price ${got}, by hand ${want}`);
  assert.ok(got < 3000 * 0.97, `the pool fell by ${(1 - got / 3000) * 100} %`);
  // the ledger: the liquidator sold q ETH (it paid gas in ETH too) and received exactly out USDC
  assert.ok(Math.abs(usdcBefore - w.ledger.balance(w.agents[0].account, 1) + out) < 1e-6);
  assert.ok(ethBefore - w.ledger.balance(w.agents[0].account, 0) >= q);
  assert.equal(checkInvariants(w), []);
});

test('with hedge: false the same take-over leaves the pool alone', () => {
  const { w, v } = world(['agents.opt-liq.hedge=false']);
  step(w);
  step(w);
  assert.ok(w.events.some((x) => x.type === 'option-liquidation'));
  assert.is(w.venues[0].price(0, 1), 3000);
  assert.is(v.accounts.hedge[v.accountOf(w.agents[0].account)], 0);
});

test('liquidation is incremental: the account is taken over until it is back above maintenance, invariants on every step', () => {
  const { w, v } = world();
  while (w.step < w.steps) step(w); // step() checks the invariants after every step (checkInvariants: true)
  const a = v.firstBook;
  assert.ok(v.accounts.underMaintenance[a] === 0, 'no longer under maintenance');
  const takeovers = w.events.filter((x) => x.type === 'option-liquidation').length;
  assert.ok(takeovers >= 1);
  assert.ok(v.totals.liquidatedUsd > 0);
});

test.run();
