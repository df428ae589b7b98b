/**
 * Eisenberg–Noe clearing: what each node of a network of obligations actually pays when some
 * cannot pay in full; with creditors outside the network, and with Rogers–Veraart default costs.
 *
 * Reference: L. Eisenberg & T. H. Noe (2001), "Systemic risk in financial systems",
 * Management Science 47(2), 236–249.
 *  - L_ij ≥ 0: nominal liability of i to j; l_i ≥ 0: i's liabilities to creditors outside the
 *    network (depositors, bondholders: they are paid but pay nothing back);
 *    p̄_i = Σ_j L_ij + l_i; Π_ij = L_ij / p̄_i (0 if p̄_i = 0), so Σ_j Π_ij = 1 − l_i / p̄_i;
 *    e_i ≥ 0: operating cash flow (external assets).
 *  - A clearing vector p satisfies p = min(p̄, e + Πᵀ p): limited liability, absolute priority
 *    of debt over equity, and pro-rata sharing among creditors (the outside ones included). The
 *    greatest one (unique when the system is "regular", EN Theorem 2) is computed here.
 *  - Fictitious default algorithm (EN section 3): start from p = p̄; in round k, the nodes
 *    that cannot pay in full given the others' payments form D_k; solve for the payments of
 *    D_k with the others paying in full: p_i = e_i + Σ_j Π_ji p_j for i ∈ D_k, a linear system
 *    (I − Π_{DD}ᵀ) p_D = e_D + Π_{ND,D}ᵀ p̄_{ND}; repeat until D stops growing (≤ n rounds).
 *    The sequence D_1 ⊆ D_2 ⊆ … records which defaults are fundamental (D_1) and which are
 *    contagion (later rounds).
 *  - Fixed-point iteration p ← Φ(p) from p = p̄ decreases monotonically to the greatest
 *    clearing vector (EN Lemma 4 / Tarski); it is the independent method the tests compare
 *    against, and the fallback if a round's linear system is singular.
 *
 * Default costs: L. C. G. Rogers & L. A. M. Veraart (2013), "Failure and rescue in an interbank
 * network", Management Science 59(4), 882–898. A node that cannot pay in full realises only a
 * share α ∈ [0, 1] of its outside assets and β ∈ [0, 1] of its interbank claims (fire sales,
 * legal costs, loans called in early):
 *     Φ_i(p) = p̄_i                     if e_i + Σ_j Π_ji p_j ≥ p̄_i,
 *              α e_i + β Σ_j Π_ji p_j   otherwise.
 *   Φ is monotone but jumps down where a node stops paying in full, so a small loss can end in a
 *   large one and the clearing vector need not be unique. Their Greatest Clearing Vector
 *   Algorithm is the fictitious default algorithm with the defaulters' equations
 *   (I − β Π_{DD}ᵀ) p_D = α e_D + β Π_{ND,D}ᵀ p̄_{ND}; α = β = 1 is Eisenberg–Noe. Solvency is
 *   judged on full values (e_i + Σ_j Π_ji p_j ≥ p̄_i); the costs fall on defaulters only.
 *
 * Outputs also give each node's equity e_i + Σ_j Π_ji p_j − p_i − cost_i (≥ 0; 0 for a
 * defaulter), its default cost (1 − α) e_i + (1 − β) Σ_j Π_ji p_j when it defaults (0 otherwise),
 * each debtor's shortfall p̄_i − p_i, each creditor's loss Σ_i Π_ij (p̄_i − p_i), and what the
 * outside creditors are paid (p_i l_i / p̄_i) and lose.
 * Conservation: Σ_i p_i + Σ_i shortfall_i = Σ_i p̄_i; creditor losses in the network plus the
 * outside creditors' loss = Σ shortfalls; and, since every payment inside the network is
 * someone's receipt, Σ_i e_i = Σ_i equity_i + Σ_i cost_i + Σ_i paid outside.
 */

import { liabilityMatrix, type ExposureNetwork } from './exposures.js';

export interface ClearingOptions {
  /** l_i ≥ 0: what node i owes creditors outside the network (default: nothing). */
  outsideLiabilities?: ArrayLike<number>;
  /** Rogers–Veraart: share of its outside assets a defaulter realises (default 1: no cost). */
  alpha?: number;
  /** Rogers–Veraart: share of its interbank claims a defaulter realises (default 1: no cost). */
  beta?: number;
}

