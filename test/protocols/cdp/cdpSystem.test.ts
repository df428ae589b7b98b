/**
 * The CDP system's books on hand-worked sequences: opening balance sheet, stability fee, bite
 * with `lump`, an English auction through tend and dent to deal, a zero-bid win leaving a
 * deficit, the Vow's heal, debt auctions with their cap and retry, a Dutch auction with keeper
 * incentives, and an exploit. References: the dss rules (Vat, Cat, Vow, Flopper, Clipper) worked
 * by hand in the comments; the invariants (CdpSystem.checkInvariants) must hold after each step.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ledger } from '../../../src/sim/ledger.js';
import { CdpSystem, type IlkParams, type DebtAuctionParams } from '../../../src/protocols/cdp/cdpSystem.js';
import { stairstepExponentialDecrease } from '../../../src/protocols/cdp/abaci.js';

const ETH = 0;
const DAI = 1;
const MKR = 2;
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

function setup(ilk: Partial<IlkParams> = {}, rows = { ilk: [0], collateral: [120], debt: [10_000] }, surplus = 0, flop: DebtAuctionParams | null = null) {
  const ledger = new Ledger(3, ['protocol:maker', 'borrowers:maker', 'flop-bidders:maker', 'A', 'B', 'exploiter']);
  const params: IlkParams = {
    id: 'ETH-A',
    asset: ETH,
    oracle: 0,
    mat: 1.5,
    fee: 0,
    chop: 1.13,
    line: Infinity,
    auction: { kind: 'english', beg: 1.03, ttl: 600, tau: 21_600, lump: 50 },
    ...ilk,
  };
  const cdp = new CdpSystem('maker', DAI, MKR, [params], rows, surplus, flop, ledger, 1);
  const A = ledger.account('A');
  const B = ledger.account('B');
  ledger.mint(A, DAI, 100_000);
  ledger.mint(B, DAI, 100_000);
  const ok = () => assert.equal(cdp.checkInvariants(ledger), []);
  return { ledger, cdp, A, B, ok };
}

const prices = (eth: number) => Float64Array.of(eth);
const reference = (eth: number, mkr = 500) => Float64Array.of(eth, 1, mkr);

test('opening books: collateral locked, stablecoin drawn, surplus part of the debt', () => {
  const { ledger, cdp, ok } = setup({}, { ilk: [0, 0], collateral: [120, 10], debt: [10_000, 500] }, 300);
  assert.is(cdp.supply, 10_500);
  assert.is(cdp.joy, 300);
  assert.is(ledger.balance(cdp.account, ETH), 130);
  assert.is(ledger.balance(cdp.ownersAccount, DAI), 10_200);
  assert.is(ledger.balance(cdp.account, DAI), 300);
  ok();
});

test('stability fee: (1 + fee)^(dt/year) per step, the new debt credited to the surplus', () => {
  const { cdp, ledger, ok } = setup({ fee: 0.08 });
  // 365 daily steps compound to exactly 1.08 (the per-step factor is 1.08^(1/365))
  for (let d = 0; d < 365; d++) cdp.accrue({ dt: 86_400, ledger });
  assert.ok(close(cdp.ilks[0].rate, 1.08, 1e-12));
  assert.ok(close(cdp.debt(0), 10_800, 1e-12));
  assert.ok(close(cdp.joy, 800, 1e-9));
  assert.ok(close(cdp.supply, 10_800, 1e-12));
  ok();
});

test('bite with lump, then tend, tend, dent, deal: hand-worked books', () => {
  const { ledger, cdp, A, B, ok } = setup();
  // 120 ETH, 10,000 DAI: unsafe when 120·p < 15,000, i.e. p < 125
  cdp.mark({ step: 0, oraclePrices: prices(126) });
  assert.is(cdp.unsafeCount, 0);
  cdp.mark({ step: 1, oraclePrices: prices(120) });
  assert.is(cdp.unsafeCount, 1);
  assert.ok(cdp.bite(0, A, 0, ledger, reference(120)));
  // lump 50: dink = 50, dart = 10,000 × 50/120 = 4,166.67; tab = 4,166.67 × 1.13 = 4,708.33
  const rec = [...cdp.auctions.values()][0];
  assert.ok(close(rec.lot, 50));
  assert.ok(close(rec.debt, (10_000 * 50) / 120));
  assert.ok(close(rec.tab, ((10_000 * 50) / 120) * 1.13));
  assert.ok(close(cdp.vaults.ink[0], 70));
  assert.ok(close(cdp.debt(0), (10_000 * 70) / 120));
  assert.ok(close(cdp.sin, rec.debt));
  assert.ok(close(cdp.sinOnAuction, rec.debt));
  assert.is(cdp.deficit(), 0);
  ok();
  // still unsafe (70·120 = 8,400 < 5,833.33 × 1.5 = 8,750): a second bite takes the rest
  assert.ok(cdp.isUnsafe(0));
  const tab = rec.tab;
  // A tends 2,000 for the 50 ETH; B tends 2,060 (= 1.03 × 2,000): A refunded
  assert.equal(cdp.tend(0, 1, A, 50, 2_000, 10, ledger), { ok: true });
  assert.equal(cdp.tend(0, 1, B, 50, 2_060, 20, ledger), { ok: true });
  assert.is(ledger.balance(A, DAI), 100_000);
  assert.is(ledger.balance(B, DAI), 100_000 - 2_060);
  assert.ok(close(cdp.joy, 2_060));
  // A bids the whole tab (B refunded 2,060), then B dents to 45 ETH (1.03 × 45 = 46.35 ≤ 50)
  assert.equal(cdp.tend(0, 1, A, 50, tab, 30, ledger), { ok: true });
  assert.equal(cdp.dent(0, 1, B, 45, tab, 40, ledger), { ok: true });
  // B paid A the tab; 5 ETH went back to the vault owner
  assert.ok(close(ledger.balance(A, DAI), 100_000));
  assert.ok(close(ledger.balance(B, DAI), 100_000 - tab));
  assert.ok(close(ledger.balance(cdp.ownersAccount, ETH), 5));
  ok();
  // nothing is dealt before tic = 40 + 600; at 641 B takes 45 ETH
  cdp.settle(640, ledger, reference(120));
  assert.is(cdp.auctions.size, 1);
  cdp.settle(641, ledger, reference(120));
  assert.is(cdp.auctions.size, 0);
  assert.ok(close(ledger.balance(B, ETH), 45));
  // heal: the tab (debt + 13 % penalty) came in, the debt is burnt, the penalty stays as surplus
  assert.ok(close(cdp.sin, 0, 1e-9));
  assert.ok(close(cdp.joy, tab - rec.debt));
  assert.ok(close(cdp.supply, cdp.vaultDebt() + cdp.sin));
  assert.is(cdp.deficit(), 0);
  assert.is(cdp.totals.zeroBidWins, 0);
  ok();
});

test('a zero bid that nobody beats before ttl wins the lot; the debt is left as deficit', () => {
  const { ledger, cdp, A, ok } = setup({}, { ilk: [0], collateral: [40], debt: [4_000] }, 500);
  cdp.mark({ step: 0, oraclePrices: prices(140) }); // 40 × 140 = 5,600 < 6,000
  assert.ok(cdp.bite(0, A, 0, ledger, reference(140)));
  assert.equal(cdp.tend(0, 1, A, 40, 0, 60, ledger), { ok: true });
  cdp.settle(660, ledger, reference(140)); // tic = 660: not yet
  assert.is(cdp.auctions.size, 1);
  cdp.settle(661, ledger, reference(140));
  assert.is(cdp.totals.zeroBidWins, 1);
  assert.ok(close(cdp.totals.collateralSoldAtZeroUsd, 40 * 140));
  assert.is(ledger.balance(A, ETH), 40);
  // 4,000 of debt, nothing raised, 500 of surplus heals part: deficit 3,500
  assert.ok(close(cdp.deficit(), 3_500));
  assert.is(cdp.joy, 0);
  assert.ok(close(cdp.sin, 3_500));
  assert.is(cdp.totals.firstDeficitStep, 0);
  ok();
});

test('debt auctions: lots at the governance price, capped; an unsold lot waits and returns with a larger cap', () => {
  // deficit 120,000 after a zero-bid auction on a 120,000-DAI vault
  const flop: DebtAuctionParams = { delay: 3_600, lot: 50_000, maxMint: 90, discount: 0, retry: 86_400, pad: 1.2 };
  const { ledger, cdp, A, ok } = setup({ auction: { kind: 'english', beg: 1.03, ttl: 600, tau: 21_600 } }, { ilk: [0], collateral: [1_000], debt: [120_000] }, 0, flop);
  cdp.mark({ step: 0, oraclePrices: prices(150) }); // 150,000 < 180,000
  cdp.bite(0, A, 0, ledger, reference(150));
  cdp.tend(0, 1, A, 1_000, 0, 0, ledger);
  cdp.settle(601, ledger, reference(150, 500));
  assert.ok(close(cdp.deficit(), 120_000));
  // not before the delay; at MKR $500 a 50,000 lot needs 100 MKR > cap 90: unsold, retry in a day
  cdp.settle(601 + 3_599, ledger, reference(150, 500));
  assert.is(cdp.totals.debtAuctions, 0);
  const events = cdp.settle(601 + 3_600, ledger, reference(150, 500));
  assert.is(events[0].type, 'debt-auction-unsold');
  assert.is(cdp.totals.debtAuctions, 0);
  cdp.settle(601 + 3_600 + 86_399, ledger, reference(150, 500));
  assert.is(cdp.totals.debtAuctions, 0);
  // a day later the cap is 90 × 1.2 = 108 ≥ 100: lots of 50,000, 50,000 and 20,000 sell for
  // 100 + 100 + 40 = 240 MKR; the deficit is gone and the surplus healed it all
  cdp.settle(601 + 3_600 + 86_400, ledger, reference(150, 500));
  assert.is(cdp.totals.debtAuctions, 3);
  assert.ok(close(cdp.totals.governanceMinted, 240));
  assert.ok(close(cdp.totals.deficitCovered, 120_000));
  assert.ok(close(ledger.balance(cdp.flopAccount, MKR), 240));
  assert.ok(cdp.deficit() < 1e-6);
  assert.ok(close(cdp.supply, cdp.vaultDebt() + cdp.sin, 1e-12));
  ok();
});

test('Dutch auction: bark pays tip + chip × tab as new debt; the price follows the stair-step curve; partial takes', () => {
  const calc = stairstepExponentialDecrease(90, 0.99);
  const { ledger, cdp, A, B, ok } = setup({ auction: { kind: 'dutch', buf: 1.2, tail: 8_400, cusp: 0.4, tip: 100, chip: 0.001, chost: 0, calc } });
  cdp.mark({ step: 0, oraclePrices: prices(120) });
  assert.ok(cdp.bite(0, A, 0, ledger, reference(120)));
  // bark takes the whole vault: tab = 11,300; keeper paid 100 + 11.3 = 111.3 DAI, owed by the system
  assert.ok(close(ledger.balance(A, DAI), 100_000 + 111.3));
  assert.ok(close(cdp.sin, 10_000 + 111.3));
  assert.ok(close(cdp.supply, 10_000 + 111.3));
  ok();
  // top = 120 × 1.2 = 144; at t = 900 (10 steps of 90 s) the price is 144 × 0.99^10
  const price = 144 * Math.pow(0.99, 10);
  assert.ok(close(cdp.ilks[0].clipper!.price(1, 900), price, 1e-12));
  // B buys 50 ETH at that price
  assert.equal(cdp.take(0, 1, 50, 200, B, 900, ledger, reference(120)), { ok: true });
  assert.ok(close(ledger.balance(B, ETH), 50));
  assert.ok(close(ledger.balance(B, DAI), 100_000 - 50 * price));
  ok();
  // a second take of everything covers the rest of the tab and returns the leftover collateral
  const rest = 11_300 - 50 * price;
  assert.equal(cdp.take(0, 1, 1_000, 200, B, 900, ledger, reference(120)), { ok: true });
  assert.ok(close(ledger.balance(B, ETH), 50 + rest / price));
  assert.ok(close(ledger.balance(cdp.ownersAccount, ETH), 120 - 50 - rest / price));
  assert.is(cdp.auctions.size, 0);
  // raised 11,300 against debt 10,000 + incentive 111.3: surplus 1,188.7 after heal
  assert.ok(close(cdp.joy, 11_300 - 10_111.3));
  assert.is(cdp.deficit(), 0);
  ok();
});

test("exploit: a share of every vault's collateral leaves for the exploiter", () => {
  const { ledger, cdp, ok } = setup({}, { ilk: [0, 0], collateral: [100, 300], debt: [1_000, 1_000] });
  const out = cdp.drain({ share: 0.25, asset: -1, to: ledger.account('exploiter') }, { ledger });
  assert.equal(out, [{ asset: ETH, amount: 100 }]);
  assert.is(cdp.vaults.ink[0], 75);
  assert.is(cdp.vaults.ink[1], 225);
  assert.is(ledger.balance(ledger.account('exploiter'), ETH), 100);
  ok();
});

test('balance sheet: vaults and auctions worth no more than their collateral; liabilities the stablecoin outside', () => {
  const { ledger, cdp, A, ok } = setup({}, { ilk: [0, 0], collateral: [100, 10], debt: [5_000, 2_000] }, 200);
  cdp.mark({ step: 0, oraclePrices: prices(150) }); // vault 1: 10 × 150 = 1,500 < 2,000 × 1.5 → unsafe and underwater
  assert.ok(cdp.bite(1, A, 0, ledger, reference(150)));
  cdp.tend(0, 1, A, 10, 500, 10, ledger);
  // assets: vault 0 min(5,000, 15,000) + auction min(2,260 − 500, 1,500) = 6,500;
  // liabilities: supply 7,000 − surplus (200 + 500) = 6,300
  const sheet = cdp.balanceSheet();
  assert.ok(close(sheet.assets, 6_500));
  assert.ok(close(sheet.liabilities, 6_300));
  ok();
});

test.run();
