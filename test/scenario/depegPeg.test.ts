/**
 * A depeg's level is a multiple of a peg: the asset's own price at the shock's start (default),
 * a USD number, or another asset's price; `absolute: true` reads it as a USD price. References:
 * hand-worked products on constant base paths (0.93 × 3000 = 2790; 0.93 × 2500 = 2325; a USD
 * level of 2000 is 2000), and the 90 % rule's arithmetic (0.93 USD on an asset priced 3000 is a
 * move of 0.93 / 3000 − 1 = −99.969 %).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildShockSchedule, applyPriceShocks } from '../../src/sim/shocks.js';
import { loadScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/rng.js';
import type { ShockSpec } from '../../src/scenario/schema.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const ids = ['WSTETH', 'ETH'];
// constant base paths: WSTETH at 3000, ETH at 2500, over 10 steps
const basePaths = [new Float64Array(10).fill(3000), new Float64Array(10).fill(2500)];

function priceAfter(shock: Record<string, unknown>): number {
  const spec = { kind: 'depeg', asset: 'WSTETH', start: 120, duration: 0, ...shock } as ShockSpec;
  const schedule = buildShockSchedule([spec], 60, new Rng(1), (id) => ids.indexOf(id));
  const reference = Float64Array.from([3000, 2500]);
  applyPriceShocks(schedule.price, 5, reference, basePaths);
  return reference[0];
}

test("a depeg level is relative to the asset's own price at the start unless a peg is given", () => {
  assert.ok(Math.abs(priceAfter({ level: 0.93 }) - 2790) < 1e-9, 'own price: 0.93 × 3000');
  assert.ok(Math.abs(priceAfter({ level: 0.93, peg: 'ETH' }) - 2325) < 1e-9, '0.93 ETH at 2500');
  assert.ok(Math.abs(priceAfter({ level: 0.93, peg: 3100 }) - 2883) < 1e-9, '0.93 × 3100 USD');
  assert.ok(Math.abs(priceAfter({ level: 2000, absolute: true }) - 2000) < 1e-9, 'a USD price');
});

function rejected(overrides: string[]): InputError {
  try {
    loadScenario(SMALL, overrides);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${overrides.join(' ')}`);
}

test('a level that moves the price by more than 90 % is refused unless absolute: true', () => {
  const shock = (body: string) => [`shocks[1]={kind: depeg, asset: ETH, start: 1h, ${body}}`];
  const e = rejected(shock('level: 0.93, peg: 1'));
  assert.is(e.field, 'shocks[1].level');
  assert.is(
    e.message,
    'expected a level that moves ETH by at most 90 % (the level is a multiple of a peg of 1 USD; write absolute: true for a USD price), got 0.93 (-100.0 %) (from --set shocks[1]={kind: depeg, asset: ETH, start: 1h, level: 0.93, peg: 1})',
  );
  // a distribution is judged over its support: 0.05 of the own price is a 95 % fall
  assert.match(
    rejected(shock('level: {distribution: uniform, min: 0.05, max: 0.9}')).message,
    /^expected a level that moves ETH by at most 90 % \(the level is a multiple of ETH's price at the start; .*got 0.05 \(-95.0 %\)/,
  );
  assert.match(rejected(shock('level: 0.9, peg: WETH')).message, /^expected the id of an asset, got "WETH" \(known: ETH, WBTC, USDC, DAI\)/);
  assert.match(rejected(shock('level: 0.9, peg: 2, absolute: true')).message, /^expected either peg or absolute: true, not both/);
  // accepted: relative levels, a peg in the asset's own range, and a USD price marked absolute
  loadScenario(SMALL, shock('level: 0.93'));
  loadScenario(SMALL, shock('level: 0.93, peg: 3000'));
  loadScenario(SMALL, shock('level: 0.93, absolute: true'));
});

test.run();
