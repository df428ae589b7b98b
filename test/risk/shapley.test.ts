import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { shapley, shapleyOfInputs } from '../../src/risk/shapley.js';
import { Rng } from '../../src/util/rng.js';

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test('glove game: textbook values 2/3, 1/6, 1/6', () => {
  // Player L owns a left glove, R1 and R2 a right glove each; a pair is worth 1.
  // Textbook result (e.g. Osborne & Rubinstein, A Course in Game Theory, ex. 295.2): φ_L = 2/3, φ_R = 1/6.
  const r = shapley(['L', 'R1', 'R2'], ([l, r1, r2]) => (l && (r1 || r2) ? 1 : 0));
  assert.ok(close(r.contributions.L, 2 / 3));
  assert.ok(close(r.contributions.R1, 1 / 6));
  assert.ok(close(r.contributions.R2, 1 / 6));
  assert.is(r.baseline, 0);
  assert.is(r.actual, 1);
});

test('v = (x1 + x2)·x3 at x = (1, 2, 3) against baseline 0: hand-worked 1.5, 3, 4.5', () => {
  // Hand enumeration of the 6 orderings (marginal contributions averaged):
  //  φ1 = (0+0+0+3+3+3)/6 = 1.5, φ2 = (0+6+0+0+6+6)/6 = 3, φ3 = (9+3+9+6+0+0)/6 = 4.5
  const a = [1, 2, 3];
  const r = shapley(['x1', 'x2', 'x3'], (u) => {
    const x = u.map((on, i) => (on ? a[i] : 0));
    return (x[0] + x[1]) * x[2];
  });
  assert.ok(close(r.contributions.x1, 1.5));
  assert.ok(close(r.contributions.x2, 3));
  assert.ok(close(r.contributions.x3, 4.5));
});

test('v = x1·x2 + x3: interaction split evenly, additive term to its own factor', () => {
  // Closed form: φ1 = φ2 = a1·a2/2 (the pure interaction is shared), φ3 = a3 (additive).
  const a = { x1: 1.7, x2: -0.4, x3: 2.5 };
  const r = shapleyOfInputs(['x1', 'x2', 'x3'], a, { x1: 0, x2: 0, x3: 0 }, (x) => x.x1 * x.x2 + x.x3);
  assert.ok(close(r.contributions.x1, (1.7 * -0.4) / 2));
  assert.ok(close(r.contributions.x2, (1.7 * -0.4) / 2));
  assert.ok(close(r.contributions.x3, 2.5));
});

/** Independent reference: the Shapley value as the average marginal contribution over all n! orderings. */
function byPermutations(n: number, v: (members: boolean[]) => number): number[] {
  const phi = new Array<number>(n).fill(0);
  let count = 0;
  const perm = Array.from({ length: n }, (_, i) => i);
  const visit = (k: number) => {
    if (k === n) {
      const members = new Array<boolean>(n).fill(false);
      let prev = v(members.slice());
      for (const p of perm) {
        members[p] = true;
        const cur = v(members.slice());
        phi[p] += cur - prev;
        prev = cur;
      }
      count++;
      return;
    }
    for (let i = k; i < n; i++) {
      [perm[k], perm[i]] = [perm[i], perm[k]];
      visit(k + 1);
      [perm[k], perm[i]] = [perm[i], perm[k]];
    }
  };
  visit(0);
  return phi.map((x) => x / count);
}

test('random nonlinear game on 6 factors: equals the average over all 720 orderings; efficiency holds', () => {
  const rng = new Rng(7);
  const n = 6;
  const table = Array.from({ length: 1 << n }, () => rng.normal());
  const v = (u: boolean[]) => table[u.reduce((m, on, i) => m | (on ? 1 << i : 0), 0)];
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const r = shapley(names, v);
  const ref = byPermutations(n, v);
  names.forEach((k, i) => assert.ok(close(r.contributions[k], ref[i], 1e-12), `${k}: ${r.contributions[k]} vs ${ref[i]}`));
  const sum = names.reduce((s, k) => s + r.contributions[k], 0);
  assert.ok(close(sum, r.actual - r.baseline, 1e-12));
});

test('symmetry and dummy: symmetric factors equal, an ignored factor gets exactly 0', () => {
  const r = shapley(['p', 'q', 'dummy', 's'], ([p, q, , s]) => Math.exp((p ? 1 : 0) + (q ? 1 : 0)) * (s ? 3 : 1));
  assert.ok(close(r.contributions.p, r.contributions.q));
  assert.is(r.contributions.dummy, 0);
  const sum = Object.values(r.contributions).reduce((a, b) => a + b, 0);
  assert.ok(close(sum, r.actual - r.baseline));
});

test('each coalition is evaluated exactly once', () => {
  let calls = 0;
  shapley(['a', 'b', 'c', 'd'], (u) => {
    calls++;
    return u.filter(Boolean).length ** 2;
  });
  assert.is(calls, 16);
});

test('rejects duplicate names and non-finite values', () => {
  assert.throws(() => shapley(['a', 'a'], () => 0));
  assert.throws(() => shapley(['a'], ([a]) => (a ? NaN : 0)));
});

test.run();
