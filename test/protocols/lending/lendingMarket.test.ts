/**
 * The lending market's books through liquidations, against hand-worked accounts and the
 * conservation of tokens in the ledger; bad debt is booked exactly once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LendingMarket } from '../../../src/protocols/lending/lendingMarket.js';
import { Ledger } from '../../../src/sim/ledger.js';

const ETH = 0;
const USDC = 1;
const curve = { base: 0, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 };

function market(dust = 1e-6) {
  const ledger = new Ledger(2, ['protocol:m', 'borrowers:m', 'liquidator']);
  const reserves = [
    { asset: ETH, assetId: 'ETH', oracle: 0, ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 0.05, supply: 0, rate: curve },
    { asset: USDC, assetId: 'USDC', oracle: 1, ltv: 0.77, liquidationThreshold: 0.8, liquidationBonus: 0.045, supply: 100000, rate: curve },
  ];
  // two positions: 10 ETH against 15,000 USDC, and 1 ETH against 1,000 USDC
  const rows = { collateralReserve: [0, 0], debtReserve: [1, 1], collateral: [10, 1], debt: [15000, 1000] };
  const m = new LendingMarket('m', reserves, rows, { closeFactor: 0.5, closeFactorHealthFactor: 0.95 }, dust, 1, ledger);
  const liquidator = ledger.account('liquidator');
  ledger.mint(liquidator, USDC, 1e6);
  // the book stores positions by liquidation key (position 1's key 1,000 / 0.825 is the lower):
  // the market's methods take a slot, and p0 is position 0's
  return { m, ledger, liquidator, p0: m.slotOf(0) };
}

test('opening balance sheet: lenders supply, borrowers deposit and draw', () => {
  const { m, ledger } = market();
  assert.is(ledger.balance(m.account, ETH), 11); // 10 + 1 ETH of collateral
  assert.is(ledger.balance(m.account, USDC), 100000 - 16000); // supply less what was lent
  assert.is(m.reserves[USDC].cash, 84000);
});

test('scan finds exactly the liquidatable position', () => {
  const { m, p0 } = market();
  // ETH at $1800: position 0 has HF 0.99; position 1 has HF 1 · 1800 · 0.825 / 1000 = 1.485
  m.mark({ step: 0, oraclePrices: Float64Array.of(1800, 1) });
  assert.is(m.liquidatableCount, 1);
  assert.is(m.positionId(m.liquidatable[0]), 0);
  assert.ok(Math.abs(m.liquidatableDebtUsd - 15000) < 1e-9);
  assert.ok(Math.abs(m.healthFactor(p0) - 0.99) < 1e-12);
});

test('a liquidation moves tokens both ways and keeps the books equal to the positions', () => {
  const { m, ledger, liquidator, p0 } = market();
  m.mark({ step: 0, oraclePrices: Float64Array.of(1800, 1) });
  const r = m.liquidate(p0, Infinity, liquidator, ledger);
  assert.ok(Math.abs(r.debtRepaid - 7500) < 1e-9);
  assert.ok(Math.abs(r.collateralSeized - 4.375) < 1e-12);
  assert.is(r.badDebtUsd, 0);
  assert.ok(Math.abs(ledger.balance(liquidator, ETH) - 4.375) < 1e-12);
  assert.ok(Math.abs(ledger.balance(liquidator, USDC) - (1e6 - 7500)) < 1e-6);
  assert.equal(m.checkInvariants(ledger), []);
  assert.ok(Math.abs(m.debtTokens(p0) - 7500) < 1e-9);
});

test('bad debt: booked once when the collateral is gone, never again', () => {
  const { m, ledger, liquidator, p0 } = market();
  m.mark({ step: 0, oraclePrices: Float64Array.of(1400, 1) });
  const r = m.liquidate(p0, Infinity, liquidator, ledger);
  // all 10 ETH seized for 13,333.33 USDC; 1,666.67 USDC left unpaid is bad debt
  assert.ok(Math.abs(r.collateralSeized - 10) < 1e-12);
  assert.ok(Math.abs(r.badDebtUsd - (15000 - 14000 / 1.05)) < 1e-6);
  assert.is(m.book.closed[p0], 1);
  const again = m.liquidate(p0, Infinity, liquidator, ledger);
  assert.equal(again, { debtRepaid: 0, collateralSeized: 0, badDebtUsd: 0 });
  assert.ok(Math.abs(m.totals.badDebtUsd - (15000 - 14000 / 1.05)) < 1e-6);
  assert.equal(m.checkInvariants(ledger), []);
});

test('with no dust allowance, a position left with no collateral still has its debt booked', () => {
  const { m, ledger, liquidator, p0 } = market(0);
  m.mark({ step: 0, oraclePrices: Float64Array.of(1400, 1) });
  const r = m.liquidate(p0, Infinity, liquidator, ledger);
  assert.ok(Math.abs(r.badDebtUsd - (15000 - 14000 / 1.05)) < 1e-6);
  assert.is(m.book.closed[p0], 1);
  assert.is(m.liquidatableCount, 0);
});

test('interest accrues through the borrow index at the curve rate', () => {
  const { m, p0 } = market();
  // utilisation 16,000 / 100,000 = 0.16 → rate 0.04 · 0.16 / 0.8 = 0.008 a year
  m.accrue({ dt: 365 * 86400 });
  assert.ok(Math.abs(m.reserves[USDC].borrowIndex - 1.008) < 1e-12);
  assert.ok(Math.abs(m.debtTokens(p0) - 15000 * 1.008) < 1e-9);
});

test('a top-up restores health and respects the supply cap', () => {
  const { m, ledger, p0 } = market();
  m.mark({ step: 0, oraclePrices: Float64Array.of(1800, 1) });
  assert.is(m.topUp(p0, 1, ledger), 1);
  assert.ok(Math.abs(m.healthFactor(p0) - (11 * 1800 * 0.825) / 15000) < 1e-12);
  m.reserves[ETH].supplyCap = 12.5;
  assert.is(m.topUp(p0, 5, ledger), 0.5); // 12.5 − 12 ETH already in
  assert.equal(m.checkInvariants(ledger), []);
});

test.run();
