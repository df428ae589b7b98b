/**
 * Probability that a geometric Brownian motion dS = μS dt + σS dW, S_0 = s0, touches a lower
 * barrier b < s0 at some time in [0, T] (continuous monitoring). With X_t = ln(S_t/s0) =
 * νt + σW_t, ν = μ − σ²/2 and m = ln(b/s0) < 0, the reflection principle for Brownian motion
 * with drift gives the law of the running minimum (Shreve, "Stochastic Calculus for Finance II",
 * 2004, §7.2.2 / Cor. 7.2.2; Björk, "Arbitrage Theory in Continuous Time", 3rd ed., §18.2):
 *   P(min_{t≤T} S_t ≤ b) = Φ((m − νT)/(σ√T)) + (b/s0)^{2ν/σ²} Φ((m + νT)/(σ√T)).
 * Time and the rates μ, σ are in the same unit (e.g. per day with T in days).
 *
 * The discretely monitored probability (checking the price only every Δt) is smaller; Broadie,
 * Glasserman & Kou (1997, "A continuity correction for discrete barrier options", Mathematical
 * Finance 7(4)) show it equals, to o(√Δt), the continuous one with the barrier shifted away from
 * s0 by the factor exp(−β σ √Δt), β = −ζ(½)/√(2π) ≈ 0.5826. `gbmBarrierProbabilityDiscrete`
 * applies that shift.
 */
import { normalCdf } from './distributions.js';

/** β = −ζ(1/2)/√(2π) of Broadie, Glasserman & Kou (1997). */
export const BGK_BETA = 0.5825971579390106;

export function gbmBarrierProbability(s0: number, barrier: number, mu: number, sigma: number, horizon: number): number {
  if (!(s0 > 0) || !(barrier > 0)) throw new RangeError('price and barrier must be positive');
  if (!(sigma >= 0) || !(horizon >= 0)) throw new RangeError('sigma and horizon must be non-negative');
  if (barrier >= s0) return 1;
  if (horizon === 0) return 0;
  const nu = mu - 0.5 * sigma * sigma;
  const m = Math.log(barrier / s0);
  if (sigma === 0) return m >= nu * horizon ? 1 : 0; // deterministic path hits iff its end is at or below the barrier
  const sd = sigma * Math.sqrt(horizon);
  const first = normalCdf((m - nu * horizon) / sd);
  const second = normalCdf((m + nu * horizon) / sd);
  // (b/s0)^{2ν/σ²} in log space, so a large drift cannot overflow before multiplying a tiny Φ
  const reflected = second === 0 ? 0 : Math.exp((2 * nu * m) / (sigma * sigma) + Math.log(second));
  return Math.min(1, first + reflected);
}

/**
 * The same probability when the price is only observed every `dt` (e.g. once a day), by the
 * Broadie–Glasserman–Kou continuity correction: the barrier moves to b·exp(−β σ √dt).
 */
export function gbmBarrierProbabilityDiscrete(s0: number, barrier: number, mu: number, sigma: number, horizon: number, dt: number): number {
  return gbmBarrierProbability(s0, barrier * Math.exp(-BGK_BETA * sigma * Math.sqrt(dt)), mu, sigma, horizon);
}
