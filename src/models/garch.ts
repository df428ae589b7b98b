/**
 * GARCH(1,1) (Bollerslev 1986) and GJR-GARCH(1,1) (Glosten, Jagannathan & Runkle 1993) with a
 * constant mean and normal or Student-t innovations (the t standardised to unit variance,
 * Bollerslev 1987), fitted by exact maximum likelihood:
 *
 *   r_t = μ + ε_t,   ε_t = σ_t z_t,
 *   σ²_t = ω + (α + γ·1[ε_{t−1} < 0]) ε²_{t−1} + β σ²_{t−1}          (γ = 0 for plain GARCH)
 *
 * The log-likelihood includes every constant, so values compare directly with R's fGarch and
 * Python's arch: normal −½Σ[ln 2π + ln σ²_t + ε²_t/σ²_t]; t Σ[ln Γ((ν+1)/2) − ln Γ(ν/2)
 * − ½ln(π(ν−2)) − ½ln σ²_t − ((ν+1)/2) ln(1 + ε²_t/(σ²_t(ν−2)))].
 *
 * Initialisation: the pre-sample squared residual and variance are both the mean squared residual
 * at the current μ, ε²_{−1} = σ²_{−1} = S = (1/n)Σ(r_t − μ)² (for GJR the leverage term takes
 * its expectation, γS/2), so the first observation's variance is σ²_0 = ω + (α + γ/2 + β)S.
 * This is the initialisation of Fiorentini, Calzolari & Panattoni (1996) and of R's fGarch
 * (`init.rec = "mci"`): with it the DEM/GBP benchmark (FCP 1996; Brooks, Burke & Persand 2001)
 * and fGarch's estimates, standard errors and log-likelihood are reproduced to the digits fGarch
 * prints. (Setting σ²_0 = S instead moves μ by 1e-5 and the log-likelihood by 0.02.)
 *
 * Estimation maximises over transformed parameters that keep the model admissible: ω > 0,
 * α ≥ 0, α + γ ≥ 0, β ≥ 0, persistence α + γ/2 + β < 1, 2.05 < ν < 500. With
 * `persistence: 'free'` the persistence constraint is dropped and α + γ/2 and β are each kept in
 * (0, 1) instead, the box R's fGarch uses (it bounds α1 and β1 each, not their sum): on crypto
 * returns the unconstrained optimum often has persistence above 1 (BTC daily, Student-t:
 * fGarch's α1 + β1 = 1.078, 10.4 log-likelihood units above the best stationary fit, which
 * sits on the bound). BFGS from the two best
 * of a small grid of variance-targeting starting points; when the two runs disagree or either
 * fails to converge, Nelder–Mead with restarts from each, polished by BFGS (see optimize.ts). Standard errors
 * are the square roots of the diagonal of the inverse of the negative numerical Hessian of the
 * log-likelihood at the optimum, in natural parameters (as fGarch's "based on Hessian"); the
 * outer-product-of-gradients and Bollerslev–Wooldridge robust versions are available too.
 *
 * At a bound. When the optimum lies on the edge of the admissible region (a transformed
 * coordinate saturated: e.g. the persistence within 1e-6 of 1 in the stationary fit, α → 0,
 * ν at 2.05 or 500), the likelihood still rises beyond the edge, the score is not zero, and the
 * usual asymptotics behind Hessian standard errors do not hold (Andrews 1999, Econometrica
 * 67(6)): `atBound` names the binding constraints and every standard error is NaN
 * (unavailable). At the persistence bound, or with persistence ≥ 1, there is no unconditional
 * variance (Infinity).
 */
import type { Rng } from '../util/rng.js';
import { bfgs, nelderMead } from './optimize.js';
import { invertSpd, numericalHessian } from './hessian.js';
import { LOG_2PI, stdTConstant } from './special.js';

export type GarchModel = 'garch' | 'gjr';
export type GarchDist = 'normal' | 't';
/** 'stationary': persistence < 1 (default); 'free': α + γ/2 and β each in (0, 1), as fGarch. */
export type PersistenceConstraint = 'stationary' | 'free';

