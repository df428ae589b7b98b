/**
 * Governance changes through the protocol contract (`parameters`, `configure`,
 * `lastConfiguredAt`), on small books worked by hand (the kinds' own tests, lending/ and cdp/
 * configure.test.ts, go through every parameter). A lending market whose liquidation threshold is lowered re-keys its liquidation
 * index so that it agrees with a full health scan (checkInvariants compares the two); a new bonus
 * changes what a liquidation seizes; an inconsistent change is refused with its reason and changes
 * nothing. A CDP vault type's new liquidation ratio makes the vault unsafe at the next mark, and
 * its new penalty sets the next auction's tab.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { LendingMarket } from '../../src/protocols/lending/lendingMarket.js';
import { CdpSystem, type IlkParams } from '../../src/protocols/cdp/cdpSystem.js';
import { Ledger } from '../../src/sim/ledger.js';

const ETH = 0;
const USDC = 1;
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
/** The values of `keys` among a target's parameters. */
const pick = (params: Record<string, number>, ...keys: string[]) => Object.fromEntries(keys.map((k) => [k, params[k]]));
const curve = { base: 0, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 };

function market() {
  const ledger = new Ledger(2, ['protocol:m', 'borrowers:m']);
  const reserves = [
    { asset: ETH, assetId: 'ETH', oracle: 0, ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 0.05, supply: 0, rate: curve },
    { asset: USDC, assetId: 'USDC', oracle: 1, ltv: 0.77, liquidationThreshold: 0.8, liquidationBonus: 0.045, supply: 100000, rate: curve },
  ];
  // 10 ETH against 15,000 USDC, and 1 ETH against 1,000 USDC
  const rows = { collateralReserve: [0, 0], debtReserve: [1, 1], collateral: [10, 1], debt: [15000, 1000] };
  const m = new LendingMarket('m', reserves, rows, { closeFactor: 0.5, closeFactorHealthFactor: 0.95 }, 1e-6, 1, ledger);
  return { m, ledger };
}

test('lending: a lower liquidation threshold re-keys the index; it agrees with a full scan and the position is liquidatable', () => {
  const { m, ledger } = market();
  // ETH at $2,000: HF of position 0 = 10 · 2000 · 0.825 / 15,000 = 1.1, of position 1 = 1.65
  m.mark({ step: 0, oraclePrices: Float64Array.of(2000, 1) });
  assert.is(m.liquidatableCount, 0);
  m.configure('ETH', { ltv: 0.65, liquidationThreshold: 0.7 }, { now: 60 });
  // now 10 · 2000 · 0.7 / 15,000 = 0.9333 < 1; position 1: 1 · 2000 · 0.7 / 1,000 = 1.4
  assert.is(m.liquidatableCount, 1);
  assert.is(m.positionId(m.liquidatable[0]), 0);
  assert.ok(close(m.healthFactor(m.slotOf(0)), (10 * 2000 * 0.7) / 15000));
  assert.equal(m.checkInvariants(ledger), []);
  // it stays in agreement as prices move: ETH at $2,400 gives 10 · 2400 · 0.7 / 15,000 = 1.12
  m.mark({ step: 1, oraclePrices: Float64Array.of(2400, 1) });
  assert.is(m.liquidatableCount, 0);
  assert.equal(m.checkInvariants(ledger), []);
  // and raising the threshold back, at $2,000, heals it again (HF 1.1)
  m.mark({ step: 2, oraclePrices: Float64Array.of(2000, 1) });
  assert.is(m.liquidatableCount, 1);
  m.configure('ETH', { liquidationThreshold: 0.825 }, { now: 180 });
  assert.is(m.liquidatableCount, 0);
  assert.equal(m.checkInvariants(ledger), []);
  assert.equal(pick(m.parameters('ETH'), 'ltv', 'liquidationThreshold', 'liquidationBonus'), { ltv: 0.65, liquidationThreshold: 0.825, liquidationBonus: 0.05 });
  assert.is(m.lastConfiguredAt('ETH'), 180);
});

test('lending: a new bonus changes what a liquidation seizes', () => {
  const { m } = market();
  m.mark({ step: 0, oraclePrices: Float64Array.of(1400, 1) });
  // repaying 1,000 USDC at ETH $1,400 with a 5 % bonus seizes 1,000 · 1.05 / 1,400 ETH
  assert.ok(close(m.previewLiquidation(m.slotOf(0), 1000).collateralSeized, 1050 / 1400));
  m.configure('ETH', { liquidationBonus: 0.1 }, { now: 0 });
  assert.ok(close(m.previewLiquidation(m.slotOf(0), 1000).collateralSeized, 1100 / 1400));
});

