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
  const L = liabilities(6, [...periphery.map((k): [number, number, number] => [centre, k, 10]), [centre, outside, 100], ...periphery.map((k): [number, number, number] => [k, outside, 55])]);
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

// ---- creditors outside the network, and Rogers–Veraart default costs ---------------------------

test('Glasserman & Young (2015) Fig. 1 with the outside creditors as an argument, not a sink node', () => {
  // the same network as above, nodes 0–4 only: the centre owes 100 outside, each peripheral node 55
  const [centre, periphery] = [2, [0, 1, 3, 4]];
  const L = liabilities(
    5,
    periphery.map((k): [number, number, number] => [centre, k, 10]),
  );
  const outside = [55, 55, 100, 55, 55];
  const r = clearingVector(L, [50, 50, 150 - 94, 50, 50], { outsideLiabilities: outside });
  assert.equal(Array.from(r.obligations), [55, 55, 140, 55, 55]);
  assert.equal(Array.from(r.outsideLiabilities), outside);
  assert.ok(close(r.payments[centre], 56));
  for (const k of periphery) assert.ok(close(r.payments[k], 54) && close(r.received[k], 4));
  assert.equal(r.sequence, [[centre], [0, 1, 2, 3, 4]]);
  assert.ok(close(r.totalShortfall, 88));
  // the outside creditors get 100/140 of the centre's 56 (= 40) and 54 from each peripheral node
  assert.ok(close(r.paidOutside[centre], 40));
  for (const k of periphery) assert.ok(close(r.paidOutside[k], 54));
  // they lose 60 + 4·1 = 64 of the 88; the periphery loses the other 24 (6 each)
  assert.ok(close(r.outsideLoss, 64));
  for (const k of periphery) assert.ok(close(r.creditorLoss[k], 6));
  assert.ok(close(94 + r.totalShortfall, 182));
  assert.is(r.totalDefaultCost, 0);
});

/*
 * Published example with outside creditors and default costs: the example of `default_clearing`
 * in the R package systemicrisk (A. Gandy & L. A. M. Veraart; CRAN, version 0.4), whose
 * documentation cites Eisenberg & Noe (2001) and Rogers & Veraart (2013, Management Science 59(4),
 * 882–898, Greatest Clearing Vector Algorithm, Definition 3.6); its printed output as published
 * on rdrr.io ("Example output", systemicrisk documentation built on May 2, 2019):
 *   ea = (1/2, 5/8, 3/4), el = (3/2, 1/2, 1/2), x = 0.5,
 *   L = matrix(c(0,x,1-x, 1-x,0,x, x,1-x,0), nrow = 3): every bank owes 0.5 to each other bank.
 *   default_clearing(L, ea, el):                      defaults 1 1 0, p = 1.473214 1.419643 1.500000
 *   default_clearing(L, ea, el, alpha=0.5, beta=0.7): defaults 1 1 1, p = 0.5020200 0.5147049 0.5653806
 * By hand: p̄ = (2.5, 1.5, 1.5); Π_1· = 0.2 to each other bank (0.6 outside), Π_2· = Π_3· = 1/3.
 *  Without costs (Eisenberg–Noe): at p = p̄ bank 1 has 0.5 + 0.5 + 0.5 = 1.5 < 2.5, banks 2 and 3
 *  1.625 and 1.75: D1 = {1}. Then p1 = 0.5 + (1.5 + 1.5)/3 = 1.5 and bank 2 has
 *  0.625 + 0.3 + 0.5 = 1.425 < 1.5: D2 = {1, 2}. Solve p1 = 0.5 + p2/3 + 0.5, p2 = 0.625 + 0.2 p1 + 0.5:
 *  p1 = 1.375·15/14 = 1.4732143, p2 = 1.125 + 0.2 p1 = 1.4196429; bank 3 has
 *  0.75 + 0.2946429 + 0.4732143 = 1.5178571 ≥ 1.5 and pays in full.
 *  With α = 0.5, β = 0.7 (Rogers–Veraart): D1 = {1} as before; p1 = 0.5·0.5 + 0.7·1 = 0.95; then bank 2
 *  has 0.625 + 0.19 + 0.5 = 1.315 < 1.5 and bank 3 0.75 + 0.19 + 0.5 = 1.44 < 1.5: D2 = {1, 2, 3}, and
 *  p_i = α ea_i + β Σ_j Π_ji p_j for all three: p1 = 0.25 + 0.7(p2 + p3)/3 = 0.25 + 0.7·0.3600285
 *  = 0.5020200 with the printed p2, p3 (and likewise for the others).
 */
