import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { z } from 'zod';
import { marketSchema, priceProcessSchema } from '../../src/market/schema.js';

/** The issues' paths, as dotted strings, of a spec that must fail. */
function failures(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  assert.not.ok(r.success, `accepted ${JSON.stringify(value)}`);
  return r.error!.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
}

test('defaults: drift 0, log interpolation, linear CSV replay, 1-day GARCH period, 60-second step', () => {
  assert.equal(priceProcessSchema.parse({ process: 'gbm', price: 1, volatility: 0.5 }), { process: 'gbm', price: 1, drift: 0, volatility: 0.5 });
  const pw = priceProcessSchema.parse({
    process: 'piecewise',
    keypoints: [
      { at: 0, price: 1 },
      { at: '6h', price: 2 },
    ],
  });
  assert.equal(pw, {
    process: 'piecewise',
    keypoints: [
      { at: 0, price: 1 },
      { at: 21600, price: 2 },
    ],
    interpolation: 'log',
  });
  assert.is((priceProcessSchema.parse({ process: 'csv', file: 'a.csv' }) as { interpolation: string }).interpolation, 'linear');
  const g = priceProcessSchema.parse({ process: 'garch-t', price: 1, params: { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8, nu: 5 } });
  assert.is((g as { period: number }).period, 86400);
  assert.equal(marketSchema.parse({}), { dt: 60 });
  assert.equal(marketSchema.parse({ dt: '30m' }), { dt: 1800 });
});

test('bad price specs fail with the field path', () => {
  assert.equal(failures(priceProcessSchema, { process: 'gbm', price: 1, volatility: -0.1 }), ['volatility: too_small']);
  assert.equal(failures(priceProcessSchema, { process: 'gbm', volatility: 0.5 }), ['price: invalid_type']);
  assert.equal(failures(priceProcessSchema, { process: 'gbm', price: 0, volatility: 0.5 }), ['price: too_small']);
  assert.equal(failures(priceProcessSchema, { process: 'gbm', price: 1, volatility: 0.5, vol: 1 }), [': unrecognized_keys']);
  assert.equal(failures(priceProcessSchema, { process: 'brownian', price: 1 }), ['process: invalid_union']);
  assert.equal(failures(priceProcessSchema, { process: 'jump-diffusion', price: 1, volatility: 0.5, jumpIntensity: -1, jumpMean: 0, jumpStd: 0.1 }), ['jumpIntensity: too_small']);
  assert.equal(failures(priceProcessSchema, { process: 'jump-diffusion', price: 1, volatility: 0.5, jumpIntensity: 1, jumpStd: 0.1 }), ['jumpMean: invalid_type']);
  assert.equal(
    failures(priceProcessSchema, {
      process: 'piecewise',
      keypoints: [
        { at: '1h', price: 1 },
        { at: '30m', price: 2 },
      ],
    }),
    ['keypoints.0.at: custom', 'keypoints.1.at: custom'],
  );
  assert.equal(failures(priceProcessSchema, { process: 'piecewise', keypoints: [{ at: '1 hour', price: 1 }] }), ['keypoints.0.at: custom']);
  assert.equal(failures(priceProcessSchema, { process: 'csv', file: 'a.csv', start: '12/03/2020' }), ['start: custom']);
  assert.equal(failures(priceProcessSchema, { process: 'csv', file: 'a.csv', interpolation: 'cubic' }), ['interpolation: invalid_value']);
});

test('garch-t: exactly one of params and fitFrom; stationarity and ν > 2 checked', () => {
  assert.equal(failures(priceProcessSchema, { process: 'garch-t', price: 1 }), ['params: custom']);
  const params = { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8, nu: 5 };
  assert.equal(failures(priceProcessSchema, { process: 'garch-t', price: 1, params, fitFrom: { file: 'a.csv' } }), ['fitFrom: custom']);
  assert.equal(failures(priceProcessSchema, { process: 'garch-t', price: 1, params: { ...params, beta: 0.9 } }), ['params: custom']);
  assert.equal(failures(priceProcessSchema, { process: 'garch-t', price: 1, params: { ...params, nu: 2 } }), ['params.nu: too_small']);
  assert.equal(failures(priceProcessSchema, { process: 'garch-t', price: 1, params, period: 0 }), ['period: custom']);
});

test('correlations: non-symmetric, non-unit diagonal, wrong shape and non-PD matrices fail naming the field', () => {
  const m = (assets: string[], matrix: number[][]) => ({ correlations: { assets, matrix } });
  assert.equal(
    failures(
      marketSchema,
      m(
        ['a', 'b'],
        [
          [1, 0.5],
          [0.4, 1],
        ],
      ),
    ),
    ['correlations.matrix.1.0: custom'],
  );
  assert.equal(
    failures(
      marketSchema,
      m(
        ['a', 'b'],
        [
          [1, 0.5],
          [0.5, 0.9],
        ],
      ),
    ),
    ['correlations.matrix.1.1: custom'],
  );
  assert.equal(
    failures(
      marketSchema,
      m(
        ['a', 'b', 'c'],
        [
          [1, 0.5],
          [0.5, 1],
        ],
      ),
    ),
    ['correlations.matrix: custom'],
  );
  assert.equal(failures(marketSchema, m(['a', 'b'], [[1, 0.5], [0.5]])), ['correlations.matrix.1: custom']);
  assert.equal(
    failures(
      marketSchema,
      m(
        ['a', 'a'],
        [
          [1, 0.5],
          [0.5, 1],
        ],
      ),
    ),
    ['correlations.assets.1: custom'],
  );
  assert.equal(
    failures(
      marketSchema,
      m(
        ['a', 'b'],
        [
          [1, 1.5],
          [1.5, 1],
        ],
      ),
    ),
    ['correlations.matrix.0.1: too_big', 'correlations.matrix.1.0: too_big'],
  );
  // pairwise-valid but jointly impossible: ρ(a,b) = ρ(a,c) = 0.9, ρ(b,c) = −0.9 (determinant < 0)
  const notPd = m(
    ['a', 'b', 'c'],
    [
      [1, 0.9, 0.9],
      [0.9, 1, -0.9],
      [0.9, -0.9, 1],
    ],
  );
  const r = marketSchema.safeParse(notPd);
  assert.not.ok(r.success);
  assert.equal(r.error!.issues[0].path, ['correlations', 'matrix']);
  assert.match(r.error!.issues[0].message, /not positive definite/);
  assert.equal(failures(marketSchema, { dt: 0 }), ['dt: custom']);
  assert.equal(failures(marketSchema, { dt: '1m', seed: 3 }), [': unrecognized_keys']);
});

test.run();
