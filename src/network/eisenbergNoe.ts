/**
 * Eisenberg–Noe clearing: what each node of a network of obligations actually pays when some
 * cannot pay in full.
 *
 * Reference: L. Eisenberg & T. H. Noe (2001), "Systemic risk in financial systems",
 * Management Science 47(2), 236–249.
 *  - L_ij ≥ 0: nominal liability of i to j; p̄_i = Σ_j L_ij; Π_ij = L_ij / p̄_i (0 if p̄_i = 0);
 *    e_i ≥ 0: operating cash flow (external assets).
 *  - A clearing vector p satisfies p = min(p̄, e + Πᵀ p): limited liability, absolute priority
 *    of debt over equity, and pro-rata sharing among creditors. The greatest one (unique when
 *    the system is "regular", EN Theorem 2) is computed here.
 *  - Fictitious default algorithm (EN section 3): start from p = p̄; in round k, the nodes
 *    that cannot pay in full given the others' payments form D_k; solve for the payments of
 *    D_k with the others paying in full: p_i = e_i + Σ_j Π_ji p_j for i ∈ D_k, a linear system
 *    (I − Π_{DD}ᵀ) p_D = e_D + Π_{ND,D}ᵀ p̄_{ND}; repeat until D stops growing (≤ n rounds).
 *    The sequence D_1 ⊆ D_2 ⊆ … records which defaults are fundamental (D_1) and which are
 *    contagion (later rounds).
 *  - Fixed-point iteration p ← min(p̄, e + Πᵀ p) from p = p̄ decreases monotonically to the
 *    greatest clearing vector (EN Lemma 4 / Tarski); it is the independent method the tests
 *    compare against, and the fallback if a round's linear system is singular.
 *
 * Outputs also give each node's equity e_i + Σ_j Π_ji p_j − p_i (≥ 0; exactly 0 for a defaulter),
 * each debtor's shortfall p̄_i − p_i, and each creditor's loss Σ_i Π_ij (p̄_i − p_i).
 * Conservation: Σ_i p_i + Σ_i shortfall_i = Σ_i p̄_i; Σ creditor losses = Σ shortfalls; and,
 * since every payment is someone's receipt, Σ_i equity_i = Σ_i e_i.
 */

import { liabilityMatrix, type ExposureNetwork } from './exposures.js';

export interface ClearingResult {
  n: number;
  /** Clearing payments p_i. */
  payments: Float64Array;
  /** Total obligations p̄_i. */
  obligations: Float64Array;
  /** 1 if p_i < p̄_i. */
  defaulted: Uint8Array;
  /** Indices of defaulting nodes, ascending. */
  defaultSet: number[];
  /** p̄_i − p_i. */
  shortfall: Float64Array;
  /** Σ_i Π_ij (p̄_i − p_i): what creditor j does not receive. */
  creditorLoss: Float64Array;
  /** Σ_j Π_ji p_j: what node i receives. */
  received: Float64Array;
  /** e_i + received_i − p_i. */
  equity: Float64Array;
  totalShortfall: number;
  /** Fictitious default sequence: the default set of each round (fictitious-default method). */
  sequence: number[][];
  rounds: number;
  method: 'fictitious-default' | 'fixed-point';
}

/**
 * Relative tolerance for "pays in full": a node is short when what it has falls below its
 * obligations by more than this fraction of them (absorbs the rounding of the linear solve;
 * relative, so networks of tiny or huge amounts are treated alike).
 */
const FULL_PAYMENT_TOL = 1e-12;

interface Prepared {
  n: number;
  pbar: Float64Array;
  pi: Float64Array;
  e: Float64Array;
}

function prepare(liabilities: Float64Array, external: ArrayLike<number>): Prepared {
  const n = Math.round(Math.sqrt(liabilities.length));
  if (n * n !== liabilities.length) throw new RangeError('liability matrix is not square');
  if (external.length !== n) throw new RangeError('external assets must have one entry per node');
  const pbar = new Float64Array(n);
  const pi = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ei = external[i];
    if (!(ei >= 0) || !Number.isFinite(ei)) throw new RangeError(`external assets of node ${i} must be finite and ≥ 0`);
    e[i] = ei;
    let s = 0;
    for (let j = 0; j < n; j++) {
      const l = liabilities[i * n + j];
      if (!(l >= 0) || !Number.isFinite(l)) throw new RangeError(`liability ${i}→${j} must be finite and ≥ 0`);
      if (i !== j) s += l;
    }
    pbar[i] = s;
    if (s > 0) for (let j = 0; j < n; j++) if (i !== j) pi[i * n + j] = liabilities[i * n + j] / s;
  }
  return { n, pbar, pi, e };
}

function inflows(prep: Prepared, p: Float64Array, out: Float64Array): void {
  const { n, pi } = prep;
  out.fill(0);
  for (let j = 0; j < n; j++) {
    const pj = p[j];
    if (pj === 0) continue;
    for (let i = 0; i < n; i++) out[i] += pi[j * n + i] * pj;
  }
}

