import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { cholesky, NotPositiveDefiniteError } from '../../src/market/cholesky.js';

test('hand-worked 3×3: [[4,12,−16],[12,37,−43],[−16,−43,98]] = L·Lᵀ with L = [[2,0,0],[6,1,0],[−8,5,3]]', () => {
  // By hand: L00 = √4 = 2; L10 = 12/2 = 6; L11 = √(37 − 36) = 1; L20 = −16/2 = −8;
  // L21 = (−43 − 6·(−8))/1 = 5; L22 = √(98 − 64 − 25) = 3.
  const l = cholesky([
    [4, 12, -16],
    [12, 37, -43],
    [-16, -43, 98],
  ]);
  assert.equal(Array.from(l), [2, 0, 0, 6, 1, 0, -8, 5, 3]);
});

test('hand-worked correlation matrix: ρ = 0.5 everywhere', () => {
  // L00 = 1; L10 = 0.5, L11 = √0.75; L20 = 0.5, L21 = (0.5 − 0.25)/√0.75 = 0.25/√0.75,
  // L22 = √(1 − 0.25 − 0.0625/0.75) = √(2/3).
  const l = cholesky([
    [1, 0.5, 0.5],
    [0.5, 1, 0.5],
    [0.5, 0.5, 1],
  ]);
  const want = [1, 0, 0, 0.5, Math.sqrt(0.75), 0, 0.5, 0.25 / Math.sqrt(0.75), Math.sqrt(2 / 3)];
  want.forEach((w, i) => assert.ok(Math.abs(l[i] - w) < 1e-15, `entry ${i}: ${l[i]} vs ${w}`));
});

test('not positive definite: singular and indefinite matrices are refused, naming the pivot', () => {
  // ρ = 1 between two assets is singular (second pivot 1 − 1 = 0)
  assert.throws(
    () =>
      cholesky([
        [1, 1],
        [1, 1],
      ]),
    (e: unknown) => e instanceof NotPositiveDefiniteError && e.pivot === 1,
  );
  // [[1, .9, .9], [.9, 1, −.9], [.9, −.9, 1]]: by hand L10 = .9, L11 = √.19, L20 = .9,
  // L21 = (−.9 − .81)/√.19 ≈ −3.92, so the third pivot is 1 − .81 − 15.39 < 0
  assert.throws(
    () =>
      cholesky([
        [1, 0.9, 0.9],
        [0.9, 1, -0.9],
        [0.9, -0.9, 1],
      ]),
    (e: unknown) => e instanceof NotPositiveDefiniteError && e.pivot === 2,
  );
  assert.throws(() => cholesky([[-1]]), /not positive definite/);
});

test('property: L·Lᵀ reconstructs B·Bᵀ + I for random B (an SPD matrix built independently)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 6 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 36, maxLength: 36 }), (n, raw) => {
      const b = (i: number, j: number) => raw[i * 6 + j];
      const a: number[][] = [];
      for (let i = 0; i < n; i++) {
        a.push([]);
        for (let j = 0; j < n; j++) {
          let s = i === j ? 1 : 0;
          for (let k = 0; k < n; k++) s += b(i, k) * b(j, k);
          a[i].push(s);
        }
      }
      const l = cholesky(a);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (j > i) assert.is(l[i * n + j], 0);
          let s = 0;
          for (let k = 0; k < n; k++) s += l[i * n + k] * l[j * n + k];
          assert.ok(Math.abs(s - a[i][j]) <= 1e-10 * (1 + Math.abs(a[i][j])), `(${i},${j}) ${s} vs ${a[i][j]}`);
        }
      }
    }),
    { numRuns: 200, seed: 7 },
  );
});

test.run();
