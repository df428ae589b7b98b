/**
 * The replays of real crises in scenarios/: each validates and runs with the accounting
 * invariants checked at every step; Black Thursday's zero-price auction wins and deficit appear
 * with congestion and shrink without it; DAI follows USDC through the peg stability module's
 * arbitrage and holds without it; and figures that can be recomputed by hand from the
 * scenario's inputs are: the MKR minted by debt auctions (deficit covered / MKR price, the lots
 * being under their cap), and
 * the CRV prices at which the squeezed Aave position becomes liquidatable ($0.6071) and leaves bad
 * debt ($0.6601), from the position's collateral and debt, the 88 % threshold and 4.5 % bonus.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import type { CdpSystem } from '../../src/protocols/cdp/cdpSystem.js';
import { summarise } from '../../src/report/summary.js';
import { createAgent } from '../../agents/index.js';
import { coalitionOverrides, uncertainGroups } from '../../src/report/attribution.js';

const BT = 'scenarios/black-thursday-2020.yaml';
const USDC = 'scenarios/usdc-depeg-2023.yaml';
const CRV = 'scenarios/aave-crv-2022.yaml';
const COMPOUND = 'scenarios/compound-dai-2020.yaml';

test('Black Thursday: runs with invariants; zero bids and a deficit; debt auctions mint MKR at its price', () => {
  const loaded = loadScenario(BT);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  const s = summarise(loaded, r);
  const maker = s.protocols.maker;
  assert.ok(maker.auctions!.zeroBidWins > 0, 'zero-bid wins');
  assert.ok(maker.auctions!.collateralSoldAtZero > 0);
  assert.ok(maker.deficit! > 0, 'deficit');
  // lots of 50,000 DAI need 50,000 / 245 = 204 MKR < the 250 cap: every lot sells at $245
  assert.ok(maker.deficitCovered! > 0, 'debt auctions ran by 20 March');
  assert.ok(Math.abs(maker.governanceMinted! - maker.deficitCovered! / 245) < 1e-6 * maker.governanceMinted!);
  // the deficit is what debt auctions covered plus what is still uncovered
  assert.ok(Math.abs(maker.deficit! - maker.deficitCovered! - (r.world.protocols[0] as CdpSystem).deficit()) < 1e-6 * maker.deficit!);
  // issuer loss rule: a booked loss within DAI's buffer (MKR's market value, $245M) leaves it at par
  assert.ok(maker.deficit! < 245e6);
  assert.ok(
    r.world.metrics.series('ref.DAI').every((p) => p === 1),
    'DAI at par throughout',
  );
});

test('Black Thursday: with the first-price market congested, zero-bid wins and the deficit; without the rest of Ethereum they shrink', () => {
  // the crash days only (to 14 March 00:00), a fifth of the vaults, every uncertain input at its
  // baseline (the middle of its range), to keep the test quick
  const file = loadScenario(BT);
  const atBaseline = coalitionOverrides(file.scenario, uncertainGroups(file.scenario), 0);
  const quick = ['horizon=3d', ...atBaseline, 'uncertain[0].range=400'];
  const run = (congestion: boolean) => {
    const loaded = loadScenario(BT, [...quick, `chain.congestion.enabled=${congestion}`]);
    return summarise(loaded, runPath(loaded, { createAgent })).protocols.maker;
  };
  const congested = run(true);
  const free = run(false);
  assert.ok(congested.auctions!.zeroBidWins > 0 && congested.deficit! > 0, 'with congestion');
  assert.ok(free.auctions!.zeroBidWins < congested.auctions!.zeroBidWins, `zero-bid wins ${free.auctions!.zeroBidWins} vs ${congested.auctions!.zeroBidWins}`);
  assert.ok(free.deficit! < congested.deficit!, `deficit ${free.deficit} vs ${congested.deficit}`);
  assert.ok(free.auctions!.collateralSoldAtZero < congested.auctions!.collateralSoldAtZero);
});

/** The USDC replay to 34 h (past USDC's low at 32 h), without the lending market's book, inputs fixed in their ranges. */
const usdcVariant = (psmUsdc: number) => {
  const loaded = loadScenario(USDC, ['horizon=34h', 'protocols.aave.positions=[]', 'uncertain[0].range=632', 'uncertain[1].range=300000000', `uncertain[2].range=${psmUsdc}`]);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  return r.world;
};

test("USDC depeg: DAI's price comes from the 3pool; the PSM arbitrage carries USDC's fall into it, without it DAI holds", () => {
  const w = usdcVariant(500_000_000);
  const m = w.metrics;
  const dai = m.series('ref.DAI');
  const usdc = m.series('ref.USDC');
  const pool = w.venues[w.venues.findIndex((v) => v.id === 'curve-3pool')];
  const [DAI, USDT] = [w.assetIds.indexOf('DAI'), w.assetIds.indexOf('USDT')];
  // DAI's reference is its price in the pool, in USDT at $1 (read at the start of each step)
  assert.ok(Math.abs(dai[dai.length - 1] - pool.price(DAI, USDT)) < 0.01);
  const daiLow = Math.min(...dai);
  const usdcLow = Math.min(...usdc);
  assert.ok(Math.abs(usdcLow - 0.877) < 1e-9);
  assert.ok(Math.abs(daiLow - usdcLow) < 0.03, `DAI low ${daiLow} near USDC's ${usdcLow}`);
  // the module took USDC in: its vault holds more than the 3.1 billion it started with
  const maker = w.protocols[w.protocolIndex('maker')] as unknown as CdpSystem;
  const k = maker.ilks.findIndex((i) => i.id === 'PSM-USDC-A');
  const psmVault = Array.from(maker.vaults.ilk).indexOf(k);
  assert.ok(maker.vaults.ink[psmVault] > 3.2e9, `PSM holds ${maker.vaults.ink[psmVault]}`);
  // no arbitrage through the module (1 USDC of capital): USDC sellers alone leave DAI far above USDC
  const alone = usdcVariant(1).metrics.series('ref.DAI');
  assert.ok(Math.min(...alone) > daiLow + 0.05, `without the PSM arbitrage DAI's low is ${Math.min(...alone)}`);
});

