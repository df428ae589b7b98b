/**
 * n-step and discounted returns (Sutton & Barto 2018, §7.1):
 *
 *   G_t^(n) = r_t + γ r_{t+1} + … + γ^{m−1} r_{t+m−1} + γ^m V(s_{t+m})
 *
 * where m = n unless the episode or the segment ends first, in which case the sum stops there and
 * takes what lies beyond (`nextValue`: 0 after a terminal state, the final observation's value
 * after a truncation, `lastValue` at the segment's end). With n at least the segment's length this
 * is the discounted return used by Monte Carlo methods. Written as its own estimator (a direct
 * sum, not GAE's recursion) so that GAE's λ = 1 case can be checked against it.
 */
import { nextValue, type Segment } from './segment.js';

export function nStepReturns(s: Segment, gamma: number, n: number): Float64Array {
  if (!(n >= 1)) throw new RangeError(`n-step returns: expected n ≥ 1, got ${n}`);
  const T = s.rewards.length;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let g = 0;
    let discount = 1;
    for (let k = t; ; k++) {
      g += discount * s.rewards[k];
      discount *= gamma;
      if (s.ended[k] || k + 1 === T || k + 1 - t === n) {
        g += discount * nextValue(s, k);
        break;
      }
    }
    out[t] = g;
  }
  return out;
}

/** The discounted return from each step to the end of its episode (or the segment, then bootstrapped). */
export function discountedReturns(s: Segment, gamma: number): Float64Array {
  return nStepReturns(s, gamma, Infinity);
}
