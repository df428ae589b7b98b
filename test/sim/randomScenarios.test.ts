/**
 * Property: any valid scenario runs to the end with the accounting invariants checked at every
 * step (no negative balance, each asset's total = minted − burned, venue reserves = ledger, market
 * books = sum of positions, bad debt booked once). fast-check draws random scenarios (2–4 assets
 * with gbm or constant prices, constant-product / stableswap / depth-curve venues, reference /
 * spot / twap / median oracles, a lending market with random reserves and 20–200 positions, the
 * four agent kinds, and random shocks), writes them as YAML and loads them through the real
 * loader, so the schema's defaults and checks apply as they would to a user's file. Seeded, so the
 * run is the same every time; a failure prints the scenario as YAML (set
 * AFTERSHOCK_SHRINK=1 to let fast-check shrink it first: minutes, not seconds).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import { liquidatedUsd, runPath } from '../../src/sim/run.js';
import { randomScenario } from './randomScenario.js';
import { createAgent } from '../../agents/index.js';

test('random valid scenarios run to the end with the invariants checked every step', () => {
  let runs = 0;
  let active = 0;
  fc.assert(
    fc.property(fc.gen(), (g) => {
      const scenario = randomScenario(g);
      const text = stringify(scenario);
      // the generator only makes valid scenarios: a load error here is a bug in the generator
      const loaded = parseScenario(text, 'random.yaml');
      let r: ReturnType<typeof runPath>;
      try {
        r = runPath(loaded, { createAgent, checkInvariants: true });
      } catch (err) {
        throw new Error(`${(err as Error).message}\n--- scenario ---\n${text}`);
      }
      runs++;
      if (liquidatedUsd(r.world) > 0) active++;
    }),
    { seed: 42, numRuns: 30, endOnFailure: !process.env.AFTERSHOCK_SHRINK },
  );
  assert.is(runs, 30);
  // a generator whose scenarios never liquidate anything would test little
  assert.ok(active >= 5, `${active} of 30 runs liquidated something`);
});

// REGRESSION, found by the property above (seed 1) and shrunk; NOT YET FIXED (src/protocols/lending):
// when every position of a reserve is seized, its running collateral total keeps a rounding residue of
// about one ulp of its starting size (1.46e-9 of 4.7e6 tokens), and the invariant check's absolute floor
// of 1e-9 reports it as a violation. The run itself is sound; the check's tolerance is not.
test('REGRESSION: seizing all of a large reserve leaves no false collateral-total violation', () => {
  const loaded = loadScenario('test/fixtures/scenarios/regression-collateral-residue.yaml');
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  assert.ok(liquidatedUsd(r.world) > 0);
});

test.run();
