/**
 * Governance changes in the simulator, on small scenarios whose numbers are worked by hand:
 *  - a liquidation threshold lowered mid-run: at every later step the liquidation index agrees
 *    with an independent full health scan (healthScan.ts) at the new threshold, with the
 *    accounting invariants checked every step, and the position the change made liquidatable
 *    is liquidated, for the amounts the close factor and bonus give;
 *  - Risk-Steward bounds: a change above maxPercentChange, or sooner than minDelay after the
 *    last, is refused with an event saying why, one exactly at the bound is not;
 *  - a timelocked change takes effect exactly its delay after inclusion (at the first step
 *    boundary at or after it, with and without block space), and a change not included before
 *    its expiry is reported dropped;
 *  - a CDP vault type's new liquidation ratio is bitten on before the price falls;
 *  - an agent's own configure transaction addresses the protocol by its world index, as every
 *    protocol transaction does, and pays its gas; an index no protocol has is refused;
 *  - a governance block with nothing scheduled changes no figure and no event;
 *  - property: random scenarios (randomScenario.ts) with random changes, timelocks and bounds run
 *    with the invariants (the index against a full scan among them) checked every step, and
 *    every change sent is accounted for once: applied, refused, or still waiting.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseScenario, loadScenario } from '../../src/scenario/load.js';
import { buildWorld, type World } from '../../src/sim/world.js';
import { step } from '../../src/sim/step.js';
import { runPath, runWorld } from '../../src/sim/run.js';
import { healthScan } from '../../src/protocols/lending/healthScan.js';
import { asLendingMarket } from '../../src/protocols/kinds.js';
import { createAgent } from '../../agents/index.js';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { randomScenario } from './randomScenario.js';

/**
 * ETH at $2,000 until 1h, then down to $1,700 at 2h. Position 0: 1 ETH against 1,600 USDC
 * (HF 2000 · 0.825 / 1600 = 1.03125); position 1: 1 ETH against 1,500 USDC (HF 1.1); forty more
 * drawn with HF 1.01–1.3.
 */
const BASE = `
name: gov-test
seed: 3
horizon: 2h
market: { dt: 60 }
assets:
  - id: ETH
    price: { process: piecewise, keypoints: [{ at: 0, price: 2000 }, { at: 1h, price: 2000 }, { at: 2h, price: 1700 }], interpolation: linear }
  - { id: USDC, stable: true, price: { process: constant, price: 1 } }
oracles:
  - { id: eth-usd, asset: ETH, deviation: 0 }
  - { id: usdc-usd, asset: USDC }
protocols:
  - id: lender
    kind: lending
    reserves:
      - { asset: ETH, oracle: eth-usd, ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 0.05 }
      - { asset: USDC, oracle: usdc-usd, ltv: 0.77, liquidationThreshold: 0.8, liquidationBonus: 0.045 }
    positions:
      - { count: 1, collateral: ETH, debt: USDC, size: 2000, healthFactor: 1.03125 }
      - { count: 1, collateral: ETH, debt: USDC, size: 2000, healthFactor: 1.1 }
      - count: 40
        collateral: ETH
        debt: USDC
        size: { distribution: lognormal, median: 10000, sigma: 0.5 }
        healthFactor: { distribution: uniform, min: 1.01, max: 1.3 }
GOVERNANCE
agents:
  - { id: liquidator, kind: liquidator, protocols: [lender], capital: { USDC: 1000000, ETH: 10 } }
CHANGES
chain: CHAIN
options: { checkInvariants: true, amplification: false }
`;

function world(opts: { governance?: string; changes?: string; chain?: string }): World {
  const text = BASE.replace('GOVERNANCE', opts.governance ?? '')
    .replace('CHANGES', opts.changes ? `governance:\n${opts.changes}` : '')
    .replace('CHAIN', opts.chain ?? '{ nativeAsset: ETH, gasPrice: 30 }');
  return buildWorld(parseScenario(text, 'test/gov-test.yaml'), { createAgent });
}

