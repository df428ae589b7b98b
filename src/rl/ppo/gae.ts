/**
 * Generalised advantage estimation (Schulman, Moritz, Levine, Jordan & Abbeel 2016, eq. 16):
 *
 *   δ_t = r_t + γ·V(s_{t+1}) − V(s_t)
 *   Â_t = δ_t + γλ·Â_{t+1}           (the sum restarts where an episode ends)
 *
 * with V(s_{t+1}) read by `nextValue`: at a truncation it is the value of the final observation,
 * so an episode cut by a time limit is not mistaken for one that reached a terminal state. λ = 1
 * gives the discounted return minus the value (Monte Carlo), λ = 0 the one-step TD error. The
 * value targets are Â_t + V(s_t) (the λ-return), as in CleanRL and Stable-Baselines3.
 */
import { nextValue, type Segment } from './segment.js';

export interface Advantages {
  advantages: Float64Array;
  /** λ-returns, the critic's targets. */
  returns: Float64Array;
}

export function gae(s: Segment, gamma: number, lambda: number): Advantages {
  const n = s.rewards.length;
  if (s.values.length !== n || s.ended.length !== n || s.bootstrap.length !== n) throw new RangeError('gae: rewards, values, ended and bootstrap must have one entry per step');
  const advantages = new Float64Array(n);
  const returns = new Float64Array(n);
  let following = 0; // Â_{t+1}, zero past the segment's end or an episode's end
  for (let t = n - 1; t >= 0; t--) {
    const delta = s.rewards[t] + gamma * nextValue(s, t) - s.values[t];
    following = delta + (s.ended[t] ? 0 : gamma * lambda * following);
    advantages[t] = following;
    returns[t] = following + s.values[t];
  }
  return { advantages, returns };
}
