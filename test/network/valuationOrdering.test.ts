import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { equityShares, leverageMatrix, linearDebtRank } from '../../src/network/debtRank.js';
import { clearingVector } from '../../src/network/eisenbergNoe.js';

// Cross-model reference: Barucca, Bardoscia, Caccioli, D'Errico, Visentin, Caldarelli & Battiston
// (2020), "Network valuation in financial systems", Mathematical Finance 30(4). Both Eisenberg–Noe
// and linear DebtRank are the same balance-sheet fixed point,
//     E_i = a_i − x_i + Σ_j A_ij V_j(E) − l_i − Σ_j A_ji,
// differing only in how a claim on j is valued: Eisenberg–Noe at par while j is solvent and at its
// recovery p_j / p̄_j once it is not; linear DebtRank at E_j / E_j(0) (h_j = 1 − E_j / E_j(0)),
// never above par and 0 once j's equity is gone. Their result: the greatest solution is monotone in
// the valuation functions, so with DebtRank's valuation everywhere below Eisenberg–Noe's, every
// bank's DebtRank equity is at most its Eisenberg–Noe equity. The two are coded independently here
// (a fictitious-default linear solve against an iteration of distress increments), so a wrong
// sign, a lost payment or a mis-oriented matrix in either breaks the ordering.

interface Banks {
  n: number;
  /** claim[i * n + j]: what j owes i (i's interbank asset on j). */
  claim: Float64Array;
  externalAssets: number[];
  externalLiabilities: number[];
  equity0: number[];
  shock: number[];
}

const banks = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc
    .record({
      claims: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.5, max: 30, noNaN: true })), {
        minLength: n * n,
        maxLength: n * n,
      }),
      equity0: fc.array(fc.double({ min: 1, max: 20, noNaN: true }), { minLength: n, maxLength: n }),
      outsideDebt: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: n, maxLength: n }),
      shockShare: fc.array(fc.double({ min: 0, max: 0.6, noNaN: true }), { minLength: n, maxLength: n }),
    })
    .map(({ claims, equity0, outsideDebt, shockShare }): Banks => {
      const claim = Float64Array.from(claims);
      for (let i = 0; i < n; i++) claim[i * n + i] = 0;
      const externalAssets: number[] = [];
      const externalLiabilities: number[] = [];
      for (let i = 0; i < n; i++) {
        let interbankAssets = 0;
        let interbankDebt = 0;
        for (let j = 0; j < n; j++) {
          interbankAssets += claim[i * n + j];
          interbankDebt += claim[j * n + i];
        }
        // balance sheet: a_i + Σ_j A_ij = l_i + Σ_j A_ji + E_i(0); raise both sides if a_i < 0
        const a = equity0[i] + outsideDebt[i] + interbankDebt - interbankAssets;
        const lift = Math.max(0, -a);
        externalAssets.push(a + lift);
        externalLiabilities.push(outsideDebt[i] + lift);
      }
      return { n, claim, externalAssets, externalLiabilities, equity0, shock: externalAssets.map((a, i) => a * shockShare[i]) };
    }),
);

/** Eisenberg–Noe equity of each bank, the outside creditors as node n who owe nothing. */
function eisenbergNoeEquity(b: Banks): number[] {
  const m = b.n + 1;
  const L = new Float64Array(m * m);
  for (let i = 0; i < b.n; i++) {
    for (let j = 0; j < b.n; j++) L[j * m + i] = b.claim[i * b.n + j];
    L[i * m + b.n] = b.externalLiabilities[i];
  }
  const cash = [...b.externalAssets.map((a, i) => a - b.shock[i]), 0];
  const r = clearingVector(L, cash);
  return Array.from(r.equity.subarray(0, b.n));
}

/** Linear DebtRank equity E_i(0)·(1 − h_i), the shock entering as h_i(1) = x_i / E_i(0). */
function debtRankEquity(b: Banks): number[] {
  const lambda = leverageMatrix(b.claim, b.equity0);
  const h1 = b.shock.map((x, i) => Math.min(1, x / b.equity0[i]));
  const r = linearDebtRank(lambda, equityShares(b.equity0), h1);
  if (!r.converged) throw new Error('linear DebtRank did not converge');
  return b.equity0.map((e, i) => e * (1 - r.h[i]));
}

test('property: linear DebtRank equity never exceeds Eisenberg–Noe equity (Barucca et al. 2020)', () => {
  fc.assert(
    fc.property(banks, (b) => {
      const en = eisenbergNoeEquity(b);
      const dr = debtRankEquity(b);
      for (let i = 0; i < b.n; i++) {
        const scale = Math.max(1, b.externalAssets[i]);
        // and neither can lose less than the bank's own shock allows: E ≤ max(0, E(0) − x)
        const standalone = Math.max(0, b.equity0[i] - b.shock[i]);
        if (en[i] > standalone + 1e-9 * scale || dr[i] > standalone + 1e-9 * scale) return false;
        if (dr[i] > en[i] + 1e-9 * scale) return false;
      }
      return true;
    }),
    { numRuns: 400, seed: 2020 },
  );
});

// The same ordering on a case worked by hand. Bank 0 owes bank 1 a claim of 10; bank 1 owes
// nothing inside; E(0) = (5, 5); bank 0 loses 3 of its external assets.
//  Eisenberg–Noe: bank 0 keeps equity 2 > 0 and pays 10 in full, so bank 1 keeps 5.
//  Linear DebtRank: h_0 = 3/5; Λ_10 = 10/5 = 2; h_1 = 2·3/5 = 1.2 → capped at 1: bank 1 is wiped
//  out on marking its claim down, equity 0 ≤ 5.
test('hand-worked: a solvent debtor costs its creditor nothing under Eisenberg–Noe, all under DebtRank', () => {
  const b: Banks = {
    n: 2,
    claim: Float64Array.from([0, 0, 10, 0]), // bank 1 holds a claim of 10 on bank 0
    externalAssets: [15, 0],
    externalLiabilities: [0, 5],
    equity0: [5, 5],
    shock: [3, 0],
  };
  assert.equal(eisenbergNoeEquity(b), [2, 5]);
  const dr = debtRankEquity(b);
  assert.ok(Math.abs(dr[0] - 2) < 1e-12);
  assert.is(dr[1], 0);
});

test.run();
