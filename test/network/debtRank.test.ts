import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { debtRank, debtRankOfEach, debtRankOfNetwork, debtRankOfSet, equityShares, impactMatrix, INACTIVE, investmentShares, leverageMatrix, linearDebtRank } from '../../src/network/debtRank.js';
import { buildExposureNetwork } from '../../src/network/exposures.js';

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

// Battiston et al. (2012) give no small numeric example, so this one is hand-worked from the
// paper's definitions (Sci. Rep. 2:541, "Methods"):
//   B holds 40 of A's liabilities, C holds 30 of B's and 10 of A's; equity E = (50, 80, 60);
//   relative values v = (0.5, 0.3, 0.2).
//   W_AB = min(1, 40/80) = 0.5, W_BC = 30/60 = 0.5, W_AC = 10/60 = 1/6, all others 0.
//   A defaults (ψ = 1):
//   t=1: h = (1, 0, 0), s = (D, U, U)
//   t=2: h_B = 0.5·1 = 0.5, h_C = (1/6)·1 = 1/6; s = (I, D, D)
//   t=3: h_C = 1/6 + W_BC·h_B(2) = 1/6 + 0.25 = 5/12; s = (I, I, I): stop.
//   R = Σ h(T) v − Σ h(1) v = (0.5 + 0.15 + 0.2·5/12) − 0.5 = 0.15 + 1/12 = 0.23333…
//   Systemic loss Σ h(T) v = 0.73333…
const net = buildExposureNetwork({
  protocols: [
    { id: 'A', equity: 50 },
    { id: 'B', equity: 80 },
    { id: 'C', equity: 60 },
  ],
  holdings: [
    { holder: 'B', issuer: 'A', value: 40 },
    { holder: 'C', issuer: 'B', value: 30 },
    { holder: 'C', issuer: 'A', value: 10 },
  ],
});
const v = [0.5, 0.3, 0.2];

test('impact matrix: W_ij = min(1, exposure of j to i / E_j)', () => {
  const w = impactMatrix(net.exposure, net.equity);
  assert.equal(Array.from(w), [0, 0.5, 10 / 60, 0, 0, 0.5, 0, 0, 0]);
});

test('3-node example hand-worked from the definitions of Battiston et al. (2012)', () => {
  const w = impactMatrix(net.exposure, net.equity);
  const r = debtRankOfSet(w, v, [0]);
  assert.ok(close(r.h[0], 1));
  assert.ok(close(r.h[1], 0.5));
  assert.ok(close(r.h[2], 5 / 12));
  assert.ok(close(r.debtRank, 0.15 + 1 / 12));
  assert.ok(close(r.systemicLoss, 0.65 + 1 / 12));
  assert.ok(close(r.initialLoss, 0.5));
  assert.is(r.rounds, 2);
  assert.equal(Array.from(r.state), [INACTIVE, INACTIVE, INACTIVE]);
  // each node alone: R_A as above; B in default hits C by W_BC = 0.5 → R_B = 0.2·0.5 = 0.1;
  // nobody holds C's liabilities → R_C = 0
  const each = debtRankOfEach(w, v);
  assert.ok(close(each[0], 0.15 + 1 / 12));
  assert.ok(close(each[1], 0.1));
  assert.is(each[2], 0);
  // the network wrapper gives the same with explicit values
  assert.ok(close(debtRankOfNetwork(net, [1, 0, 0], v).debtRank, 0.15 + 1 / 12));
});

// Two nodes holding 50 of each other with equity 100: W = Λ = [[0, 0.5], [0.5, 0]]. A starts
// with distress ψ = 0.5.
//  Original DebtRank: t=2: h_B = 0.5·0.5 = 0.25, A → I; t=3: h_A = 0.5 + 0.5·0.25 = 0.625 but A is
//  inactive and forwards nothing more; B → I. Final (0.625, 0.25).
//  Linear DebtRank (Bardoscia et al. 2015): increments keep circulating: h = (I − Λ)^{-1} h(1)
//  = (1/(1 − 0.25)) [[1, 0.5], [0.5, 1]] (0.5, 0) = (2/3, 1/3).
const cycle = buildExposureNetwork({
  protocols: [
    { id: 'A', equity: 100 },
    { id: 'B', equity: 100 },
  ],
  holdings: [
    { holder: 'A', issuer: 'B', value: 50 },
    { holder: 'B', issuer: 'A', value: 50 },
  ],
});

