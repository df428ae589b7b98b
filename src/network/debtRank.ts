/**
 * DebtRank: how much of a system's economic value is hit when some nodes are distressed,
 * counting distress that travels along exposures.
 *
 * Reference: S. Battiston, M. Puliga, R. Kaushik, P. Tasca & G. Caldarelli (2012),
 * "DebtRank: Too central to fail? Financial networks, the FED and systemic risk",
 * Scientific Reports 2:541.
 *  - Impact of i on j: W_ij = min(1, A_ij / E_j), where A_ij is j's exposure to i (what j
 *    holds of i's liabilities) and E_j is j's equity. With exposures.ts's matrix
 *    (`exposure[x * n + y]` = X's exposure to Y) that is W[i][j] = min(1, exposure[j][i] / E_j).
 *    A node with E_j ≤ 0 is hit fully by any positive exposure (W = 1). The paper's illustrative
 *    networks (Supplementary Information, Fig. 5) instead give every holding the same impact,
 *    e.g. 0.5: `impactMatrix(…, { impact: 0.5 })`.
 *  - Each node has a distress h_i ∈ [0, 1] (fraction of equity lost) and a state
 *    U (undistressed), D (distressed) or I (inactive). Initially distressed nodes get
 *    h_i(1) = ψ_i > 0 and state D; the others h = 0, U.
 *  - h_i(t) = min(1, h_i(t−1) + Σ_{j: s_j(t−1) = D} W_ji h_j(t−1));
 *    s_i(t) = I if s_i(t−1) = D; D if h_i(t) > 0 and s_i(t−1) = U; otherwise unchanged.
 *    A node passes its distress on once, in the round after it became distressed, then
 *    goes inactive: this is what stops walks from revisiting cycles.
 *  - DebtRank of the initial set: R = Σ_j h_j(T) v_j − Σ_j h_j(1) v_j, with v_j the relative
 *    economic value (Σ v = 1). Battiston et al. leave v to the application; the default here
 *    is each node's share of total positive equity, which makes Σ_j h_j v_j the share of the
 *    system's equity destroyed. `investmentShares` gives the other common choice, each node's
 *    share of all the investments made in the network (the choice of the SI's Fig. 5 example).
 *  - The systemic loss Σ_j h_j(T) v_j counts the initial distress too.
 *
 * Linear DebtRank: M. Bardoscia, S. Battiston, F. Caccioli & G. Caldarelli (2015),
 * "DebtRank: A microscopic foundation for shock propagation", PLoS ONE 10(6): e0130406.
 * Every increment of distress propagates, through the interbank leverage matrix
 * Λ_ij = A_ij / E_i (i's exposure to j over i's equity):
 *     h(t+1) = min(1, h(t) + Λ (h(t) − h(t−1))),  h(0) = 0, h(1) = the shock.
 * Without the cap and with spectral radius of Λ below 1, h(∞) = (I − Λ)^{-1} h(1). The original
 * DebtRank underestimates losses on cycles, because an inactive node forwards nothing more.
 */

import type { ExposureNetwork } from './exposures.js';

export const UNDISTRESSED = 0;
export const DISTRESSED = 1;
export const INACTIVE = 2;

export interface DebtRankResult {
  /** Final distress h_j(T) ∈ [0, 1]. */
  h: Float64Array;
  /** Final state per node: 0 U, 1 D, 2 I. */
  state: Uint8Array;
  /** Rounds until no node was distressed. */
  rounds: number;
  /** R = Σ h_j(T) v_j − Σ h_j(1) v_j. */
  debtRank: number;
  /** Σ h_j(T) v_j (initial distress included). */
  systemicLoss: number;
  /** Σ h_j(1) v_j. */
  initialLoss: number;
}

function sizeOf(matrix: Float64Array): number {
  const n = Math.round(Math.sqrt(matrix.length));
  if (n * n !== matrix.length) throw new RangeError(`matrix of length ${matrix.length} is not square`);
  return n;
}

/**
 * How much of a holder's equity a distressed issuer destroys per unit of the issuer's distress:
 * 'equity' (default) W = min(1, exposure / holder's equity), Battiston et al.'s definition; a
 * number w ∈ [0, 1]: every holding has impact w whatever its size (the SI's toy networks).
 */