const SYSTEMICRISK = {
  L: liabilities(3, [
    [0, 1, 0.5],
    [0, 2, 0.5],
    [1, 0, 0.5],
    [1, 2, 0.5],
    [2, 0, 0.5],
    [2, 1, 0.5],
  ]),
  ea: [1 / 2, 5 / 8, 3 / 4],
  el: [3 / 2, 1 / 2, 1 / 2],
};

test('systemicrisk default_clearing example, no default costs: defaults 1 1 0, p = 1.473214 1.419643 1.5', () => {
  const r = clearingVector(SYSTEMICRISK.L, SYSTEMICRISK.ea, { outsideLiabilities: SYSTEMICRISK.el });
  assert.equal(Array.from(r.defaulted), [1, 1, 0]);
  // printed to 7 significant figures
  [1.473214, 1.419643, 1.5].forEach((x, i) => assert.ok(Math.abs(r.payments[i] - x) <= 5e-7, `p${i + 1} ${r.payments[i]}`));
  // exact: 1.375·15/14 and 1.125 + 0.2·that
  assert.ok(close(r.payments[0], (1.375 * 15) / 14));
  assert.ok(close(r.payments[1], 1.125 + (0.2 * 1.375 * 15) / 14));
  // and α = β = 1 spelt out is the same computation
  const same = clearingVector(SYSTEMICRISK.L, SYSTEMICRISK.ea, { outsideLiabilities: SYSTEMICRISK.el, alpha: 1, beta: 1 });
  assert.equal(Array.from(same.payments), Array.from(r.payments));
});

test('systemicrisk default_clearing example, Rogers–Veraart α = 0.5, β = 0.7: all default, p = 0.5020200 0.5147049 0.5653806', () => {
  const r = clearingVector(SYSTEMICRISK.L, SYSTEMICRISK.ea, { outsideLiabilities: SYSTEMICRISK.el, alpha: 0.5, beta: 0.7 });
  assert.equal(Array.from(r.defaulted), [1, 1, 1]);
  [0.50202, 0.5147049, 0.5653806].forEach((x, i) => assert.ok(Math.abs(r.payments[i] - x) <= 5e-8, `p${i + 1} ${r.payments[i]}`));
  assert.equal(r.sequence, [[0], [0, 1, 2]]);
  // every defaulter pays α·ea + β·received and keeps nothing; the rest is lost to default costs
  for (let i = 0; i < 3; i++) {
    assert.ok(close(r.payments[i], 0.5 * SYSTEMICRISK.ea[i] + 0.7 * r.received[i]));
    assert.ok(r.equity[i] <= 1e-12);
    assert.ok(close(r.defaultCost[i], 0.5 * SYSTEMICRISK.ea[i] + 0.3 * r.received[i]));
  }
  // the independent fixed-point iteration of the same clearing function finds the same vector
  const fp = clearingVectorByIteration(SYSTEMICRISK.L, SYSTEMICRISK.ea, { outsideLiabilities: SYSTEMICRISK.el, alpha: 0.5, beta: 0.7 });
  for (let i = 0; i < 3; i++) assert.ok(close(fp.payments[i], r.payments[i], 1e-12));
});