test('cycle: original DebtRank stops after one pass, linear DebtRank sums the geometric series', () => {
  const w = impactMatrix(cycle.exposure, cycle.equity);
  const values = equityShares(cycle.equity);
  assert.equal(Array.from(values), [0.5, 0.5]);
  const orig = debtRank(w, values, [0.5, 0]);
  assert.ok(close(orig.h[0], 0.625));
  assert.ok(close(orig.h[1], 0.25));
  const lin = linearDebtRank(leverageMatrix(cycle.exposure, cycle.equity), values, [0.5, 0]);
  assert.ok(lin.converged);
  assert.ok(close(lin.h[0], 2 / 3, 1e-12));
  assert.ok(close(lin.h[1], 1 / 3, 1e-12));
  // the underestimation Bardoscia et al. point out: 0.4375 < 0.5
  assert.ok(orig.systemicLoss < lin.systemicLoss);
  assert.ok(close(lin.systemicLoss, 0.5));
});

test('exposure beyond equity caps the impact at 1 and a default propagates in full', () => {
  const chain = buildExposureNetwork({
    protocols: [
      { id: 'X', equity: 10 },
      { id: 'Y', equity: 10 },
      { id: 'Z', equity: 0 },
    ],
    holdings: [
      { holder: 'Y', issuer: 'X', value: 25 },
      { holder: 'Z', issuer: 'Y', value: 1 },
    ],
  });
  const w = impactMatrix(chain.exposure, chain.equity);
  // W_XY = min(1, 25/10) = 1; Z has no equity: any exposure hits it fully
  assert.is(w[0 * 3 + 1], 1);
  assert.is(w[1 * 3 + 2], 1);
  const r = debtRankOfSet(w, [1 / 3, 1 / 3, 1 / 3], [0]);
  assert.equal(Array.from(r.h), [1, 1, 1]);
});

/** Independent reference for the uncapped linear case: solve (I − Λ) h = h1 by Gauss–Jordan. */
function solveIminus(lambda: number[][], h1: number[]): number[] {
  const n = h1.length;
  const a = lambda.map((row, i) => [...row.map((x, j) => (i === j ? 1 : 0) - x), h1[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k <= n; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

const smallNetwork = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    equity: fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
    exposure: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
    shock: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
  }),
);

test('property: linear DebtRank with no cap reached equals (I − Λ)^{-1} h(1)', () => {
  fc.assert(
    fc.property(smallNetwork, ({ n, equity, exposure, shock }) => {
      // scale exposures so each row of Λ sums to ≤ 0.5 (spectral radius ≤ 0.5) and shocks small
      // enough that h stays below 1 (‖h‖∞ ≤ 0.1 / (1 − 0.5) = 0.2)
      const ex = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        let row = 0;
        for (let j = 0; j < n; j++) if (i !== j) row += exposure[i * n + j];
        for (let j = 0; j < n; j++) if (i !== j && row > 0) ex[i * n + j] = (exposure[i * n + j] / row) * 0.5 * equity[i];
      }
      const h1 = shock.map((s) => 0.1 * s);
      const lambda = leverageMatrix(ex, equity);
      const lin = linearDebtRank(lambda, equityShares(equity), h1);
      const rows = Array.from({ length: n }, (_, i) => Array.from(lambda.subarray(i * n, i * n + n)));
      const ref = solveIminus(rows, h1);
      for (let i = 0; i < n; i++) if (Math.abs(lin.h[i] - ref[i]) > 1e-10) return false;
      return lin.converged;
    }),
    { numRuns: 200, seed: 42 },
  );
});

test('property: original DebtRank never exceeds linear DebtRank; both stay in [0, 1]', () => {
  fc.assert(
    fc.property(smallNetwork, ({ n, equity, exposure, shock }) => {
      const ex = new Float64Array(n * n);
      for (let k = 0; k < n * n; k++) ex[k] = exposure[k] * 40;
      const values = equityShares(equity);
      const orig = debtRank(impactMatrix(ex, equity), values, shock);
      const lin = linearDebtRank(leverageMatrix(ex, equity), values, shock, { maxRounds: 20_000 });
      for (let i = 0; i < n; i++) {
        if (orig.h[i] < shock[i] - 1e-15 || orig.h[i] > 1 || lin.h[i] > 1) return false;
        if (orig.h[i] > lin.h[i] + 1e-9) return false;
      }
      return orig.debtRank >= -1e-15;
    }),
    { numRuns: 300, seed: 7 },
  );
});

