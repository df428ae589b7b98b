/**
 * PPO's loss terms for one sample, written out in plain arithmetic (Schulman, Wolski, Dhariwal,
 * Radford & Klimov 2017, eq. 7 and 9, with CleanRL's value clipping). They are the definitions the
 * learner's TensorFlow.js graph implements over minibatches; a test holds the two together, and
 * these are the ones checked against hand-worked numbers.
 */

/**
 * The clipped surrogate, as a loss to minimise: max(−A·ρ, −A·clip(ρ, 1−ε, 1+ε)), i.e. minus
 * PPO's L^CLIP. The clip removes the incentive to move ρ = π/π_old beyond [1−ε, 1+ε] in the
 * direction the advantage favours; in the other direction the unclipped term keeps the penalty.
 */
export function clippedSurrogate(ratio: number, advantage: number, epsilon: number): number {
  const clipped = Math.min(1 + epsilon, Math.max(1 - epsilon, ratio));
  return Math.max(-advantage * ratio, -advantage * clipped);
}

/**
 * The value loss ½(V − R)², or with clipping (CleanRL's `clip_vloss`, after OpenAI Baselines)
 * ½·max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²): the new value earns no credit for
 * moving more than ε from the value the rollout recorded.
 */
export function valueLoss(value: number, target: number, oldValue: number, epsilon: number | null): number {
  const unclipped = (value - target) ** 2;
  if (epsilon === null) return 0.5 * unclipped;
  const clippedValue = oldValue + Math.min(epsilon, Math.max(-epsilon, value - oldValue));
  return 0.5 * Math.max(unclipped, (clippedValue - target) ** 2);
}

/** The approximate KL divergence k3 = (ρ − 1) − log ρ (Schulman, "Approximating KL divergence", 2020): unbiased and never negative. */
export function approxKl(logRatio: number): number {
  return Math.expm1(logRatio) - logRatio;
}