const events = (w: World, type: string) => w.events.filter((e) => e.type === type);
const lender = (w: World) => asLendingMarket(w.protocols[w.protocolIndex('lender')]);

/** Positions with HF < 1 by a full scan at the thresholds given (ETH, USDC), the market's marked prices and indices. */
function scanned(w: World, thresholds: [number, number]): number[] {
  const m = lender(w);
  const b = m.book;
  const out = new Int32Array(b.count);
  const cw = Float64Array.from([0, 1], (r) => m.price[r] * thresholds[r]);
  const dw = Float64Array.from([0, 1], (r) => m.price[r] * m.reserves[r].borrowIndex);
  return [...out.subarray(0, healthScan(b.collateral, b.scaledDebt, b.collateralReserve, b.debtReserve, cw, dw, out))].map((i) => m.positionId(i)).sort((a, c) => a - c);
}
/** Ids of the positions in the liquidatable zone (its list holds slots). */
const listed = (w: World) => [...lender(w).liquidatable.subarray(0, lender(w).liquidatableCount)].map((i) => lender(w).positionId(i)).sort((a, c) => a - c);

test('a threshold lowered mid-run: the index agrees with a full scan at every later step, and the position it tipped is liquidated', () => {
  const w = world({ changes: '  - { at: 30m, protocol: lender, target: ETH, set: { ltv: 0.75, liquidationThreshold: 0.78 } }' });
  const m = lender(w);
  // the hand-worked positions as drawn: 1 ETH each, 1,600 and 1,500 USDC
  const [p0, p1] = [m.slotOf(0), m.slotOf(1)];
  assert.ok(Math.abs(m.book.collateral[p0] - 1) < 1e-12 && Math.abs(m.book.scaledDebt[p0] - 1600) < 1e-9);
  assert.ok(Math.abs(m.book.scaledDebt[p1] - 1500) < 1e-9);
  let tipped = 0;
  while (w.step < w.steps) {
    step(w); // invariants are checked inside every step (options.checkInvariants)
    const s = w.step - 1;
    const threshold = s >= 30 ? 0.78 : 0.825;
    assert.equal(listed(w), scanned(w, [threshold, 0.8]), `step ${s}`);
    if (s >= 30 && s < 60) tipped += listed(w).length;
  }
  // the change went in at 30m, in its step's settlement
  const applied = events(w, 'configure');
  assert.is(applied.length, 1);
  assert.equal([applied[0].step, applied[0].time, applied[0].blockTime], [30, 1800, 1800]);
  assert.equal(applied[0].previous, { ltv: 0.8, liquidationThreshold: 0.825 });
  // position 0: HF 1 · 2000 · 0.78 / 1600 = 0.975 < 1, liquidated in the next step for half its
  // debt (HF ≥ 0.95): 800 USDC (× the borrow index, 1 + 3e-7) against 800 · 1.05 / 2000 = 0.42 ETH
  const liq = events(w, 'liquidation').filter((e) => e.position === 0);
  assert.ok(liq.length >= 1);
  assert.is(liq[0].step, 31);
  assert.ok(Math.abs((liq[0].debtRepaid as number) - 800) < 0.01, String(liq[0].debtRepaid));
  assert.ok(Math.abs((liq[0].collateralSeized as number) - 0.42) < 1e-5, String(liq[0].collateralSeized));
  // before the change nothing was liquidatable at a constant price (every HF ≥ 1.01)
  assert.ok(events(w, 'liquidation').every((e) => (e.step as number) > 30));
  assert.ok(tipped > 0);
});

