/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, by the
 * Cholesky–Banachiewicz (row by row) recurrence:
 *   L[i][j] = (A[i][j] − Σ_{k<j} L[i][k]·L[j][k]) / L[j][j]   (j < i)
 *   L[i][i] = sqrt(A[i][i] − Σ_{k<i} L[i][k]²)
 * Golub & Van Loan, Matrix Computations (4th ed., 2013), §4.2; its use for drawing correlated
 * normals Z = L·ε is Glasserman, Monte Carlo Methods in Financial Engineering (2003), §2.3.3.
 *
 * Positive definiteness is exactly the condition that every pivot under the square root is
 * strictly positive, so the factorisation doubles as the PD test.
 */

export class NotPositiveDefiniteError extends Error {
  constructor(
    message: string,
    /** 0-based index of the pivot that failed. */
    readonly pivot: number,
  ) {
    super(message);
    this.name = 'NotPositiveDefiniteError';
  }
}

/**
 * Lower-triangular factor of `a` (only its lower triangle is read), row-major in a Float64Array
 * of n·n entries. Throws `NotPositiveDefiniteError` naming the pivot when `a` is not positive
 * definite (a pivot ≤ `tolerance` times the diagonal entry counts as zero, so a numerically
 * singular matrix such as a correlation of exactly 1 is refused rather than yielding a
 * degenerate factor).
 */
export function cholesky(a: ArrayLike<ArrayLike<number>>, tolerance = 1e-12): Float64Array {
  const n = a.length;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (a[i].length !== n) throw new Error(`cholesky: row ${i} has ${a[i].length} entries, expected ${n}`);
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > tolerance * Math.abs(a[i][i]))) {
          throw new NotPositiveDefiniteError(`matrix is not positive definite (pivot ${i} is ${sum.toPrecision(6)} after elimination)`, i);
        }
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

/** out = L·z for a row-major lower-triangular L of size n (out and z must not alias). */
export function lowerTriangularTimes(l: Float64Array, n: number, z: Float64Array, out: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let k = 0; k <= i; k++) s += l[row + k] * z[k];
    out[i] = s;
  }
}