export type DebtRankImpact = 'equity' | number;

/**
 * Impact matrix W[i * n + j] (impact of i on j): min(1, exposure[j * n + i] / E_j) by default;
 * with `impact: w`, w wherever j holds something of i.
 */
export function impactMatrix(exposure: Float64Array, equity: ArrayLike<number>, opts: { impact?: DebtRankImpact } = {}): Float64Array {
  const n = sizeOf(exposure);
  if (equity.length !== n) throw new RangeError('equity length does not match the exposure matrix');
  const impact = opts.impact ?? 'equity';
  if (impact !== 'equity' && !(impact >= 0 && impact <= 1)) throw new RangeError(`impact must be 'equity' or a number in [0, 1], got ${impact}`);
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const a = exposure[j * n + i];
      if (!(a > 0)) continue;
      if (impact !== 'equity') {
        w[i * n + j] = impact;
        continue;
      }
      const e = equity[j];
      w[i * n + j] = e > 0 ? Math.min(1, a / e) : 1;
    }
  return w;
}

/**
 * Relative economic value by share of investments made: v_i = Σ_j exposure[i][j] / Σ exposure
 * (what i holds of the others over all that is held); uniform if nothing is held.
 */
export function investmentShares(exposure: Float64Array): Float64Array {
  const n = sizeOf(exposure);
  const v = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const a = Math.max(0, exposure[i * n + j]);
      v[i] += a;
      total += a;
    }
  for (let i = 0; i < n; i++) v[i] = total > 0 ? v[i] / total : 1 / n;
  return v;
}

/** Relative economic value by share of positive equity (Σ v = 1; uniform if no equity is positive). */
export function equityShares(equity: ArrayLike<number>): Float64Array {
  const n = equity.length;
  const v = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.max(0, equity[i]);
  for (let i = 0; i < n; i++) v[i] = total > 0 ? Math.max(0, equity[i]) / total : 1 / n;
  return v;
}

/**
 * DebtRank dynamics of Battiston et al. (2012) from the initial distress `h1` (h_j(1), zero for
 * nodes not initially distressed), over impact matrix `impact` (W[i * n + j]) and relative
 * values `value`.
 */
export function debtRank(impact: Float64Array, value: ArrayLike<number>, h1: ArrayLike<number>, opts: { maxRounds?: number } = {}): DebtRankResult {
  const n = sizeOf(impact);
  if (value.length !== n || h1.length !== n) throw new RangeError('value and h1 must have one entry per node');
  const maxRounds = opts.maxRounds ?? 10 * n + 10;
  let h = new Float64Array(n);
  let next = new Float64Array(n);
  const state = new Uint8Array(n);
  const prevState = new Uint8Array(n);
  let initialLoss = 0;
  for (let i = 0; i < n; i++) {
    const x = h1[i];
    if (!(x >= 0 && x <= 1)) throw new RangeError(`initial distress of node ${i} must be in [0, 1], got ${x}`);
    h[i] = x;
    state[i] = x > 0 ? DISTRESSED : UNDISTRESSED;
    initialLoss += x * value[i];
  }
  let rounds = 0;
  for (;;) {
    let anyDistressed = false;
    for (let i = 0; i < n; i++) if (state[i] === DISTRESSED) anyDistressed = true;
    if (!anyDistressed) break;
    if (rounds >= maxRounds) throw new Error(`DebtRank did not settle in ${maxRounds} rounds`);
    prevState.set(state);
    for (let i = 0; i < n; i++) {
      let add = 0;
      for (let j = 0; j < n; j++) if (prevState[j] === DISTRESSED) add += impact[j * n + i] * h[j];
      next[i] = Math.min(1, h[i] + add);
    }
    for (let i = 0; i < n; i++) {
      if (prevState[i] === DISTRESSED) state[i] = INACTIVE;
      else if (prevState[i] === UNDISTRESSED && next[i] > 0) state[i] = DISTRESSED;
    }
    [h, next] = [next, h];
    rounds++;
  }
  let systemicLoss = 0;
  for (let i = 0; i < n; i++) systemicLoss += h[i] * value[i];
  return { h, state, rounds, debtRank: systemicLoss - initialLoss, systemicLoss, initialLoss };
}

