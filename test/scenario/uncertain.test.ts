/**
 * Declared-uncertain inputs (scenario `uncertain`): what loading refuses (a field that is not a
 * number, a range whose end makes the scenario invalid, a field declared twice), and how paths
 * draw them: a path's draws depend on (seed, path) only, each input on its own stream (fixing one
 * leaves the others' draws as they were), and the drawn values are the world's inputs. References:
 * the fixture's numbers (test/fixtures/attribution/additive.yaml) and the ranges' definitions.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { buildWorld } from '../../src/sim/world.js';
import { InputError } from '../../src/util/errors.js';
import { rangeMiddle } from '../../src/scenario/uncertain.js';
import { createAgent } from '../../agents/index.js';

const FILE = 'test/fixtures/attribution/additive.yaml';

function refused(overrides: string[]): InputError {
  try {
    loadScenario(FILE, overrides);
  } catch (err) {
    assert.instance(err, InputError);
    return err as InputError;
  }
  throw new Error('expected the scenario to be refused');
}

test('loading refuses a field that is no number, a range end that breaks the scenario, a field declared twice', () => {
  let e = refused(['uncertain[0].field=protocols.lender.reserves.ETH.oracle']);
  assert.is(e.field, 'uncertain[0].field');
  assert.match(e.message, /expected the path of a number/);
  e = refused(['uncertain[0].field=protocols.lender.reserves.SOL.ltv']);
  assert.match(e.message, /no such field/);
  // an LTV above the threshold (0.8) at the top of the range
  e = refused(['uncertain[0]={field: protocols.lender.reserves.ETH.ltv, range: {distribution: uniform, min: 0.5, max: 0.9}, reason: x}']);
  assert.is(e.field, 'uncertain[0].range');
  assert.match(e.message, /protocols\[0\]\.reserves\[0\]\.ltv = 0\.9 is not a valid scenario: protocols\[0\]\.reserves\[0\]\.ltv: expected ltv <= liquidationThreshold/);
  e = refused(['uncertain[1].field=protocols.lender.positions[0].size']);
  assert.match(e.message, /already declared uncertain by uncertain\[0\]/);
  e = refused(['uncertain[0].range={distribution: uniform, min: 5, max: 1}']);
  assert.match(e.message, /expected max >= min/);
});

test('each path draws every input from its own stream; the draws are the world inputs', () => {
  const loaded = loadScenario(FILE);
  const fixed = loadScenario(FILE, ['uncertain[1].range=3']);
  const sizes = new Set<number>();
  for (let path = 0; path < 6; path++) {
    const w = buildWorld(loaded, { createAgent, path });
    const again = buildWorld(loaded, { createAgent, path });
    const w2 = buildWorld(fixed, { createAgent, path });
    assert.equal(w.uncertain, again.uncertain, 'same (seed, path), same draws');
    assert.is(w2.uncertain[0], w.uncertain[0], 'fixing the second input leaves the first draw alone');
    assert.is(w2.uncertain[1], 3);
    const [size, count] = w.uncertain;
    assert.ok(size >= 20_000 && size <= 100_000);
    assert.ok([1, 2, 3].includes(count));
    const s = w.scenario.protocols[0];
    assert.ok(s.kind === 'lending');
    if (s.kind === 'lending') {
      const [p0, p1] = s.positions as { size: number; count: number }[];
      assert.is(p0.size, size);
      assert.is(p1.count, count);
    }
    sizes.add(size);
  }
  assert.is(sizes.size, 6, 'paths draw afresh');
  // the file's own scenario is untouched
  const p0 = loaded.scenario.protocols[0];
  assert.is(p0.kind === 'lending' && (p0.positions[0] as { size: number }).size, 60_000);
});

test('range middles: midpoint, geometric mean, weighted median', () => {
  assert.is(rangeMiddle({ distribution: 'uniform', min: 20, max: 60 }), 40);
  assert.is(rangeMiddle({ distribution: 'loguniform', min: 1e6, max: 4e6 }), 2e6);
  assert.is(rangeMiddle({ distribution: 'choice', values: [3, 1, 2] }), 2);
  assert.is(rangeMiddle({ distribution: 'choice', values: [1, 2, 3], weights: [1, 0, 5] }), 3);
  assert.is(rangeMiddle(7), 7);
});

test.run();
