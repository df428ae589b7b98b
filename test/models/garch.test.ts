import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readReturnsCsv } from '../../src/util/priceCsv.js';
import { loadReturns } from '../../src/models/loadReturns.js';
import { fitGarch, garchFilter, garchForecast, garchLogLik, garchStdErrors, simulateGarch, type GarchParams } from '../../src/models/garch.js';
import { Rng } from '../../src/util/rng.js';

/** Log relative error, the accuracy measure of McCullough & Renfro (1998): roughly the number of agreeing digits. */
const lre = (x: number, b: number) => -Math.log10(Math.abs(x - b) / Math.abs(b));
/** Rounds to `sig` significant figures. */
const sig = (x: number, s: number) => Number(x.toPrecision(s));

const dem2gbp = readReturnsCsv('data/dem2gbp.csv').returns;

/*
 * The FCP benchmark: GARCH(1,1) with normal innovations and a constant mean on the Bollerslev–Ghysels
 * DEM/GBP daily returns (1,974 observations), exact ML. Fiorentini, Calzolari & Panattoni (1996),
 * "Analytic derivatives and the computation of GARCH estimates", J. Applied Econometrics 11, 399–417;
 * used to rate packages by McCullough & Renfro (1998) and Brooks, Burke & Persand (2001),
 * "Benchmarks and the accuracy of GARCH model estimation", Int. J. Forecasting 17, 45–56.
 * Values (coefficients, Hessian, outer-product and Bollerslev–Wooldridge QML standard errors) as
 * tabulated with the published benchmark (e.g. the FCP benchmark table in Galanos's R package
 * tsgarch); R's fGarch prints mu -0.006190, omega 0.010761, alpha1 0.153134, beta1 0.805974.
 */
const FCP = {
  coef: { mu: -0.619041e-2, omega: 0.107613e-1, alpha: 0.153134, beta: 0.805974 },
  seHessian: { mu: 0.846212e-2, omega: 0.285271e-2, alpha: 0.265228e-1, beta: 0.335527e-1 },
  seOpg: { mu: 0.843359e-2, omega: 0.132298e-2, alpha: 0.139737e-1, beta: 0.165604e-1 },
  seQmle: { mu: 0.918935e-2, omega: 0.649319e-2, alpha: 0.535317e-1, beta: 0.724614e-1 },
};
type Key = keyof typeof FCP.coef;
const KEYS: Key[] = ['mu', 'omega', 'alpha', 'beta'];

const fit = fitGarch(dem2gbp);

test('DEM/GBP GARCH(1,1)-normal: the published benchmark to three significant figures', () => {
  assert.is(fit.n, 1974);
  assert.is(sig(fit.params.mu, 3), -0.00619);
  assert.is(sig(fit.params.omega, 3), 0.0108);
  assert.is(sig(fit.params.alpha, 3), 0.153);
  assert.is(sig(fit.params.beta, 3), 0.806);
  // "log-likelihood about -1106.6" (FCP 1996; fGarch)
  assert.ok(Math.abs(fit.loglik - -1106.6) < 0.05, `loglik ${fit.loglik}`);
  assert.ok(fit.converged);
});

test('DEM/GBP: coefficients agree with FCP to at least 4.5 digits (LRE), as good packages do', () => {
  for (const k of KEYS) assert.ok(lre(fit.params[k], FCP.coef[k]) > 4.5, `${k}: ${fit.params[k]} vs ${FCP.coef[k]}`);
  // and our optimum is at least as high as the (rounded) published point
  assert.ok(fit.loglik >= garchLogLik(dem2gbp, FCP.coef, 'garch', 'normal') - 1e-9);
});

test('DEM/GBP: Hessian, OPG and robust standard errors agree with FCP to 3+ digits', () => {
  for (const k of KEYS) assert.ok(lre(fit.stderr[k], FCP.seHessian[k]) > 3.5, `hessian ${k}: ${fit.stderr[k]} vs ${FCP.seHessian[k]}`);
  const opg = garchStdErrors(dem2gbp, fit.params, 'garch', 'normal', 'opg');
  for (const k of KEYS) assert.ok(lre(opg[k], FCP.seOpg[k]) > 3.5, `opg ${k}: ${opg[k]} vs ${FCP.seOpg[k]}`);
  const qmle = garchStdErrors(dem2gbp, fit.params, 'garch', 'normal', 'robust');
  for (const k of KEYS) assert.ok(lre(qmle[k], FCP.seQmle[k]) > 3, `robust ${k}: ${qmle[k]} vs ${FCP.seQmle[k]}`);
});