export interface GarchParams {
  mu: number;
  omega: number;
  alpha: number;
  beta: number;
  /** Leverage term of GJR-GARCH: extra ARCH weight after negative shocks. */
  gamma?: number;
  /** Degrees of freedom of the standardised Student-t. */
  nu?: number;
}

export interface GarchFit {
  model: GarchModel;
  dist: GarchDist;
  n: number;
  params: GarchParams;
  /**
   * Standard errors by parameter name (mu, omega, alpha, beta, gamma?, nu?), by the method asked
   * for (Hessian by default); NaN where undefined, and all NaN when the optimum is at a bound.
   */
  stderr: Record<string, number>;
  /** The constraint on persistence the fit was made under. */
  persistenceConstraint: PersistenceConstraint;
  /** Constraints binding at the optimum, e.g. ['persistence = 1'] or ['nu = 500']; empty inside the region. */
  atBound: string[];
  loglik: number;
  aic: number;
  bic: number;
  /** α + β + γ/2 (γ/2 because a symmetric innovation is negative half of the time). */
  persistence: number;
  /** ω / (1 − persistence); Infinity when persistence ≥ 1 or at the persistence bound. */
  unconditionalVariance: number;
  /** σ²_t for t = 0..n−1 (the variance of each observation given the past). */
  condVariance: Float64Array;
  /** Standardised residuals z_t = (r_t − μ)/σ_t. */
  residuals: Float64Array;
  /** σ²_{n−1}: the conditional variance of the last observation. */
  lastVariance: number;
  /** σ²_n: the one-step-ahead variance after the last observation (start of every forecast). */
  nextVariance: number;
  /** Whether the optimiser met its convergence test. */
  converged: boolean;
}

export interface GarchFitOptions {
  model?: GarchModel;
  dist?: GarchDist;
  /** How `stderr` is computed (default 'hessian'; see `garchStdErrors`); 'none' skips it (rolling refits). */
  stderr?: StdErrorMethod | 'none';
  /** A starting point tried beside the built-in grid, e.g. the previous window's estimate in a rolling refit. */
  start?: GarchParams;
  /** 'stationary' (default) keeps persistence < 1; 'free' drops that constraint (see above). */
  persistence?: PersistenceConstraint;
}

const NU_MIN = 2.05;
const NU_MAX = 500;

/** Names of the free parameters, in the order used by vectors and the Hessian. */
export function garchParamNames(model: GarchModel, dist: GarchDist): string[] {
  const names = ['mu', 'omega', 'alpha', 'beta'];
  if (model === 'gjr') names.push('gamma');
  if (dist === 't') names.push('nu');
  return names;
}

/** α + β + γ/2. */
export function garchPersistence(p: GarchParams, model: GarchModel): number {
  return p.alpha + p.beta + (model === 'gjr' ? 0.5 * (p.gamma ?? 0) : 0);
}

function toArray(r: Float64Array | number[]): Float64Array {
  return r instanceof Float64Array ? r : Float64Array.from(r);
}

/**
 * Log-likelihood of `returns` under `params`, filling `condVariance` (σ²_t) and `terms` (each
 * observation's log-density ℓ_t, constants included) when given. Returns −Infinity for parameters
 * whose variance recursion leaves (0, ∞).
 */