/*
 * Published example. Network: S. Battiston, M. Puliga, R. Kaushik, P. Tasca & G. Caldarelli
 * (2012), "DebtRank: Too Central to Fail? Financial Networks, the FED and Systemic Risk",
 * Scientific Reports 2:541, Supplementary Information, Figure 5 (an 8-node toy network).
 * Printed numbers: V. Voutilainen, "An example of the DebtRank algorithm" (Quarto notebook,
 * github.com/vvoutilainen/vvoutilainen.github.io, assets/notebooks/debtrank_example.html,
 * commit a3a1e69cc97f55eca3410d81c38fa208c3a699ed, 1 January 2025), a public reproduction of that
 * figure (a secondary source: the Supplementary Information itself was not read).
 *
 * Holdings "holder → issuer: value" (distress flows from issuer to holder):
 * 2→1 4, 3→1 6, 4→1 3, 5→2 3, 2→5 2, 7→5 5, 6→4 2, 8→6 7, 5→6 2.
 * Equity (nodes 1–8) 14, 6, 56, 8, 15, 9, 90, 50. Relative value v: each node's share of all the
 * investments made (34 in total), 0, 6/34, 6/34, 3/34, 5/34, 2/34, 5/34, 7/34 (printed as
 * 0, 0.176471, 0.176471, 0.088235, 0.147059, 0.058824, 0.147059, 0.205882).
 * Node 1 defaults (ψ = 1); the original DebtRank with states U, D, I.
 * Printed outputs:
 *   (a) every impact W = 0.5 (the figure's case): h = 1, 0.625, 0.5, 0.5, 0.375, 0.25, 0.125, 0.125;
 *       R = 0.357
 *   (b) W_ij = min(1, A_ji / E_j): h = 1, 0.711111, 0.107143, 0.375, 0.144444, 0.083333, 0.007407,
 *       0.011667; R = 0.207
 * R = Σ h_j v_j over the nodes other than node 1 (whose v is 0, so R is also Σ h(T)v − Σ h(1)v).
 */
const battiston = buildExposureNetwork({
  protocols: [14, 6, 56, 8, 15, 9, 90, 50].map((equity, i) => ({ id: String(i + 1), equity })),
  holdings: (
    [
      [2, 1, 4],
      [3, 1, 6],
      [4, 1, 3],
      [5, 2, 3],
      [2, 5, 2],
      [7, 5, 5],
      [6, 4, 2],
      [8, 6, 7],
      [5, 6, 2],
    ] as const
  ).map(([holder, issuer, value]) => ({ holder: String(holder), issuer: String(issuer), value })),
});
const PUBLISHED_V = [0, 0.176471, 0.176471, 0.088235, 0.147059, 0.058824, 0.147059, 0.205882];
const PUBLISHED = {
  uniform: { h: [1, 0.625, 0.5, 0.5, 0.375, 0.25, 0.125, 0.125], R: 0.357 },
  equity: { h: [1, 0.711111, 0.107143, 0.375, 0.144444, 0.083333, 0.007407, 0.011667], R: 0.207 },
};

test('Battiston et al. (2012) SI Fig. 5: relative values are the shares of investments made', () => {
  const v = investmentShares(battiston.exposure);
  PUBLISHED_V.forEach((x, i) => assert.ok(Math.abs(v[i] - x) <= 5e-7, `v${i + 1}: ${v[i]} vs ${x}`));
});

for (const variant of ['uniform', 'equity'] as const) {
  test(`Battiston et al. (2012) SI Fig. 5, impacts ${variant === 'uniform' ? 'all 0.5' : 'min(1, A/E)'}: h and R as published`, () => {
    const w = impactMatrix(battiston.exposure, battiston.equity, { impact: variant === 'uniform' ? 0.5 : 'equity' });
    const r = debtRankOfSet(w, investmentShares(battiston.exposure), [0]);
    const want = PUBLISHED[variant];
    // printed to 6 decimals (h) and 3 (R): agree to half a unit in the last printed place
    want.h.forEach((x, i) => assert.ok(Math.abs(r.h[i] - x) <= 5e-7, `h${i + 1}: ${r.h[i]} vs ${x}`));
    assert.ok(Math.abs(r.debtRank - want.R) <= 5e-4, `R ${r.debtRank} vs ${want.R}`);
    // node 1's value is 0, so R is also the systemic loss
    assert.ok(close(r.systemicLoss, r.debtRank));
    // the same through the network wrapper
    const viaNet = debtRankOfNetwork(battiston, [1, 0, 0, 0, 0, 0, 0, 0], investmentShares(battiston.exposure), { impact: variant === 'uniform' ? 0.5 : 'equity' });
    assert.equal(Array.from(viaNet.h), Array.from(r.h));
  });
}

test('uniform impact: every holding carries the given impact, whatever its size; bad impacts refused', () => {
  const w = impactMatrix(net.exposure, net.equity, { impact: 0.3 });
  // B holds A, C holds B and A: W_AB = W_BC = W_AC = 0.3, nothing else
  assert.equal(Array.from(w), [0, 0.3, 0.3, 0, 0, 0.3, 0, 0, 0]);
  assert.throws(() => impactMatrix(net.exposure, net.equity, { impact: 1.5 }), /impact/);
  assert.throws(() => impactMatrix(net.exposure, net.equity, { impact: -0.1 }), /impact/);
  // no investments at all: equal values, as equityShares does without equity (Σ v = 1)
  assert.equal(Array.from(investmentShares(new Float64Array(4))), [0.5, 0.5]);
});

test.run();