/** DebtRank of a set of nodes, each starting with distress ψ (1 = default). */
export function debtRankOfSet(impact: Float64Array, value: ArrayLike<number>, nodes: readonly number[], psi = 1): DebtRankResult {
  const n = sizeOf(impact);
  const h1 = new Float64Array(n);
  for (const i of nodes) {
    if (!(i >= 0 && i < n)) throw new RangeError(`node index ${i} out of range`);
    h1[i] = psi;
  }
  return debtRank(impact, value, h1);
}

/** DebtRank R_i of each node alone in default (ψ = 1), as ranked in Battiston et al. */
export function debtRankOfEach(impact: Float64Array, value: ArrayLike<number>): Float64Array {
  const n = sizeOf(impact);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = debtRankOfSet(impact, value, [i]).debtRank;
  return out;
}

/**
 * Interbank leverage Λ[i * n + j] = exposure[i * n + j] / E_i (Bardoscia et al. 2015). A node
 * with E_i ≤ 0 is already in default: its row is zero and its distress should start at 1.
 */
export function leverageMatrix(exposure: Float64Array, equity: ArrayLike<number>): Float64Array {
  const n = sizeOf(exposure);
  if (equity.length !== n) throw new RangeError('equity length does not match the exposure matrix');
  const lambda = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const e = equity[i];
    if (!(e > 0)) continue;
    for (let j = 0; j < n; j++) if (i !== j) lambda[i * n + j] = exposure[i * n + j] / e;
  }
  return lambda;
}

export interface LinearDebtRankResult {
  h: Float64Array;
  rounds: number;
  converged: boolean;
  /** Σ h_j v_j at the end. */
  systemicLoss: number;
  /** Σ h_j(1) v_j. */
  initialLoss: number;
  /** systemicLoss − initialLoss: the part added by propagation. */
  debtRank: number;
}

/** Linear DebtRank (Bardoscia et al. 2015) from shock h1 over leverage matrix Λ. */
export function linearDebtRank(leverage: Float64Array, value: ArrayLike<number>, h1: ArrayLike<number>, opts: { tol?: number; maxRounds?: number } = {}): LinearDebtRankResult {
  const n = sizeOf(leverage);
  if (value.length !== n || h1.length !== n) throw new RangeError('value and h1 must have one entry per node');
  const tol = opts.tol ?? 1e-14;
  const maxRounds = opts.maxRounds ?? 100_000;
  const h = new Float64Array(n);
  const delta = new Float64Array(n); // h(t) − h(t−1)
  const nextDelta = new Float64Array(n);
  let initialLoss = 0;
  for (let i = 0; i < n; i++) {
    const x = h1[i];
    if (!(x >= 0 && x <= 1)) throw new RangeError(`initial distress of node ${i} must be in [0, 1], got ${x}`);
    h[i] = x;
    delta[i] = x;
    initialLoss += x * value[i];
  }
  let rounds = 0;
  let converged = false;
  while (rounds < maxRounds) {
    let biggest = 0;
    for (let i = 0; i < n; i++) {
      let add = 0;
      for (let j = 0; j < n; j++) add += leverage[i * n + j] * delta[j];
      const updated = Math.min(1, h[i] + add);
      nextDelta[i] = updated - h[i];
      if (nextDelta[i] > biggest) biggest = nextDelta[i];
    }
    for (let i = 0; i < n; i++) {
      h[i] += nextDelta[i];
      delta[i] = nextDelta[i];
    }
    rounds++;
    if (biggest <= tol) {
      converged = true;
      break;
    }
  }
  let systemicLoss = 0;
  for (let i = 0; i < n; i++) systemicLoss += h[i] * value[i];
  return { h, rounds, converged, systemicLoss, initialLoss, debtRank: systemicLoss - initialLoss };
}

/**
 * DebtRank over an exposure network (exposures.ts) from initial distress h1 (fraction of each
 * protocol's equity already lost, 0 where none), with relative values by equity share unless
 * given, and impacts by equity unless `opts.impact` says otherwise.
 */
export function debtRankOfNetwork(net: ExposureNetwork, h1: ArrayLike<number>, value: ArrayLike<number> = equityShares(net.equity), opts: { impact?: DebtRankImpact } = {}): DebtRankResult {
  return debtRank(impactMatrix(net.exposure, net.equity, opts), value, h1);
}