test('DEM/GBP: Hessian standard errors are stable under a 10x larger finite-difference step', () => {
  const coarse = garchStdErrors(dem2gbp, fit.params, 'garch', 'normal', 'hessian', 1e-3);
  for (const k of KEYS) assert.ok(Math.abs(coarse[k] / fit.stderr[k] - 1) < 0.01, k);
});

test('DEM/GBP: persistence, unconditional variance and information criteria by their definitions', () => {
  const { omega, alpha, beta } = FCP.coef;
  assert.ok(Math.abs(fit.persistence - (alpha + beta)) < 1e-5);
  assert.ok(Math.abs(fit.unconditionalVariance - omega / (1 - alpha - beta)) / fit.unconditionalVariance < 1e-3);
  assert.ok(Math.abs(fit.aic - (2 * 4 + 2 * 1106.6)) < 0.1);
  assert.ok(Math.abs(fit.bic - (4 * Math.log(1974) + 2 * 1106.6)) < 0.1);
});

test('variance recursion by hand: GJR, 3 observations', () => {
  // r = (1, -2, 0.5), mu 0, omega 0.1, alpha 0.1, gamma 0.2, beta 0.8.
  // S = (1 + 4 + 0.25)/3 = 1.75; sigma2_0 = 0.1 + (0.1 + 0.1 + 0.8)·1.75 = 1.85
  // sigma2_1 = 0.1 + 0.1·1 + 0.8·1.85 = 1.68 (r_0 > 0: no leverage term)
  // sigma2_2 = 0.1 + (0.1 + 0.2)·4 + 0.8·1.68 = 2.644; next = 0.1 + 0.1·0.25 + 0.8·2.644 = 2.2402
  const p: GarchParams = { mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8, gamma: 0.2 };
  const f = garchFilter([1, -2, 0.5], p, 'gjr');
  const want = [1.85, 1.68, 2.644];
  for (let t = 0; t < 3; t++) assert.ok(Math.abs(f.condVariance[t] - want[t]) < 1e-12, `t=${t}`);
  assert.ok(Math.abs(f.nextVariance - 2.2402) < 1e-12);
  assert.ok(Math.abs(f.residuals[1] - -2 / Math.sqrt(1.68)) < 1e-12);
  // normal log-likelihood: −½ Σ [ln 2π + ln σ²_t + r²_t/σ²_t]
  const ll = -0.5 * (3 * Math.log(2 * Math.PI) + Math.log(1.85 * 1.68 * 2.644) + 1 / 1.85 + 4 / 1.68 + 0.25 / 2.644);
  assert.ok(Math.abs(garchLogLik(Float64Array.from([1, -2, 0.5]), p, 'gjr', 'normal') - ll) < 1e-12);
});

test('garchFilter with initialVariance continues a fit out of sample exactly like one long run', () => {
  // filtering the first 1000 returns, then the rest from the first part's next variance, must give
  // the same variances as filtering everything from the same start (the recursion is Markov in σ²)
  const all = garchFilter(dem2gbp, fit.params, 'garch');
  const head = garchFilter(dem2gbp.subarray(0, 1000), fit.params, 'garch', { initialVariance: all.condVariance[0] });
  const tail = garchFilter(dem2gbp.subarray(1000), fit.params, 'garch', { initialVariance: head.nextVariance });
  for (let t = 0; t < 1000; t++) assert.ok(Math.abs(head.condVariance[t] - all.condVariance[t]) <= 1e-14 * all.condVariance[t]);
  for (let t = 1000; t < dem2gbp.length; t++) assert.ok(Math.abs(tail.condVariance[t - 1000] - all.condVariance[t]) <= 1e-13 * all.condVariance[t]);
  assert.ok(Math.abs(tail.nextVariance - fit.nextVariance) <= 1e-13 * fit.nextVariance);
  // and the fit's filtered variances are those of the log-likelihood evaluation
  const cv = new Float64Array(dem2gbp.length);
  garchLogLik(dem2gbp, fit.params, 'garch', 'normal', cv);
  assert.equal(Array.from(cv), Array.from(fit.condVariance));
});

