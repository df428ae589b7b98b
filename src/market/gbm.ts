/**
 * Geometric Brownian motion dS = μS dt + σS dW, simulated exactly on a grid:
 *   log S_{k+1} = log S_k + (μ − σ²/2)·Δt + σ·√Δt·Z_k,   Z_k ~ N(0, 1) i.i.d.
 * The log-Euler step has no discretisation error for GBM because log S is a Brownian motion
 * with drift (Glasserman, Monte Carlo Methods in Financial Engineering, 2003, §3.2.1); hence
 * E[S_T] = S_0·e^{μT} for any step size.
 */
import type { GbmProcessSpec } from './schema.js';
import { SECONDS_PER_YEAR } from './schema.js';

/**
 * Turns `out[1..steps]`, holding standard normal shocks on entry, into the price path; writes
 * the initial price to `out[0]`. The shocks come in pre-drawn so that correlated assets can share
 * one Cholesky-mixed draw (see `generate.ts`). `dt` is in seconds.
 */
export function gbmPathInPlace(out: Float64Array, steps: number, spec: GbmProcessSpec, dt: number): void {
  const h = dt / SECONDS_PER_YEAR;
  const sigma = spec.volatility;
  const mean = (spec.drift - 0.5 * sigma * sigma) * h;
  const scale = sigma * Math.sqrt(h);
  const s0 = spec.price;
  // accumulate the log-price rather than multiplying prices, so rounding does not compound
  let x = 0;
  out[0] = s0;
  for (let k = 1; k <= steps; k++) {
    x += mean + scale * out[k];
    out[k] = s0 * Math.exp(x);
  }
}
