/**
 * Values that would empty a venue or turn a price non-positive are rejected at load time, whether
 * written as a number or as a bounded distribution. Regressions found by the property test in
 * test/sim/randomScenarios.test.ts are marked as such. References: the ranges' definitions
 * (a crash's fall is below 1, a jump above −1, levels and multipliers positive, a share of
 * liquidity kept in (0, 1]) and the supports of the distributions (uniform [min, max], choice).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { bounds } from '../../src/scenario/distribution.js';
import { InputError } from '../../src/util/errors.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';

function rejected(overrides: string[]): InputError {
  try {
    loadScenario(SMALL, overrides);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error(`accepted: ${overrides.join(' ')}`);
}

test('bounds: the support of bounded distributions, none for unbounded ones', () => {
  assert.equal(bounds(0.4), [0.4, 0.4]);
  assert.equal(bounds({ distribution: 'fixed', value: 2 }), [2, 2]);
  assert.equal(bounds({ distribution: 'uniform', min: 0.1, max: 0.3 }), [0.1, 0.3]);
  assert.equal(bounds({ distribution: 'choice', values: [0.5, 0.2, 0.9] }), [0.2, 0.9]);
  assert.is(bounds({ distribution: 'normal', mean: 0.3, sd: 0.1 }), undefined);
  assert.is(bounds({ distribution: 'lognormal', median: 0.3, sigma: 0.1 }), undefined);
});

test('REGRESSION (property test): an LP may not withdraw all of its pool', () => {
  // withdrawShare 1 left a depth-curve venue with depth 0 (the next sale threw) and a
  // constant-product pool with no reserves, whose NaN spot price silently stopped all liquidations
  const e = rejected(['agents.eth-pool-lp.withdrawShare=1']);
  assert.is(e.field, 'agents[3].withdrawShare');
  assert.match(e.message, /expected a share in \(0, 1\)/);
  loadScenario(SMALL, ['agents.eth-pool-lp.withdrawShare=0.99']);
});

test('a venue manipulation must name a venue the oracle reads', () => {
  const shock = (body: string) => [`shocks[1]={${body}}`];
  let e = rejected(shock('kind: oracle-manipulation, oracle: eth-usd, venue: usdc-dai-curve, start: 1h, duration: 10m, factor: 2'));
  assert.is(e.field, 'shocks[1].venue');
  assert.match(e.message, /^expected one of the venues oracle "eth-usd" reads \(eth-usdc-pool\), got "usdc-dai-curve"/);
  e = rejected(shock('kind: oracle-manipulation, oracle: wbtc-usd, venue: eth-usdc-pool, start: 1h, duration: 10m, factor: 2'));
  assert.match(e.message, /^expected no venue: oracle "wbtc-usd" reads none, got "eth-usdc-pool"/);
  loadScenario(SMALL, shock('kind: oracle-manipulation, oracle: eth-usd, venue: eth-usdc-pool, start: 1h, duration: 10m, factor: 2'));
});

test('shock magnitudes outside their range are rejected, as numbers and as bounded distributions', () => {
  const shock = (body: string) => [`shocks[1]={${body}}`];
  const cases: [string, string][] = [
    ['kind: crash, asset: ETH, start: 1h, magnitude: 1.2', 'expected a fall below 1 (0.4 = 40 %), got 1.2'],
    ['kind: crash, asset: ETH, start: 1h, magnitude: {distribution: uniform, min: 0.5, max: 1}', 'expected a fall below 1 (0.4 = 40 %), got values from 0.5 to 1'],
    ['kind: jump, asset: ETH, start: 1h, magnitude: -1', 'expected a move above -1 (0.2 = +20 %), got -1'],
    ['kind: depeg, asset: DAI, start: 1h, level: {distribution: choice, values: [0.9, 0]}', 'expected a positive price level, got values from 0 to 0.9'],
    ['kind: oracle-manipulation, oracle: eth-usd, start: 1h, duration: 10m, factor: 0', 'expected a positive price multiplier, got 0'],
    // REGRESSION (property test): a drawn share of 0 emptied the venue, whose prices became NaN
    ['kind: liquidity-withdrawal, venue: eth-usdc-pool, start: 1h, factor: {distribution: uniform, min: -1, max: 0}', 'expected the share of liquidity kept, in (0, 1], got values from -1 to 0'],
    ['kind: liquidity-withdrawal, venue: eth-usdc-pool, start: 1h, factor: 1.5', 'expected the share of liquidity kept, in (0, 1], got 1.5'],
  ];
  for (const [body, message] of cases) {
    const e = rejected(shock(body));
    assert.ok(e.field === 'shocks[1].magnitude' || e.field === 'shocks[1].level' || e.field === 'shocks[1].factor', `${body}: ${e.field}`);
    assert.is(e.message, `${message} (from --set shocks[1]={${body}})`);
  }
  // inside the range, and unbounded distributions (clamped per path), are accepted
  for (const body of [
    'kind: crash, asset: ETH, start: 1h, magnitude: {distribution: uniform, min: -0.1, max: 0.99}',
    'kind: crash, asset: ETH, start: 1h, magnitude: {distribution: normal, mean: 0.4, sd: 0.3}',
    'kind: liquidity-withdrawal, venue: eth-usdc-pool, start: 1h, factor: 1',
    'kind: depeg, asset: DAI, start: 1h, level: 0.95',
  ]) {
    loadScenario(SMALL, shock(body));
  }
});

test('position sizes and health factors must be able to be positive', () => {
  const group = 'protocols.lender.positions[0]';
  for (const [o, field] of [
    [`${group}.size=0`, 'protocols[0].positions[0].size'],
    [`${group}.healthFactor=-1`, 'protocols[0].positions[0].healthFactor'],
    [`${group}.size={distribution: uniform, min: -5, max: 10}`, 'protocols[0].positions[0].size.min'],
    [`${group}.size={distribution: normal, mean: 0, sd: 10}`, 'protocols[0].positions[0].size.mean'],
    [`${group}.healthFactor={distribution: fixed, value: 0}`, 'protocols[0].positions[0].healthFactor.value'],
  ] as const) {
    assert.is(rejected([o]).field, field, o);
  }
});

test.run();
