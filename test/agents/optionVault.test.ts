/**
 * An option vault's collateral moving in and out of a lending market conserves value
 * (test/fixtures/options/vault.yaml: no borrowers and no interest, so a lender's share is worth
 * one token). The reference is conservation, step by step with the invariants on: the USDC the
 * vault holds anywhere (wallet, lending claim, venue cash) changes only by the premium its
 * auctions raise and what its puts pay at expiry, both read from the events; the lending
 * market's cash is its passive lenders' supply plus what the vault lent; and a losing round's
 * redemption takes USDC out of the lending market.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { buildWorld } from '../../src/sim/world.js';
import { step } from '../../src/sim/step.js';
import { asLendingMarket, asOptionVenue } from '../../src/protocols/kinds.js';
import { createAgent } from '../../agents/index.js';
import type { OptionVault } from '../../agents/optionVault.js';

const USDC = 1;

test('wallet + lending claim + venue cash change only by premium and payouts; the market holds what the vault lent', () => {
  const w = buildWorld(loadScenario('test/fixtures/options/vault.yaml'), { createAgent, checkInvariants: true });
  const market = asLendingMarket(w.protocols[0]);
  const venue = asOptionVenue(w.protocols[1]);
  const vault = w.agents[0] as OptionVault;
  const me = venue.accountOf(vault.account);
  const held = () => w.ledger.balance(vault.account, USDC) + market.supplied(0, vault.account) + venue.accounts.cash[me];
  const start = held();
  let lentMax = 0;
  let sawWithdraw = false;
  while (w.step < w.steps) {
    step(w);
    const premium = w.events.filter((e) => e.type === 'option-auction-cleared').reduce((s, e) => s + (e.premiumUsd as number), 0);
    const paid = w.events
      .filter((e) => e.type === 'option-expiry')
      .reduce((s, e) => {
        // the vault is the only seller: it pays what the longs receive
        return s + (e.paidUsd as number);
      }, 0);
    const got = held();
    assert.ok(Math.abs(got - (start + premium - paid)) < 1e-6, `step ${w.step - 1}: vault holds ${got}, conservation says ${start + premium - paid}`);
    const lent = market.supplied(0, vault.account);
    lentMax = Math.max(lentMax, lent);
    // no borrowers: the market's cash is the passive supply plus the vault's claim
    assert.ok(Math.abs(market.reserves[0].cash - (1000000 + lent)) < 1e-6, `step ${w.step - 1}: cash ${market.reserves[0].cash}`);
    sawWithdraw ||= w.events.some((e) => e.type === 'lending-redeem' && (e.moved as number) > 0);
  }
  assert.ok(lentMax > 400000, `the vault lent its idle half and more: ${lentMax}`);
  assert.ok(sawWithdraw, 'it withdrew from the market to fund a round');
  assert.ok(
    w.events.some((e) => e.type === 'option-auction-cleared' && (e.sold as number) > 0),
    'a round sold',
  );
  assert.ok(vault.rounds >= 1);
  assert.ok(vault.profitUsd < 0, `ETH fell through the strike: the round lost ${vault.profitUsd}`);
  assert.ok(vault.redeemed > 0, 'depositors redeemed after the loss');
  // what they redeemed left the lending market: the vault's claim there ends below its peak by at least that
  assert.ok(lentMax - market.supplied(0, vault.account) >= vault.redeemed - 1e-6);
});

test.run();
