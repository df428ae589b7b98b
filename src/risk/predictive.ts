/**
 * VaR/ES of, and draws from, a one-period predictive return distribution
 * (see `PredictiveDistribution`). The closed forms are those of `normalVaR` and `studentTVaR`;
 * the empirical case is historical simulation on the rescaled sample (`empiricalVarEsSorted`).
 */
import type { Rng } from '../util/rng.js';
import { empiricalVarEsSorted } from './historicalVar.js';
import { normalVaR } from './normalVar.js';
import { studentTVaR } from './studentTVar.js';
import type { PredictiveDistribution, VarEs } from './varTypes.js';

/** Losses −sample sorted ascending: computed once per sample array and reused. */
const sortedLossCache = new WeakMap<Float64Array, Float64Array>();

export function sortedLossesOf(sample: Float64Array): Float64Array {
  let s = sortedLossCache.get(sample);
  if (!s) {
    s = new Float64Array(sample.length);
    for (let i = 0; i < sample.length; i++) s[i] = -sample[i];
    s.sort();
    sortedLossCache.set(sample, s);
  }
  return s;
}

/** VaR and ES (loss convention) of a predictive distribution. */
export function predictiveVarEs(d: PredictiveDistribution, alpha: number): VarEs {
  switch (d.kind) {
    case 'normal':
      return normalVaR(d.mu, d.sigma, alpha);
    case 't':
      return studentTVaR(d.mu, d.sigma, d.nu, alpha);
    case 'empirical': {
      // the loss of mu + scale·z is −mu + scale·(−z), and scale ≥ 0 keeps the order
      const z = empiricalVarEsSorted(sortedLossesOf(d.sample), alpha);
      return { alpha, var: -d.mu + d.scale * z.var, es: -d.mu + d.scale * z.es };
    }
  }
}

/** One draw of the return from a predictive distribution. */
export function samplePredictive(d: PredictiveDistribution, rng: Rng): number {
  switch (d.kind) {
    case 'normal':
      return d.mu + d.sigma * rng.normal();
    case 't':
      return d.mu + d.sigma * Math.sqrt((d.nu - 2) / d.nu) * rng.studentT(d.nu);
    case 'empirical':
      return d.mu + d.scale * d.sample[rng.int(d.sample.length)];
  }
}
