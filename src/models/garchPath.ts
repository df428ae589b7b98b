/**
 * The GARCH(1,1) / GJR-GARCH(1,1) variance recursion run forward from a given starting variance,
 * so that a model fitted on a training window can be carried through later data without the
 * later data leaking into its start (R1's `garchFilter` starts from the mean squared residual of
 * the whole series it is given, which is right for fitting but looks ahead out of sample).
 *
 *   σ²_{t+1} = ω + (α + γ·1[ε_t < 0]) ε²_t + β σ²_t,   ε_t = r_t − μ
 *
 * (Bollerslev 1986; Glosten, Jagannathan & Runkle 1993.)
 */
import type { GarchModel, GarchParams } from './garch.js';

/**
 * σ²_t for t = 0..n given σ²_0 = `initialVariance`: element t is the variance of r_t given
 * r_0..r_{t−1}; element n is the one-step forecast after the last return. Length n + 1.
 */
export function garchVariancePath(returns: Float64Array, params: GarchParams, model: GarchModel, initialVariance: number): Float64Array {
  const n = returns.length;
  const out = new Float64Array(n + 1);
  const { mu, omega, alpha, beta } = params;
  const gamma = model === 'gjr' ? (params.gamma ?? 0) : 0;
  let h = initialVariance;
  out[0] = h;
  for (let t = 0; t < n; t++) {
    const e = returns[t] - mu;
    h = omega + (e < 0 ? alpha + gamma : alpha) * e * e + beta * h;
    out[t + 1] = h;
  }
  return out;
}
