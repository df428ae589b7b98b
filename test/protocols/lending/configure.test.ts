/**
 * LendingMarket.configure against hand-worked books: a lower liquidation threshold re-files the
 * positions against that collateral (the index then agrees with an independent full health scan
 * at the new threshold), a new bonus changes what a liquidation seizes, a new rate curve applies
 * from the time of the change (interest to then at the old curve), and invalid changes are
 * refused with their reason, changing nothing (Aave PoolConfigurator's checks).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LendingMarket } from '../../../src/protocols/lending/lendingMarket.js';
import { healthScan } from '../../../src/protocols/lending/healthScan.js';
import { Ledger } from '../../../src/sim/ledger.js';

const ETH = 0;
const USDC = 1;
const YEAR = 365 * 86400;
const curve = { base: 0, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 };
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

function market() {
  const ledger = new Ledger(2, ['protocol:m', 'borrowers:m', 'liquidator']);
  const reserves = [
    { asset: ETH, assetId: 'ETH', oracle: 0, ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 0.05, supply: 100, rate: curve },
    { asset: USDC, assetId: 'USDC', oracle: 1, ltv: 0.77, liquidationThreshold: 0.8, liquidationBonus: 0.045, supply: 100000, rate: curve },
  ];
  // 10 ETH against 15,000 USDC; 1 ETH against 1,000 USDC; 20,000 USDC against 5 ETH
  const rows = { collateralReserve: [ETH, ETH, USDC], debtReserve: [USDC, USDC, ETH], collateral: [10, 1, 20000], debt: [15000, 1000, 5] };
  const m = new LendingMarket('m', reserves, rows, { closeFactor: 0.5, closeFactorHealthFactor: 0.95 }, 1e-6, 1, ledger);
  const liquidator = ledger.account('liquidator');
  ledger.mint(liquidator, USDC, 1e6);
  return { m, ledger, liquidator };
}

/** Positions with health factor < 1 by the independent full scan, at thresholds given by hand. */
function scan(m: LendingMarket, ethPrice: number, thresholds: [number, number]): number[] {
  const b = m.book;
  const out = new Int32Array(b.count);
  const collateralWeight = Float64Array.of(ethPrice * thresholds[0], 1 * thresholds[1]);
  const debtWeight = Float64Array.of(ethPrice * m.reserves[ETH].borrowIndex, 1 * m.reserves[USDC].borrowIndex);
  const n = healthScan(b.collateral, b.scaledDebt, b.collateralReserve, b.debtReserve, collateralWeight, debtWeight, out);
  return [...out.subarray(0, n)].map((i) => m.positionId(i)).sort();
}

/** Ids of the positions in the liquidatable zone (its list holds slots). */
const listed = (m: LendingMarket) => [...m.liquidatable.subarray(0, m.liquidatableCount)].map((i) => m.positionId(i)).sort();

test('a lower threshold re-files the positions against that collateral: the index agrees with a full scan at the new threshold', () => {
  const { m, ledger } = market();
  // ETH at 2,000: HF0 = 10 · 2000 · 0.825 / 15,000 = 1.1; HF1 = 1.65; HF2 = 20,000 · 0.8 / 10,000 = 1.6
  m.mark({ step: 0, oraclePrices: Float64Array.of(2000, 1) });
  assert.equal(listed(m), []);
  assert.equal(m.parameters('ETH').liquidationThreshold, 0.825);
  m.configure('ETH', { ltv: 0.65, liquidationThreshold: 0.7 }, { now: 60 });
  // at once, before any new mark: HF0 = 10 · 2000 · 0.7 / 15,000 = 0.9333 < 1; HF1 = 1.4; HF2 unchanged (USDC collateral)
  assert.equal(listed(m), [0]);
  assert.equal(scan(m, 2000, [0.7, 0.8]), [0]);
  assert.ok(close(m.liquidatableDebtUsd, 15000));
  assert.ok(close(m.healthFactor(m.slotOf(0)), 14000 / 15000));
  assert.equal(m.checkInvariants(ledger), []);
  // the next marks move the level against the new keys: HF0 = 0.98 at 2,100 and 1.0267 at 2,200;
  // at 1,400 HF0 = 0.653 and HF1 = 1 · 1400 · 0.7 / 1000 = 0.98 (HF2 = 16,000 / 7,000)
  for (const [step, price, expected] of [
    [1, 2100, [0]],
    [2, 2200, []],
    [3, 1400, [0, 1]],
  ] as [number, number, number[]][]) {
    m.mark({ step, oraclePrices: Float64Array.of(price, 1) });
    assert.equal(listed(m), expected, `ETH at ${price}`);
    assert.equal(scan(m, price, [0.7, 0.8]), expected, `scan at ${price}`);
    assert.equal(m.checkInvariants(ledger), []);
  }
  assert.equal(m.parameters('ETH'), {
    ltv: 0.65,
    liquidationThreshold: 0.7,
    liquidationBonus: 0.05,
    supplyCap: Infinity,
    borrowCap: Infinity,
    'rate.base': 0,
    'rate.slope1': 0.04,
    'rate.slope2': 0.75,
    'rate.optimalUtilisation': 0.8,
  });
  assert.is(m.lastConfiguredAt('ETH'), 60);
  assert.is(m.lastConfiguredAt('USDC'), -Infinity);
});

