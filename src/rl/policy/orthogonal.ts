/**
 * Orthogonal initialisation (Saxe, McClelland & Ganguli 2014), drawn from our own seeded stream
 * so that a network's starting weights are a function of the training seed alone (TensorFlow.js's
 * initialisers keep their own generator).
 *
 * The recipe is the one PyTorch's `nn.init.orthogonal_` documents and CleanRL relies on: fill a
 * rows × cols matrix with standard normals, take the QR factorisation of the tall orientation,
 * make R's diagonal positive (so that Q is Haar-distributed rather than biased by the
 * factorisation's sign convention), and scale by the gain. The result has orthonormal rows when
 * rows ≤ cols and orthonormal columns otherwise, times the gain.
 */
import type { Rng } from '../../util/rng.js';

/**
 * A rows × cols matrix, row-major, with orthonormal rows or columns times `gain`. Gram–Schmidt is
 * run twice on each column ("twice is enough", Giraud et al. 2005) in double precision; the
 * Gram–Schmidt factor already has a positive diagonal, which is the sign convention above.
 */
export function orthogonalMatrix(rows: number, cols: number, gain: number, rng: Rng): Float64Array {
  const tall = rows >= cols;
  const m = tall ? rows : cols; // length of each vector made orthonormal
  const n = tall ? cols : rows; // how many of them
  const normals = new Float64Array(rows * cols);
  for (let i = 0; i < normals.length; i++) normals[i] = rng.normal();
  // vectors[j] is column j of the tall matrix: column j of `normals` when tall, row j otherwise
  const vectors: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const v = new Float64Array(m);
    for (let i = 0; i < m; i++) v[i] = tall ? normals[i * cols + j] : normals[j * cols + i];
    for (let pass = 0; pass < 2; pass++) {
      for (const q of vectors) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += q[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= dot * q[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (!(norm > 0)) throw new Error('orthogonal initialisation: a degenerate normal draw'); // probability zero
    for (let i = 0; i < m; i++) v[i] /= norm;
    vectors.push(v);
  }
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      if (tall) out[i * cols + j] = gain * vectors[j][i];
      else out[j * cols + i] = gain * vectors[j][i];
    }
  }
  return out;
}
