/**
 * Rolling out-of-sample VaR/ES forecasts (the set-up of Christoffersen 1998 and of the Basel
 * backtesting framework, BCBS 1996): the forecast for day t uses only returns t−W … t−1.
 * Every model's estimate from the window is refreshed every `refit` days (parameters, or for
 * historical simulation the sample itself); models with a conditional variance (GARCH, FHS,
 * Monte Carlo, EWMA) also update that variance every day from the latest window with the
 * parameters held fixed, which is how such models run in production.
 *
 *  - historical: empirical quantile/tail mean of the window (`historicalVaR`);
 *  - normal:     N(sample mean, sample variance) (`normalVaR`);
 *  - t:          unit-variance Student-t, ν by profile likelihood (`fitStudentT`, `studentTVaR`);
 *  - garch:      GARCH(1,1)/GJR, normal or t innovations, parametric quantile of μ + σ_{t}z;
 *  - fhs:        Gaussian-QML GARCH + empirical standardised residuals (Barone-Adesi et al. 1999);
 *  - mc:         Monte Carlo from the fitted GARCH (seeded per day: results do not depend on order);
 *  - ewma:       RiskMetrics EWMA variance (λ = 0.94), zero mean, normal quantile.
 *
 * Each day also keeps the forecast's predictive distribution so that ES backtests can simulate
 * under the null.
 */
import { ewmaFilter, RISKMETRICS_LAMBDA } from '../models/ewma.js';
import { fitGarch, garchFilter, type GarchDist, type GarchModel, type GarchParams } from '../models/garch.js';
import { deriveSeed, Rng } from '../util/rng.js';
import { fhsPredictive } from './filteredHistoricalVar.js';
import { fitStudentT } from './fitStudentT.js';
import { monteCarloVaR } from './monteCarloVar.js';
import { predictiveVarEs } from './predictive.js';
import { checkAlpha, type PredictiveDistribution } from './varTypes.js';

export type VarModel = 'historical' | 'normal' | 't' | 'fhs' | 'mc' | 'garch' | 'ewma';
export const VAR_MODELS: readonly VarModel[] = ['historical', 'normal', 't', 'fhs', 'mc', 'garch', 'ewma'];

export interface RollingBacktestOptions {
  model: VarModel;
  alpha: number;
  /** Estimation window W in periods (default 500). */
  window?: number;
  /** Re-estimate every k periods (default 20). */
  refit?: number;
  /** Variance recursion of the GARCH-based models (default 'garch'). */
  garchModel?: GarchModel;
  /** Innovations of the 'garch' and 'mc' models (default 't'); FHS always fits by Gaussian QML. */
  dist?: GarchDist;
  /** Monte Carlo paths per forecast (default 5,000). */
  paths?: number;
  /** Seed of the Monte Carlo model (default 1). */
  seed?: number;
  ewmaLambda?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface RollingBacktest {
  model: VarModel;
  alpha: number;
  window: number;
  refit: number;
  /** Index in the returns of the first forecast day. */
  start: number;
  /** Forecasts and outcomes for days start … n−1 (loss convention: positive = loss). */
  var: Float64Array;
  es: Float64Array;
  losses: Float64Array;
  /** 1 where the loss exceeded VaR. */
  exceptions: Uint8Array;
  predictive: PredictiveDistribution[];
  /** Number of re-estimations done. */
  refits: number;
}

function sampleMeanSd(x: Float64Array): { mean: number; sd: number } {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return { mean: m, sd: Math.sqrt(s / (x.length - 1)) };
}

export function rollingVarBacktest(returns: Float64Array, opts: RollingBacktestOptions): RollingBacktest {
  const { model, alpha } = opts;
  checkAlpha(alpha);
  const W = opts.window ?? 500;
  const k = opts.refit ?? 20;
  const n = returns.length;
  if (!(Number.isInteger(W) && W >= 20)) throw new RangeError(`window must be an integer >= 20, got ${W}`);
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`refit must be a positive integer, got ${k}`);
  if (n <= W) throw new RangeError(`need more returns (${n}) than the estimation window (${W})`);
  if (!VAR_MODELS.includes(model)) throw new RangeError(`unknown VaR model ${String(model)}`);
  const garchModel = opts.garchModel ?? 'garch';
  const dist: GarchDist = model === 'fhs' ? 'normal' : (opts.dist ?? 't');
  const paths = opts.paths ?? 5000;
  const seed = opts.seed ?? 1;
  const lambda = opts.ewmaLambda ?? RISKMETRICS_LAMBDA;

  const T = n - W;
  const varF = new Float64Array(T);
  const esF = new Float64Array(T);
  const losses = new Float64Array(T);
  const exceptions = new Uint8Array(T);
  const predictive: PredictiveDistribution[] = new Array(T);
  let held: PredictiveDistribution | null = null;
  let params: GarchParams | null = null;
  let refits = 0;

  for (let i = 0; i < T; i++) {
    const t = W + i;
    const window = returns.subarray(t - W, t);
    if (i % k === 0) {
      refits++;
      switch (model) {
        case 'historical':
          held = { kind: 'empirical', mu: 0, scale: 1, sample: window.slice() };
          break;
        case 'normal': {
          const { mean, sd } = sampleMeanSd(window);
          held = { kind: 'normal', mu: mean, sigma: sd };
          break;
        }
        case 't': {
          const f = fitStudentT(window);
          held = { kind: 't', mu: f.mu, sigma: f.sigma, nu: f.nu };
          break;
        }
        case 'garch':
        case 'fhs':
        case 'mc':
          // warm-started from the previous window's estimate, without standard errors: a refit only needs the point estimate
          params = fitGarch(window, { model: garchModel, dist, stderr: 'none', start: params ?? undefined }).params;
          break;
        case 'ewma':
          break;
      }
    }
    let pd: PredictiveDistribution;
    let v: number;
    let e: number;
    if (held) {
      pd = held;
    } else if (model === 'ewma') {
      pd = { kind: 'normal', mu: 0, sigma: Math.sqrt(ewmaFilter(window, { lambda }).nextVariance) };
    } else {
      const p = params!;
      const f = garchFilter(window, p, garchModel);
      if (model === 'fhs') pd = fhsPredictive(f.residuals, p.mu, f.nextVariance);
      else if (dist === 't') pd = { kind: 't', mu: p.mu, sigma: Math.sqrt(f.nextVariance), nu: p.nu! };
      else pd = { kind: 'normal', mu: p.mu, sigma: Math.sqrt(f.nextVariance) };
    }
    if (model === 'mc') {
      const rng = new Rng(deriveSeed(seed, t));
      const mc = monteCarloVaR(params!, garchModel, dist, { alpha, paths, horizon: 1, initialVariance: pd.kind === 'empirical' ? NaN : pd.sigma ** 2, rng });
      v = mc.var;
      e = mc.es;
    } else {
      const r = predictiveVarEs(pd, alpha);
      v = r.var;
      e = r.es;
    }
    varF[i] = v;
    esF[i] = e;
    losses[i] = -returns[t];
    exceptions[i] = losses[i] > v ? 1 : 0;
    predictive[i] = pd;
    opts.onProgress?.(i + 1, T);
  }
  return { model, alpha, window: W, refit: k, start: W, var: varF, es: esF, losses, exceptions, predictive, refits };
}