export function garchLogLik(returns: Float64Array, params: GarchParams, model: GarchModel, dist: GarchDist, condVariance?: Float64Array, terms?: Float64Array): number {
  const n = returns.length;
  const { mu, omega, alpha, beta } = params;
  const gamma = model === 'gjr' ? (params.gamma ?? 0) : 0;
  const nu = params.nu ?? Infinity;
  if (dist === 't' && !(nu > 2)) return -Infinity;
  let s = 0;
  for (let t = 0; t < n; t++) {
    const e = returns[t] - mu;
    s += e * e;
  }
  // pre-sample ε²_{−1} = σ²_{−1} = S (mean squared residual), E[1[ε<0]] = ½ for the GJR term
  const S = s / n;
  let h = omega + (alpha + 0.5 * gamma + beta) * S;
  const isT = dist === 't';
  const constant = isT ? stdTConstant(nu) : -0.5 * LOG_2PI;
  const tHalf = 0.5 * (nu + 1);
  const tScale = 1 / (nu - 2);
  let ll = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      const e = returns[t - 1] - mu;
      h = omega + (e < 0 ? alpha + gamma : alpha) * e * e + beta * h;
    }
    if (!(h > 0) || !Number.isFinite(h)) return -Infinity;
    if (condVariance) condVariance[t] = h;
    const e = returns[t] - mu;
    const q = (e * e) / h;
    const lt = isT ? -0.5 * Math.log(h) - tHalf * Math.log1p(q * tScale) : -0.5 * (Math.log(h) + q);
    if (terms) terms[t] = lt + constant;
    ll += lt;
  }
  return ll + n * constant;
}

/**
 * Runs the variance recursion of a fitted (or given) model over `returns`: σ²_t, standardised
 * residuals, and the next variance σ²_n after the last observation. σ²_0 is by default the
 * in-sample start used in fitting (ω + (α + γ/2 + β)·mean squared residual of `returns`), which
 * looks at the whole of `returns`; pass `initialVariance` (e.g. the fit window's `nextVariance`)
 * to carry a model forward out of sample without looking ahead.
 */
export function garchFilter(
  returns: Float64Array | number[],
  params: GarchParams,
  model: GarchModel = 'garch',
  opts: { initialVariance?: number } = {},
): { condVariance: Float64Array; residuals: Float64Array; nextVariance: number } {
  const r = toArray(returns);
  const n = r.length;
  const { mu, omega, alpha, beta } = params;
  const gamma = model === 'gjr' ? (params.gamma ?? 0) : 0;
  const condVariance = new Float64Array(n);
  const residuals = new Float64Array(n);
  let h = opts.initialVariance ?? NaN;
  if (opts.initialVariance === undefined) {
    if (n === 0) {
      const P = garchPersistence(params, model);
      return { condVariance, residuals, nextVariance: P < 1 ? omega / (1 - P) : NaN };
    }
    let s = 0;
    for (let t = 0; t < n; t++) s += (r[t] - mu) * (r[t] - mu);
    h = omega + (alpha + 0.5 * gamma + beta) * (s / n);
  }
  for (let t = 0; t < n; t++) {
    condVariance[t] = h;
    const e = r[t] - mu;
    residuals[t] = e / Math.sqrt(h);
    h = omega + (e < 0 ? alpha + gamma : alpha) * e * e + beta * h;
  }
  return { condVariance, residuals, nextVariance: h };
}

/**
 * Variance forecasts for steps 1..h after the data: σ²_{n+1} = `nextVariance`, then
 * E[σ²_{n+k+1}] = ω + P·E[σ²_{n+k}] with P the persistence — i.e. the closed form
 * V + P^{k−1}(σ²_{n+1} − V), V = ω/(1−P), run as a recursion so that P ≥ 1 stays defined.
 */
export function garchForecast(fit: Pick<GarchFit, 'params' | 'model' | 'nextVariance'>, h: number): Float64Array;
export function garchForecast(params: GarchParams, model: GarchModel, nextVariance: number, h: number): Float64Array;
export function garchForecast(a: GarchParams | Pick<GarchFit, 'params' | 'model' | 'nextVariance'>, b: number | GarchModel, c?: number, d?: number): Float64Array {
  let params: GarchParams;
  let model: GarchModel;
  let next: number;
  let h: number;
  if (typeof b === 'number') {
    const fit = a as Pick<GarchFit, 'params' | 'model' | 'nextVariance'>;
    params = fit.params;
    model = fit.model;
    next = fit.nextVariance;
    h = b;
  } else {
    params = a as GarchParams;
    model = b;
    next = c as number;
    h = d as number;
  }
  if (!Number.isInteger(h) || h < 0) throw new RangeError(`forecast horizon must be a non-negative integer, got ${h}`);
  const P = garchPersistence(params, model);
  const out = new Float64Array(h);
  let v = next;
  for (let k = 0; k < h; k++) {
    out[k] = v;
    v = params.omega + P * v;
  }
  return out;
}

