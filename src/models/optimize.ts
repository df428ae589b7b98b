/**
 * Unconstrained minimisers for smooth likelihoods of a handful of parameters.
 *
 * - Nelder–Mead simplex (Nelder & Mead 1965) with the standard coefficients (reflection 1,
 *   expansion 2, contraction ½, shrink ½) and restarts from the best vertex, which cures the
 *   simplex's habit of collapsing early (Press et al., Numerical Recipes §10.5).
 * - BFGS (Nocedal & Wright 2006, Algorithm 6.1) with central-difference gradients and a
 *   backtracking Armijo line search; it polishes what Nelder–Mead finds to full precision.
 *
 * Objectives may return +Infinity (or NaN) outside the admissible region; both methods treat
 * such points as infinitely bad.
 */
export type Objective = (x: Float64Array) => number;

export interface OptimResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  converged: boolean;
}

function safe(f: Objective): Objective {
  return (x) => {
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
}

export interface NelderMeadOptions {
  /** Initial simplex edge along each coordinate (default 0.1·max(1, |x_i|)). */
  step?: number | Float64Array;
  maxEvaluations?: number;
  /** Stop when the spread of function values over the simplex falls below this. */
  tolerance?: number;
  /** Number of restarts from the best point found (default 2). */
  restarts?: number;
}

export function nelderMead(objective: Objective, x0: Float64Array, opts: NelderMeadOptions = {}): OptimResult {
  const f = safe(objective);
  const n = x0.length;
  const maxEval = opts.maxEvaluations ?? 2000 * n;
  const tol = opts.tolerance ?? 1e-10;
  let evaluations = 0;
  let best = Float64Array.from(x0);
  let bestValue = f(best);
  evaluations++;
  let converged = false;
  const restarts = opts.restarts ?? 2;
  for (let round = 0; round <= restarts && evaluations < maxEval; round++) {
    const pts: Float64Array[] = [];
    const vals = new Float64Array(n + 1);
    pts.push(Float64Array.from(best));
    vals[0] = bestValue;
    for (let i = 0; i < n; i++) {
      const p = Float64Array.from(best);
      const s = typeof opts.step === 'number' ? opts.step : opts.step ? opts.step[i] : 0.1 * Math.max(1, Math.abs(best[i]));
      p[i] += s;
      pts.push(p);
      vals[i + 1] = f(p);
      evaluations++;
    }
    const order = new Int32Array(n + 1);
    const centroid = new Float64Array(n);
    const xr = new Float64Array(n);
    const xe = new Float64Array(n);
    const xc = new Float64Array(n);
    converged = false;
    while (evaluations < maxEval) {
      for (let i = 0; i <= n; i++) order[i] = i;
      order.sort((a, b) => vals[a] - vals[b]);
      const lo = order[0];
      const hi = order[n];
      const nextHi = order[n - 1];
      if (Math.abs(vals[hi] - vals[lo]) <= tol * (Math.abs(vals[lo]) + tol) && Number.isFinite(vals[hi])) {
        converged = true;
        break;
      }
      centroid.fill(0);
      for (let k = 0; k <= n; k++) if (k !== hi) for (let i = 0; i < n; i++) centroid[i] += pts[k][i] / n;
      for (let i = 0; i < n; i++) xr[i] = centroid[i] + (centroid[i] - pts[hi][i]);
      const fr = f(xr);
      evaluations++;
      if (fr < vals[lo]) {
        for (let i = 0; i < n; i++) xe[i] = centroid[i] + 2 * (centroid[i] - pts[hi][i]);
        const fe = f(xe);
        evaluations++;
        if (fe < fr) {
          pts[hi].set(xe);
          vals[hi] = fe;
        } else {
          pts[hi].set(xr);
          vals[hi] = fr;
        }
      } else if (fr < vals[nextHi]) {
        pts[hi].set(xr);
        vals[hi] = fr;
      } else {
        const outside = fr < vals[hi];
        for (let i = 0; i < n; i++) xc[i] = outside ? centroid[i] + 0.5 * (xr[i] - centroid[i]) : centroid[i] + 0.5 * (pts[hi][i] - centroid[i]);
        const fc = f(xc);
        evaluations++;
        if (fc < (outside ? fr : vals[hi])) {
          pts[hi].set(xc);
          vals[hi] = fc;
        } else {
          for (let k = 0; k <= n; k++) {
            if (k === lo) continue;
            for (let i = 0; i < n; i++) pts[k][i] = pts[lo][i] + 0.5 * (pts[k][i] - pts[lo][i]);
            vals[k] = f(pts[k]);
            evaluations++;
          }
        }
      }
    }
    let k = 0;
    for (let i = 1; i <= n; i++) if (vals[i] < vals[k]) k = i;
    const improved = bestValue - vals[k];
    if (vals[k] <= bestValue) {
      best = Float64Array.from(pts[k]);
      bestValue = vals[k];
    }
    if (round > 0 && improved <= tol * (Math.abs(bestValue) + tol)) break;
  }
  return { x: best, value: bestValue, evaluations, converged };
}

/** Central-difference gradient; step h_i = 1e-6·max(1, |x_i|), stepping inward if one side is infeasible. */
export function numericalGradient(f: Objective, x: Float64Array, fx: number, out: Float64Array): number {
  let evals = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const h = 1e-6 * Math.max(1, Math.abs(xi));
    x[i] = xi + h;
    const fp = f(x);
    x[i] = xi - h;
    const fm = f(x);
    x[i] = xi;
    evals += 2;
    if (Number.isFinite(fp) && Number.isFinite(fm)) out[i] = (fp - fm) / (2 * h);
    else if (Number.isFinite(fp)) out[i] = (fp - fx) / h;
    else if (Number.isFinite(fm)) out[i] = (fx - fm) / h;
    else out[i] = 0;
  }
  return evals;
}

