/**
 * Engine benchmark: the demo model at 10k, 100k and 1M positions for 1,440 one-minute steps on
 * one thread, against a bare typed-array loop that only checks every position's health each step
 * (the floor no full-scan engine can beat), measured in the same run on the same positions.
 *
 * "The demo model at N positions" scales everything with the book (pool reserves, agents'
 * capital and throughput, lenders' supply), so each position sees the same economics and the
 * liquidation work grows in proportion; the counterfactual run for amplification is left out
 * (it is a second run of the same engine) and events are not kept.
 *
 *   npm run bench                      (builds, then runs this from dist/)
 *   node dist/bench/engine.js 10000 100000
 */
import { cpus } from 'node:os';
import { loadScenario } from '../src/scenario/load.js';
import { buildWorld } from '../src/sim/world.js';
import { runWorld } from '../src/sim/run.js';
import type { LendingMarket } from '../src/protocols/lending/lendingMarket.js';
import { createAgent } from '../agents/index.js';

const DEMO = 'scenarios/demo.yaml';
const BASE_POSITIONS = 10_000;

function scaledDemo(positions: number) {
  const k = positions / BASE_POSITIONS;
  const base = loadScenario(DEMO);
  const s = base.scenario;
  const sets: string[] = ['options.amplification=false'];
  const lender = s.protocols[0];
  if (lender.kind !== 'lending') throw new Error('the benchmark scales a lending market');
  lender.positions.forEach((p, i) => {
    if ('count' in p) sets.push(`protocols[0].positions[${i}].count=${Math.round(p.count * k)}`);
  });
  s.venues.forEach((v, i) => {
    if (v.kind === 'constant-product') sets.push(`venues[${i}].reserves=[${v.reserves[0] * k}, ${v.reserves[1] * k}]`);
    if (v.kind === 'stableswap') sets.push(`venues[${i}].balances=[${v.balances.map((b) => b * k).join(', ')}]`);
    if (v.kind === 'depth-curve') sets.push(`venues[${i}].depth2pct=${v.depth2pct * k}`);
  });
  s.agents.forEach((a, i) => {
    if (a.kind === 'liquidator' || a.kind === 'arbitrageur') {
      for (const [asset, amount] of Object.entries(a.capital)) sets.push(`agents[${i}].capital.${asset}=${amount * k}`);
    }
    if (a.kind === 'liquidator') sets.push(`agents[${i}].maxPerStep=${Math.ceil(a.maxPerStep * k)}`);
  });
  return loadScenario(DEMO, sets);
}

/** The floor: every position's health against the step's prices, nothing else. */
function bareScan(
  collateral: Float64Array,
  scaledDebt: Float64Array,
  collateralReserve: Uint8Array,
  debtReserve: Uint8Array,
  pricePaths: Float64Array[],
  threshold: Float64Array,
  steps: number,
): number {
  const cw = new Float64Array(threshold.length);
  const dw = new Float64Array(threshold.length);
  let found = 0;
  for (let s = 0; s < steps; s++) {
    for (let r = 0; r < threshold.length; r++) {
      cw[r] = pricePaths[r][s] * threshold[r];
      dw[r] = pricePaths[r][s];
    }
    const n = collateral.length;
    for (let i = 0; i < n; i++) if (collateral[i] * cw[collateralReserve[i]] < scaledDebt[i] * dw[debtReserve[i]]) found++;
  }
  return found;
}

function measure(positions: number) {
  const loaded = scaledDemo(positions);
  let t = performance.now();
  const world = buildWorld(loaded, { createAgent, recordEvents: false });
  const buildSeconds = (performance.now() - t) / 1000;
  const m = world.protocols[0] as LendingMarket;
  const b = m.book;
  // copies taken before the run, so the bare scan sees the same opening book
  const coll = b.collateral.slice();
  const debt = b.scaledDebt.slice();
  const paths = m.reserves.map((r) => world.basePaths[r.asset]);
  const thresholds = Float64Array.from(m.reserves.map((r) => r.liquidationThreshold));

  t = performance.now();
  runWorld(world);
  const engineSeconds = (performance.now() - t) / 1000;

  t = performance.now();
  const found = bareScan(coll, debt, b.collateralReserve, b.debtReserve, paths, thresholds, world.steps);
  const scanSeconds = (performance.now() - t) / 1000;
  const n = b.count;
  return {
    positions: n,
    steps: world.steps,
    buildSeconds,
    engineSeconds,
    scanSeconds,
    ratio: engineSeconds / scanSeconds,
    enginePositionStepsPerSecond: (n * world.steps) / engineSeconds,
    scanPositionStepsPerSecond: (n * world.steps) / scanSeconds,
    liquidations: m.figures().liquidations,
    scanHits: found,
  };
}

// one small untimed run first, so that every measured size runs on warm, optimised code
measure(2_000);
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((x) => x > 0);
const fmt = (x: number) => x.toExponential(2);
console.log(`engine benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, one thread`);
console.log('positions  steps  build s  engine s  bare scan s  engine/scan  engine pos-steps/s  scan pos-steps/s  liquidations');
for (const n of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
  const r = measure(n);
  console.log(
    `${String(r.positions).padStart(9)}  ${String(r.steps).padStart(5)}  ${r.buildSeconds.toFixed(2).padStart(7)}  ${r.engineSeconds.toFixed(2).padStart(8)}  ${r.scanSeconds.toFixed(2).padStart(11)}  ${r.ratio.toFixed(2).padStart(11)}  ${fmt(r.enginePositionStepsPerSecond).padStart(18)}  ${fmt(r.scanPositionStepsPerSecond).padStart(16)}  ${String(r.liquidations).padStart(12)}`,
  );
}