/** The CRV replay with every uncertain input fixed inside its range (a reduced variant: to 20 h). */
const crvVariant = (extra: string[] = []) => {
  const fixed: Record<string, number> = {
    'shocks[0].magnitude': -0.05,
    'venues.crv-usdc-book.impact.exponent': 0.75,
    'venues.crv-usdc-book.depth2pct': 2e6,
    'venues.crv-usdc-book.resilience': 0.002,
    'venues.crv-usdc-book.impact.halfLife': 21600,
    'oracles.crv-usd.deviation': 0.01,
    'agents.liquidator-1.capital.CRV': 1e6,
    'agents.liquidator-2.capital.CRV': 1e6,
  };
  const file = loadScenario(CRV);
  const sets = file.scenario.uncertain!.map((u, k) => `uncertain[${k}].range=${fixed[u.field]}`);
  const loaded = loadScenario(CRV, ['horizon=20h', 'options.amplification=false', ...sets, ...extra]);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  return { r, s: summarise(loaded, r) };
};

test('Aave CRV squeeze: liquidations start when CRV passes 63.6M × 0.88 / 92.2M; with price impact they push CRV up and leave bad debt, without it none', () => {
  const on = crvVariant();
  const off = crvVariant(['venues.crv-usdc-book.impact.permanentShare=0']);
  const idle = crvVariant(['agents[0].minProfit=1e12', 'agents[1].minProfit=1e12']); // liquidators that never find a liquidation worth it
  const threshold = (63_605_103.124042 * 0.88) / 92_200_652.443851; // health factor 1 at $0.6071
  const badDebtPrice = 63_605_103.124042 / (92_200_652.443851 * 1.045); // collateral short of debt × bonus: $0.6601
  const oracle = on.r.world.metrics.series('oracle.crv-usd.price');
  const liqs = on.r.world.events.filter((e) => e.type === 'liquidation');
  assert.ok(liqs.length > 0);
  const first = liqs[0].step as number;
  assert.ok(oracle[first] >= threshold * 0.999, `first liquidation at CRV ${oracle[first]}`);
  for (let s = 0; s < first; s++) if (oracle[s] > threshold * 1.001) assert.unreachable(`no liquidation at step ${s} with CRV at ${oracle[s]}`);
  // without liquidators the reference is the exogenous path: the base and the others' 5 % rise
  const base = idle.r.world.metrics.series('ref.CRV');
  const maxBase = Math.max(...base);
  assert.ok(Math.abs(maxBase - threshold * 1.05) < 1e-3, `exogenous peak ${maxBase}`);
  assert.is(idle.s.liquidations, 0);
  // with impact the liquidators' purchases carry CRV past the bad-debt price; bad debt follows
  const refOn = on.r.world.metrics.series('ref.CRV');
  assert.ok(Math.max(...refOn) > badDebtPrice && maxBase < badDebtPrice, `CRV peaks at ${Math.max(...refOn)} with impact, ${maxBase} without flow`);
  assert.ok(on.s.protocols.aave.badDebt > 0, 'bad debt with impact');
  const firstBad = on.s.timeToFirstBadDebt! / 60;
  assert.ok(refOn[firstBad] > badDebtPrice * 0.98, `bad debt booked at CRV ${refOn[firstBad]}`);
  // without impact the same liquidations move no reference price and leave none
  assert.equal(off.r.world.metrics.series('ref.CRV'), base);
  assert.ok(off.s.liquidations > 0);
  assert.is(off.s.protocols.aave.badDebt, 0, 'no bad debt without impact');
  const seized = liqs.reduce((a, e) => a + (e.collateralSeized as number), 0);
  assert.ok(seized <= 63_605_103.124042 * (1 + 1e-12));
});

test('Compound DAI spike: the largest account (DAI and USDC on both sides) goes once, after the post that passes its $1.0901, for half its DAI debt in DAI; with DAI held at $1.08 it never does', () => {
  const largest = '0x909b443761bbd7fbb876ecde71a37e1433f6af6f';
  const calls = (overrides: string[]) =>
    runPath(loadScenario(COMPOUND, overrides), { createAgent, checkInvariants: true }).world.events.filter((e) => e.type === 'account-liquidation' && e.account === largest);
  const [call, ...more] = calls([]);
  assert.is(more.length, 0, 'one call: after it the account is safe up to DAI = 4.2 (hand-worked from its line)');
  // the posts: $1.08 at 08:53:13, $1.095299 at 08:55:16 = 339 s after the first (08:49:37); steps of 13 s
  assert.is(call.time, 351, 'the first step at or after 339 s');
  // Compound's close factor: half the borrow balance, 92,284,857.19 DAI in the snapshot plus 351 s of interest
  const repaid = call.debtRepaid as number;
  assert.ok(repaid > 46142428.6 && repaid < 46142428.6 * (1 + 1e-5), String(repaid));
  assert.is(call.collateralAsset, 'DAI');
  // the incentive: 8 % more DAI seized than repaid
  assert.ok(Math.abs((call.collateralSeized as number) / repaid - 1.08) < 1e-9);
  assert.is(calls(['assets[0].price={process: constant, price: 1.08}']).length, 0);
});

test.run();