test('h-step forecast matches the closed form V + (alpha+beta)^(h-1)(sigma2_{t+1} - V)', () => {
  const V = fit.params.omega / (1 - fit.params.alpha - fit.params.beta);
  const P = fit.params.alpha + fit.params.beta;
  const f = garchForecast(fit, 30);
  assert.is(f.length, 30);
  for (let h = 1; h <= 30; h++) {
    const closed = V + Math.pow(P, h - 1) * (fit.nextVariance - V);
    assert.ok(Math.abs(f[h - 1] - closed) < 1e-12 * V, `h=${h}`);
  }
  // the (params, model, nextVariance) form gives the same; GJR uses alpha + gamma/2 + beta
  const g: GarchParams = { mu: 0, omega: 0.02, alpha: 0.03, beta: 0.9, gamma: 0.1 };
  const fg = garchForecast(g, 'gjr', 0.5, 5);
  const Vg = 0.02 / (1 - 0.98);
  for (let h = 1; h <= 5; h++) assert.ok(Math.abs(fg[h - 1] - (Vg + Math.pow(0.98, h - 1) * (0.5 - Vg))) < 1e-12);
});

test('simulateGarch: innovations have unit variance and mean squared returns approach omega/(1-P)', () => {
  // Student-t(6) standardised: E z² = 1, Var z² = E z⁴ − 1 = 3(ν−2)/(ν−4) − 1 = 5.
  const p: GarchParams = { mu: 0, omega: 0.1, alpha: 0.05, beta: 0.9, nu: 6 };
  const n = 100_000;
  const sim = simulateGarch(p, 'garch', 't', n, new Rng(42));
  let z2 = 0;
  for (let t = 0; t < n; t++) z2 += (sim.returns[t] * sim.returns[t]) / sim.variance[t];
  z2 /= n;
  assert.ok(Math.abs(z2 - 1) < 4 * Math.sqrt(5 / n), `mean z² ${z2}`);
  // the recursion inside the simulator agrees with the filter given the same start
  let h = sim.variance[0];
  for (let t = 1; t < 50; t++) {
    h = p.omega + p.alpha * sim.returns[t - 1] ** 2 + p.beta * h;
    assert.ok(Math.abs(h - sim.variance[t]) < 1e-12 * h);
  }
  // same seed, same path
  const again = simulateGarch(p, 'garch', 't', 10, new Rng(42));
  assert.equal(Array.from(again.returns), Array.from(sim.returns.subarray(0, 10)));
});

/** Fits `model`/`dist` to n simulated points and checks every estimate within 4 standard errors of the truth. */
function recovers(truth: GarchParams, model: 'garch' | 'gjr', dist: 'normal' | 't', seed: number): void {
  const sim = simulateGarch(truth, model, dist, 20_000, new Rng(seed));
  const f = fitGarch(sim.returns, { model, dist });
  for (const [k, v] of Object.entries(truth)) {
    const est = (f.params as unknown as Record<string, number>)[k];
    const se = f.stderr[k];
    assert.ok(se > 0 && Number.isFinite(se), `${k}: se ${se}`);
    assert.ok(Math.abs(est - v) < 4 * se, `${model}-${dist} ${k}: estimate ${est}, truth ${v}, se ${se}`);
  }
}

test('GJR-GARCH normal: estimates on 20,000 simulated returns recover the truth within 4 SE', () => {
  recovers({ mu: 0.05, omega: 0.05, alpha: 0.04, beta: 0.86, gamma: 0.12 }, 'gjr', 'normal', 7);
});

test('GARCH Student-t: estimates on 20,000 simulated returns recover the truth within 4 SE', () => {
  recovers({ mu: -0.02, omega: 0.1, alpha: 0.1, beta: 0.85, nu: 5 }, 'garch', 't', 11);
});

test('GJR-GARCH Student-t: estimates on 20,000 simulated returns recover the truth within 4 SE', () => {
  recovers({ mu: 0.03, omega: 0.08, alpha: 0.05, beta: 0.87, gamma: 0.08, nu: 7 }, 'gjr', 't', 13);
});

test('fitGarch rejects too-short or non-finite input', () => {
  assert.throws(() => fitGarch([1, 2, 3]), /at least 10/);
  assert.throws(() => fitGarch([1, 2, 3, 4, 5, 6, 7, 8, 9, NaN]), /not finite/);
});

/*
 * BTC daily, GARCH(1,1) with standardised Student-t innovations: R's fGarch reference, produced by
 * test/fixtures/models/fgarch-btc-t.R (command and output in fgarch-btc-t.txt beside it; R 4.2.2,
 * fGarch 4022.89): garchFit(~ garch(1, 1), data = 100 * diff(log(close)), cond.dist = "std",
 * include.mean = TRUE, trace = FALSE) on the closes of data/btc-usd-daily.csv (3,483 returns, the
 * tool's own return definition). fGarch bounds α1 and β1 each to (0, 1) but not their sum; its
 * optimum has α1 + β1 = 1.077533545 (nlminb reported "singular convergence (7)").
 */
