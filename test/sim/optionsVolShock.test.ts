/**
 * scenarios/options-vol-shock.yaml validates and runs with the accounting invariants checked at
 * every step, and its attribution of lending liquidations to the option liquidators' delta
 * hedges is above zero with hedging on and exactly zero with it off. The reference for "off" is
 * the definition: with both liquidators' `hedge: false` the run and its no-hedging counterfactual
 * are the same path with the same agents, so the difference must vanish to the last bit.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import { summarise } from '../../src/report/summary.js';
import { createAgent } from '../../agents/index.js';
import { toPathRecord } from '../../src/parallel/pathRecord.js';
import { pathColumns, pathsLayout } from '../../src/report/pathsTable.js';

const FILE = 'scenarios/options-vol-shock.yaml';

test('with hedging: the hedges cause part of the lending market’s liquidations, and the vol spike and skew show', () => {
  const loaded = loadScenario(FILE);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  assert.is(r.world.step, r.world.steps);
  const s = summarise(loaded, r);
  const lender = s.protocols.lender;
  const venue = s.protocols['deribit-like'] as typeof lender & { peakAtmVol: number; peakSkew: number; hedged: { sold: number } };
  assert.ok(venue.liquidations > 0, 'short puts were liquidated');
  assert.ok(venue.hedged.sold > 0, 'their liquidators sold delta into the pool');
  assert.ok(venue.peakAtmVol > 1.5 * 0.6, `implied volatility spiked from 60 % to ${venue.peakAtmVol}`);
  assert.ok(venue.peakSkew > 0.3, `the skew steepened to ${venue.peakSkew}`);
  assert.ok(lender.hedging !== undefined && lender.hedging.caused > 0, `hedging caused ${lender.hedging?.caused}`);
  assert.ok(lender.hedging.withoutHedging < lender.liquidatedValue);
  assert.ok(s.hedging !== undefined && s.hedging.caused > 0);
  // many paths carry the same figure, per path
  const record = toPathRecord(loaded, r, loaded.scenario.seed, 0);
  assert.is(record.hedgingCaused, s.hedging.caused);
  assert.is(record.protocols.lender.hedgingCaused, lender.hedging.caused);
  const names = pathColumns(pathsLayout(loaded.scenario)).map((c) => c.name);
  assert.ok(names.includes('hedgingCaused') && names.includes('lender.hedgingCaused'));
});

test('with hedging off: the attribution is exactly zero', () => {
  const loaded = loadScenario(FILE, ['agents.option-liquidator-a.hedge=false', 'agents.option-liquidator-b.hedge=false']);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  const s = summarise(loaded, r);
  assert.is(s.protocols.lender.hedging?.caused, 0);
  assert.is(s.hedging?.caused, 0);
  assert.is((s.protocols['deribit-like'] as unknown as { hedged: { sold: number } }).hedged.sold, 0);
  assert.ok(s.protocols['deribit-like'].liquidations > 0, 'the puts were still taken over');
});

test('without options.hedgeAttribution the summary has no hedging figures', () => {
  const loaded = loadScenario(FILE, ['options.hedgeAttribution=false', 'options.amplification=false', 'horizon=1h']);
  const s = summarise(loaded, runPath(loaded, { createAgent }));
  assert.not.ok('hedging' in s);
  assert.not.ok('hedging' in s.protocols.lender);
});

test.run();