/**
 * Simulates `n` returns of the model. σ²_0 is `initialVariance` (default: the unconditional
 * variance, which must then exist). Innovations are N(0,1) or the unit-variance Student-t
 * T·sqrt((ν−2)/ν).
 */
export function simulateGarch(params: GarchParams, model: GarchModel, dist: GarchDist, n: number, rng: Rng, initialVariance?: number): { returns: Float64Array; variance: Float64Array } {
  const P = garchPersistence(params, model);
  let h = initialVariance ?? (P < 1 ? params.omega / (1 - P) : NaN);
  if (!(h > 0) || !Number.isFinite(h)) {
    throw new RangeError('simulateGarch: persistence >= 1 has no unconditional variance; pass initialVariance');
  }
  const nu = params.nu ?? Infinity;
  if (dist === 't' && !(nu > 2)) throw new RangeError(`simulateGarch: Student-t needs nu > 2, got ${nu}`);
  const tScale = dist === 't' ? Math.sqrt((nu - 2) / nu) : 1;
  const gamma = model === 'gjr' ? (params.gamma ?? 0) : 0;
  const returns = new Float64Array(n);
  const variance = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    variance[t] = h;
    const z = dist === 't' ? rng.studentT(nu) * tScale : rng.normal();
    const e = Math.sqrt(h) * z;
    returns[t] = params.mu + e;
    h = params.omega + (e < 0 ? params.alpha + gamma : params.alpha) * e * e + params.beta * h;
  }
  return { returns, variance };
}

// ---- estimation -------------------------------------------------------------------------------

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));

/**
 * A transformed coordinate counts as saturated (its constraint binding) when its logistic is
 * within this of 0 or 1: the persistence within 1e-6 of 1, ν within 5e-4 of 500. An interior
 * optimum that close to an edge cannot be told from one on it.
 */
const BOUND_TOL = 1e-6;

/**
 * Maps unconstrained θ to admissible parameters:
 * μ = m + s·θ0; ω = s²·e^{θ1};
 * stationary: P = logistic(θ2) (persistence); β = P·logistic(θ3); A = P − β (= α + γ/2);
 * free: A = logistic(θ2); β = logistic(θ3) (each in (0, 1), no bound on their sum);
 * GJR: α = 2A·logistic(θ4), γ = 2A − 2α (so α ≥ 0, α + γ ≥ 0);
 * ν = 2.05 + 497.95·logistic(θ5).
 */
class Transform {
  constructor(
    readonly model: GarchModel,
    readonly dist: GarchDist,
    readonly mean: number,
    readonly sd: number,
    readonly persistence: PersistenceConstraint = 'stationary',
  ) {}

  get size(): number {
    return 4 + (this.model === 'gjr' ? 1 : 0) + (this.dist === 't' ? 1 : 0);
  }

  toParams(th: Float64Array): GarchParams {
    let A: number;
    let beta: number;
    if (this.persistence === 'free') {
      A = logistic(th[2]);
      beta = logistic(th[3]);
    } else {
      const P = logistic(th[2]);
      beta = P * logistic(th[3]);
      A = P - beta;
    }
    const p: GarchParams = { mu: this.mean + this.sd * th[0], omega: this.sd * this.sd * Math.exp(th[1]), alpha: A, beta };
    let k = 4;
    if (this.model === 'gjr') {
      p.alpha = 2 * A * logistic(th[k++]);
      p.gamma = 2 * A - 2 * p.alpha;
    }
    if (this.dist === 't') p.nu = NU_MIN + (NU_MAX - NU_MIN) * logistic(th[k++]);
    return p;
  }

