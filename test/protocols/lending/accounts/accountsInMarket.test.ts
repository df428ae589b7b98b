/**
 * Cross-margined accounts inside a lending market, against hand-worked figures and the
 * conservation of tokens: a 3-asset account's health factor through the market's marks, an Aave
 * v3 liquidation on the pair a liquidator names (full close below 0.95, the collateral cap), a
 * Compound v2 one (close factor of the repaid borrow, the incentive), the balances, reserve totals
 * and ledger after each, bad debt booked once, and the market's invariants (books = Σ positions
 * and accounts, ledger = collateral + cash, index = full scan).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LendingMarket } from '../../../../src/protocols/lending/lendingMarket.js';
import { AccountRows } from '../../../../src/protocols/lending/accounts/accountRows.js';
import type { LendingRules } from '../../../../src/protocols/lending/accounts/crossMarginedAccounts.js';
import { Ledger } from '../../../../src/sim/ledger.js';

const [ETH, WBTC, USDC, DAI] = [0, 1, 2, 3];
const curve = { base: 0, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 };
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/**
 * One account: collateral 10 ETH, 0.5 WBTC and 5,000 USDC (all used as collateral), debt 20,000
 * DAI and 10,000 USDC; and a second, healthy account holding 100 ETH against 1,000 DAI. No
 * single-asset positions.
 */
function market(rules: LendingRules = 'aave-v3') {
  const ledger = new Ledger(4, ['protocol:m', 'borrowers:m', 'liquidator']);
  const reserve = (asset: number, assetId: string, lt: number, bonus: number, supply: number) => ({
    asset,
    assetId,
    oracle: asset,
    ltv: lt - 0.05,
    liquidationThreshold: lt,
    liquidationBonus: bonus,
    supply,
    rate: curve,
  });
  const reserves = [reserve(ETH, 'ETH', 0.825, 0.05, 0), reserve(WBTC, 'WBTC', 0.78, 0.065, 0), reserve(USDC, 'USDC', 0.8, 0.045, 50000), reserve(DAI, 'DAI', 0.8, 0.05, 50000)];
  const accounts = new AccountRows();
  accounts.open('0xa');
  accounts.add(ETH, 10, 0, true);
  accounts.add(WBTC, 0.5, 0, true);
  accounts.add(USDC, 5000, 10000, true);
  accounts.add(DAI, 0, 20000, true);
  accounts.open('0xb');
  accounts.add(ETH, 100, 0, true);
  accounts.add(DAI, 0, 1000, true);
  const empty = { collateralReserve: [], debtReserve: [], collateral: [], debt: [] };
  const m = new LendingMarket('m', reserves, empty, { closeFactor: 0.5, closeFactorHealthFactor: rules === 'compound-v2' ? 0 : 0.95 }, 1e-6, 1, ledger, accounts, rules);
  const liquidator = ledger.account('liquidator');
  ledger.mint(liquidator, DAI, 1e6);
  ledger.mint(liquidator, USDC, 1e6);
  return { m, ledger, liquidator, a: m.accounts! };
}

const prices = (eth: number) => Float64Array.of(eth, 40000, 1, 1);

test('a 3-asset account: the market holds its balances and marks its health factor by hand', () => {
  const { m, ledger, a } = market();
  // ETH 110 (10 + 100), WBTC 0.5, USDC 5,000 of collateral held; 50,000 − 10,000 USDC and 50,000 − 21,000 DAI of cash
  assert.equal(
    [ETH, WBTC, USDC, DAI].map((r) => ledger.balance(m.account, r)),
    [110, 0.5, 45000, 29000],
  );
  assert.is(m.reserves[USDC].totalScaledDebt, 10000);
  assert.is(m.reserves[DAI].totalScaledDebt, 21000);
  // ETH at 2,000: Σ c·P·LT = 10·2000·0.825 + 0.5·40000·0.78 + 5000·0.8 = 16,500 + 15,600 + 4,000 = 36,100
  // over Σ d·P = 20,000 + 10,000: HF = 1.20333…
  m.mark({ step: 0, oraclePrices: prices(2000) });
  assert.ok(close(a.healthFactor(0), 36100 / 30000));
  assert.is(a.liquidatableCount, 0);
  // ETH at 1,000: 8,250 + 15,600 + 4,000 = 27,850; HF = 0.928333… (and the second: 100·1000·0.825 / 1000 = 82.5)
  m.mark({ step: 1, oraclePrices: prices(1000) });
  assert.ok(close(a.healthFactor(0), 27850 / 30000));
  assert.equal([a.liquidatableCount, a.liquidatable[0], a.liquidatableSince[0]], [1, 0, 1]);
  assert.ok(close(m.liquidatableDebtUsd, 30000));
  assert.equal(m.checkInvariants(ledger), []);
});

test('Aave v3: DAI repaid for WBTC below HF 0.95 closes in full up to the WBTC held; the books and the ledger balance', () => {
  const { m, ledger, liquidator, a } = market();
  m.mark({ step: 1, oraclePrices: prices(1000) });
  const r = a.liquidate(0, DAI, WBTC, Infinity, liquidator, ledger);
  // HF 0.928 ≤ 0.95: all 20,000 DAI may be repaid; that would seize 20,000 · 1.065 / 40,000 = 0.5325
  // WBTC, more than the 0.5 held: all 0.5 is seized for 0.5 · 40,000 / 1.065 = 18,779.34 DAI
  assert.is(r.status, 'ok');
  assert.ok(close(r.collateralSeized, 0.5));
  assert.ok(close(r.debtRepaid, 20000 / 1.065));
  assert.ok(close(ledger.balance(liquidator, WBTC), 0.5));
  assert.ok(close(ledger.balance(liquidator, DAI), 1e6 - 20000 / 1.065));
  assert.ok(close(ledger.balance(m.account, DAI), 29000 + 20000 / 1.065));
  assert.ok(close(m.reserves[DAI].totalScaledDebt, 21000 - 20000 / 1.065));
  assert.is(m.reserves[WBTC].totalCollateral, 0);
  // what is left: 8,250 + 4,000 = 12,250 against 1,220.66 + 10,000 DAI and USDC: HF 1.0917, out of the zone
  assert.ok(close(a.healthFactor(0), 12250 / (20000 - 20000 / 1.065 + 10000)));
  assert.is(a.liquidatableCount, 0);
  assert.is(m.totals.liquidations, 1);
  assert.equal(m.checkInvariants(ledger), []);
});

