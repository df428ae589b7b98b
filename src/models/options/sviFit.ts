/**
 * Least-squares fit of one raw SVI slice to quotes of total implied variance w_i = σ_i²T at
 * log-moneyness k_i = ln(K_i/F):  minimise Σ ω_i (w(k_i) − w_i)²  over admissible parameters.
 *
 * The constraints (b ≥ 0, |ρ| < 1, σ > 0, a + bσ√(1 − ρ²) ≥ 0) are built into the coordinates the
 * optimiser moves in: b = e^{θ_b}, ρ = tanh θ_ρ, σ = e^{θ_σ}, m = θ_m and
 * a = e^{θ_a}·w̄ − bσ√(1 − ρ²) (w̄ the mean quoted variance), so every trial point is a valid slice.
 * Starting points come from the quasi-explicit reduction of Zeliade Systems ("Quasi-explicit
 * calibration of Gatheral's SVI model", 2009): for fixed (m, σ), w = a + d·y + c·√(y² + 1) with
 * y = (k − m)/σ, d = ρbσ, c = bσ is linear in (a, d, c), so an ordinary least-squares solve on a
 * small grid of (m, σ) gives good starts; BFGS and a Nelder–Mead restart (optimize.ts) finish.
 */
import { bfgs, nelderMead } from '../optimize.js';
import { sviTotalVariance, type SviParams } from './svi.js';

export interface SviFitOptions {
  /** Weights ω_i of the squared residuals (default all 1). */
  weights?: ArrayLike<number>;
}

export interface SviFit {
  params: SviParams;
  /** Root-mean-square error in total variance (unweighted). */
  rmse: number;
  /** Largest absolute residual in total variance. */
  maxError: number;
  n: number;
  converged: boolean;
}

function toParams(th: Float64Array, wbar: number): SviParams {
  const b = Math.exp(th[1]);
  const rho = Math.tanh(th[2]);
  const sigma = Math.exp(th[4]);
  const a = Math.exp(th[0]) * wbar - b * sigma * Math.sqrt(1 - rho * rho);
  return { a, b, rho, m: th[3], sigma };
}

function fromParams(p: SviParams, wbar: number): Float64Array {
  const floor = p.a + p.b * p.sigma * Math.sqrt(1 - p.rho * p.rho);
  return Float64Array.from([Math.log(Math.max(floor, 1e-8 * wbar) / wbar), Math.log(Math.max(p.b, 1e-10)), Math.atanh(Math.max(-0.999, Math.min(0.999, p.rho))), p.m, Math.log(p.sigma)]);
}

/** Solves the 3×3 normal equations of w ≈ a + d·y + c·√(y² + 1); null when singular. */
function linearStart(k: ArrayLike<number>, w: ArrayLike<number>, wt: ArrayLike<number>, m: number, sigma: number, wbar: number): SviParams | null {
  const A = new Float64Array(9);
  const r = new Float64Array(3);
  for (let i = 0; i < k.length; i++) {
    const y = (k[i] - m) / sigma;
    const z = [1, y, Math.sqrt(y * y + 1)];
    for (let p = 0; p < 3; p++) {
      r[p] += wt[i] * z[p] * w[i];
      for (let q = 0; q < 3; q++) A[p * 3 + q] += wt[i] * z[p] * z[q];
    }
  }
  // Gaussian elimination with partial pivoting
  const M = [0, 1, 2].map((i) => [A[i * 3], A[i * 3 + 1], A[i * 3 + 2], r[i]]);
  for (let c = 0; c < 3; c++) {
    let piv = c;
    for (let i = c + 1; i < 3; i++) if (Math.abs(M[i][c]) > Math.abs(M[piv][c])) piv = i;
    if (Math.abs(M[piv][c]) < 1e-14) return null;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let i = 0; i < 3; i++) {
      if (i === c) continue;
      const f = M[i][c] / M[c][c];
      for (let j = c; j < 4; j++) M[i][j] -= f * M[c][j];
    }
  }
  const a = M[0][3] / M[0][0];
  const d = M[1][3] / M[1][1];
  let c = M[2][3] / M[2][2];
  if (!Number.isFinite(a + d + c)) return null;
  c = Math.max(c, 1e-6 * wbar);
  const rho = Math.max(-0.95, Math.min(0.95, d / c));
  const b = c / sigma;
  const floor = -b * sigma * Math.sqrt(1 - rho * rho);
  return { a: Math.max(a, floor + 1e-6 * wbar), b, rho, m, sigma };
}

