/**
 * A position an agent owns, against hand-worked books (Aave v3's Pool rules): the owner deposits
 * collateral from its wallet, borrows up to collateral × oracle price × LTV, withdraws only what
 * keeps the health factor at 1 or more, and repays from its wallet; nobody else may touch it; a
 * borrowers' position keeps being topped up from outside the world. Every call moves tokens
 * between the owner and the market in the ledger, and the market's books stay equal to the sums
 * over its positions (its own invariant check).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LendingMarket } from '../../../src/protocols/lending/lendingMarket.js';
import { Ledger } from '../../../src/sim/ledger.js';

const ETH = 0;
const USDC = 1;
const curve = { base: 0, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 };
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

function market() {
  const ledger = new Ledger(2, ['protocol:m', 'borrowers:m', 'agent:trader', 'agent:other']);
  const trader = ledger.account('agent:trader');
  const other = ledger.account('agent:other');
  const reserves = [
    { asset: ETH, assetId: 'ETH', oracle: 0, ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 0.05, supply: 100, rate: curve },
    { asset: USDC, assetId: 'USDC', oracle: 1, ltv: 0.77, liquidationThreshold: 0.8, liquidationBonus: 0.045, supply: 100000, borrowCap: 60000, rate: curve },
  ];
  // position 0: borrowers' 10 ETH against 15,000 USDC; position 1: the trader's, empty (ETH against USDC)
  const rows = { collateralReserve: [ETH, ETH], debtReserve: [USDC, USDC], collateral: [10, 0], debt: [15000, 0], owner: [-1, trader] };
  const m = new LendingMarket('m', reserves, rows, { closeFactor: 0.5, closeFactorHealthFactor: 0.95 }, 1e-6, 1, ledger);
  ledger.mint(trader, ETH, 20);
  ledger.mint(other, ETH, 20);
  m.mark({ step: 0, oraclePrices: Float64Array.of(2000, 1) });
  // the book stores positions by slot (in liquidation-key order): the trader's is id 1, the borrowers' id 0
  return { m, ledger, trader, other, own: m.slotOf(1), theirs: m.slotOf(0) };
}

test('the owner deposits from its wallet; nobody else may', () => {
  const { m, ledger, trader, other, own } = market();
  assert.is(m.topUp(own, 5, ledger, other), 0, 'another agent cannot top up the trader’s position');
  assert.is(m.topUp(own, 5, ledger, trader), 5);
  assert.is(ledger.balance(trader, ETH), 15);
  assert.is(m.book.collateral[own], 5);
  // asking more than the wallet holds deposits the wallet
  assert.is(m.topUp(own, 100, ledger, trader), 15);
  assert.is(ledger.balance(trader, ETH), 0);
  assert.equal(m.checkInvariants(ledger), []);
});

test('borrowing power is collateral × oracle price × LTV less the debt, within cash and the borrow cap', () => {
  const { m, ledger, trader, other, own } = market();
  m.topUp(own, 10, ledger, trader);
  // 10 ETH · 2,000 · 0.8 = 16,000 USDC
  assert.ok(close(m.borrowable(own), 16000), `${m.borrowable(own)}`);
  assert.is(m.borrow(own, 5000, other, ledger), 0, 'only the owner borrows');
  assert.ok(close(m.borrow(own, 20000, trader, ledger), 16000), 'cut to the borrowing power');
  assert.ok(close(ledger.balance(trader, USDC), 16000));
  assert.ok(close(m.debtTokens(own), 16000));
  assert.ok(close(m.borrowable(own), 0, 1e-9));
  // health factor 10 · 2000 · 0.825 / 16,000 = 1.03125
  assert.ok(close(m.healthFactor(own), 1.03125));
  // the borrow cap: 15,000 + 16,000 of 60,000 lent; a price rise gives power beyond it
  m.mark({ step: 1, oraclePrices: Float64Array.of(6000, 1) });
  // power 10 · 6000 · 0.8 − 16,000 = 32,000, cap room 60,000 − 31,000 = 29,000
  assert.ok(close(m.borrowable(own), 29000), `${m.borrowable(own)}`);
  assert.equal(m.checkInvariants(ledger), []);
});

test('a withdrawal keeps the health factor at 1 or more; repayment comes from the wallet', () => {
  const { m, ledger, trader, own } = market();
  m.topUp(own, 10, ledger, trader);
  m.borrow(own, 8250, trader, ledger);
  // HF = c · 2000 · 0.825 / 8250 ≥ 1 ⟺ c ≥ 5: 5 ETH may leave
  assert.ok(close(m.withdrawable(own), 5), `${m.withdrawable(own)}`);
  assert.ok(close(m.withdraw(own, 7, trader, ledger), 5));
  assert.ok(close(m.healthFactor(own), 1));
  assert.ok(close(ledger.balance(trader, ETH), 15));
  const repaid = m.repay(own, 3000, ledger, trader);
  assert.ok(close(repaid, 3000));
  assert.ok(close(ledger.balance(trader, USDC), 5250));
  assert.ok(close(m.debtTokens(own), 5250));
  // repaying more than the debt repays the debt; more than the wallet, the wallet
  ledger.mint(trader, USDC, 10000);
  assert.ok(close(m.repay(own, 1e9, ledger, trader), 5250));
  assert.ok(close(m.debtTokens(own), 0, 1e-9));
  assert.ok(close(m.withdrawable(own), 5), 'without debt all the collateral may leave');
  assert.equal(m.checkInvariants(ledger), []);
});

test('the borrowers’ positions are topped up and repaid from outside the world, as before', () => {
  const { m, ledger, theirs } = market();
  const before = ledger.minted[ETH];
  assert.is(m.topUp(theirs, 2, ledger), 2);
  assert.is(ledger.minted[ETH] - before, 2);
  assert.ok(close(m.repay(theirs, 1000, ledger), 1000));
  assert.is(m.withdraw(theirs, 1, ledger.account('agent:trader'), ledger), 0, 'nobody withdraws from a borrowers’ position');
  assert.is(m.borrow(theirs, 1, ledger.account('agent:trader'), ledger), 0);
  assert.equal(m.checkInvariants(ledger), []);
});

test('an owned position under water is liquidated like any other', () => {
  const { m, ledger, trader, own } = market();
  m.topUp(own, 10, ledger, trader);
  m.borrow(own, 16000, trader, ledger);
  // ETH at 1,800: HF = 10 · 1800 · 0.825 / 16,000 = 0.928
  m.mark({ step: 1, oraclePrices: Float64Array.of(1800, 1) });
  assert.ok([...m.liquidatable.subarray(0, m.liquidatableCount)].includes(own));
});

test.run();