export interface ClearingResult {
  n: number;
  /** Clearing payments p_i. */
  payments: Float64Array;
  /** Total obligations p̄_i (to other nodes and outside). */
  obligations: Float64Array;
  /** l_i: what node i owes outside the network (zeros when none were given). */
  outsideLiabilities: Float64Array;
  /** p_i l_i / p̄_i: what the outside creditors receive from node i. */
  paidOutside: Float64Array;
  /** Σ_i (l_i − paidOutside_i): what the outside creditors do not receive. */
  outsideLoss: number;
  /** 1 if p_i < p̄_i. */
  defaulted: Uint8Array;
  /** Indices of defaulting nodes, ascending. */
  defaultSet: number[];
  /** p̄_i − p_i. */
  shortfall: Float64Array;
  /** Σ_i Π_ij (p̄_i − p_i): what creditor j (a node) does not receive. */
  creditorLoss: Float64Array;
  /** Σ_j Π_ji p_j: what node i receives. */
  received: Float64Array;
  /** e_i + received_i − p_i − defaultCost_i (0 for a defaulter). */
  equity: Float64Array;
  /** Rogers–Veraart: (1 − α) e_i + (1 − β) received_i for a defaulter, 0 otherwise. */
  defaultCost: Float64Array;
  totalShortfall: number;
  totalDefaultCost: number;
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
  outside: Float64Array;
  alpha: number;
  beta: number;
}

function prepare(liabilities: Float64Array, external: ArrayLike<number>, opts: ClearingOptions): Prepared {
  const n = Math.round(Math.sqrt(liabilities.length));
  if (n * n !== liabilities.length) throw new RangeError('liability matrix is not square');
  if (external.length !== n) throw new RangeError('external assets must have one entry per node');
  const alpha = opts.alpha ?? 1;
  const beta = opts.beta ?? 1;
  if (!(alpha >= 0 && alpha <= 1)) throw new RangeError(`alpha must be in [0, 1], got ${alpha}`);
  if (!(beta >= 0 && beta <= 1)) throw new RangeError(`beta must be in [0, 1], got ${beta}`);
  const outside = new Float64Array(n);
  if (opts.outsideLiabilities) {
    if (opts.outsideLiabilities.length !== n) throw new RangeError('outside liabilities must have one entry per node');
    for (let i = 0; i < n; i++) {
      const l = opts.outsideLiabilities[i];
      if (!(l >= 0) || !Number.isFinite(l)) throw new RangeError(`outside liabilities of node ${i} must be finite and ≥ 0`);
      outside[i] = l;
    }
  }
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
    // the outside creditors come last, as a sink node after the others would (same sums, same bits)
    s += outside[i];
    pbar[i] = s;
    if (s > 0) for (let j = 0; j < n; j++) if (i !== j) pi[i * n + j] = liabilities[i * n + j] / s;
  }
  return { n, pbar, pi, e, outside, alpha, beta };
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

