import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { getD, getY, getDy, getDyDetailed, getDx, spotPrice, marginalRate, amountInForMarginalRate, invariantResidual, invariantSides } from '../../../src/models/amm/stableswap.js';
import { getAmountOut } from '../../../src/models/amm/constantProduct.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

test('D of a balanced pool is the sum of balances (invariant at x_k = D/n)', () => {
  // At x_k = D/n: D^{n+1}/(nⁿ·Πx) = D, so both sides equal A·nⁿ·D + D.
  for (const [bal, A] of [
    [[1e6, 1e6], 100],
    [[5, 5, 5], 2000],
    [[3e8, 3e8, 3e8, 3e8], 1],
  ] as [number[], number][]) {
    assert.ok(
      rel(
        getD(bal, A),
        bal.reduce((a, b) => a + b, 0),
      ) < 1e-14,
    );
  }
});

test('D for two coins equals the root of the cubic found by plain bisection', () => {
  // For n = 2 the invariant is D³/(4xy) + (4A − 1)·D − 4A(x + y) = 0, increasing in D for A ≥ 1/4:
  // an independent bisection on [0, x + y] gives the reference.
  for (const [x, y, A] of [
    [1e6, 3e5, 100],
    [10, 1000, 1],
    [7e7, 2e7, 5000],
  ]) {
    const g = (D: number) => (D * D * D) / (4 * x * y) + (4 * A - 1) * D - 4 * A * (x + y);
    let lo = 0;
    let hi = x + y;
    for (let k = 0; k < 200; k++) {
      const m = (lo + hi) / 2;
      if (g(m) < 0) lo = m;
      else hi = m;
    }
    assert.ok(rel(getD([x, y], A), (lo + hi) / 2) < 1e-13, `x=${x} y=${y} A=${A}`);
  }
});

test('the invariant holds after swaps (|lhs − rhs|/D < 1e-10) and getDx inverts getDy', () => {
  const bal = [4e6, 2.5e6, 3.1e6];
  const A = 200;
  const D = getD(bal, A);
  for (const [i, j, dx] of [
    [0, 1, 1e5],
    [1, 2, 2e6],
    [2, 0, 10],
  ]) {
    const { y } = getDyDetailed(i, j, dx, bal, A, 4);
    const after = bal.slice();
    after[i] += dx;
    after[j] = y;
    assert.ok(invariantResidual(after, A, D) < 1e-10);
    const dy = getDy(i, j, dx, bal, A, 4);
    assert.ok(rel(getDx(i, j, dy, bal, A, 4), dx) < 1e-9);
  }
});

test('spot price: 1 at balance, equal to the finite-difference slope of getDy, falling with imbalance', () => {
  const A = 100;
  assert.ok(rel(spotPrice(0, 1, [1e6, 1e6], A), 1) < 1e-15);
  const bal = [1.5e6, 0.6e6];
  const h = 1;
  const fd = (getDy(0, 1, 2 * h, bal, A, 0) - 0) / (2 * h); // one-sided at 0 has O(h) error, so compare to the midpoint slope
  assert.ok(rel(spotPrice(0, 1, bal, A), fd) < 1e-5);
  for (const dx of [1e4, 3e5]) {
    const fd2 = (getDy(0, 1, dx + h, bal, A, 0) - getDy(0, 1, dx - h, bal, A, 0)) / (2 * h);
    assert.ok(rel(marginalRate(0, 1, dx, bal, A, 0), fd2) < 1e-6);
  }
  // selling the abundant coin fetches less and less as the imbalance grows
  let prev = 1;
  for (const x of [1.1e6, 1.5e6, 2e6, 4e6, 8e6]) {
    const p = spotPrice(0, 1, [x, 1e6], A);
    assert.ok(p < prev, `x=${x}: ${p} !< ${prev}`);
    prev = p;
  }
  // fee on output scales the marginal rate
  assert.ok(rel(marginalRate(0, 1, 0, bal, A, 4), 0.9996 * spotPrice(0, 1, bal, A)) < 1e-14);
});

