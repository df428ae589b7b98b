/**
 * The Acerbi–Székely Z2 test of Expected Shortfall (Acerbi & Székely 2014, "Backtesting
 * expected shortfall", Risk, December; "Test 2: testing ES directly"). In this project's loss
 * convention (L = −X, VaR and ES positive) with exception indicators I_t = 1{L_t > VaR_t} and
 * the tail probability 1 − α:
 *   Z2 = 1 − Σ_t L_t I_t / (T (1 − α) ES_t).
 * Under H0 (the forecast distributions are right) E[Z2] = 0; a negative Z2 means risk was
 * underestimated. The paper finds Z2's null distribution nearly independent of the return
 * distribution and publishes thresholds for ES at 97.5 % (α_tail = 2.5 %) over T = 250 days:
 * −0.70 at the 5 % significance level and −1.8 at 0.01 %. The p-value here is exact for the
 * model's own forecasts: Z2 is recomputed on returns drawn from each day's predictive
 * distribution (a seeded simulation under the null, as the paper prescribes), p = share of
 * simulated Z2 at or below the observed one (with the +1 correction of Davison & Hinkley 1997).
 */
import { deriveSeed, Rng } from '../util/rng.js';
import { samplePredictive } from './predictive.js';
import { checkAlpha, type PredictiveDistribution } from './varTypes.js';

/** Published Z2 thresholds for ES at 97.5 % and T = 250 (Acerbi & Székely 2014). */
export const Z2_CRITICAL_5PCT = -0.7;
export const Z2_CRITICAL_001PCT = -1.8;

export type EsZone = 'green' | 'yellow' | 'red';

export interface AcerbiSzekelyResult {
  z2: number;
  /** One-sided p-value by simulation under the null; null when not simulated. */
  pValue: number | null;
  simulations: number;
  /** Zone by the published thresholds: green Z2 > −0.70, yellow down to −1.8, red below. */
  zone: EsZone;
  /** The published thresholds are for α = 0.975 and T = 250; elsewhere the p-value is the guide. */
  thresholdsApply: boolean;
}

/** The Z2 statistic of realised losses against VaR and ES forecasts at level alpha. */
export function acerbiSzekelyZ2(losses: ArrayLike<number>, varF: ArrayLike<number>, esF: ArrayLike<number>, alpha: number): number {
  checkAlpha(alpha);
  const T = losses.length;
  if (T === 0 || varF.length !== T || esF.length !== T) throw new RangeError('Z2 needs equally long, non-empty losses, VaR and ES');
  let sum = 0;
  for (let t = 0; t < T; t++) if (losses[t] > varF[t]) sum += losses[t] / esF[t];
  return 1 - sum / (T * (1 - alpha));
}

export interface Z2TestOptions {
  /** Number of simulated histories under the null (0: no p-value). Default 1000. */
  simulations?: number;
  seed?: number;
}

/** Z2 with a simulated p-value: the predictive distributions must be the ones VaR and ES came from. */
export function acerbiSzekelyTest(
  losses: ArrayLike<number>,
  varF: ArrayLike<number>,
  esF: ArrayLike<number>,
  alpha: number,
  predictive: readonly PredictiveDistribution[] | null,
  opts: Z2TestOptions = {},
): AcerbiSzekelyResult {
  const z2 = acerbiSzekelyZ2(losses, varF, esF, alpha);
  const T = losses.length;
  const M = predictive ? (opts.simulations ?? 1000) : 0;
  if (predictive && predictive.length !== T) throw new RangeError('one predictive distribution per day is needed');
  let atOrBelow = 0;
  const seed = opts.seed ?? 1;
  for (let m = 0; m < M; m++) {
    const rng = new Rng(deriveSeed(seed, m));
    let sum = 0;
    for (let t = 0; t < T; t++) {
      const loss = -samplePredictive(predictive![t], rng);
      if (loss > varF[t]) sum += loss / esF[t];
    }
    if (1 - sum / (T * (1 - alpha)) <= z2) atOrBelow++;
  }
  return {
    z2,
    pValue: M > 0 ? (atOrBelow + 1) / (M + 1) : null,
    simulations: M,
    zone: z2 > Z2_CRITICAL_5PCT ? 'green' : z2 > Z2_CRITICAL_001PCT ? 'yellow' : 'red',
    thresholdsApply: Math.abs(alpha - 0.975) < 1e-12 && T === 250,
  };
}
