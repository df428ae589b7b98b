/**
 * CdpSystem.configure against hand-worked books: a new liquidation ratio makes exactly the vaults
 * with collateral × price / debt below it unsafe (at once, and at the next mark); a new stability
 * fee applies from the time of the change (the rate dripped to then at the old fee, as governance
 * calls Jug.drip before Jug.file); a new penalty sets the next auction's tab; auction parameters
 * govern the bids and kicks that follow; invalid changes are refused with their reason.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Ledger } from '../../../src/sim/ledger.js';
import { CdpSystem, type IlkParams } from '../../../src/protocols/cdp/cdpSystem.js';
import { stairstepExponentialDecrease } from '../../../src/protocols/cdp/abaci.js';

const ETH = 0;
const DAI = 1;
const MKR = 2;
const YEAR = 365 * 86400;
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

function setup(ilk: Partial<IlkParams> = {}, rows = { ilk: [0], collateral: [120], debt: [10_000] }) {
  const ledger = new Ledger(3, ['protocol:maker', 'borrowers:maker', 'flop-bidders:maker', 'A']);
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
  const cdp = new CdpSystem('maker', DAI, MKR, [params], rows, 0, null, ledger, 1);
  const A = ledger.account('A');
  ledger.mint(A, DAI, 100_000);
  return { ledger, cdp, A, ok: () => assert.equal(cdp.checkInvariants(ledger), []) };
}

const unsafe = (cdp: CdpSystem) => [...cdp.unsafe.subarray(0, cdp.unsafeCount)].sort();
const reference = (eth: number) => Float64Array.of(eth, 1, 500);

test('a new liquidation ratio makes exactly the vaults below it unsafe', () => {
  // five vaults of 10 ETH at $150 ($1,500 each) owing 1,000, 900, 800, 700 and 600 DAI:
  // collateralisation 1.5, 1.667, 1.875, 2.143 and 2.5
  const debts = [1000, 900, 800, 700, 600];
  const { cdp, ledger, A, ok } = setup({}, { ilk: [0, 0, 0, 0, 0], collateral: [10, 10, 10, 10, 10], debt: debts });
  cdp.mark({ step: 0, oraclePrices: Float64Array.of(150) });
  // at 1.5 none is unsafe: vault 0 sits exactly at the ratio (1,500 is not below 1,000 × 1.5)
  assert.equal(unsafe(cdp), []);
  const cases: [number, number[]][] = [
    [1.75, [0, 1]],
    [2.2, [0, 1, 2, 3]],
    [1.6, [0]],
    [1.5, []],
    [2.5, [0, 1, 2, 3]], // 2.5 itself is not below 2.5
    [2.51, [0, 1, 2, 3, 4]],
  ];
  let t = 60;
  for (const [ratio, expected] of cases) {
    cdp.configure('ETH-A', { liquidationRatio: ratio }, { now: t, ledger });
    // the hand rule, collateral × price / debt < ratio, over the vaults as written above
    assert.equal(
      debts.flatMap((d, v) => ((10 * 150) / d < ratio ? [v] : [])),
      expected,
      `hand rule at ${ratio}`,
    );
    assert.equal(unsafe(cdp), expected, `at once, ratio ${ratio}`);
    assert.ok(
      close(
        cdp.unsafeDebt,
        expected.reduce((a, v) => a + debts[v], 0),
      ),
    );
    cdp.mark({ step: t / 60, oraclePrices: Float64Array.of(150) });
    assert.equal(unsafe(cdp), expected, `after a mark, ratio ${ratio}`);
    assert.is(cdp.lastConfiguredAt('ETH-A'), t);
    t += 60;
  }
  // a keeper can bite what the new ratio made unsafe, and not the rest
  cdp.configure('ETH-A', { liquidationRatio: 1.75 }, { now: t, ledger });
  assert.ok(cdp.bite(1, A, t, ledger, reference(150)));
  assert.not.ok(cdp.bite(2, A, t, ledger, reference(150)));
  ok();
});

test('a new stability fee applies from the time of the change: the rate is dripped to then at the old fee', () => {
  const { cdp, ledger, ok } = setup({ fee: 0.08 });
  cdp.accrue({ dt: YEAR / 2, ledger });
  assert.ok(close(cdp.ilks[0].rate, Math.pow(1.08, 0.5)));
  cdp.configure('ETH-A', { stabilityFee: 0.02 }, { now: 0.75 * YEAR, ledger });
  assert.ok(close(cdp.ilks[0].rate, Math.pow(1.08, 0.75)));
  cdp.accrue({ dt: YEAR / 2, ledger }); // to one year: its last quarter at 2 %
  const rate = Math.pow(1.08, 0.75) * Math.pow(1.02, 0.25);
  assert.ok(close(cdp.ilks[0].rate, rate));
  assert.ok(close(cdp.debt(0), 10_000 * rate, 1e-12));
  // every fee went to the surplus
  assert.ok(close(cdp.joy, 10_000 * (rate - 1), 1e-9));
  assert.is(cdp.parameters('ETH-A').stabilityFee, 0.02);
  ok();
});

test('a new penalty sets the tab of the next bite; English auction parameters govern the bids that follow', () => {
  const { cdp, ledger, A, ok } = setup();
  assert.equal(cdp.parameters('ETH-A'), {
    liquidationRatio: 1.5,
    penalty: 0.13,
    stabilityFee: 0,
    debtCeiling: Infinity,
    'auction.beg': 0.03,
    'auction.ttl': 600,
    'auction.tau': 21_600,
    'auction.lump': 50,
  });
  cdp.configure('ETH-A', { penalty: 0.2, 'auction.ttl': 300, 'auction.beg': 0.05, 'auction.lump': 60 }, { now: 0, ledger });
  cdp.mark({ step: 0, oraclePrices: Float64Array.of(120) });
  assert.ok(cdp.bite(0, A, 0, ledger, reference(120)));
  // lump 60 of 120 ETH: half the debt, 5,000 DAI, raising up to 5,000 × 1.2
  const rec = [...cdp.auctions.values()][0];
  assert.ok(close(rec.lot, 60));
  assert.ok(close(rec.tab, 5_000 * 1.2));
  // a bid at t = 10 lives 300 s; the next must beat it by 5 %
  assert.equal(cdp.tend(0, rec.id, A, 60, 1_000, 10, ledger), { ok: true });
  assert.is(cdp.ilks[0].flipper!.get(rec.id)!.tic, 310);
  assert.equal(cdp.tend(0, rec.id, A, 60, 1_040, 20, ledger), { ok: false, reason: 'insufficient-increase' });
  assert.equal(cdp.tend(0, rec.id, A, 60, 1_050, 20, ledger), { ok: true });
  assert.is(cdp.parameters('ETH-A')['auction.beg'], 0.05);
  assert.is(cdp.parameters('ETH-A').penalty, 0.2);
  ok();
});

test("Dutch auction parameters: a new buf sets the next kick's starting price", () => {
  const calc = stairstepExponentialDecrease(90, 0.99);
  const { cdp, ledger, A } = setup({ auction: { kind: 'dutch', buf: 1.2, tail: 8_400, cusp: 0.4, tip: 0, chip: 0, chost: 0, calc } });
  assert.equal(Object.keys(cdp.parameters('ETH-A')), [
    'liquidationRatio',
    'penalty',
    'stabilityFee',
    'debtCeiling',
    'auction.buf',
    'auction.tail',
    'auction.cusp',
    'auction.tip',
    'auction.chip',
    'auction.chost',
  ]);
  cdp.configure('ETH-A', { 'auction.buf': 1.5, 'auction.cusp': 0.5 }, { now: 0, ledger });
  cdp.mark({ step: 0, oraclePrices: Float64Array.of(120) });
  assert.ok(cdp.bite(0, A, 0, ledger, reference(120)));
  // top = 120 × 1.5 = 180; after 70 steps of 90 s the price is 180 · 0.99^70 = 0.4948 · 180, below the new cusp
  const clipper = cdp.ilks[0].clipper!;
  assert.ok(close(clipper.get(1)!.top, 180));
  assert.is(clipper.status(1, 70 * 90).needsRedo, true);
  assert.is(clipper.status(1, 60 * 90).needsRedo, false); // 0.99^60 = 0.547
});

test('invalid changes are refused with their reason and change nothing', () => {
  const { cdp, ledger } = setup();
  const before = cdp.parameters('ETH-A');
  const refusals: [string, Record<string, number>, RegExp][] = [
    ['ETH-B', { penalty: 0.1 }, /unknown vault type "ETH-B" of maker \(expected one of ETH-A\)/],
    ['ETH-A', { 'auction.buf': 1.2 }, /unknown parameter "auction.buf" of vault type ETH-A \(english auction; expected one of/],
    ['ETH-A', { liquidationRatio: 0.9 }, /liquidationRatio: expected a number >= 1, got 0.9/],
    ['ETH-A', { penalty: 1.5 }, /penalty: expected a number in \[0, 1\], got 1.5/],
    ['ETH-A', { debtCeiling: 0 }, /debtCeiling: expected a number > 0 \(Infinity for none\), got 0/],
    ['ETH-A', { 'auction.ttl': Infinity }, /auction.ttl: expected a number > 0, got Infinity/],
    // the valid half of a change does not go in without the invalid half
    ['ETH-A', { liquidationRatio: 1.7, stabilityFee: -0.01 }, /stabilityFee: expected a number >= 0/],
  ];
  for (const [target, params, reason] of refusals) assert.throws(() => cdp.configure(target, params, { now: 60, ledger }), reason, JSON.stringify(params));
  assert.equal(cdp.parameters('ETH-A'), before);
  assert.is(cdp.lastConfiguredAt('ETH-A'), -Infinity);
  // a type without auctions (a peg stability module) has no auction parameters
  const psm = setup({ auction: null });
  assert.throws(() => psm.cdp.configure('ETH-A', { 'auction.ttl': 60 }, { now: 0, ledger: psm.ledger }), /no auction/);
});

test.run();