function finish(
  prep: Prepared,
  p: Float64Array,
  sequence: number[][],
  rounds: number,
  method: ClearingResult['method'],
): ClearingResult {
  const { n, pbar, pi, e } = prep;
  const received = new Float64Array(n);
  inflows(prep, p, received);
  const defaulted = new Uint8Array(n);
  const defaultSet: number[] = [];
  const shortfall = new Float64Array(n);
  const equity = new Float64Array(n);
  const creditorLoss = new Float64Array(n);
  let totalShortfall = 0;
  for (let i = 0; i < n; i++) {
    const gap = pbar[i] - p[i];
    if (gap > FULL_PAYMENT_TOL * pbar[i]) {
      defaulted[i] = 1;
      defaultSet.push(i);
      shortfall[i] = gap;
      totalShortfall += gap;
      for (let j = 0; j < n; j++) creditorLoss[j] += pi[i * n + j] * gap;
    } else p[i] = pbar[i];
    equity[i] = Math.max(0, e[i] + received[i] - p[i]);
  }
  return {
    n,
    payments: p,
    obligations: pbar,
    defaulted,
    defaultSet,
    shortfall,
    creditorLoss,
    received,
    equity,
    totalShortfall,
    sequence,
    rounds,
    method,
  };
}

/** Solve A x = b in place by Gaussian elimination with partial pivoting; false if singular. */
function solve(a: Float64Array, b: Float64Array, m: number): boolean {
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r * m + c]) > Math.abs(a[piv * m + c])) piv = r;
    if (Math.abs(a[piv * m + c]) < 1e-13) return false;
    if (piv !== c) {
      for (let k = 0; k < m; k++) [a[c * m + k], a[piv * m + k]] = [a[piv * m + k], a[c * m + k]];
      [b[c], b[piv]] = [b[piv], b[c]];
    }
    const d = a[c * m + c];
    for (let r = c + 1; r < m; r++) {
      const f = a[r * m + c] / d;
      if (f === 0) continue;
      for (let k = c; k < m; k++) a[r * m + k] -= f * a[c * m + k];
      b[r] -= f * b[c];
    }
  }
  for (let c = m - 1; c >= 0; c--) {
    let s = b[c];
    for (let k = c + 1; k < m; k++) s -= a[c * m + k] * b[k];
    b[c] = s / a[c * m + c];
  }
  return true;
}

/**
 * Greatest clearing vector by Eisenberg & Noe's fictitious default algorithm.
 * `liabilities[i * n + j]` = what i owes j; `external[i]` = e_i ≥ 0.
 */
export function clearingVector(liabilities: Float64Array, external: ArrayLike<number>): ClearingResult {
  const prep = prepare(liabilities, external);
  const { n, pbar, pi, e } = prep;
  const p = Float64Array.from(pbar);
  const inflow = new Float64Array(n);
  const inD = new Uint8Array(n);
  const sequence: number[][] = [];
  for (let round = 0; round <= n; round++) {
    inflows(prep, p, inflow);
    const next: number[] = [];
    for (let i = 0; i < n; i++) {
      const shortBy = pbar[i] - (e[i] + inflow[i]);
      if (inD[i] || shortBy > FULL_PAYMENT_TOL * pbar[i]) next.push(i);
    }
    if (next.length === (sequence.at(-1)?.length ?? 0)) return finish(prep, p, sequence, round, 'fictitious-default');
    sequence.push(next);
    for (const i of next) inD[i] = 1;
    // payments of the defaulters, the others paying in full
    const m = next.length;
    const a = new Float64Array(m * m);
    const b = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      const i = next[r];
      a[r * m + r] = 1;
      let rhs = e[i];
      for (let j = 0; j < n; j++) if (!inD[j]) rhs += pi[j * n + i] * pbar[j];
      b[r] = rhs;
      for (let c = 0; c < m; c++) a[r * m + c] -= pi[next[c] * n + i];
    }
    if (!solve(a, b, m)) {
      const fp = clearingVectorByIteration(liabilities, external);
      return { ...fp, sequence, rounds: round + 1 };
    }
    for (let r = 0; r < m; r++) p[next[r]] = Math.min(pbar[next[r]], Math.max(0, b[r]));
  }
  return finish(prep, p, sequence, n + 1, 'fictitious-default');
}

/**
 * Greatest clearing vector by monotone fixed-point iteration p ← min(p̄, e + Πᵀ p) from p̄.
 * It stops when no payment moves by more than `tol` (relative to the largest obligation) in
 * one sweep. The error left is about that step / (1 − ρ), ρ the spectral radius of Π among the
 * defaulters, so a cycle of defaulters that leaks little to the rest converges slowly: prefer
 * `clearingVector` (exact in ≤ n rounds) and use this as a check.
 */
export function clearingVectorByIteration(
  liabilities: Float64Array,
  external: ArrayLike<number>,
  opts: { tol?: number; maxIter?: number } = {},
): ClearingResult {
  const prep = prepare(liabilities, external);
  const { n, pbar, e } = prep;
  const maxIter = opts.maxIter ?? 1_000_000;
  const p = Float64Array.from(pbar);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, pbar[i]);
  const tol = (opts.tol ?? 1e-15) * scale;
  const inflow = new Float64Array(n);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    inflows(prep, p, inflow);
    let change = 0;
    for (let i = 0; i < n; i++) {
      const next = Math.min(pbar[i], e[i] + inflow[i]);
      change = Math.max(change, Math.abs(next - p[i]));
      p[i] = next;
    }
    if (change <= tol) break;
  }
  return finish(prep, p, [], iter + 1, 'fixed-point');
}

/**
 * Clear an exposure network (exposures.ts): protocol Y owes X what X holds of Y's issue;
 * `external[i]` are protocol i's assets outside the network (≥ 0).
 */
export function clearNetwork(net: ExposureNetwork, external: ArrayLike<number>): ClearingResult {
  return clearingVector(liabilityMatrix(net), external);
}