test('Risk-Steward bounds: above maxPercentChange and sooner than minDelay are refused with the reason; at the bound is not', () => {
  const w = world({
    governance: '    governance:\n      bounds: { liquidationThreshold: { maxPercentChange: 3, minDelay: 1h } }',
    changes: [
      '  - { at: 10m, protocol: lender, target: ETH, set: { liquidationThreshold: 0.78 } }', // 4.5 points: refused
      '  - { at: 20m, protocol: lender, target: ETH, set: { liquidationThreshold: 0.85 } }', // 2.5 points: applied at 1200
      '  - { at: 40m, protocol: lender, target: ETH, set: { liquidationThreshold: 0.86 } }', // 1200 s after: refused
      '  - { at: 80m, protocol: lender, target: ETH, set: { liquidationThreshold: 0.86 } }', // exactly 3600 s after: applied
      '  - { at: 90m, protocol: lender, target: ETH, set: { liquidationBonus: 0.3 } }', // unbounded, but 0.86 × 1.3 > 1
      '  - { at: 100m, protocol: lender, target: ETH, set: { liquidationBonus: 0.1, ltv: 0.9 } }', // unbounded, but ltv 0.9 > 0.86
    ].join('\n'),
  });
  runWorld(w);
  const log = w.events.filter((e) => String(e.type).startsWith('configure')).map((e) => [e.type, e.time, e.reason ?? null]);
  assert.equal(log, [
    ['configure-refused', 600, 'liquidationThreshold 0.825 → 0.78 is a change of 4.5 percentage points, above its maxPercentChange of 3 percentage points'],
    ['configure', 1200, null],
    ['configure-refused', 2400, 'liquidationThreshold last changed 1200 s ago, sooner than its minDelay of 3600 s'],
    ['configure', 4800, null],
    ['configure-refused', 5400, 'liquidationThreshold × (1 + liquidationBonus) = 0.86 × 1.3 > 1: a liquidation would seize more collateral than backs the debt'],
    ['configure-refused', 6000, 'ltv 0.9 above liquidationThreshold 0.86'],
  ]);
  assert.is(lender(w).parameters('ETH').liquidationThreshold, 0.86);
  assert.is(lender(w).parameters('ETH').ltv, 0.8);
  assert.is(lender(w).parameters('ETH').liquidationBonus, 0.05);
  assert.is(lender(w).lastConfiguredAt('ETH'), 4800);
  assert.is(w.governance.lastChanged(w.protocolIndex('lender'), 'ETH', 'liquidationThreshold'), 4800);
});

test('a timelocked change takes effect exactly its delay after inclusion, at a step boundary', () => {
  // 1h timelock, no block space: submitted and included at 600 s, due 4,200 s = the start of step 70
  const w = world({ governance: '    governance: { timelock: 1h }', changes: '  - { at: 10m, protocol: lender, target: ETH, set: { ltv: 0.75, liquidationThreshold: 0.78 } }' });
  while (w.step < 70) step(w);
  assert.is(lender(w).parameters('ETH').liquidationThreshold, 0.825); // through the end of step 69
  assert.is(w.governance.pending, 1);
  step(w);
  assert.is(lender(w).parameters('ETH').liquidationThreshold, 0.78);
  assert.is(lender(w).lastConfiguredAt('ETH'), 4200);
  const queued = events(w, 'configure-queued');
  assert.equal([queued[0].step, queued[0].blockTime, queued[0].due], [10, 600, 4200]);
  const applied = events(w, 'configure');
  assert.equal([applied[0].step, applied[0].time, applied[0].includedAt, applied[0].due], [70, 4200, 600, 4200]);
  // in force before the agents of step 70 act: position 0 (HF 0.975 at the new threshold) is
  // liquidated in that very step, and the index agrees with a full scan after it
  assert.equal(
    events(w, 'liquidation')
      .map((e) => [e.position, e.step])
      .filter(([p]) => p === 0),
    [[0, 70]],
  );
  assert.equal(listed(w), scanned(w, [0.78, 0.8]));
});