// Default costs turn a loss into a default, hand-worked. A owes B 10; B owes 12 outside;
// e = (9, 5); α = β = 0.5.
//  Eisenberg–Noe: A pays 9; B has 5 + 9 = 14 ≥ 12, pays in full and keeps 2.
//  Rogers–Veraart: A defaults and pays α·9 = 4.5; B then has 5 + 4.5 = 9.5 < 12: it defaults too,
//  paying α·5 + β·4.5 = 4.75. Default costs: A 9 − 4.5 = 4.5; B 5 + 4.5 − 4.75 = 4.75.
//  Conservation: Σ e = 14 = equity 0 + costs 9.25 + paid outside 4.75.
test('hand-worked: default costs make a solvent creditor fail (Rogers–Veraart, α = β = 0.5)', () => {
  const L = liabilities(2, [[0, 1, 10]]);
  const en = clearingVector(L, [9, 5], { outsideLiabilities: [0, 12] });
  assert.equal(Array.from(en.payments), [9, 12]);
  assert.equal(Array.from(en.equity), [0, 2]);
  const rv = clearingVector(L, [9, 5], { outsideLiabilities: [0, 12], alpha: 0.5, beta: 0.5 });
  assert.equal(Array.from(rv.payments), [4.5, 4.75]);
  assert.equal(rv.sequence, [[0], [0, 1]]);
  assert.equal(Array.from(rv.defaultCost), [4.5, 4.75]);
  assert.is(rv.totalDefaultCost, 9.25);
  assert.equal(Array.from(rv.equity), [0, 0]);
  assert.equal(Array.from(rv.paidOutside), [0, 4.75]);
  assert.is(rv.outsideLoss, 12 - 4.75);
});

// A cycle of defaulters with costs, hand-worked: the network of the cycle test above (A owes B 8;
// B owes A 4 and C 4; e = (1, 1, 10)) with α = 0.5, β = 0.8.
//  Round 1: A has 1 + 4 = 5 < 8: D1 = {A}; p_A = 0.5·1 + 0.8·4 = 3.7.
//  Round 2: B has 1 + 3.7 = 4.7 < 8: D2 = {A, B}; p_A = 0.5 + 0.8·p_B/2, p_B = 0.5 + 0.8·p_A
//  ⇒ p_A = 0.7 + 0.32 p_A ⇒ p_A = 0.7/0.68 = 35/34, p_B = 0.5 + 28/34 = 45/34; C receives 45/68.
//  Costs: A 1 + 45/68 − 70/68 = 43/68; B 1 + 35/34 − 45/34 = 48/68; C keeps 10 + 45/68.
//  Σ = 10 + 45/68 + 91/68 = 12 = Σ e.
test('hand-worked: a cycle of defaulters with default costs solves (I − βΠᵀ) p = α e + …', () => {
  const L = liabilities(3, [
    [0, 1, 8],
    [1, 0, 4],
    [1, 2, 4],
  ]);
  const r = clearingVector(L, [1, 1, 10], { alpha: 0.5, beta: 0.8 });
  assert.ok(close(r.payments[0], 35 / 34));
  assert.ok(close(r.payments[1], 45 / 34));
  assert.equal(r.sequence, [[0], [0, 1]]);
  assert.ok(close(r.defaultCost[0], 43 / 68));
  assert.ok(close(r.defaultCost[1], 48 / 68));
  assert.ok(close(r.equity[2], 10 + 45 / 68));
  assert.ok(close(r.totalDefaultCost, 91 / 68));
});

/** The same system with the outside creditors as a sink node n that owes nothing and has nothing. */
function withSink(n: number, L: Float64Array, e: number[], outside: number[]): { L: Float64Array; e: number[] } {
  const m = n + 1;
  const out = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * m + j] = L[i * n + j];
    out[i * m + n] = outside[i];
  }
  return { L: out, e: [...e, 0] };
}

test('property: outside liabilities as an argument give exactly the sink-node clearing', () => {
  fc.assert(
    fc.property(network, ({ n, L, e, bump }) => {
      const liab = Float64Array.from(L);
      for (let i = 0; i < n; i++) liab[i * n + i] = 0;
      const outside = bump.map((b) => 2 * b);
      const r = clearingVector(liab, e, { outsideLiabilities: outside });
      const s = withSink(n, liab, e, outside);
      const sink = clearingVector(s.L, s.e);
      for (let i = 0; i < n; i++) {
        if (r.payments[i] !== sink.payments[i] || r.equity[i] !== sink.equity[i] || r.defaulted[i] !== sink.defaulted[i]) return false;
        if (r.creditorLoss[i] !== sink.creditorLoss[i]) return false;
      }
      // what the sink receives is what the outside creditors are paid; its loss theirs
      const paid = r.paidOutside.reduce((a, b) => a + b, 0);
      if (Math.abs(paid - sink.received[n]) > 1e-12 * Math.max(1, paid)) return false;
      return Math.abs(r.outsideLoss - sink.creditorLoss[n]) <= 1e-12 * Math.max(1, r.outsideLoss);
    }),
    { numRuns: 300, seed: 5 },
  );
});

