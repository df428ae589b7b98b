/**
 * Monte Carlo of the Heston–Nandi GARCH model under its risk-neutral measure (see hestonNandi.ts):
 *
 *   ln(S_t/S_{t−1}) = r − ½h_t + √h_t z_t,   h_{t+1} = ω + βh_t + α(z_t − γ*√h_t)²,   γ* = γ + λ + ½,
 *
 * starting from h_1 = `variance`. The discounted payoff's sample mean is the price and its sample
 * standard deviation over √paths the standard error. Each path draws from its own stream
 * (deriveSeed(seed, path)), so a path's draws do not depend on the number of paths or periods.
 * It is an independent check of the closed form: the same model, no characteristic function.
 */
import { deriveSeed, Rng } from '../../util/rng.js';
import { hestonNandiProblem, periodsOf, riskNeutralGamma, type HestonNandiOption, type HestonNandiParams } from './hestonNandi.js';

export interface MonteCarloPrice {
  price: number;
  /** Standard error of the price estimate. */
  stderr: number;
  paths: number;
}

export interface MonteCarloOptions {
  paths: number;
  seed: number;
}

/** Price of a European option under Heston–Nandi by Monte Carlo. */
export function hestonNandiMonteCarlo(x: HestonNandiOption, p: HestonNandiParams, opts: MonteCarloOptions): MonteCarloPrice {
  const problem = hestonNandiProblem(p);
  if (problem) throw new RangeError(`Heston–Nandi parameters: ${problem}`);
  if (!(Number.isInteger(opts.paths) && opts.paths >= 2)) throw new RangeError(`paths: expected an integer >= 2, got ${opts.paths}`);
  const ppy = x.periodsPerYear ?? 365;
  const n = periodsOf(x.expiry, ppy);
  const r = x.rate / ppy;
  const gs = riskNeutralGamma(p);
  const disc = Math.exp(-r * n);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < opts.paths; i++) {
    const rng = new Rng(deriveSeed(opts.seed, i));
    let h = x.variance;
    let lnS = Math.log(x.spot);
    for (let t = 0; t < n; t++) {
      const z = rng.normal();
      const sh = Math.sqrt(h);
      lnS += r - 0.5 * h + sh * z;
      const q = z - gs * sh;
      h = p.omega + p.beta * h + p.alpha * q * q;
    }
    const ST = Math.exp(lnS);
    const payoff = disc * Math.max(x.type === 'call' ? ST - x.strike : x.strike - ST, 0);
    sum += payoff;
    sumSq += payoff * payoff;
  }
  const mean = sum / opts.paths;
  const variance = Math.max(0, (sumSq - opts.paths * mean * mean) / (opts.paths - 1));
  return { price: mean, stderr: Math.sqrt(variance / opts.paths), paths: opts.paths };
}
