/**
 * The replays of real crises in scenarios/: each validates and runs with the accounting
 * invariants checked at every step; Black Thursday's zero-price auction wins and deficit appear
 * with congestion and shrink without it; and figures that can be recomputed by hand from the
 * scenario's inputs are: the MKR minted by debt auctions (deficit covered / MKR price, the lots
 * being under their cap), DAI's price under the issuer loss rule from Maker's recorded books, and
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

const BT = 'scenarios/black-thursday-2020.yaml';
const USDC = 'scenarios/usdc-depeg-2023.yaml';
const CRV = 'scenarios/aave-crv-2022.yaml';

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

test('Black Thursday: zero-bid wins and the deficit shrink with chain.congestion.enabled=false', () => {
  // the crash days only (to 14 March 00:00) and a fifth of the vaults, to keep the test quick
  const quick = ['horizon=3d', 'protocols.maker.vaults[0].count=400'];
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

test("USDC depeg: runs with invariants; DAI follows the issuer loss rule on Maker's marked books", () => {
  const loaded = loadScenario(USDC);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  const m = r.world.metrics;
  const dai = m.series('ref.DAI');
  const usdcOracle = m.series('oracle.usdc-usd.price');
  const debt = m.series('maker.debt');
  const sin = m.series('maker.systemDebt');
  const joy = m.series('maker.surplus');
  // every ETH vault stays above its collateral value here (ETH rose), so Maker's shortfall at
  // market is the PSM's 3.1 billion USDC marked at the oracle price, less the surplus; the rule
  // reads the books at the end of the previous step: DAI = 1 − shortfall / (supply − surplus)
  let checked = 0;
  for (let s = 1; s < r.world.steps; s++) {
    const outside = debt[s - 1] + sin[s - 1] - joy[s - 1];
    const shortfall = Math.max(0, 3.1e9 * (1 - usdcOracle[s - 1]) - joy[s - 1]);
    const expected = 1 - shortfall / outside;
    assert.ok(Math.abs(dai[s] - expected) < 1e-9, `step ${s}: DAI ${dai[s]} vs ${expected}`);
    if (shortfall > 0) checked++;
  }
  assert.ok(checked > 100, 'DAI is below par for a while');
  assert.ok(Math.min(...dai) < 0.95);
  const s = summarise(loaded, r);
  assert.ok(s.contagion !== null && s.contagion.systemicLoss > 0, "Maker's loss reaches the market through the DAI it holds");
  assert.ok(s.contagion!.defaults >= 1);
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

test.run();