const costs = fc.record({ alpha: fc.double({ min: 0, max: 1, noNaN: true }), beta: fc.double({ min: 0, max: 0.999, noNaN: true }) });

test('property: Rogers–Veraart clearing is a fixed point of its clearing function, conserves value, equals the iteration from p̄', () => {
  fc.assert(
    fc.property(network, costs, ({ n, L, e, bump }, { alpha, beta }) => {
      const liab = Float64Array.from(L);
      for (let i = 0; i < n; i++) liab[i * n + i] = 0;
      const outsideLiabilities = bump;
      const opts = { outsideLiabilities, alpha, beta };
      const r = clearingVector(liab, e, opts);
      const fp = clearingVectorByIteration(liab, e, opts);
      let sumE = 0;
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const pbar = r.obligations[i];
        const have = e[i] + r.received[i];
        const tol = 1e-9 * Math.max(1, pbar);
        // Φ_i(p) = p̄_i when i can pay in full, α e_i + β (Πᵀp)_i when it cannot (Rogers & Veraart 2013)
        if (r.defaulted[i]) {
          if (!(have < pbar) || Math.abs(r.payments[i] - (alpha * e[i] + beta * r.received[i])) > tol || r.equity[i] > tol) return false;
        } else if (have < pbar - tol || r.payments[i] !== pbar) return false;
        if (Math.abs(r.payments[i] - fp.payments[i]) > 1e-8 * Math.max(1, pbar)) return false;
        sumE += e[i];
        kept += r.equity[i] + r.defaultCost[i] + r.paidOutside[i];
      }
      // every unit of outside assets ends as some node's equity, a default cost, or a payment out
      return Math.abs(kept - sumE) <= 1e-9 * Math.max(1, sumE);
    }),
    { numRuns: 300, seed: 2013 },
  );
});

test('property: α = β = 1 is Eisenberg–Noe exactly; lower α or β never raises a payment', () => {
  fc.assert(
    fc.property(network, costs, ({ n, L, e, bump }, { alpha, beta }) => {
      const liab = Float64Array.from(L);
      for (let i = 0; i < n; i++) liab[i * n + i] = 0;
      const en = clearingVector(liab, e, { outsideLiabilities: bump });
      const one = clearingVector(liab, e, { outsideLiabilities: bump, alpha: 1, beta: 1 });
      if (Array.from(one.payments).some((p, i) => p !== en.payments[i]) || one.totalDefaultCost !== 0) return false;
      const rv = clearingVector(liab, e, { outsideLiabilities: bump, alpha, beta });
      for (let i = 0; i < n; i++) if (rv.payments[i] > en.payments[i] + 1e-9 * Math.max(1, en.obligations[i])) return false;
      // every Eisenberg–Noe defaulter still defaults with costs
      return en.defaultSet.every((i) => rv.defaulted[i] === 1);
    }),
    { numRuns: 300, seed: 882 },
  );
});

test('bad outside liabilities and default costs are refused', () => {
  const L = new Float64Array(4);
  assert.throws(() => clearingVector(L, [0, 0], { outsideLiabilities: [1] }), /outside liabilities must have one entry per node/);
  assert.throws(() => clearingVector(L, [0, 0], { outsideLiabilities: [1, -1] }), /outside liabilities of node 1/);
  assert.throws(() => clearingVector(L, [0, 0], { alpha: 1.2 }), /alpha must be in \[0, 1\]/);
  assert.throws(() => clearingVector(L, [0, 0], { beta: Number.NaN }), /beta must be in \[0, 1\]/);
});

test.run();