test('a higher threshold takes positions out of the liquidatable zone; a change of another reserve leaves them', () => {
  const { m, ledger } = market();
  // ETH at 1,800: HF0 = 10 · 1800 · 0.825 / 15,000 = 0.99
  m.mark({ step: 0, oraclePrices: Float64Array.of(1800, 1) });
  assert.equal(listed(m), [0]);
  m.configure('USDC', { liquidationThreshold: 0.85 }, { now: 60 });
  assert.equal(listed(m), [0]);
  // 0.99 · 0.85 / 0.825 = 1.02
  m.configure('ETH', { liquidationThreshold: 0.85 }, { now: 120 });
  assert.equal(listed(m), []);
  assert.equal(scan(m, 1800, [0.85, 0.85]), []);
  assert.equal(m.checkInvariants(ledger), []);
});

test('a new liquidation bonus changes what a liquidation seizes', () => {
  const { m, ledger, liquidator } = market();
  m.mark({ step: 0, oraclePrices: Float64Array.of(1800, 1) });
  m.configure('ETH', { liquidationBonus: 0.1 }, { now: 60 });
  // HF 0.99 ≥ 0.95: half the debt, 7,500 USDC, for 7,500 · 1.1 / 1,800 = 4.58333 ETH
  const r = m.liquidate(m.slotOf(0), Infinity, liquidator, ledger);
  assert.ok(close(r.debtRepaid, 7500, 1e-9));
  assert.ok(close(r.collateralSeized, (7500 * 1.1) / 1800, 1e-12));
  assert.equal(m.checkInvariants(ledger), []);
});

test('a new rate curve applies from the time of the change: interest to then at the old curve', () => {
  const { m } = market();
  // USDC: 16,000 lent of 100,000 supplied, 84,000 cash; the rate is 0.04 · U / 0.8 below the kink
  m.accrue({ dt: YEAR / 2 }); // to 0.5 year
  const i1 = 1 + ((0.04 * 0.16) / 0.8) * 0.5;
  assert.ok(close(m.reserves[USDC].borrowIndex, i1));
  m.configure('USDC', { 'rate.slope1': 0.08 }, { now: 0.75 * YEAR });
  const u2 = (16000 * i1) / (16000 * i1 + 84000);
  const i2 = i1 * (1 + ((0.04 * u2) / 0.8) * 0.25);
  assert.ok(close(m.reserves[USDC].borrowIndex, i2), `${m.reserves[USDC].borrowIndex} vs ${i2}`);
  m.accrue({ dt: YEAR / 2 }); // to 1 year: the last quarter at the new slope
  const u3 = (16000 * i2) / (16000 * i2 + 84000);
  assert.ok(close(m.reserves[USDC].borrowIndex, i2 * (1 + ((0.08 * u3) / 0.8) * 0.25)));
  // ETH's reserve accrued in two plain half-year steps at its own rate (5 of 100 lent)
  const e1 = 1 + ((0.04 * 0.05) / 0.8) * 0.5;
  const ue = (5 * e1) / (5 * e1 + 95);
  assert.ok(close(m.reserves[ETH].borrowIndex, e1 * (1 + ((0.04 * ue) / 0.8) * 0.5)));
});

test('invalid changes are refused with their reason and change nothing', () => {
  const { m } = market();
  m.mark({ step: 0, oraclePrices: Float64Array.of(2000, 1) });
  const before = m.parameters('ETH');
  const refusals: [string, Record<string, number>, RegExp][] = [
    ['BTC', { ltv: 0.5 }, /unknown reserve "BTC" of m \(expected one of ETH, USDC\)/],
    ['ETH', { closeFactor: 0.5 }, /unknown parameter "closeFactor"/],
    ['ETH', { liquidationThreshold: 0.75 }, /ltv 0.8 above liquidationThreshold 0.75/],
    ['ETH', { liquidationThreshold: 0.96 }, /liquidationThreshold × \(1 \+ liquidationBonus\) = 0.96 × 1.05 > 1/],
    ['ETH', { liquidationThreshold: 1.2 }, /liquidationThreshold: expected a number in \(0, 1\]/],
    ['ETH', { supplyCap: -5 }, /supplyCap: expected a non-negative value/],
    ['ETH', { borrowCap: 0 }, /borrowCap: expected a positive cap/],
    ['ETH', { 'rate.optimalUtilisation': 1 }, /rate.optimalUtilisation: expected a number in \(0, 1\)/],
    ['ETH', { 'rate.slope2': Infinity }, /rate.slope2: expected a finite value/],
    // the good half of a change does not go in without the bad half
    ['ETH', { ltv: 0.5, liquidationBonus: 0.3 }, /0.825 × 1.3 > 1/],
  ];
  for (const [target, params, reason] of refusals) {
    assert.throws(() => m.configure(target, params, { now: 60 }), reason, JSON.stringify(params));
  }
  assert.equal(m.parameters('ETH'), before);
  assert.is(m.lastConfiguredAt('ETH'), -Infinity);
  // the edge itself is allowed: 0.95 × 1.05 = 0.9975 ≤ 1; an infinite cap is no cap
  m.configure('ETH', { liquidationThreshold: 0.95, supplyCap: 500 }, { now: 60 });
  assert.is(m.reserves[ETH].supplyCap, 500);
  m.configure('ETH', { supplyCap: Infinity }, { now: 120 });
  assert.is(m.reserves[ETH].supplyCap, undefined);
});

test.run();
