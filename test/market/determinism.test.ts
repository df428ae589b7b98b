import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReferencePaths, prepareMarket, type AssetPriceSpec } from '../../src/market/generate.js';
import { marketSchema, priceProcessSchema } from '../../src/market/schema.js';
import { Rng } from '../../src/util/rng.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

// every process kind, two of them correlated
const assets: AssetPriceSpec[] = [
  { id: 'ETH', spec: priceProcessSchema.parse({ process: 'jump-diffusion', price: 2000, volatility: 0.8, jumpIntensity: 50, jumpMean: -0.05, jumpStd: 0.05 }) },
  { id: 'USDC', spec: priceProcessSchema.parse({ process: 'constant', price: 1 }) },
  { id: 'BTC', spec: priceProcessSchema.parse({ process: 'gbm', price: 30000, volatility: 0.6 }) },
  { id: 'SOL', spec: priceProcessSchema.parse({ process: 'gbm', price: 20, drift: 0.1, volatility: 1.1 }) },
  {
    id: 'PEG',
    spec: priceProcessSchema.parse({
      process: 'piecewise',
      keypoints: [
        { at: 0, price: 1 },
        { at: '2h', price: 0.9 },
      ],
    }),
  },
  { id: 'REPLAY', spec: priceProcessSchema.parse({ process: 'csv', file: 'market/eth-usd-2020-03-12-hourly.csv' }) },
  { id: 'LST', spec: priceProcessSchema.parse({ process: 'garch-t', price: 2000, params: { mu: 0, omega: 0.2, alpha: 0.1, beta: 0.85, nu: 5 } }) },
];
const market = marketSchema.parse({
  dt: '1m',
  correlations: {
    assets: ['BTC', 'ETH'],
    matrix: [
      [1, 0.7],
      [0.7, 1],
    ],
  },
});

const bytes = (paths: Float64Array[]) => Buffer.concat(paths.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));

test('same seed → identical bytes; different seed → different random paths, same deterministic ones', () => {
  const a = generateReferencePaths(assets, market, 1440, new Rng(42), fixtures);
  const b = generateReferencePaths(assets, market, 1440, new Rng(42), fixtures);
  const c = generateReferencePaths(assets, market, 1440, new Rng(43), fixtures);
  assert.is(a.length, assets.length);
  for (const p of a) assert.is(p.length, 1441);
  assert.ok(bytes(a).equals(bytes(b)));
  for (const i of [0, 2, 3, 6]) assert.not.ok(bytes([a[i]]).equals(bytes([c[i]])), `${assets[i].id} did not change with the seed`);
  for (const i of [1, 4, 5]) assert.ok(bytes([a[i]]).equals(bytes([c[i]])), `${assets[i].id} is deterministic`);
  for (const p of a) assert.ok(p.every((x) => x > 0 && Number.isFinite(x)));
});

test('prepare once, generate per path, reusing buffers: the same bytes as generateReferencePaths', () => {
  const prepared = prepareMarket(assets, market, fixtures);
  const rng = new Rng(7);
  const buffers = assets.map(() => new Float64Array(101));
  const first = prepared.generate(100, rng, buffers).map((p) => p.slice());
  const second = prepared.generate(100, rng, buffers);
  const rng2 = new Rng(7);
  assert.ok(bytes(first).equals(bytes(generateReferencePaths(assets, market, 100, rng2, fixtures))));
  assert.ok(bytes(second).equals(bytes(generateReferencePaths(assets, market, 100, rng2, fixtures))));
  assert.not.ok(bytes(first).equals(bytes(second)));
});

test('zero steps: just the initial prices', () => {
  const p = generateReferencePaths(assets, market, 0, new Rng(1), fixtures);
  assert.equal(
    p.map((x) => x[0]),
    [2000, 1, 30000, 20, 1, 193.37, 2000],
  );
});

test('correlations naming an unknown or non-diffusion asset are InputErrors naming the field', () => {
  const bad = (names: string[]) =>
    marketSchema.parse({
      correlations: {
        assets: names,
        matrix: [
          [1, 0.5],
          [0.5, 1],
        ],
      },
    });
  assert.throws(
    () => prepareMarket(assets, bad(['BTC', 'DOGE']), fixtures),
    (e: unknown) => (e as { field?: string }).field === 'market.correlations.assets[1]',
  );
  assert.throws(
    () => prepareMarket(assets, bad(['LST', 'ETH']), fixtures),
    (e: unknown) => (e as { field?: string }).field === 'market.correlations.assets[0]' && /garch-t/.test((e as Error).message),
  );
});

test.run();
