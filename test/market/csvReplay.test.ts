import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateReferencePaths, prepareMarket } from '../../src/market/generate.js';
import { marketSchema, priceProcessSchema } from '../../src/market/schema.js';
import { InputError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/rng.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures');
// Hourly ETH-USD closes of 12 March 2020 with the 03:00 row removed (see test/fixtures/market/README.md):
// 00:00 193.37, 01:00 184.45, 02:00 184.01, [gap], 04:00 181.1, 05:00 181.71
const FILE = 'market/eth-usd-2020-03-12-hourly.csv';

function replay(extra: Record<string, unknown>, steps: number, dt = '15m', baseDir = fixtures) {
  const spec = priceProcessSchema.parse({ process: 'csv', file: FILE, ...extra });
  return generateReferencePaths([{ id: 'ETH', spec }], marketSchema.parse({ dt }), steps, new Rng(1), baseDir)[0];
}

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

test('linear replay at 15-minute steps from 01:00: rows exact, values between rows interpolated, across the gap too', () => {
  const p = replay({ start: '2020-03-12T01:00:00Z' }, 20);
  const want: [number, number][] = [
    [0, 184.45], // 01:00
    [1, 184.34], // 01:15: 184.45 + (184.01 − 184.45)/4
    [2, 184.23], // 01:30
    [4, 184.01], // 02:00
    [6, 183.2825], // 02:30: a quarter of the 2-hour gap: 184.01 + (181.1 − 184.01)/4
    [8, 182.555], // 03:00: half-way across the gap
    [12, 181.1], // 04:00
    [14, 181.405], // 04:30
    [16, 181.71], // 05:00, the last row
    [20, 181.71], // 06:00: past the data, the last price is held
  ];
  for (const [k, v] of want) assert.ok(near(p[k], v), `step ${k}: ${p[k]} vs ${v}`);
});

test('log replay: geometric interpolation (values computed by hand)', () => {
  const p = replay({ start: '2020-03-12T01:00:00Z', interpolation: 'log' }, 8);
  assert.ok(near(p[2], Math.sqrt(184.45 * 184.01)), String(p[2])); // 184.22986864…
  assert.ok(near(p[1], 184.33990146219753), String(p[1])); // 184.45·(184.01/184.45)^{1/4}
  assert.ok(near(p[8], 182.54920158685985), String(p[8])); // √(184.01·181.1)
});

test('step replay: the last observation at or before each time', () => {
  const p = replay({ start: '2020-03-12T01:00:00Z', interpolation: 'step' }, 13);
  assert.is(p[3], 184.45);
  assert.is(p[4], 184.01);
  assert.is(p[11], 184.01); // 03:45, inside the gap
  assert.is(p[12], 181.1);
});

test('without start, simulation time 0 is the first row; an absolute file path ignores baseDir', () => {
  const p = replay({}, 4, '1h');
  assert.equal(Array.from(p), [193.37, 184.45, 184.01, 182.555, 181.1]);
  const q = replay({ file: join(fixtures, FILE) }, 1, '30m', '/nonexistent');
  assert.ok(near(q[1], (193.37 + 184.45) / 2));
});

test('warnings: a horizon past the end of the data is reported, one within it is not', () => {
  const spec = priceProcessSchema.parse({ process: 'csv', file: FILE, start: '2020-03-12T04:00:00Z' });
  const prepared = prepareMarket([{ id: 'ETH', spec }], marketSchema.parse({ dt: '15m' }), fixtures);
  assert.equal(prepared.warnings(4), []); // 04:00 + 1h = 05:00, the last row
  const w = prepared.warnings(12); // 04:00 + 3h: 2h past the data
  assert.is(w.length, 1);
  assert.match(w[0], /asset ETH: .* end 2 h before the horizon; the last price 181.71 is held/);
});

test('a start outside the data is an InputError naming the field', () => {
  for (const start of ['2020-03-11T23:00:00Z', '2020-03-12T05:00:01Z', '2021-01-01']) {
    try {
      replay({ start }, 4);
      assert.unreachable(`start ${start} accepted`);
    } catch (e) {
      assert.instance(e, InputError);
      assert.is((e as InputError).field, 'assets.ETH.price.start');
      assert.match((e as InputError).message, /outside the data/);
    }
  }
});

test('a missing file or column is an InputError', () => {
  assert.throws(
    () => replay({ file: 'market/nope.csv' }, 1),
    (e: unknown) => e instanceof InputError && /not found/.test(e.message),
  );
  assert.throws(
    () => replay({ column: 'open' }, 1),
    (e: unknown) => e instanceof InputError && e.field === 'assets.ETH.price.column',
  );
});

test.run();