const FGARCH_BTC_T = {
  coef: { mu: 0.1341790166, omega: 0.125713668, alpha: 0.1863771841, beta: 0.8911563612, nu: 2.591311121 },
  se: { mu: 0.0331667, omega: 0.0589417, alpha: 0.037566, beta: 0.0126341, nu: 0.138995 },
  loglik: -8719.687654,
};
type TKey = keyof typeof FGARCH_BTC_T.coef;
const T_KEYS: TKey[] = ['mu', 'omega', 'alpha', 'beta', 'nu'];
const btc = loadReturns('data/btc-usd-daily.csv').returns;

test("BTC GARCH-t: the log-likelihood at fGarch's estimates is fGarch's, to the 10 digits it prints", () => {
  assert.is(btc.length, 3483);
  const ll = garchLogLik(btc, FGARCH_BTC_T.coef, 'garch', 't');
  assert.ok(Math.abs(ll - FGARCH_BTC_T.loglik) < 1e-6, `${ll}`);
});

test("BTC GARCH-t, --persistence free: fGarch's unconstrained fit (coefficients to LRE > 4, log-likelihood to 1e-3, SEs to 2 %)", () => {
  const f = fitGarch(btc, { dist: 't', persistence: 'free' });
  assert.is(f.persistenceConstraint, 'free');
  for (const k of T_KEYS) assert.ok(lre(f.params[k]!, FGARCH_BTC_T.coef[k]) > 4, `${k}: ${f.params[k]} vs ${FGARCH_BTC_T.coef[k]}`);
  assert.ok(Math.abs(f.persistence - 1.077533545) < 1e-5, `persistence ${f.persistence}`);
  assert.ok(Math.abs(f.loglik - FGARCH_BTC_T.loglik) < 1e-3, `loglik ${f.loglik}`);
  // at least as high as fGarch's optimum (which nlminb flagged as a singular convergence)
  assert.ok(f.loglik >= garchLogLik(btc, FGARCH_BTC_T.coef, 'garch', 't') - 1e-6);
  // an interior optimum: standard errors exist, and agree with fGarch's Hessian ones
  assert.equal(f.atBound, []);
  for (const k of T_KEYS) assert.ok(Math.abs(f.stderr[k] / FGARCH_BTC_T.se[k] - 1) < 0.02, `se ${k}: ${f.stderr[k]} vs ${FGARCH_BTC_T.se[k]}`);
  // persistence above 1: no unconditional variance
  assert.is(f.unconditionalVariance, Infinity);
  assert.ok(f.converged);
});

test('BTC GARCH-t, stationary (default): the fit stops on the bound persistence = 1, reported as such', () => {
  const f = fitGarch(btc, { dist: 't' });
  assert.is(f.persistenceConstraint, 'stationary');
  assert.equal(f.atBound, ['persistence = 1']);
  assert.ok(1 - f.persistence < 1e-6, `persistence ${f.persistence}`);
  // no unconditional variance at the bound, and no standard errors (the score is not zero there)
  assert.is(f.unconditionalVariance, Infinity);
  for (const k of T_KEYS) assert.ok(Number.isNaN(f.stderr[k]), `${k}: ${f.stderr[k]}`);
  // the constraint costs 10.4 log-likelihood units against fGarch's unconstrained optimum
  const gap = FGARCH_BTC_T.loglik - f.loglik;
  assert.ok(gap > 10.3 && gap < 10.45, `gap ${gap}`);
});

test('an interior optimum is not at a bound: DEM/GBP (normal) and simulated Student-t data', () => {
  assert.equal(fit.atBound, []);
  const sim = simulateGarch({ mu: 0, omega: 0.1, alpha: 0.1, beta: 0.85, nu: 6 }, 'garch', 't', 3000, new Rng(3));
  const f = fitGarch(sim.returns, { dist: 't' });
  assert.equal(f.atBound, []);
  // the free fit of data whose optimum is inside the stationary region is the same optimum
  const free = fitGarch(sim.returns, { dist: 't', persistence: 'free' });
  assert.ok(Math.abs(free.loglik - f.loglik) < 1e-6, `${free.loglik} vs ${f.loglik}`);
  for (const k of ['alpha', 'beta', 'nu'] as const) assert.ok(Math.abs(free.params[k]! / f.params[k]! - 1) < 1e-3, k);
});

test.run();