test("with block space: inclusion at its block's time; a delay off the step grid takes effect at the next boundary", () => {
  // at 630 s: sent at the start of step 11 (660 s), included in the block of 660 s (blocks every
  // 12 s from 0); due 660 + 90 = 750 s; the first step boundary at or after it is 780 s (step 13)
  const chain = '{ nativeAsset: ETH, gasPrice: 30, blockTime: 12, gasLimit: 30000000 }';
  const w = world({ governance: '    governance: { timelock: 90 }', changes: '  - { at: 630, protocol: lender, target: ETH, set: { liquidationBonus: 0.06 } }', chain });
  runWorld(w);
  const queued = events(w, 'configure-queued');
  assert.equal([queued[0].step, queued[0].blockTime, queued[0].due], [11, 660, 750]);
  const applied = events(w, 'configure');
  assert.equal([applied[0].step, applied[0].time, applied[0].due], [13, 780, 750]);
  assert.is(lender(w).lastConfiguredAt('ETH'), 780);
  // a bid under a base fee held at 30 gwei by background demand waits, and is dropped at its expiry (600 + 120 s)
  const congested = '{ nativeAsset: ETH, gasPrice: 30, blockTime: 12, gasLimit: 30000000, expiry: 2m, congestion: { referenceBaseFee: 30 } }';
  const dropped = world({ changes: '  - { at: 10m, protocol: lender, target: ETH, set: { liquidationBonus: 0.06 }, gasBid: { kind: fixed, gwei: 1 } }', chain: congested });
  runWorld(dropped);
  const expired = events(dropped, 'configure-expired');
  assert.equal(
    expired.map((e) => [e.step, e.time]),
    [[12, 720]],
  );
  assert.is(events(dropped, 'configure').length, 0);
  assert.is(lender(dropped).parameters('ETH').liquidationBonus, 0.05);
});

test("a CDP vault type's higher liquidation ratio gets its vault bitten before the price falls", () => {
  // one vault at collateralisation 2 (ETH at 100 until 599 s, then 70): unsafe at 1.5 only after
  // the fall; a ratio of 2.1 makes it unsafe from 5m, and the zero-bidder keeper bites it then
  const change = 'governance=[{at: 5m, protocol: maker, target: ETH-A, set: {liquidationRatio: 2.1}}]';
  const withChange = runPath(loadScenario('test/fixtures/scenarios/blockspace-auction.yaml', [change]), { createAgent }).world;
  const without = runPath(loadScenario('test/fixtures/scenarios/blockspace-auction.yaml'), { createAgent }).world;
  const applied = events(withChange, 'configure');
  assert.equal(
    applied.map((e) => [e.protocol, e.target, e.time]),
    [['maker', 'ETH-A', applied[0].blockTime]],
  );
  assert.ok((applied[0].blockTime as number) >= 300 && (applied[0].blockTime as number) < 360);
  const firstBite = (w: World) => events(w, 'bite')[0]?.blockTime as number;
  assert.ok(firstBite(withChange) < 600, `bite at ${firstBite(withChange)}`);
  assert.ok(firstBite(without) >= 600, `bite at ${firstBite(without)}`);
  assert.is(withChange.protocols[withChange.protocolIndex('maker')].parameters('ETH-A').liquidationRatio, 2.1);
});

test("an agent's configure transaction: the protocol by its world index, gas paid by the agent; an unknown index is refused", () => {
  const w = world({});
  while (w.step < 10) step(w);
  const agent = w.agents.findIndex((a) => a.id === 'liquidator');
  const account = w.agents[agent].account;
  const ETH = w.assetIds.indexOf('ETH');
  const before = w.ledger.balance(account, ETH);
  const lenderIndex = w.protocolIndex('lender');
  // without block space both are included at the start of step 10 (600 s), each paying its bid
  w.blockspace.submit({ kind: 'configure', sender: agent, gas: 200_000, gasPrice: 30, protocol: lenderIndex, target: 'ETH', params: { liquidationBonus: 0.06 } }, 600);
  w.blockspace.submit({ kind: 'configure', sender: agent, gas: 100_000, gasPrice: 30, protocol: 7, target: 'ETH', params: { liquidationBonus: 0.07 } }, 600);
  step(w);
  const applied = events(w, 'configure');
  assert.equal(
    applied.map((e) => [e.protocol, e.target, e.sender, e.blockTime, e.previous]),
    [['lender', 'ETH', 'liquidator', 600, { liquidationBonus: 0.05 }]],
  );
  assert.is(lender(w).lastConfiguredAt('ETH'), 600);
  assert.is(lender(w).parameters('ETH').liquidationBonus, 0.06);
  const refused = events(w, 'configure-refused');
  assert.equal(
    refused.map((e) => [e.protocol, e.reason]),
    [[7, 'unknown protocol #7 (the world has 1)']],
  );
  // gas: (200,000 + 100,000) × 30 gwei = 0.009 ETH, burned from the agent's account
  assert.ok(Math.abs(before - w.ledger.balance(account, ETH) - 0.009) < 1e-12, String(before - w.ledger.balance(account, ETH)));
});

