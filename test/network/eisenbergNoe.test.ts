import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { clearingVector, clearingVectorByIteration, clearNetwork } from '../../src/network/eisenbergNoe.js';
import { buildExposureNetwork } from '../../src/network/exposures.js';

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** n×n liability matrix from (debtor, creditor, amount) triples. */
function liabilities(n: number, entries: [number, number, number][]): Float64Array {
  const l = new Float64Array(n * n);
  for (const [i, j, x] of entries) l[i * n + j] = x;
  return l;
}

// Hand-worked with the fictitious default algorithm of Eisenberg & Noe (2001), section 3.
// Banks A=0, B=1, C=2. A owes B 10, B owes C 10, C owes A 4; external assets e = (2, 3, 1).
//  Round 1, everybody pays in full: A has 2 + 4 = 6 < 10 → defaults; B has 3 + 10 = 13 ≥ 10;
//  C has 1 + 10 = 11 ≥ 4. D1 = {A}.
//  Round 2: A pays what it has, p_A = 2 + p_C = 2 + 4 = 6; then B has 3 + 6 = 9 < 10 → D2 = {A, B}.
//  Round 3: p_A = 2 + 4 = 6, p_B = 3 + p_A = 9; C has 1 + 9 = 10 ≥ 4: D3 = D2, stop.
//  p = (6, 9, 4); equity = (0, 0, 1 + 9 − 4 = 6); shortfalls (4, 1, 0): B loses 4, C loses 1.
//  B is a contagion default (round 2), A a fundamental one (round 1).
test('3-bank chain, hand-worked: contagion in round 2, p = (6, 9, 4)', () => {
  const L = liabilities(3, [
    [0, 1, 10],
    [1, 2, 10],
    [2, 0, 4],
  ]);
  const r = clearingVector(L, [2, 3, 1]);
  assert.equal(Array.from(r.payments), [6, 9, 4]);
  assert.equal(r.sequence, [[0], [0, 1]]);
  assert.equal(r.defaultSet, [0, 1]);
  assert.equal(Array.from(r.equity), [0, 0, 6]);
  assert.equal(Array.from(r.shortfall), [4, 1, 0]);
  assert.equal(Array.from(r.creditorLoss), [0, 4, 1]);
  assert.is(r.totalShortfall, 5);
  // the same system as holdings: B holds 10 of A's issue, C 10 of B's, A 4 of C's
  const net = buildExposureNetwork({
    protocols: ['A', 'B', 'C'].map((id) => ({ id, equity: 1 })),
    holdings: [
      { holder: 'B', issuer: 'A', value: 10 },
      { holder: 'C', issuer: 'B', value: 10 },
      { holder: 'A', issuer: 'C', value: 4 },
    ],
  });
  assert.equal(Array.from(clearNetwork(net, [2, 3, 1]).payments), [6, 9, 4]);
});

// Defaulters that owe each other: the round needs the linear solve.
// A owes B 8; B owes A 4 and C 4 (Π_BA = Π_BC = 1/2); C owes nothing; e = (1, 1, 10).
//  Round 1: A has 1 + 4 = 5 < 8 → D1 = {A}; B has 1 + 8 = 9 ≥ 8.
//  Round 2: p_A = 1 + 4 = 5; B has 1 + 5 = 6 < 8 → D2 = {A, B}.
//  Round 3: p_A = 1 + p_B / 2, p_B = 1 + p_A ⇒ p_A = 1.5 + p_A / 2 ⇒ p_A = 3, p_B = 4; C receives 2.
//  p = (3, 4, 0); equity (0, 0, 12) and Σ equity = Σ e = 12.
test('3 banks with a cycle of defaulters, hand-worked: p = (3, 4, 0)', () => {
  const L = liabilities(3, [
    [0, 1, 8],
    [1, 0, 4],
    [1, 2, 4],
  ]);
  const r = clearingVector(L, [1, 1, 10]);
  assert.ok(close(r.payments[0], 3));
  assert.ok(close(r.payments[1], 4));
  assert.is(r.payments[2], 0);
  assert.equal(r.sequence, [[0], [0, 1]]);
  assert.ok(close(r.equity[2], 12));
  assert.ok(close(r.received[2], 2));
  const fp = clearingVectorByIteration(L, [1, 1, 10]);
  assert.ok(close(fp.payments[0], 3, 1e-11) && close(fp.payments[1], 4, 1e-11));
});

