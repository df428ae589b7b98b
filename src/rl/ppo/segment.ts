/**
 * One environment's stretch of steps in a rollout, as the return estimators read it.
 *
 * Step t has reward r_t and the value V_t of the observation it acted on. `ended[t]` is 1 when the
 * episode ended with that step, terminated or truncated; `bootstrap[t]` is then what the state
 * after it is worth: 0 when the episode terminated (nothing lies beyond a terminal state) and
 * V(final observation) when it was truncated by a time limit (the task went on, only our
 * episode did not; Pardo et al. 2018, "Time Limits in Reinforcement Learning", and
 * Stable-Baselines3's rollout buffer). `lastValue` is the value of the observation after the
 * segment's last step, used when the episode is still running at the end of the rollout.
 */
export interface Segment {
  readonly rewards: ArrayLike<number>;
  readonly values: ArrayLike<number>;
  readonly ended: ArrayLike<number>;
  readonly bootstrap: ArrayLike<number>;
  readonly lastValue: number;
}

/** What the state after step t is worth: the bootstrap at an episode's end, else the next value. */
export function nextValue(s: Segment, t: number): number {
  if (s.ended[t]) return s.bootstrap[t];
  return t + 1 < s.values.length ? s.values[t + 1] : s.lastValue;
}