test('a governance block with nothing scheduled changes no figure and no event', () => {
  const plain = runPath(loadScenario('test/fixtures/scenarios/small.yaml'), { createAgent }).world;
  const governed = runPath(loadScenario('test/fixtures/scenarios/small.yaml', ['protocols.lender.governance.timelock=1h']), { createAgent }).world;
  assert.ok(governed.scenario.protocols[0].governance !== undefined);
  assert.is(JSON.stringify(governed.events), JSON.stringify(plain.events));
  for (const c of plain.metrics.columns) assert.equal([...governed.metrics.series(c)], [...plain.metrics.series(c)], c);
});

test('random scenarios with random changes run with the invariants on; every change sent is applied, refused or waiting', () => {
  let runs = 0;
  let applied = 0;
  let refused = 0;
  fc.assert(
    fc.property(fc.gen(), (g) => {
      const scenario = randomScenario(g) as { horizon: number; market: { dt: number }; protocols: { reserves: { asset: string }[]; governance?: unknown }[]; governance?: unknown[] };
      const real = (min: number, max: number) => min + ((max - min) * g(fc.integer, { min: 0, max: 1000 })) / 1000;
      const lender = scenario.protocols[0];
      lender.governance = {
        timelock: [0, 0, 60, 600, 3600][g(fc.integer, { min: 0, max: 4 })],
        ...(g(fc.boolean) ? { bounds: { liquidationThreshold: { maxPercentChange: real(1, 20), minDelay: [0, 600, 3600][g(fc.integer, { min: 0, max: 2 })] } } } : {}),
      };
      scenario.governance = Array.from({ length: g(fc.integer, { min: 1, max: 4 }) }, () => {
        const set: Record<string, unknown> = {};
        if (g(fc.boolean)) set.liquidationThreshold = real(0.3, 0.95);
        if (g(fc.boolean)) set.ltv = real(0.1, 0.9);
        if (g(fc.boolean)) set.liquidationBonus = real(0, 0.2);
        if (g(fc.boolean)) set.rate = { slope1: real(0, 0.3) };
        if (Object.keys(set).length === 0) set.liquidationThreshold = real(0.3, 0.95);
        const target = lender.reserves[g(fc.integer, { min: 0, max: lender.reserves.length - 1 })].asset;
        return { at: g(fc.integer, { min: 0, max: scenario.horizon }), protocol: 'lender', target, set };
      });
      const text = stringify(scenario);
      const loaded = parseScenario(text, 'random.yaml');
      let w: World;
      try {
        w = runPath(loaded, { createAgent, checkInvariants: true }).world;
      } catch (err) {
        throw new Error(`${(err as Error).message}\n--- scenario ---\n${text}`);
      }
      const dt = scenario.market.dt;
      const steps = Math.max(1, Math.round(scenario.horizon / dt));
      const sent = (scenario.governance as { at: number }[]).filter((c) => Math.ceil(c.at / dt - 1e-9) < steps).length;
      const done = events(w, 'configure').length;
      const no = events(w, 'configure-refused').length;
      assert.is(done + no + w.governance.pending, sent, text);
      applied += done;
      refused += no;
      runs++;
    }),
    { seed: 7, numRuns: 20, endOnFailure: true },
  );
  assert.is(runs, 20);
  // both outcomes occur, or the property tests little
  assert.ok(applied > 0 && refused > 0, `${applied} applied, ${refused} refused`);
});

test.run();