test('Aave v3 above HF 0.95: half of the chosen debt; USDC repaid for ETH', () => {
  const { m, ledger, liquidator, a } = market();
  // ETH at 1,300: 10,725 + 15,600 + 4,000 = 30,325 / 30,000: healthy; at 1,200: 29,500 / 30,000 = 0.98333
  m.mark({ step: 1, oraclePrices: prices(1200) });
  const r = a.liquidate(0, USDC, ETH, Infinity, liquidator, ledger);
  // 50 % of 10,000 USDC; seized 5,000 · 1.05 / 1,200 = 4.375 ETH
  assert.ok(close(r.debtRepaid, 5000));
  assert.ok(close(r.collateralSeized, 4.375));
  assert.ok(close(ledger.balance(m.account, ETH), 110 - 4.375));
  assert.ok(close(m.reserves[USDC].cash, 40000 + 5000));
  assert.equal(m.checkInvariants(ledger), []);
});

test('Compound v2: the close factor of the repaid borrow at any health factor, the incentive on the seized reserve', () => {
  const { m, ledger, liquidator, a } = market('compound-v2');
  m.mark({ step: 1, oraclePrices: prices(1000) }); // HF 0.928 (collateral factors as thresholds)
  // 50 % of the 20,000 DAI borrow (Compound has no full close); seize 10,000 · 1.05 / 1,000 = 10.5 ETH > 10
  // held, so the most allowed is 10 · 1,000 / 1.05 = 9,523.81 DAI for all 10 ETH
  const r = a.liquidate(0, DAI, ETH, Infinity, liquidator, ledger);
  assert.ok(close(r.debtRepaid, 10000 / 1.05, 1e-9));
  assert.ok(close(r.collateralSeized, 10, 1e-9));
  // USDC repaid for WBTC: 5,000 USDC · 1.065 / 40,000 = 0.133125 WBTC
  const s = a.liquidate(0, USDC, WBTC, Infinity, liquidator, ledger);
  assert.ok(close(s.debtRepaid, 5000));
  assert.ok(close(s.collateralSeized, 0.133125));
  assert.equal(m.checkInvariants(ledger), []);
});

test('bad debt: an account left with debt and no collateral has all of it booked, once', () => {
  const ledger = new Ledger(2, ['protocol:m', 'borrowers:m', 'liquidator']);
  const reserves = [
    { asset: 0, assetId: 'ETH', oracle: 0, ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 0.05, supply: 0, rate: curve },
    { asset: 1, assetId: 'USDC', oracle: 1, ltv: 0.77, liquidationThreshold: 0.8, liquidationBonus: 0.045, supply: 100000, rate: curve },
  ];
  const rows = new AccountRows();
  rows.open();
  rows.add(0, 10, 0, true);
  rows.add(1, 0, 15000, true);
  const m = new LendingMarket('m', reserves, { collateralReserve: [], debtReserve: [], collateral: [], debt: [] }, { closeFactor: 0.5, closeFactorHealthFactor: 0.95 }, 1e-6, 1, ledger, rows);
  const liquidator = ledger.account('liquidator');
  ledger.mint(liquidator, 1, 1e6);
  m.mark({ step: 0, oraclePrices: Float64Array.of(1400, 1) });
  // HF = 14,000 · 0.825 / 15,000 = 0.77: all may be repaid; all 10 ETH are seized for 14,000 / 1.05
  // USDC, and the 15,000 − 13,333.33 left is bad debt
  const r = m.accounts!.liquidate(0, 1, 0, Infinity, liquidator, ledger);
  assert.ok(close(r.debtRepaid, 14000 / 1.05));
  assert.ok(close(r.badDebtUsd, 15000 - 14000 / 1.05, 1e-9));
  assert.is(m.accounts!.book.closed[0], 1);
  assert.ok(close(m.reserves[1].badDebt, 15000 - 14000 / 1.05));
  assert.is(m.accounts!.liquidatableCount, 0);
  assert.is(m.accounts!.liquidate(0, 1, 0, Infinity, liquidator, ledger).debtRepaid, 0);
  assert.ok(close(m.totals.badDebtUsd, 15000 - 14000 / 1.05));
  assert.equal(m.checkInvariants(ledger), []);
});

test('a threshold change re-references the index: the zone follows the new health factor at once', () => {
  const { m, ledger, a } = market();
  m.mark({ step: 1, oraclePrices: prices(1300) }); // 30,325 / 30,000: healthy
  assert.is(a.liquidatableCount, 0);
  // ETH's threshold from 0.825 to 0.8: 10·1300·0.8 = 10,400 + 15,600 + 4,000 = 30,000: HF = 1 exactly; to 0.79: below
  m.configure('ETH', { liquidationThreshold: 0.79, ltv: 0.7 }, { now: 60 });
  assert.ok(close(a.healthFactor(0), 29870 / 30000));
  assert.is(a.liquidatableCount, 1);
  assert.equal(m.checkInvariants(ledger), []);
});

test.run();