// A owes B 1; B owes A 0.999999 and C 0.000001; nobody has external cash.
//  Round 1: A receives 0.999999 < 1 → D1 = {A}; B receives 1 = 1 → pays in full.
//  Round 2: p_A = 0.999999 p̄_B = 0.999999; B now has 0.999999 < 1 → D2 = {A, B}.
//  Round 3: p_A = 0.999999 p_B and p_B = p_A ⇒ 0.000001 p_A = 0 ⇒ p = 0: the only clearing vector.
//  The fixed-point iteration would crawl there at a rate of 1 − 1e-6 a sweep.
test('a cashless cycle that leaks 1e-6 collapses to zero payments, found exactly in 3 rounds', () => {
  const L = liabilities(3, [
    [0, 1, 1],
    [1, 0, 0.999999],
    [1, 2, 0.000001],
  ]);
  const r = clearingVector(L, [0, 0, 0]);
  assert.equal(Array.from(r.payments), [0, 0, 0]);
  assert.equal(r.sequence, [[0], [0, 1]]);
  assert.is(r.method, 'fictitious-default');
});

// Published network: Glasserman & Young (2015), "How likely is contagion in financial networks?",
// J. Banking & Finance 50, 383–399, Fig. 1 with y = 0 (no ring among the periphery). A centre
// (node 2) with outside assets c = 150 owes 10 to each of four peripheral nodes and 100 to the
// outside; each peripheral node has c = 50 and owes 55 to the outside. Net worths are
// w = (5, 5, 10, 5, 5) and total liabilities p̄ = (55, 55, 140, 55, 55).
// The example's shock of 94 to the centre's outside assets, with its totals: payment shortfall 88
// and total loss (shock + shortfall) 182 in the network, against 178 when the links are cut
// (each node then loses its shock plus max(0, shock − w)), as in public replication code of this
// example. By hand:
//  centre has 150 − 94 = 56 < 140 → pays 56, i.e. 40 % of each claim, 4 to each peripheral node;
//  each peripheral node then has 50 + 4 = 54 < 55 → pays 54, short by 1.
//  Shortfall 84 + 4·1 = 88; loss 94 + 88 = 182; cut links: 94 + (94 − 10) = 178.
// The outside sector is node 5, a creditor that owes nothing.
test('Glasserman & Young (2015) Fig. 1 network: a shock of 94 to the centre costs 182, not 178', () => {
  const [centre, outside] = [2, 5];
  const periphery = [0, 1, 3, 4];
  const L = liabilities(6, [
    ...periphery.map((k): [number, number, number] => [centre, k, 10]),
    [centre, outside, 100],
    ...periphery.map((k): [number, number, number] => [k, outside, 55]),
  ]);
  const outsideAssets = [50, 50, 150, 50, 50, 0];
  // the balance sheets of the figure: without a shock everybody pays and keeps its net worth
  const calm = clearingVector(L, outsideAssets);
  assert.equal(calm.defaultSet, []);
  assert.equal(Array.from(calm.equity).slice(0, 5), [5, 5, 10, 5, 5]);
  const shock = [0, 0, 94, 0, 0, 0];
  const r = clearingVector(
    L,
    outsideAssets.map((c, i) => c - shock[i]),
  );
  assert.equal(Array.from(r.obligations), [55, 55, 140, 55, 55, 0]);
  assert.ok(close(r.payments[centre], 56));
  for (const k of periphery) {
    assert.ok(close(r.received[k], 4));
    assert.ok(close(r.payments[k], 54));
  }
  // the centre fails on its own shock; the periphery fails only through the network
  assert.equal(r.sequence, [[centre], [0, 1, 2, 3, 4]]);
  assert.ok(close(r.totalShortfall, 88));
  const totalShock = shock.reduce((a, b) => a + b, 0);
  assert.ok(close(totalShock + r.totalShortfall, 182));
  // links cut: each interbank claim becomes an outside asset of the same value, each interbank
  // debt an outside debt; the same shock then costs only the centre's own shortfall
  const cut = liabilities(6, [[centre, outside, 140], ...periphery.map((k): [number, number, number] => [k, outside, 55])]);
  const alone = clearingVector(
    cut,
    outsideAssets.map((c, i) => (periphery.includes(i) ? c + 10 : c) - shock[i]),
  );
  assert.equal(alone.defaultSet, [centre]);
  assert.ok(close(totalShock + alone.totalShortfall, 178));
  // a shock the centre's net worth absorbs (≤ 10) leaves everybody paying in full
  const mild = clearingVector(
    L,
    outsideAssets.map((c, i) => (i === centre ? c - 10 : c)),
  );
  assert.equal(mild.defaultSet, []);
});

