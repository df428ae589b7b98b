/**
 * Whole runs of the demo: byte-identical results for equal seeds, different ones for different
 * seeds, the accounting invariants at every step, and cascade amplification — exactly 1 when
 * price feedback is off (both runs are then the same run), above 1 in the demo with it on.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import { writeRunResults } from '../../src/report/writeResults.js';
import { startState, type StartState } from '../../src/report/startState.js';
import { createAgent } from '../../agents/index.js';

const demo = 'scenarios/demo.yaml';
// a lighter demo for the repeated runs: fewer borrowers, half a day
const light = ['protocols.lender.positions[0].count=1500', 'protocols.lender.positions[1].count=500', 'horizon=12h'];

function runTo(dir: string, seed?: number) {
  const loaded = loadScenario(demo, light);
  let start: StartState | undefined;
  const result = runPath(loaded, { createAgent, seed }, undefined, (w) => (start = startState(w)));
  writeRunResults(dir, loaded, result, ['test'], 0, start!);
  return { summary: readFileSync(join(dir, 'summary.json'), 'utf8'), timeseries: readFileSync(join(dir, 'timeseries.csv'), 'utf8') };
}

test('same seed: byte-identical summary.json and timeseries.csv; another seed differs', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'aftershock-run-'));
  try {
    const a = runTo(join(tmp, 'a'));
    const b = runTo(join(tmp, 'b'));
    const c = runTo(join(tmp, 'c'), 7);
    assert.is(a.summary, b.summary);
    assert.is(a.timeseries, b.timeseries);
    assert.is.not(a.timeseries, c.timeseries);
    assert.is.not(a.summary, c.summary);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('without price feedback the amplification is exactly 1', () => {
  const loaded = loadScenario(demo, [...light, 'options.priceFeedback=false']);
  const r = runPath(loaded, { createAgent });
  assert.ok(r.counterfactual, 'the counterfactual was run');
  const liq = r.world.protocols[0].figures().liquidatedUsd;
  assert.ok(liq > 0, 'there were liquidations to compare');
  assert.is(r.counterfactual!.protocols[0].figures().liquidatedUsd, liq);
  assert.is(r.amplification, 1);
});

test('the demo, with invariants checked every step, shows a cascade: amplification above 1', () => {
  const loaded = loadScenario(demo);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  assert.ok(r.world.protocols[0].figures().liquidations > 100, `liquidations: ${r.world.protocols[0].figures().liquidations}`);
  assert.ok(r.amplification !== null && r.amplification > 1, `amplification ${r.amplification}`);
  // price feedback is what differs: the counterfactual's pool price ends nearer the reference
  const last = r.world.steps - 1;
  const pool = r.world.metrics.series('venue.eth-usdc-pool.price')[last];
  const poolCf = r.counterfactual!.metrics.series('venue.eth-usdc-pool.price')[last];
  const ref = r.world.metrics.series('ref.ETH')[last];
  assert.ok(Math.abs(pool / ref - 1) >= Math.abs(poolCf / ref - 1));
});

test.run();
