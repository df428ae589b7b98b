/**
 * Global gradient-norm clipping, as PyTorch's `clip_grad_norm_` (which CleanRL calls with 0.5):
 * when the Euclidean norm of all gradients together exceeds the maximum, every gradient is scaled
 * by max / (norm + 1e-6), so the step keeps its direction and a rare huge gradient (a value target
 * far off) cannot throw the network away. Returns the norm before clipping, for monitoring.
 */
export function clipGradientNorm(gradient: Float32Array | Float64Array, maxNorm: number): number {
  let sq = 0;
  for (let i = 0; i < gradient.length; i++) sq += gradient[i] * gradient[i];
  const norm = Math.sqrt(sq);
  const scale = maxNorm / (norm + 1e-6);
  if (scale < 1) for (let i = 0; i < gradient.length; i++) gradient[i] *= scale;
  return norm;
}