test('A → 0 approaches constant product, A → ∞ constant sum, A = 1 lies between', () => {
  const bal = [2e6, 1e6]; // selling the abundant coin: constant product pays least, constant sum dx
  const dx = 3e5;
  const cp = getAmountOut(dx, bal[0], bal[1], 0); // x·y = k curve
  // to first order in A the output moves by O(A·n^n), so A = 1e-9 is within ~1e-8 of constant product
  assert.ok(rel(getDy(0, 1, dx, bal, 1e-9, 0), cp) < 1e-6);
  const mid = getDy(0, 1, dx, bal, 1, 0);
  assert.ok(mid > cp && mid < dx);
  // constant sum: dy = dx while the pool can pay it
  assert.ok(rel(getDy(0, 1, dx, bal, 1e9, 0), dx) < 1e-6);
  // more amplification, less slippage
  assert.ok(getDy(0, 1, dx, bal, 10, 0) < getDy(0, 1, dx, bal, 100, 0));
});

test('trade size for a target marginal rate hits it', () => {
  const bal = [1e6, 1e6, 1e6];
  const dx = amountInForMarginalRate(0.95, 0, 2, bal, 50, 4);
  assert.ok(rel(marginalRate(0, 2, dx, bal, 50, 4), 0.95) < 1e-9);
  assert.is(amountInForMarginalRate(1.5, 0, 2, bal, 50, 4), 0);
});

test('property: random pools and trades keep the invariant, never pay out what the pool lacks, D grows by the fee', () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: 1e2, max: 1e9, noNaN: true }), { minLength: 2, maxLength: 4 }),
      fc.double({ min: 1, max: 2000, noNaN: true }),
      fc.double({ min: 1e-6, max: 20, noNaN: true }),
      fc.integer({ min: 0, max: 100 }),
      fc.nat(),
      (bal, A, frac, fee, pick) => {
        const n = bal.length;
        const i = pick % n;
        const j = (i + 1 + (Math.floor(pick / n) % (n - 1))) % n;
        const dx = bal[i] * frac;
        const D = getD(bal, A);
        const r = getDyDetailed(i, j, dx, bal, A, fee);
        if (!(r.dy >= 0 && r.dy < bal[j])) return false;
        const onCurve = bal.slice();
        onCurve[i] += dx;
        onCurve[j] = r.y;
        // relative to the size of the invariant's terms (the floating-point floor: a nearly drained
        // coin makes D^{n+1}/(nⁿΠx) ≫ D, so |lhs − rhs|/D alone would measure rounding, not error)
        const { lhs, rhs } = invariantSides(onCurve, A, D);
        if (Math.abs(lhs - rhs) > 1e-13 * Math.max(lhs, rhs)) return false;
        const kept = bal.slice();
        kept[i] += dx;
        kept[j] = r.y + r.fee; // = bal[j] − dy: the fee stays in the pool (written so to avoid cancellation when y ≪ bal[j])
        return getD(kept, A) >= D * (1 - 1e-12);
      },
    ),
    { numRuns: 400, seed: 7 },
  );
});

test('getY agrees with Newton iteration on the invariant itself', () => {
  // Independent: solve F(y) = A·nⁿ(S'+y) + D − A·D·nⁿ − D^{n+1}/(nⁿ·P'·y) = 0 by bisection in y.
  const bal = [3e6, 1e6, 2e6];
  const A = 85;
  const D = getD(bal, A);
  const x = 3.7e6;
  const Ann = A * 27;
  const F = (y: number) => Ann * (x + bal[1] + y) + D - Ann * D - D ** 4 / (27 * x * bal[1] * y);
  let lo = 1e-6;
  let hi = D;
  for (let k = 0; k < 200; k++) {
    const m = (lo + hi) / 2;
    if (F(m) < 0) lo = m;
    else hi = m;
  }
  assert.ok(rel(getY(0, 2, x, bal, A, D), (lo + hi) / 2) < 1e-12);
});

test.run();
