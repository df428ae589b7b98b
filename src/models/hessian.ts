/**
 * Numerical Hessian by central differences (Dennis & Schnabel 1983, §5.6; Nocedal & Wright 2006,
 * §8.1): diagonal (f(x+h) − 2f(x) + f(x−h)) / h², off-diagonal
 * (f(x+hᵢ+hⱼ) − f(x+hᵢ−hⱼ) − f(x−hᵢ+hⱼ) + f(x−hᵢ−hⱼ)) / (4hᵢhⱼ),
 * and the symmetric-matrix inverse used to turn the Hessian of a log-likelihood into standard
 * errors.
 */
export type ScalarFunction = (x: Float64Array) => number;

/** Default step: `relStep`·(|x_i| + floor), so parameters near zero still get a usable step. */
export function defaultSteps(x: Float64Array, relStep = 1e-4, floor = 1e-2): Float64Array {
  const h = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) h[i] = relStep * (Math.abs(x[i]) + floor);
  return h;
}

/** Hessian of `f` at `x` as an n×n row-major array. */
export function numericalHessian(f: ScalarFunction, x0: Float64Array, steps: Float64Array = defaultSteps(x0)): Float64Array {
  const n = x0.length;
  const x = Float64Array.from(x0);
  const H = new Float64Array(n * n);
  const f0 = f(x);
  for (let i = 0; i < n; i++) {
    const hi = steps[i];
    x[i] = x0[i] + hi;
    const fp = f(x);
    x[i] = x0[i] - hi;
    const fm = f(x);
    x[i] = x0[i];
    H[i * n + i] = (fp - 2 * f0 + fm) / (hi * hi);
    for (let j = 0; j < i; j++) {
      const hj = steps[j];
      x[i] = x0[i] + hi;
      x[j] = x0[j] + hj;
      const fpp = f(x);
      x[j] = x0[j] - hj;
      const fpm = f(x);
      x[i] = x0[i] - hi;
      const fmm = f(x);
      x[j] = x0[j] + hj;
      const fmp = f(x);
      x[i] = x0[i];
      x[j] = x0[j];
      const v = (fpp - fpm - fmp + fmm) / (4 * hi * hj);
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}

/**
 * Inverse of a symmetric positive-definite matrix by Cholesky factorisation; null when the
 * matrix is not positive definite (then standard errors are not defined).
 */
export function invertSpd(A: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else L[i * n + j] = s / L[j * n + j];
    }
  }
  // invert L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹
  const Li = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    Li[i * n + i] = 1 / L[i * n + i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * n + k] * Li[k * n + j];
      Li[i * n + j] = s / L[i * n + i];
    }
  }
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k * n + i] * Li[k * n + j];
      inv[i * n + j] = s;
      inv[j * n + i] = s;
    }
  }
  return inv;
}
