import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateReferencePaths } from '../../src/market/generate.js';
import { marketSchema, priceProcessSchema } from '../../src/market/schema.js';
import { Rng } from '../../src/util/rng.js';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.abs(b);

const keypoints = [
  { at: 0, price: 100 },
  { at: '1h', price: 200 },
  { at: '3h', price: 50 },
];

function path(interpolation: 'log' | 'linear' | undefined, dt: string, steps: number) {
  const spec = priceProcessSchema.parse({ process: 'piecewise', keypoints, ...(interpolation ? { interpolation } : {}) });
  return generateReferencePaths([{ id: 'X', spec }], marketSchema.parse({ dt }), steps, new Rng(1), '.')[0];
}

test('log interpolation (the default): exact keypoints, midpoints are geometric means, flat after the last', () => {
  const p = path(undefined, '30m', 10);
  assert.is(p[0], 100);
  assert.is(p[2], 200); // 1h
  assert.is(p[6], 50); // 3h
  assert.ok(close(p[1], Math.sqrt(100 * 200)), `30m: ${p[1]}`); // √(100·200) = 141.42…
  assert.ok(close(p[4], 100), `2h: ${p[4]}`); // √(200·50) = 100
  // a quarter of the way from 200 to 50 (1h → 1.5h of 2h): 200·(50/200)^{1/4} = 200/√2
  assert.ok(close(p[3], 200 / Math.SQRT2), `1.5h: ${p[3]}`);
  for (let k = 6; k <= 10; k++) assert.is(p[k], 50);
});

test('linear interpolation: arithmetic midpoints', () => {
  const p = path('linear', '30m', 8);
  assert.is(p[2], 200);
  assert.ok(close(p[1], 150));
  assert.ok(close(p[4], 125)); // (200 + 50)/2
  assert.ok(close(p[3], 162.5)); // 200 − 150/4
});

test('keypoints off the step grid: a 25-minute step lands between them', () => {
  // t = 75 min lies a quarter of the way from 1h to 3h: 200·(1/4)^{1/8}
  const p = path('log', '25m', 3);
  assert.ok(close(p[3], 200 * Math.pow(0.25, 1 / 8)), String(p[3]));
});

test.run();
