/**
 * Merton's jump-diffusion (R. C. Merton, "Option pricing when underlying stock returns are
 * discontinuous", Journal of Financial Economics 3, 1976, 125–144):
 *   dS/S_− = (μ − λκ) dt + σ dW + (Y − 1) dN,   N Poisson with intensity λ,  log Y ~ N(m, s²),
 *   κ = E[Y − 1] = e^{m + s²/2} − 1.
 * The drift is **compensated**: μ is the total expected rate of return, jumps included, so
 * E[S_t] = S_0·e^{μt}, exactly as for GBM with the same `drift` (a crash-prone asset with
 * drift 0 drifts upward between jumps to make up for them).
 *
 * Simulation on a grid is exact (Glasserman 2003, §3.5.1): over a step Δt,
 *   log S_{k+1} − log S_k = (μ − σ²/2 − λκ)Δt + σ√Δt·Z + Σ_{i=1}^{N} log Y_i,  N ~ Poisson(λΔt),
 * and the sum of N independent N(m, s²) log-jumps is N(N·m, N·s²), one normal draw.
 * Hence Var[log-return] = σ²Δt + λΔt(m² + s²).
 */
import type { Rng } from '../util/rng.js';
import type { JumpDiffusionProcessSpec } from './schema.js';
import { SECONDS_PER_YEAR } from './schema.js';

/**
 * Turns `out[1..steps]`, holding standard normal diffusion shocks on entry, into the price path;
 * jump counts and sizes are drawn from `rng` step by step (a Poisson count, then one normal
 * when the count is positive), so the draw order is fixed.
 */
export function jumpDiffusionPathInPlace(out: Float64Array, steps: number, spec: JumpDiffusionProcessSpec, dt: number, rng: Rng): void {
  const h = dt / SECONDS_PER_YEAR;
  const { volatility: sigma, jumpIntensity: lambda, jumpMean: m, jumpStd: s } = spec;
  const kappa = Math.expm1(m + 0.5 * s * s);
  const mean = (spec.drift - 0.5 * sigma * sigma - lambda * kappa) * h;
  const scale = sigma * Math.sqrt(h);
  const jumpsPerStep = lambda * h;
  const s0 = spec.price;
  let x = 0;
  out[0] = s0;
  for (let k = 1; k <= steps; k++) {
    x += mean + scale * out[k];
    const n = rng.poisson(jumpsPerStep);
    if (n > 0) x += n * m + s * Math.sqrt(n) * rng.normal();
    out[k] = s0 * Math.exp(x);
  }
}
