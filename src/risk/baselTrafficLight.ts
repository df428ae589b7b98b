/**
 * The Basel traffic-light zones for a VaR backtest (Basel Committee on Banking Supervision 1996,
 * "Supervisory framework for the use of backtesting in conjunction with the internal models
 * approach to market risk capital requirements", Table 2): with 250 days at 99 %, 0–4 exceptions
 * are green, 5–9 yellow, 10 or more red. The table's rule, applied here for any n and α, is the
 * cumulative binomial probability P(X ≤ x) of x exceptions under a correct model,
 * X ~ Bin(n, 1 − α): green while it is below 95 %, yellow below 99.99 %, red from 99.99 % on.
 */
import { binomialCdf } from './distributions.js';
import { logGamma } from './specialFunctions.js';
import { checkAlpha } from './varTypes.js';

export type BaselZone = 'green' | 'yellow' | 'red';

export interface BaselResult {
  zone: BaselZone;
  /** P(X ≤ exceptions) under the null. */
  cumulativeProbability: number;
  /** Largest exception count still green, and still yellow, for these n and α. */
  greenMax: number;
  yellowMax: number;
}

const GREEN_BELOW = 0.95;
const YELLOW_BELOW = 0.9999;

function zoneOf(cdf: number): BaselZone {
  return cdf < GREEN_BELOW ? 'green' : cdf < YELLOW_BELOW ? 'yellow' : 'red';
}

export function baselTrafficLight(exceptions: number, observations: number, alpha: number): BaselResult {
  checkAlpha(alpha);
  const p = 1 - alpha;
  const cdf = binomialCdf(exceptions, observations, p);
  // the zone boundaries, from a running sum of the binomial mass
  let greenMax = -1;
  let yellowMax = -1;
  let c = 0;
  const logNFact = logGamma(observations + 1);
  for (let x = 0; x <= observations; x++) {
    c += Math.exp(logNFact - logGamma(x + 1) - logGamma(observations - x + 1) + x * Math.log(p) + (observations - x) * Math.log1p(-p));
    if (c < GREEN_BELOW) greenMax = x;
    if (c < YELLOW_BELOW) yellowMax = x;
    else break;
  }
  return { zone: zoneOf(cdf), cumulativeProbability: cdf, greenMax, yellowMax };
}