test('no defaults: everybody pays in full and the sequence is empty', () => {
  const L = liabilities(2, [
    [0, 1, 5],
    [1, 0, 5],
  ]);
  // pure offsetting claims with no cash: the greatest clearing vector pays in full (EN Theorem 2)
  const r = clearingVector(L, [0, 0]);
  assert.equal(Array.from(r.payments), [5, 5]);
  assert.equal(r.sequence, []);
  assert.equal(r.defaultSet, []);
});

const network = fc.integer({ min: 2, max: 7 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    // non-zero liabilities of at least 0.1 keep every cycle of defaulters leaking ≥ 0.1 / 60 of
    // its payments, so the fixed-point check converges in a few thousand sweeps
    L: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.1, max: 10, noNaN: true })), {
      minLength: n * n,
      maxLength: n * n,
    }),
    e: fc.array(fc.double({ min: 0, max: 8, noNaN: true }), { minLength: n, maxLength: n }),
    bump: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

test('properties on random networks: clearing condition, bounds, conservation, agreement', () => {
  fc.assert(
    fc.property(network, ({ n, L, e }) => {
      const liab = Float64Array.from(L);
      for (let i = 0; i < n; i++) liab[i * n + i] = 0;
      const r = clearingVector(liab, e);
      const fp = clearingVectorByIteration(liab, e);
      let sumP = 0;
      let sumPbar = 0;
      let sumEquity = 0;
      let sumE = 0;
      let sumCredLoss = 0;
      for (let i = 0; i < n; i++) {
        const p = r.payments[i];
        const pbar = r.obligations[i];
        // 0 ≤ p ≤ p̄ (limited liability, no overpayment)
        if (p < -1e-12 || p > pbar + 1e-12) return false;
        // clearing condition p = min(p̄, e + Πᵀ p)
        if (Math.abs(p - Math.min(pbar, e[i] + r.received[i])) > 1e-9 * Math.max(1, pbar)) return false;
        // absolute priority: a defaulter keeps nothing
        if (r.defaulted[i] && r.equity[i] > 1e-9) return false;
        // the independent fixed-point iteration reaches the same greatest clearing vector
        if (Math.abs(p - fp.payments[i]) > 1e-8 * Math.max(1, pbar)) return false;
        sumP += p;
        sumPbar += pbar;
        sumEquity += r.equity[i];
        sumE += e[i];
        sumCredLoss += r.creditorLoss[i];
      }
      // conservation: Σ p + Σ shortfall = Σ p̄; Σ creditor losses = Σ shortfalls; and since every
      // payment is somebody's receipt, total equity = total external assets
      const tol = 1e-9 * Math.max(1, sumPbar);
      if (Math.abs(sumP + r.totalShortfall - sumPbar) > tol) return false;
      if (Math.abs(sumCredLoss - r.totalShortfall) > tol) return false;
      if (Math.abs(sumEquity - sumE) > tol) return false;
      // the fictitious default sequence is nested and ends at the default set
      for (let k = 1; k < r.sequence.length; k++) if (!r.sequence[k - 1].every((i) => r.sequence[k].includes(i))) return false;
      const last = r.sequence.at(-1) ?? [];
      return last.length === r.defaultSet.length && last.every((i, k) => i === r.defaultSet[k]);
    }),
    { numRuns: 400, seed: 2001 },
  );
});

test('property: payments are monotone in external assets (EN Lemma: more cash never pays less)', () => {
  fc.assert(
    fc.property(network, ({ n, L, e, bump }) => {
      const liab = Float64Array.from(L);
      for (let i = 0; i < n; i++) liab[i * n + i] = 0;
      const lo = clearingVector(liab, e);
      const hi = clearingVector(
        liab,
        e.map((x, i) => x + bump[i]),
      );
      for (let i = 0; i < n; i++) if (hi.payments[i] < lo.payments[i] - 1e-9) return false;
      return hi.defaultSet.every((i) => lo.defaultSet.includes(i));
    }),
    { numRuns: 300, seed: 11 },
  );
});

test('bad inputs are refused', () => {
  assert.throws(() => clearingVector(new Float64Array(3), [0]), /square/);
  assert.throws(() => clearingVector(new Float64Array(4), [0]), /one entry per node/);
  assert.throws(() => clearingVector(new Float64Array(4), [0, -1]), /external/);
});

test.run();
