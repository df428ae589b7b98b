/**
 * The paired comparison of two controllers over the same episodes: the mean of the per-episode
 * differences of their objectives and its 95 % confidence interval by Student's t with n − 1
 * degrees of freedom. Pairing matters: two policies on the same crash differ far less than two
 * crashes do, so the interval on the differences is much narrower than one built from the two
 * means separately. The t interval assumes the mean of the differences is close to normal, which
 * holds for the tens of episodes an evaluation runs unless one path dominates; the interval is
 * reported as such, not as a guarantee.
 */
import { studentTQuantile } from '../../risk/distributions.js';

export interface PairedDifference {
  n: number;
  /** Mean of candidate − baseline. */
  mean: number;
  /** Standard error of that mean. */
  standardError: number;
  /** The 95 % confidence interval of the mean difference. */
  low: number;
  high: number;
  /** Share of episodes in which the candidate did strictly better. */
  winShare: number;
}

export function pairedDifference(candidate: readonly number[], baseline: readonly number[], confidence = 0.95): PairedDifference {
  if (candidate.length !== baseline.length) throw new Error(`pairedDifference: ${candidate.length} outcomes against ${baseline.length}`);
  const n = candidate.length;
  if (n < 2) throw new Error('pairedDifference: at least two episodes are needed for an interval');
  let sum = 0;
  let wins = 0;
  for (let i = 0; i < n; i++) {
    sum += candidate[i] - baseline[i];
    if (candidate[i] > baseline[i]) wins++;
  }
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (candidate[i] - baseline[i] - mean) ** 2;
  const standardError = Math.sqrt(squares / (n - 1) / n);
  const t = studentTQuantile(0.5 + confidence / 2, n - 1);
  return { n, mean, standardError, low: mean - t * standardError, high: mean + t * standardError, winShare: wins / n };
}
