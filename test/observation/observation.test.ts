/**
 * The observation as a whole: a fixed length and fixed names from the moment it is built, clear
 * errors for what the world does not have, the same vectors for the same seed (and different ones
 * for another), the same vector at a step however often it was read before, and no effect on the
 * world it reads (a run that reads every step writes the same time series as one that never does).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { buildWorld, type World } from '../../src/sim/world.js';
import { createAgent } from '../../agents/index.js';
import { step } from '../../src/sim/step.js';
import { buildObservation } from '../../src/observation/observation.js';
import type { FeatureSpecInput } from '../../src/observation/spec.js';
import { inputErrorLine, worldAfter } from './fixture.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';

/** One feature of every kind, on the small demo-like scenario (GBM prices, agents, a crash). */
const EVERY_KIND: FeatureSpecInput[] = [
  { feature: 'ewma-volatility', asset: 'ETH', window: '1h' },
  { feature: 'garch-volatility', asset: 'ETH', window: '2h', refit: '1h' },
  { feature: 'reference-price', asset: 'ETH' },
  { feature: 'venue-price', venue: 'eth-usdc-pool' },
  { feature: 'venue-depth', venue: 'eth-usdc-pool' },
  { feature: 'slippage', venue: 'eth-usdc-pool', sell: 'ETH', amountUsd: 1e6 },
  { feature: 'utilisation', protocol: 'lender', reserve: 'USDC' },
  { feature: 'debt-near-liquidation', protocol: 'lender', within: 0.05, measure: 'share' },
  { feature: 'health-histogram', protocol: 'lender', edges: [1, 1.1, 1.5] },
  { feature: 'gas-price' },
  { feature: 'oracle-price', oracle: 'eth-usd' },
  { feature: 'oracle-deviation', oracle: 'eth-usd' },
  { feature: 'time-since-configured', protocol: 'lender', target: 'ETH' },
];

function smallWorld(seed?: number): World {
  return buildWorld(loadScenario(SMALL), { createAgent, seed });
}

/** Every step's vector of a whole run, read after the step (when `every` divides the step count). */
function trajectory(w: World, every = 1): Map<number, Float32Array> {
  const obs = buildObservation(EVERY_KIND, w);
  const out = new Map<number, Float32Array>();
  while (w.step < w.steps) {
    step(w);
    if (w.step % every !== 0) continue;
    const v = new Float32Array(obs.size);
    obs.read(w.view, v);
    out.set(w.step, v);
  }
  return out;
}

test('names and length are fixed at build: one per feature, k + 1 for a histogram of k edges', () => {
  const w = smallWorld();
  const obs = buildObservation(EVERY_KIND, w);
  assert.is(obs.size, EVERY_KIND.length + 3);
  assert.is(obs.names.length, obs.size);
  assert.is(obs.names[0], 'ewma-volatility(ETH, window=1h, lambda=0.94)');
  assert.is(obs.names[8], 'health-histogram(lender, measure=debt)[<1]');
  assert.is(obs.specs.length, EVERY_KIND.length);
  step(w);
  assert.is(obs.size, EVERY_KIND.length + 3);
  assert.throws(() => obs.read(w.view, new Float32Array(obs.size - 1)), /observation has 16 values, got an array of 15/);
});

test('an observation reads only the world it was built for', () => {
  const a = smallWorld();
  const b = smallWorld();
  const obs = buildObservation(EVERY_KIND, a);
  assert.throws(() => obs.read(b.view, new Float32Array(obs.size)), /built for another world/);
});

test('the same seed gives identical vectors at every step; another seed does not', () => {
  const a = trajectory(smallWorld());
  const b = trajectory(smallWorld());
  const c = trajectory(smallWorld(8));
  assert.is(a.size, 180);
  let differs = false;
  for (const [s, v] of a) {
    assert.ok(Buffer.from(v.buffer).equals(Buffer.from(b.get(s)!.buffer)), `step ${s}`);
    if (!Buffer.from(v.buffer).equals(Buffer.from(c.get(s)!.buffer))) differs = true;
  }
  assert.ok(differs, 'seed 8 gives other vectors');
  // and the vectors move: the crash shows in the histogram's lowest bucket at some step
  assert.ok(
    [...a.values()].some((v) => v[8] > 0),
    'debt below HF 1 at some step',
  );
});

test('read every step or every fifth: the same vector at the steps both read', () => {
  const every = trajectory(smallWorld());
  const fifth = trajectory(smallWorld(), 5);
  assert.is(fifth.size, 36);
  for (const [s, v] of fifth) assert.equal(Array.from(v), Array.from(every.get(s)!), `step ${s}`);
});

test('reading changes nothing: the run writes the same time series and events as one never read', () => {
  const read = smallWorld();
  trajectory(read);
  const unread = smallWorld();
  while (unread.step < unread.steps) step(unread);
  assert.is(read.metrics.toCsv(), unread.metrics.toCsv());
  assert.is(JSON.stringify(read.events), JSON.stringify(unread.events));
});

test('ids the world does not have, and duplicate names, are refused with the field and the file', () => {
  const w = worldAfter(0);
  const build = (specs: FeatureSpecInput[]) => inputErrorLine(() => buildObservation(specs, w, { file: 'env.yaml', field: 'observation' }));
  assert.is(
    build([{ feature: 'gas-price' }, { feature: 'ewma-volatility', asset: 'WBTC', window: '1h' }]),
    'env.yaml observation[1].asset: expected an asset of the world (ETH, USDC, DAI, USDT), got "WBTC"',
  );
  assert.is(build([{ feature: 'garch-volatility', venue: 'uni', window: '1h' }]), 'env.yaml observation[0].venue: expected a venue of the world (eth-usdc-pool, eth-book, three-pool), got "uni"');
  assert.is(build([{ feature: 'oracle-price', oracle: 'chainlink' }]), 'env.yaml observation[0].oracle: expected an oracle of the world (eth-usd, eth-spot, usdc-usd, dai-usd), got "chainlink"');
  assert.is(build([{ feature: 'health-histogram', protocol: 'aave', edges: [1] }]), 'env.yaml observation[0].protocol: expected a protocol of the world (lender, maker), got "aave"');
  assert.is(build([{ feature: 'gas-price' }, { feature: 'gas-price' }]), 'env.yaml observation[1]: duplicate feature name "gas-price()" (also observation[0]); give one of them a name');
  const named = buildObservation([{ feature: 'gas-price' }, { feature: 'gas-price', name: 'gas again' }], w);
  assert.equal(named.names, ['gas-price()', 'gas again']);
});

test.run();
