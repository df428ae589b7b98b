import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { binomialCdf, chiSquareCdf, chiSquareSf, normalCdf, normalQuantile, studentTCdf, studentTQuantile } from '../../src/risk/distributions.js';
import { logGamma, regularizedBeta, regularizedGammaP } from '../../src/risk/specialFunctions.js';

const near = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);
const rel = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${what} ${a} vs ${b} (rel tol ${tol})`);

test('normal quantile: published table values (e.g. Abramowitz & Stegun Table 26.5)', () => {
  near(normalQuantile(0.99), 2.326347874, 1e-9, 'z_0.99');
  near(normalQuantile(0.975), 1.959963985, 1e-9, 'z_0.975');
  near(normalQuantile(0.999), 3.090232306, 1e-9, 'z_0.999');
  near(normalQuantile(0.95), 1.644853627, 1e-9, 'z_0.95');
  near(normalQuantile(0.5), 0, 1e-15, 'z_0.5');
  near(normalQuantile(1e-10), -6.361340902, 1e-8, 'z_1e-10 (far tail branch)');
  assert.is(normalQuantile(0), -Infinity);
  assert.ok(Number.isNaN(normalQuantile(1.5)));
});

test('normal cdf: table values, symmetry, and inverse of AS241 (two independent algorithms)', () => {
  near(normalCdf(1.96), 0.9750021048517795, 1e-15, 'Phi(1.96)');
  near(normalCdf(1), 0.8413447460685429, 1e-15, 'Phi(1)');
  rel(normalCdf(-3), 0.0013498980316301, 1e-12, 'Phi(-3)');
  rel(normalCdf(-10), 7.619853024160527e-24, 1e-11, 'Phi(-10), deep tail');
  for (const x of [-4.2, -1.3, 0.2, 2.7]) near(normalCdf(x) + normalCdf(-x), 1, 1e-15, 'symmetry');
  // the cdf goes through the incomplete gamma function, the quantile through Wichura's rational
  // approximations: agreement tests both
  for (const p of [1e-12, 1e-5, 0.01, 0.3, 0.5, 0.9, 0.999999]) rel(normalCdf(normalQuantile(p)), p, 1e-13, `round trip ${p}`);
});

test('Student-t quantiles: published t-table values (e.g. Abramowitz & Stegun Table 26.10)', () => {
  near(studentTQuantile(0.99, 5), 3.36493, 5e-6, 't_{0.99,5}');
  near(studentTQuantile(0.975, 10), 2.228139, 5e-7, 't_{0.975,10}');
  near(studentTQuantile(0.995, 3), 5.840909, 5e-7, 't_{0.995,3}');
  near(studentTQuantile(0.975, 30), 2.042272, 5e-7, 't_{0.975,30}');
  near(studentTQuantile(0.95, 1), 6.313752, 5e-7, 't_{0.95,1}');
  near(studentTQuantile(0.9, 2), 1.885618, 5e-7, 't_{0.90,2}');
  near(studentTQuantile(0.01, 5), -3.36493, 5e-6, 'lower tail by symmetry');
  // a non-integer ν takes the Newton path; the quantile must invert the cdf
  for (const [p, nu] of [
    [0.99, 4.5],
    [1e-9, 3],
    [0.7, 7.25],
    [0.999, 60],
  ])
    rel(studentTCdf(studentTQuantile(p, nu), nu), p, 1e-10, `round trip p=${p} nu=${nu}`);
  // ν → ∞ tends to the normal quantile
  near(studentTQuantile(0.99, 1e7), normalQuantile(0.99), 1e-5, 'large nu');
});

test('Student-t cdf: closed forms for ν = 1, 2, 3', () => {
  for (const t of [-7, -1.5, -0.2, 0, 0.6, 2, 12]) {
    // Cauchy: 1/2 + atan(t)/π
    near(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-14, `nu=1 t=${t}`);
    // ν = 2: 1/2 + t / (2√(2 + t²))
    near(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-14, `nu=2 t=${t}`);
    // ν = 3: 1/2 + (1/π)[t/(√3(1 + t²/3)) + atan(t/√3)]
    const s3 = Math.sqrt(3);
    near(studentTCdf(t, 3), 0.5 + (t / (s3 * (1 + (t * t) / 3)) + Math.atan(t / s3)) / Math.PI, 1e-14, `nu=3 t=${t}`);
  }
});

test('chi-square: table critical values and the closed form for 2 degrees of freedom', () => {
  near(chiSquareCdf(3.841458820694124, 1), 0.95, 1e-12, 'chi2_{0.95,1}');
  near(chiSquareCdf(6.634896601021214, 1), 0.99, 1e-12, 'chi2_{0.99,1}');
  near(chiSquareCdf(5.991464547107979, 2), 0.95, 1e-12, 'chi2_{0.95,2}');
  near(chiSquareCdf(11.070497693516351, 5), 0.95, 1e-12, 'chi2_{0.95,5}');
  for (const x of [0.1, 1, 4, 30]) rel(chiSquareSf(x, 2), Math.exp(-x / 2), 1e-13, `sf(x, 2) = exp(-x/2) at ${x}`);
  // 1 dof: P(χ² ≤ x) = 2Φ(√x) − 1
  for (const x of [0.2, 2, 9]) near(chiSquareCdf(x, 1), 2 * normalCdf(Math.sqrt(x)) - 1, 1e-14, `chi2_1 vs normal at ${x}`);
});

test('binomial cdf: the Basel Committee (1996) table of cumulative probabilities, 250 days at 99 %', () => {
  // BCBS (1996), "Supervisory framework ... backtesting", Table 2, column "cumulative probability"
  const table = [8.11, 28.58, 54.32, 75.81, 89.22, 95.88, 98.63, 99.6, 99.89, 99.97, 99.99];
  table.forEach((pct, x) => near(100 * binomialCdf(x, 250, 0.01), pct, 0.0051, `P(X <= ${x})`));
  near(binomialCdf(3, 3, 0.5), 1, 0, 'x = n');
  near(binomialCdf(1, 3, 0.5), 0.5, 1e-15, 'P(X <= 1), n = 3, p = 1/2: (1 + 3)/8');
});

test('special functions: log-gamma and the incomplete gamma and beta functions against closed forms', () => {
  near(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14, 'ln Γ(1/2) = ln √π');
  near(logGamma(10), Math.log(362880), 1e-12, 'ln Γ(10) = ln 9!');
  rel(logGamma(100), 359.1342053695754, 1e-14, 'ln Γ(100)');
  for (const x of [0.01, 0.5, 3, 20]) near(regularizedGammaP(1, x), 1 - Math.exp(-x), 1e-14, `P(1, ${x}) = 1 - e^-x`);
  for (const x of [0.05, 0.3, 0.77, 0.999]) {
    near(regularizedBeta(x, 1, 1), x, 1e-14, 'I_x(1,1) = x');
    near(regularizedBeta(x, 3.5, 1), x ** 3.5, 1e-13, 'I_x(a,1) = x^a');
    near(regularizedBeta(x, 1, 2.5), 1 - (1 - x) ** 2.5, 1e-13, 'I_x(1,b) = 1-(1-x)^b');
  }
});

test.run();