export interface BfgsOptions {
  maxIterations?: number;
  /** Stop when the gradient's largest component falls below this. */
  gradientTolerance?: number;
}

export function bfgs(objective: Objective, x0: Float64Array, opts: BfgsOptions = {}): OptimResult {
  const f = safe(objective);
  const n = x0.length;
  const maxIter = opts.maxIterations ?? 200;
  const gtol = opts.gradientTolerance ?? 1e-6;
  const x = Float64Array.from(x0);
  let fx = f(x);
  let evaluations = 1;
  if (!Number.isFinite(fx)) return { x, value: fx, evaluations, converged: false };
  const g = new Float64Array(n);
  const gNew = new Float64Array(n);
  const xNew = new Float64Array(n);
  const p = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  // inverse-Hessian approximation, row-major
  const H = new Float64Array(n * n);
  const resetH = () => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
  };
  resetH();
  evaluations += numericalGradient(f, x, fx, g);
  let converged = false;
  for (let iter = 0; iter < maxIter; iter++) {
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]));
    if (gmax < gtol) {
      converged = true;
      break;
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      p[i] = v;
      slope += v * g[i];
    }
    if (!(slope < 0)) {
      // not a descent direction: fall back to steepest descent
      resetH();
      slope = 0;
      for (let i = 0; i < n; i++) {
        p[i] = -g[i];
        slope -= g[i] * g[i];
      }
    }
    let t = 1;
    let fNew = Infinity;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + t * p[i];
      fNew = f(xNew);
      evaluations++;
      if (fNew <= fx + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      // the line search cannot make progress along this direction: we are at the noise floor
      converged = gmax < 1e3 * gtol;
      break;
    }
    evaluations += numericalGradient(f, xNew, fNew, gNew);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i] - x[i];
      y[i] = gNew[i] - g[i];
      sy += s[i] * y[i];
    }
    const decrease = fx - fNew;
    x.set(xNew);
    g.set(gNew);
    fx = fNew;
    if (sy > 1e-12) {
      // H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ
      const rho = 1 / sy;
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
        yHy += y[i] * v;
      }
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    if (decrease >= 0 && decrease < 1e-14 * (1 + Math.abs(fx)) && gmax < 1e3 * gtol) {
      converged = true;
      break;
    }
  }
  return { x, value: fx, evaluations, converged };
}
