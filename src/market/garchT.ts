/**
 * GARCH(1,1)-t reference prices (Bollerslev 1986; Student-t innovations, Bollerslev 1987;
 * optional GJR leverage term, Glosten, Jagannathan & Runkle 1993), in the units of the GARCH
 * literature: r_j is the percentage log return over period j (100·ln(P_{j+1}/P_j)),
 *   r_j = μ + ε_j,   ε_j = √h_j · z_j,   z_j = t_ν·√((ν−2)/ν)  (unit variance),
 *   h_{j+1} = ω + (α + γ·1[ε_j < 0])·ε_j² + β·h_j,
 * started at the unconditional variance h̄ = ω / (1 − α − β − γ/2), so E[ε_j²] = h̄ for every j.
 *
 * From the period to the simulation step. GARCH is not closed under temporal aggregation
 * (Drost & Nijman 1993): rescaling ω per step and running the recursion every minute would be a
 * different model, with other daily tails and persistence. So the recursion runs at the period
 * it was specified or fitted at, and the step grid is filled in between period boundaries by a
 * Brownian bridge carrying that period's conditional variance:
 *   X(jP + uP) = X(jP) + u·r_j/100 + (√h_j/100)·B(u),  u ∈ [0, 1],  B a standard Brownian bridge.
 * At period boundaries the path is exactly the GARCH-t path; within a period the return over a
 * fraction δ of it has E[(100ΔX)²] = δ·h̄ + δ²μ², i.e. variance per step ≈ variance per period ×
 * dt/period. Any dt works: a step longer than the period samples the period path at its grid;
 * a dt that does not divide the period bridges across the boundary correctly because the bridge
 * is sampled sequentially (Glasserman 2003, §3.1.1, eq. 3.6 for the conditional law).
 * The trade-off: within a period the increments are Gaussian and the period's total is known in
 * advance — harmless for an exogenous price no agent can foresee.
 */
import { simulateGarch, type GarchParams } from '../models/garch.js';
import type { Rng } from '../util/rng.js';

/** GARCH(1,1)-t parameters in percentage-return units per period. */
export interface GarchTParameters {
  mu: number;
  omega: number;
  alpha: number;
  beta: number;
  /** GJR leverage term; 0 for plain GARCH. */
  gamma: number;
  nu: number;
}

/** h̄ = ω / (1 − α − β − γ/2): the unconditional variance of ε (symmetric innovations). */
export function garchUnconditionalVariance(p: GarchTParameters): number {
  return p.omega / (1 - p.alpha - p.beta - p.gamma / 2);
}

/**
 * Fills `out[0..steps]` with prices at k·dt (seconds), starting at `price`, from GARCH-t returns
 * per `period` seconds. Draw order: first the GARCH-t returns of every period the horizon
 * touches (`simulateGarch`, one Student-t variate each), then one normal for each step strictly
 * inside a period, in time order.
 */
export function garchTPath(out: Float64Array, steps: number, price: number, p: GarchTParameters, period: number, dt: number, rng: Rng): void {
  const periods = Math.floor((steps * dt) / period) + 1;
  const params: GarchParams = { mu: p.mu, omega: p.omega, alpha: p.alpha, beta: p.beta, nu: p.nu };
  if (p.gamma !== 0) params.gamma = p.gamma;
  const { returns, variance } = simulateGarch(params, p.gamma !== 0 ? 'gjr' : 'garch', 't', periods, rng, garchUnconditionalVariance(p));
  let j = 0; // the period being bridged
  let xStart = 0; // log price (natural units) at its start
  let uPrev = 0; // bridge abscissa of the previous grid point in this period
  let bPrev = 0; // bridge value there
  for (let k = 0; k <= steps; k++) {
    const s = (k * dt) / period;
    const jk = Math.floor(s);
    while (j < jk) {
      xStart += returns[j] / 100; // the period just finished closes at its GARCH return
      j++;
      uPrev = 0;
      bPrev = 0;
    }
    const u = s - jk;
    let b = 0;
    if (u > 0) {
      // B(u) | B(uPrev) = bPrev  ~  N(bPrev·(1−u)/(1−uPrev), (u−uPrev)(1−u)/(1−uPrev))
      const rest = 1 - uPrev;
      b = (bPrev * (1 - u)) / rest + Math.sqrt(((u - uPrev) * (1 - u)) / rest) * rng.normal();
    }
    uPrev = u;
    bPrev = b;
    out[k] = price * Math.exp(xStart + (u * returns[j] + Math.sqrt(variance[j]) * b) / 100);
  }
}
