/**
 * Numbers in a scenario must be finite and within the documented ranges (src/util/bounds.ts,
 * README "Input limits"), or the load fails with the field, the line and the number as written.
 * Each case is small.yaml with one number changed; the expected line is found by reading the text.
 * The ranges are the README's, restated here, not read from the code.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../cli/spawnCli.js';
import { loadScenario, locateError } from '../../src/scenario/load.js';
import { buildWorld } from '../../src/sim/world.js';
import { createAgent } from '../../agents/index.js';
import { InputError } from '../../src/util/errors.js';

const SMALL = readFileSync('test/fixtures/scenarios/small.yaml', 'utf8');
const ETH = 'price: { process: gbm, price: 3000, volatility: 0.6 }';
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-bounds-'));

interface Case {
  name: string;
  from: string;
  to: string;
  field: string;
  message: string;
}

const CASES: Case[] = [
  // the examples: a denormal price and an absurd volatility gave Infinity and NaN results
  {
    name: 'denormal price',
    from: ETH,
    to: 'price: { process: gbm, price: 1e-320, volatility: 0.6 }',
    field: 'assets[0].price.price',
    message: 'expected 0 or a number of magnitude at least 1e-15 (the input limit for any number), got 1e-320',
  },
  {
    name: 'huge volatility',
    from: ETH,
    to: 'price: { process: gbm, price: 3000, volatility: 1e300 }',
    field: 'assets[0].price.volatility',
    message: 'expected a number from -1e15 to 1e15 (the input limit for any number), got 1e300',
  },
  {
    name: 'price below range',
    from: ETH,
    to: 'price: { process: gbm, price: 1e-13, volatility: 0.6 }',
    field: 'assets[0].price.price',
    message: 'expected a price (USD) from 1e-12 to 1e12, got 1e-13',
  },
  { name: 'price above range', from: ETH, to: 'price: { process: gbm, price: 2e12, volatility: 0.6 }', field: 'assets[0].price.price', message: 'expected a price (USD) from 1e-12 to 1e12, got 2e12' },
  {
    name: 'volatility above range',
    from: ETH,
    to: 'price: { process: gbm, price: 3000, volatility: 25 }',
    field: 'assets[0].price.volatility',
    message: 'expected an annual volatility from 0 to 20, got 25',
  },
  {
    name: 'drift above range',
    from: ETH,
    to: 'price: { process: gbm, price: 3000, volatility: 0.6, drift: -11 }',
    field: 'assets[0].price.drift',
    message: 'expected an annual drift from -10 to 10, got -11',
  },
  {
    name: 'jump intensity',
    from: ETH,
    to: 'price: { process: jump-diffusion, price: 3000, volatility: 0.6, jumpIntensity: 2e4, jumpMean: 0, jumpStd: 0.1 }',
    field: 'assets[0].price.jumpIntensity',
    message: 'expected a jump intensity (per year) from 0 to 10000, got 2e4',
  },
  {
    name: 'lognormal sigma',
    from: 'sigma: 1.0 }\n        healthFactor: { distribution: uniform, min: 1.05, max: 2.0 }\n      - count: 100',
    to: 'sigma: 7 }\n        healthFactor: { distribution: uniform, min: 1.05, max: 2.0 }\n      - count: 100',
    field: 'protocols[0].positions[0].size.sigma',
    message: 'expected a log-sd from 0 to 5, got 7',
  },
  { name: 'duration over ten years', from: 'horizon: 3h', to: 'horizon: 3651d', field: 'horizon', message: 'expected a duration of at most 10 years (315360000 s), got "3651d"' },
  {
    name: 'seed beyond 2^53 - 1',
    from: 'seed: 7',
    to: 'seed: 9007199254740993',
    field: 'seed',
    message: 'expected an integer from 0 to 9007199254740991 (2^53 − 1, the largest exact one), got 9007199254740993',
  },
  { name: 'too many positions', from: 'count: 200', to: 'count: 20000000', field: 'protocols[0].positions[0].count', message: 'expected at most 10,000,000 positions or vaults, got 20000000' },
  {
    name: 'infinity in a record',
    from: 'capital: { USDC: 2000000, DAI: 1000000, ETH: 50 }',
    to: 'capital: { USDC: .Inf, DAI: 1000000, ETH: 50 }',
    field: 'agents[0].capital.USDC',
    message: 'expected a finite number, got .Inf',
  },
];

function write(name: string, text: string): string {
  const file = join(tmp, `${name.replace(/\W+/g, '-')}.yaml`);
  writeFileSync(file, text);
  return file;
}

for (const c of CASES) {
  test(`out of range: ${c.name} — exit 2 naming the line, the field and the number as written`, async () => {
    assert.ok(SMALL.includes(c.from), `${c.name}: fixture text changed`);
    const text = SMALL.replace(c.from, c.to);
    const file = write(c.name, text);
    const marker = c.to.split('\n')[0];
    const line = text.split('\n').findIndex((l) => l.includes(marker)) + 1;
    const out = join(tmp, `out-${c.name.replace(/\W+/g, '-')}`);
    const r = await cliInProcess(['run', file, '--out', out, '--quiet']);
    assert.is(r.code, 2, `${c.name}: ${r.stderr}`);
    assert.is(r.stderr, `aftershock: ${file}:${line} ${c.field}: ${c.message}\n`);
    assert.not.ok(existsSync(out), `${c.name}: wrote results`);
  });
}

test('the largest exact seed and the bounds themselves are accepted', () => {
  const text = SMALL.replace('seed: 7', 'seed: 9007199254740991').replace(ETH, 'price: { process: gbm, price: 1e12, volatility: 20, drift: 10 }');
  const loaded = loadScenario(write('edges', text));
  assert.is(loaded.scenario.seed, 9007199254740991);
});

test('a value given by --set is quoted as written there', async () => {
  const r = await cliInProcess(['validate', 'test/fixtures/scenarios/small.yaml', '--set', 'assets[0].price.volatility=5e1']);
  assert.is(r.code, 2);
  assert.is(r.stderr, 'aftershock: test/fixtures/scenarios/small.yaml assets[0].price.volatility: expected an annual volatility from 0 to 20, got 5e1 (from --set assets[0].price.volatility=5e1)\n');
});

test('parameters each within range whose path leaves the representable numbers are bad input, not NaN results', async () => {
  // Merton compensator λ(e^{m+s²/2} − 1) = 1e4 · (e^{7.5} − 1) ≈ 1.8e7 a year, about −34 in log-price
  // per one-minute step: the price underflows to 0 within the first hour (e^-745 is the last double)
  const text = SMALL.replace(ETH, 'price: { process: jump-diffusion, price: 3000, volatility: 0.6, jumpIntensity: 10000, jumpMean: -5, jumpStd: 5 }').replace(
    / {2}correlations:\n {4}assets: \[ETH, WBTC\]\n {4}matrix: \[\[1, 0.6\], \[0.6, 1\]\]\n/,
    '',
  );
  const file = write('underflow', text);
  const loaded = loadScenario(file);
  let err: unknown;
  try {
    buildWorld(loaded, { createAgent });
  } catch (e) {
    err = locateError(e, loaded);
  }
  assert.instance(err, InputError, String(err));
  assert.match((err as InputError).message, /the price of ETH falls to 0 .* at \d+(\.\d+)? (min|h|s); its parameters are too extreme to simulate/);
  const out = join(tmp, 'out-underflow');
  const r = await cliInProcess(['run', file, '--out', out, '--quiet']);
  assert.is(r.code, 2, r.stderr);
  assert.match(r.stderr, /^aftershock: .*underflow\.yaml:\d+ .*the price of ETH falls to 0/);
  assert.not.ok(existsSync(out));
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