test('lending: inconsistent or unknown changes are refused with the reason, and change nothing', () => {
  const { m } = market();
  const before = m.parameters('ETH');
  const at0 = { now: 0 };
  assert.throws(() => m.configure('ETH', { liquidationThreshold: 0.7 }, at0), /ltv 0.8 above liquidationThreshold 0.7/);
  assert.throws(() => m.configure('ETH', { liquidationThreshold: 1.2 }, at0), /liquidationThreshold: expected a number in \(0, 1\], got 1.2/);
  // 0.825 × 1.6 > 1: the liquidation would seize more than the threshold lets the debt borrow against
  assert.throws(() => m.configure('ETH', { liquidationBonus: 0.6 }, at0), /liquidationThreshold × \(1 \+ liquidationBonus\) = 0.825 × 1.6 > 1/);
  assert.throws(() => m.configure('ETH', { ltv: Number.NaN }, at0), /ltv: expected a number, got NaN/);
  assert.throws(() => m.configure('ETH', { reserveFactor: 0.1 }, at0), /unknown parameter "reserveFactor"/);
  assert.throws(() => m.configure('WBTC', { ltv: 0.5 }, at0), /unknown reserve "WBTC" of m \(expected one of ETH, USDC\)/);
  assert.throws(() => m.parameters('WBTC'), /unknown reserve "WBTC" of m/);
  assert.throws(() => m.lastConfiguredAt('WBTC'), /unknown reserve "WBTC" of m/);
  assert.equal(m.parameters('ETH'), before);
  assert.is(m.lastConfiguredAt('ETH'), -Infinity);
});

function cdp() {
  const ledger = new Ledger(3, ['protocol:maker', 'borrowers:maker', 'flop-bidders:maker', 'keeper']);
  const ilk: IlkParams = { id: 'ETH-A', asset: ETH, oracle: 0, mat: 1.5, fee: 0, chop: 1.13, line: Infinity, auction: { kind: 'english', beg: 1.03, ttl: 600, tau: 21_600, lump: 50 } };
  const c = new CdpSystem('maker', 1, 2, [ilk], { ilk: [0], collateral: [120], debt: [10_000] }, 0, null, ledger, 1);
  return { c, ledger, keeper: ledger.account('keeper') };
}

test('CDP: a higher liquidation ratio makes the vault unsafe at the next mark; the new penalty sets the tab', () => {
  const { c, ledger, keeper } = cdp();
  // 120 ETH at $126 = 15,120 against 10,000 × 1.5 = 15,000: safe
  c.mark({ step: 0, oraclePrices: Float64Array.of(126) });
  assert.is(c.unsafeCount, 0);
  c.configure('ETH-A', { liquidationRatio: 1.6, penalty: 0.2 }, { now: 60, ledger });
  assert.equal(pick(c.parameters('ETH-A'), 'liquidationRatio', 'penalty', 'stabilityFee'), { liquidationRatio: 1.6, penalty: 0.2, stabilityFee: 0 });
  assert.is(c.lastConfiguredAt('ETH-A'), 60);
  // 15,120 < 10,000 × 1.6 = 16,000: unsafe
  c.mark({ step: 1, oraclePrices: Float64Array.of(126) });
  assert.is(c.unsafeCount, 1);
  assert.ok(c.bite(0, keeper, 60, ledger, Float64Array.of(126, 1, 0)));
  // lump 50: debt 10,000 · 50 / 120, tab that × 1.2
  const rec = [...c.auctions.values()][0];
  assert.ok(close(rec.tab, ((10_000 * 50) / 120) * 1.2));
  assert.equal(c.checkInvariants(ledger), []);
});

test('CDP: a new stability fee compounds from the next drip; refusals say why', () => {
  const { c, ledger } = cdp();
  c.configure('ETH-A', { stabilityFee: 0.08 }, { now: 0, ledger });
  // 365 daily drips compound to 1.08: 10,000 of debt becomes 10,800
  for (let d = 0; d < 365; d++) c.accrue({ dt: 86_400, ledger });
  assert.ok(close(c.debt(0), 10_800, 1e-12));
  const at0 = { now: 0, ledger };
  assert.throws(() => c.configure('ETH-A', { liquidationRatio: 0.9 }, at0), /liquidationRatio: expected a number >= 1, got 0.9/);
  assert.throws(() => c.configure('ETH-A', { penalty: -0.1 }, at0), /penalty: expected a number in \[0, 1\], got -0.1/);
  assert.throws(() => c.configure('ETH-A', { stabilityFee: 0.05, mat: 2 }, at0), /unknown parameter "mat" of vault type ETH-A/);
  assert.throws(() => c.configure('WBTC-A', { penalty: 0.1 }, at0), /unknown vault type "WBTC-A" of maker \(expected one of ETH-A\)/);
  assert.equal(pick(c.parameters('ETH-A'), 'liquidationRatio', 'penalty', 'stabilityFee'), { liquidationRatio: 1.5, penalty: 0.13, stabilityFee: 0.08 });
});

test.run();