function finish(prep: Prepared, p: Float64Array, sequence: number[][], rounds: number, method: ClearingResult['method']): ClearingResult {
  const { n, pbar, pi, e, outside, alpha, beta } = prep;
  const received = new Float64Array(n);
  inflows(prep, p, received);
  const defaulted = new Uint8Array(n);
  const defaultSet: number[] = [];
  const shortfall = new Float64Array(n);
  const equity = new Float64Array(n);
  const creditorLoss = new Float64Array(n);
  const defaultCost = new Float64Array(n);
  const paidOutside = new Float64Array(n);
  let totalShortfall = 0;
  let totalDefaultCost = 0;
  let outsideLoss = 0;
  for (let i = 0; i < n; i++) {
    const gap = pbar[i] - p[i];
    if (gap > FULL_PAYMENT_TOL * pbar[i]) {
      defaulted[i] = 1;
      defaultSet.push(i);
      shortfall[i] = gap;
      totalShortfall += gap;
      for (let j = 0; j < n; j++) creditorLoss[j] += pi[i * n + j] * gap;
      // what the defaulter's assets were worth, less what it realised (exactly 0 when α = β = 1)
      defaultCost[i] = Math.max(0, (1 - alpha) * e[i] + (1 - beta) * received[i]);
      totalDefaultCost += defaultCost[i];
    } else p[i] = pbar[i];
    equity[i] = Math.max(0, e[i] + received[i] - p[i] - defaultCost[i]);
    if (outside[i] > 0) {
      paidOutside[i] = (p[i] * outside[i]) / pbar[i];
      outsideLoss += outside[i] - paidOutside[i];
    }
  }
  return {
    n,
    payments: p,
    obligations: pbar,
    outsideLiabilities: outside,
    paidOutside,
    outsideLoss,
    defaulted,
    defaultSet,
    shortfall,
    creditorLoss,
    received,
    equity,
    defaultCost,
    totalShortfall,
    totalDefaultCost,
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
 * Greatest clearing vector by Eisenberg & Noe's fictitious default algorithm (Rogers & Veraart's
 * Greatest Clearing Vector Algorithm when `alpha` or `beta` is below 1).
 * `liabilities[i * n + j]` = what i owes j; `external[i]` = e_i ≥ 0;
 * `opts.outsideLiabilities[i]` = what i owes outside the network.
 */
export function clearingVector(liabilities: Float64Array, external: ArrayLike<number>, opts: ClearingOptions = {}): ClearingResult {
  const prep = prepare(liabilities, external, opts);
  const { n, pbar, pi, e, alpha, beta } = prep;
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
    // payments of the defaulters, the others paying in full; α and β multiply term by term so
    // that α = β = 1 gives Eisenberg–Noe's sums bit for bit
    const m = next.length;
    const a = new Float64Array(m * m);
    const b = new Float64Array(m);
    for (let r = 0; r < m; r++) {
      const i = next[r];
      a[r * m + r] = 1;
      let rhs = alpha * e[i];
      for (let j = 0; j < n; j++) if (!inD[j]) rhs += beta * pi[j * n + i] * pbar[j];
      b[r] = rhs;
      for (let c = 0; c < m; c++) a[r * m + c] -= beta * pi[next[c] * n + i];
    }
    if (!solve(a, b, m)) {
      const fp = clearingVectorByIteration(liabilities, external, opts);
      return { ...fp, sequence, rounds: round + 1 };
    }
    for (let r = 0; r < m; r++) p[next[r]] = Math.min(pbar[next[r]], Math.max(0, b[r]));
  }
  return finish(prep, p, sequence, n + 1, 'fictitious-default');
}

/**
 * Greatest clearing vector by monotone fixed-point iteration p ← Φ(p) from p̄ (Φ above:
 * min(p̄, e + Πᵀ p) without default costs). It stops when no payment moves by more than `tol`
 * (relative to the largest obligation) in one sweep. The error left is about that step / (1 − ρ),
 * ρ the spectral radius of βΠ among the defaulters, so a cycle of defaulters that leaks little to
 * the rest converges slowly: prefer `clearingVector` (exact in ≤ n rounds) and use this as a check.
 */
export function clearingVectorByIteration(liabilities: Float64Array, external: ArrayLike<number>, opts: ClearingOptions & { tol?: number; maxIter?: number } = {}): ClearingResult {
  const prep = prepare(liabilities, external, opts);
  const { n, pbar, e, alpha, beta } = prep;
  const costly = alpha < 1 || beta < 1;
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
      const have = e[i] + inflow[i];
      // with default costs Φ jumps where a node stops paying in full: judge "in full" with the
      // same tolerance as the fictitious default algorithm, so both land on the same side
      const next = costly ? (pbar[i] - have > FULL_PAYMENT_TOL * pbar[i] ? alpha * e[i] + beta * inflow[i] : pbar[i]) : Math.min(pbar[i], have);
      change = Math.max(change, Math.abs(next - p[i]));
      p[i] = next;
    }
    if (change <= tol) break;
  }
  return finish(prep, p, [], iter + 1, 'fixed-point');
}

/**
 * Clear an exposure network (exposures.ts): protocol Y owes X what X holds of Y's issue;
 * `external[i]` are protocol i's assets outside the network (≥ 0); `opts` as for clearingVector
 * (e.g. what each protocol owes its own depositors as `outsideLiabilities`).
 */
export function clearNetwork(net: ExposureNetwork, external: ArrayLike<number>, opts: ClearingOptions = {}): ClearingResult {
  return clearingVector(liabilityMatrix(net), external, opts);
}