  fromParams(p: GarchParams): Float64Array {
    const clamp = (x: number) => Math.min(1 - 1e-9, Math.max(1e-9, x));
    const th = new Float64Array(this.size);
    const gamma = this.model === 'gjr' ? (p.gamma ?? 0) : 0;
    const A = p.alpha + gamma / 2;
    th[0] = (p.mu - this.mean) / this.sd;
    th[1] = Math.log(p.omega / (this.sd * this.sd));
    if (this.persistence === 'free') {
      th[2] = logit(clamp(A));
      th[3] = logit(clamp(p.beta));
    } else {
      const P = clamp(p.alpha + p.beta + gamma / 2);
      th[2] = logit(P);
      th[3] = logit(clamp(p.beta / P));
    }
    let k = 4;
    if (this.model === 'gjr') th[k++] = logit(clamp(A > 0 ? p.alpha / (2 * A) : 0.5));
    if (this.dist === 't') th[k++] = logit(clamp(((p.nu ?? 8) - NU_MIN) / (NU_MAX - NU_MIN)));
    return th;
  }

  /** The constraints binding at θ: the saturated logistic coordinates, and ω → 0. */
  boundsAt(th: Float64Array): string[] {
    const out: string[] = [];
    const edge = (x: number, low: string, high: string) => {
      const u = logistic(x);
      if (u < BOUND_TOL) out.push(low);
      else if (1 - u < BOUND_TOL) out.push(high);
    };
    const A = this.model === 'gjr' ? 'alpha + gamma/2' : 'alpha';
    if (Math.exp(th[1]) < 1e-8) out.push('omega = 0');
    if (this.persistence === 'free') {
      edge(th[2], `${A} = 0`, `${A} = 1`);
      edge(th[3], 'beta = 0', 'beta = 1');
    } else {
      edge(th[2], 'persistence = 0', 'persistence = 1');
      // θ3 is β's share of the persistence: 0 is β = 0, 1 is α + γ/2 = 0
      edge(th[3], 'beta = 0', `${A} = 0`);
    }
    let k = 4;
    if (this.model === 'gjr') edge(th[k++], 'alpha = 0', 'alpha + gamma = 0');
    if (this.dist === 't') edge(th[k++], `nu = ${NU_MIN}`, `nu = ${NU_MAX}`);
    return out;
  }
}

function paramsToVector(p: GarchParams, names: string[]): Float64Array {
  return Float64Array.from(names.map((k) => (p as unknown as Record<string, number>)[k] ?? 0));
}

function vectorToParams(x: Float64Array, names: string[]): GarchParams {
  const p: Record<string, number> = {};
  names.forEach((k, i) => (p[k] = x[i]));
  return p as unknown as GarchParams;
}

export type StdErrorMethod = 'hessian' | 'opg' | 'robust';

/**
 * Standard errors of the ML estimates in natural parameters:
 * - 'hessian': sqrt diag of (−H)⁻¹, H the numerical Hessian of the log-likelihood (fGarch's and
 *   FCP's "Hessian" standard errors);
 * - 'opg': sqrt diag of J⁻¹, J = Σ s_t s_tᵀ the outer product of the per-observation scores
 *   (Berndt, Hall, Hall & Hausman 1974);
 * - 'robust': the QML sandwich (−H)⁻¹ J (−H)⁻¹ of Bollerslev & Wooldridge (1992), valid when the
 *   innovations are not normal.
 * NaN where the matrix is not positive definite (e.g. an estimate on the boundary).
 */
