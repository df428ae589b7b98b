/**
 * Maximum-likelihood fit of the Heston–Nandi GARCH model to a series of log returns (fractions per
 * period), as Heston & Nandi (2000, §3) estimate it on returns alone:
 *
 *   R_t = r + λh_t + √h_t z_t,   h_{t+1} = ω + βh_t + α(z_t − γ√h_t)²,
 *   ln L = −½ Σ_t [ln 2π + ln h_t + z_t²],
 *
 * with h_1 the sample variance of the returns. The model is fitted by its own likelihood, not
 * mapped from a GARCH(1,1) fit: GARCH(1,1)'s shock αε² = αh z² scales with the variance and HN's
 * α(z − γ√h)² does not, so no parameter map makes the two the same model. The project's GARCH(1,1)
 * fit (models/garch.ts) only supplies the starting points: β from GARCH's β, and HN's α from
 * GARCH's α times the sample variance (so the two give the same variance response to a
 * one-standard-deviation shock at the average variance), for a few values of γ.
 *
 * The optimiser works in the returns' own scale (variances in units of the sample variance v, so
 * that ω/v, α/v and γ√v are all of order one): ω = v·e^{θ0}, α = v·e^{θ1}, β = logistic(θ2),
 * γ = θ3/√v, λ = θ4/√v; parameters with persistence β + αγ² ≥ 1 have no stationary variance and
 * are refused (the objective is +∞ there). BFGS from the best starts, then a Nelder–Mead restart
 * (models/optimize.ts).
 */
import { bfgs, nelderMead } from '../optimize.js';
import { fitGarch, sampleVariance } from '../garch.js';
import { hestonNandiPersistence, type HestonNandiParams } from './hestonNandi.js';

const LOG_2PI = Math.log(2 * Math.PI);

export interface HestonNandiFit {
  params: HestonNandiParams;
  loglik: number;
  n: number;
  /** β + αγ². */
  persistence: number;
  /** h_{n+1}: the variance of the period after the data (the start of a forecast or a price). */
  nextVariance: number;
  converged: boolean;
}

export interface HestonNandiFitOptions {
  /** Risk-free rate per period in the mean equation (default 0). */
  ratePerPeriod?: number;
}

/**
 * Log-likelihood of returns under HN, and the variance after the last return. −∞ where the
 * variance recursion leaves (0, ∞).
 */
export function hestonNandiLogLik(
  returns: ArrayLike<number>,
  p: HestonNandiParams,
  ratePerPeriod = 0,
  initialVariance = sampleVariance(Float64Array.from(returns)),
): { loglik: number; nextVariance: number } {
  let h = initialVariance;
  let ll = 0;
  for (let t = 0; t < returns.length; t++) {
    if (!(h > 0) || !Number.isFinite(h)) return { loglik: -Infinity, nextVariance: NaN };
    const sh = Math.sqrt(h);
    const z = (returns[t] - ratePerPeriod - p.lambda * h) / sh;
    ll -= 0.5 * (LOG_2PI + Math.log(h) + z * z);
    const q = z - p.gamma * sh;
    h = p.omega + p.beta * h + p.alpha * q * q;
  }
  return { loglik: ll, nextVariance: h };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/** Fits HN by maximum likelihood; needs at least 30 finite returns (fractions, not percent). */
export function fitHestonNandi(returns: ArrayLike<number>, opts: HestonNandiFitOptions = {}): HestonNandiFit {
  const r = Float64Array.from(returns);
  const n = r.length;
  if (n < 30) throw new RangeError(`fitHestonNandi needs at least 30 returns, got ${n}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(r[i])) throw new RangeError(`fitHestonNandi: return ${i} is not finite (${r[i]})`);
  const v = sampleVariance(r);
  if (!(v > 0)) throw new RangeError('fitHestonNandi: the returns have zero variance');
  const sv = Math.sqrt(v);
  const rate = opts.ratePerPeriod ?? 0;
  const toParams = (th: Float64Array): HestonNandiParams => ({ omega: v * Math.exp(th[0]), alpha: v * Math.exp(th[1]), beta: logistic(th[2]), gamma: th[3] / sv, lambda: th[4] / sv });
  const objective = (th: Float64Array) => {
    const p = toParams(th);
    if (!(hestonNandiPersistence(p) < 1)) return Infinity;
    return -hestonNandiLogLik(r, p, rate, v).loglik;
  };

  // starting points from the project's GARCH(1,1) (percent returns, as models/garch.ts expects)
  const garch = fitGarch(
    Array.from(r, (x) => 100 * x),
    { model: 'garch', dist: 'normal', stderr: 'none' },
  );
  const starts: { th: Float64Array; value: number }[] = [];
  for (const beta of [garch.params.beta, 0.6, 0.85]) {
    for (const alphaShare of [1, 0.3]) {
      for (const gTilde of [0, 2, 5, 10]) {
        const aTilde = Math.max(1e-6, garch.params.alpha * alphaShare); // α/v
        if (!(beta + aTilde * gTilde * gTilde < 0.999)) continue;
        // ω/v so that the stationary variance (ω + α)/(1 − β − αγ²) equals v
        const wTilde = Math.max(1e-6, 1 - beta - aTilde * gTilde * gTilde - aTilde);
        const th = Float64Array.from([Math.log(wTilde), Math.log(aTilde), logit(Math.min(0.999, Math.max(1e-3, beta))), gTilde, 0]);
        starts.push({ th, value: objective(th) });
      }
    }
  }
  starts.sort((a, b) => a.value - b.value);
  let best = { x: starts[0].th, value: starts[0].value, converged: false };
  for (const s of starts.slice(0, 3)) {
    const run = bfgs(objective, s.th, { gradientTolerance: 1e-6, maxIterations: 400 });
    if (run.value < best.value) best = { x: run.x, value: run.value, converged: run.converged };
  }
  const nm = nelderMead(objective, best.x, { step: 0.2, tolerance: 1e-11, restarts: 2 });
  if (nm.value < best.value - 1e-9 * (1 + Math.abs(best.value))) {
    const polished = bfgs(objective, nm.x, { gradientTolerance: 1e-6, maxIterations: 400 });
    best = polished.value <= nm.value ? { x: polished.x, value: polished.value, converged: polished.converged } : { x: nm.x, value: nm.value, converged: nm.converged };
  }
  const params = toParams(best.x);
  const { loglik, nextVariance } = hestonNandiLogLik(r, params, rate, v);
  return { params, loglik, n, persistence: hestonNandiPersistence(params), nextVariance, converged: best.converged };
}