/** Fits a raw SVI slice to (k_i, w_i); needs at least 5 quotes (the parameter count). */
export function fitSvi(k: ArrayLike<number>, w: ArrayLike<number>, opts: SviFitOptions = {}): SviFit {
  const n = k.length;
  if (w.length !== n) throw new RangeError(`fitSvi: ${n} log-moneyness values but ${w.length} variances`);
  if (n < 5) throw new RangeError(`fitSvi: a raw SVI slice has 5 parameters and needs at least 5 quotes, got ${n}`);
  const wt = opts.weights ?? new Float64Array(n).fill(1);
  if (wt.length !== n) throw new RangeError(`fitSvi: ${n} quotes but ${wt.length} weights`);
  let wbar = 0;
  let wsum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(k[i])) throw new RangeError(`fitSvi: log-moneyness ${i} is not finite (${k[i]})`);
    if (!(w[i] > 0 && Number.isFinite(w[i]))) throw new RangeError(`fitSvi: total variance ${i} must be positive, got ${w[i]}`);
    if (!(wt[i] >= 0 && Number.isFinite(wt[i]))) throw new RangeError(`fitSvi: weight ${i} must be >= 0, got ${wt[i]}`);
    wbar += w[i];
    wsum += wt[i];
  }
  if (!(wsum > 0)) throw new RangeError('fitSvi: all weights are zero');
  wbar /= n;
  const objective = (th: Float64Array) => {
    const p = toParams(th, wbar);
    if (!Number.isFinite(p.a + p.b + p.rho + p.m + p.sigma)) return Infinity;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const e = (sviTotalVariance(p, k[i]) - w[i]) / wbar;
      s += wt[i] * e * e;
    }
    return s / wsum;
  };

  const sorted = Float64Array.from(k).sort();
  const spread = Math.max(sorted[n - 1] - sorted[0], 0.05);
  const starts: { th: Float64Array; value: number }[] = [];
  for (const q of [0.1, 0.3, 0.5, 0.7, 0.9]) {
    const m = sorted[Math.min(n - 1, Math.floor(q * n))];
    for (const share of [0.05, 0.15, 0.4, 1]) {
      const p = linearStart(k, w, wt, m, share * spread, wbar);
      if (!p) continue;
      const th = fromParams(p, wbar);
      starts.push({ th, value: objective(th) });
    }
  }
  starts.sort((x, y) => x.value - y.value);
  let best = { x: starts[0].th, value: starts[0].value, converged: false };
  for (const s of starts.slice(0, 4)) {
    const run = bfgs(objective, s.th, { gradientTolerance: 1e-10, maxIterations: 500 });
    if (run.value < best.value) best = { x: run.x, value: run.value, converged: run.converged };
  }
  // a simplex restart from the best point catches BFGS stalling in a flat valley (σ → 0, |ρ| → 1)
  const nm = nelderMead(objective, best.x, { step: 0.2, tolerance: 1e-16, restarts: 2 });
  if (nm.value < best.value) {
    const polished = bfgs(objective, nm.x, { gradientTolerance: 1e-10, maxIterations: 500 });
    best = polished.value <= nm.value ? { x: polished.x, value: polished.value, converged: polished.converged } : { x: nm.x, value: nm.value, converged: nm.converged };
  }
  const params = toParams(best.x, wbar);
  let ss = 0;
  let maxError = 0;
  for (let i = 0; i < n; i++) {
    const e = sviTotalVariance(params, k[i]) - w[i];
    ss += e * e;
    maxError = Math.max(maxError, Math.abs(e));
  }
  return { params, rmse: Math.sqrt(ss / n), maxError, n, converged: best.converged };
}