export function garchStdErrors(returns: Float64Array, params: GarchParams, model: GarchModel, dist: GarchDist, method: StdErrorMethod = 'hessian', relStep = 1e-4): Record<string, number> {
  const names = garchParamNames(model, dist);
  const k = names.length;
  const x0 = paramsToVector(params, names);
  const steps = new Float64Array(k);
  // a step proportional to each parameter, with floors so that μ ≈ 0 or α ≈ 0 still get one
  const sd = Math.sqrt(sampleVariance(returns));
  for (let i = 0; i < k; i++) {
    const floor = names[i] === 'mu' ? 0.1 * sd : names[i] === 'omega' ? 1e-6 * sd * sd : names[i] === 'nu' ? 1 : 1e-2;
    steps[i] = relStep * Math.max(Math.abs(x0[i]), floor);
  }
  const se: Record<string, number> = {};
  const fromCov = (cov: Float64Array | null) => {
    names.forEach((name, i) => (se[name] = cov && cov[i * k + i] > 0 ? Math.sqrt(cov[i * k + i]) : NaN));
    return se;
  };
  let Hinv: Float64Array | null = null;
  if (method !== 'opg') {
    const negLL = (x: Float64Array) => -garchLogLik(returns, vectorToParams(x, names), model, dist);
    Hinv = invertSpd(numericalHessian(negLL, x0, steps), k);
    if (method === 'hessian' || !Hinv) return fromCov(Hinv);
  }
  const J = scoreOuterProduct(returns, x0, names, model, dist, steps);
  if (method === 'opg') return fromCov(invertSpd(J, k));
  const cov = new Float64Array(k * k);
  const HJ = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let m = 0; m < k; m++) HJ[i * k + j] += Hinv![i * k + m] * J[m * k + j];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let m = 0; m < k; m++) cov[i * k + j] += HJ[i * k + m] * Hinv![m * k + j];
  return fromCov(cov);
}

/** Σ_t s_t s_tᵀ with s_t the central-difference gradient of ℓ_t. */
function scoreOuterProduct(returns: Float64Array, x0: Float64Array, names: string[], model: GarchModel, dist: GarchDist, steps: Float64Array): Float64Array {
  const n = returns.length;
  const k = names.length;
  const scores = names.map(() => new Float64Array(n));
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const x = Float64Array.from(x0);
  for (let i = 0; i < k; i++) {
    x[i] = x0[i] + steps[i];
    garchLogLik(returns, vectorToParams(x, names), model, dist, undefined, plus);
    x[i] = x0[i] - steps[i];
    garchLogLik(returns, vectorToParams(x, names), model, dist, undefined, minus);
    x[i] = x0[i];
    const si = scores[i];
    for (let t = 0; t < n; t++) si[t] = (plus[t] - minus[t]) / (2 * steps[i]);
  }
  const J = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let v = 0;
      const a = scores[i];
      const b = scores[j];
      for (let t = 0; t < n; t++) v += a[t] * b[t];
      J[i * k + j] = v;
      J[j * k + i] = v;
    }
  }
  return J;
}

/** Population variance (divisor n) of a return series. */
export function sampleVariance(r: Float64Array): number {
  let m = 0;
  for (let i = 0; i < r.length; i++) m += r[i];
  m /= r.length;
  let s = 0;
  for (let i = 0; i < r.length; i++) s += (r[i] - m) * (r[i] - m);
  return s / r.length;
}

/** Fits GARCH(1,1) or GJR-GARCH(1,1) by maximum likelihood. Needs at least 10 finite returns. */
export function fitGarch(returns: Float64Array | number[], opts: GarchFitOptions = {}): GarchFit {
  const r = toArray(returns);
  const model = opts.model ?? 'garch';
  const dist = opts.dist ?? 'normal';
  const n = r.length;
  if (n < 10) throw new RangeError(`fitGarch needs at least 10 returns, got ${n}`);
  for (let i = 0; i < n; i++) if (!Number.isFinite(r[i])) throw new RangeError(`fitGarch: return ${i} is not finite (${r[i]})`);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += r[i];
  mean /= n;
  const variance = sampleVariance(r);
  if (!(variance > 0)) throw new RangeError('fitGarch: the returns have zero variance');
  const sd = Math.sqrt(variance);
  const constraint = opts.persistence ?? 'stationary';
  const tf = new Transform(model, dist, mean, sd, constraint);
  const objective = (th: Float64Array) => -garchLogLik(r, tf.toParams(th), model, dist);

  // a small grid of variance-targeting starting points; keep the best two (without the
  // stationarity constraint, also points beyond it, where ω is a small share of the variance)
  const starts: { th: Float64Array; value: number }[] = [];
  for (const P of constraint === 'free' ? [0.9, 0.97, 0.995, 1.03, 1.08] : [0.9, 0.97, 0.995]) {
    for (const betaShare of [0.8, 0.93]) {
      for (const gShare of model === 'gjr' ? [0.5, 0.25] : [0.5]) {
        for (const nu of dist === 't' ? [5, 12] : [8]) {
          const beta = P * betaShare;
          const A = P - beta;
          const alpha = model === 'gjr' ? 2 * A * gShare : A;
          const p: GarchParams = { mu: mean, omega: variance * (P < 1 ? 1 - P : 0.01), alpha, beta };
          if (model === 'gjr') p.gamma = 2 * A - 2 * alpha;
          if (dist === 't') p.nu = nu;
          const th = tf.fromParams(p);
          starts.push({ th, value: objective(th) });
        }
      }
    }
  }
  if (opts.start) {
    const th = tf.fromParams(opts.start);
    starts.push({ th, value: objective(th) });
  }
  starts.sort((a, b) => a.value - b.value);
  // BFGS from the two best starts; if they disagree or either fails its test, the surface is
  // awkward here, so fall back on Nelder–Mead with restarts (robust) polished by BFGS
  const runs = starts.slice(0, 2).map((s) => bfgs(objective, s.th, { gradientTolerance: 1e-5 }));
  runs.sort((a, b) => a.value - b.value);
  let best = { x: runs[0].x, value: runs[0].value, converged: runs[0].converged };
  const agree = runs.length < 2 || Math.abs(runs[1].value - runs[0].value) <= 1e-6 * (1 + Math.abs(runs[0].value));
  if (agree && runs.every((r) => r.converged)) {
    // a short simplex search around the optimum catches BFGS stalling where a transformed
    // parameter saturates (α → 0, ν → its bound), where gradients vanish
    const nm = nelderMead(objective, best.x, { step: 0.1, tolerance: 1e-11, restarts: 0 });
    if (nm.value < best.value - 1e-9 * (1 + Math.abs(best.value))) {
      const polished = bfgs(objective, nm.x, { gradientTolerance: 1e-5 });
      const cand = polished.value <= nm.value ? polished : nm;
      best = { x: cand.x, value: cand.value, converged: true };
    }
  } else {
    for (const s of [{ th: runs[0].x }, ...starts.slice(0, 2)]) {
      const nm = nelderMead(objective, s.th, { step: 0.3, tolerance: 1e-11, restarts: 3 });
      const polished = bfgs(objective, nm.x, { gradientTolerance: 1e-5 });
      const cand = polished.value <= nm.value ? polished : nm;
      if (cand.value < best.value - 1e-9 * (1 + Math.abs(best.value)) || (!best.converged && cand.converged && cand.value <= best.value + 1e-9 * (1 + Math.abs(best.value)))) {
        best = { x: cand.x, value: cand.value, converged: cand.converged };
      }
    }
  }
  const params = tf.toParams(best.x);
  if (model !== 'gjr') delete params.gamma;
  const { condVariance, residuals, nextVariance } = garchFilter(r, params, model);
  const loglik = garchLogLik(r, params, model, dist);
  const names = garchParamNames(model, dist);
  const k = names.length;
  const persistence = garchPersistence(params, model);
  const atBound = tf.boundsAt(best.x);
  let stderr: Record<string, number> = {};
  if (opts.stderr !== 'none') {
    stderr = atBound.length > 0 ? Object.fromEntries(names.map((name) => [name, NaN])) : garchStdErrors(r, params, model, dist, opts.stderr ?? 'hessian');
  }
  const integrated = !(persistence < 1) || atBound.includes('persistence = 1');
  return {
    model,
    dist,
    n,
    params,
    stderr,
    persistenceConstraint: constraint,
    atBound,
    loglik,
    aic: 2 * k - 2 * loglik,
    bic: k * Math.log(n) - 2 * loglik,
    persistence,
    unconditionalVariance: integrated ? Infinity : params.omega / (1 - persistence),
    condVariance,
    residuals,
    lastVariance: condVariance[n - 1],
    nextVariance,
    converged: best.converged,
  };
}
