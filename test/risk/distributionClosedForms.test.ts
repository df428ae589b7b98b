import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { normalCdf, studentTCdf } from '../../src/risk/distributions.js';
import { logGamma } from '../../src/risk/specialFunctions.js';

/** erf through the normal cdf: erf(x) = 2Φ(x√2) − 1. */
const erf = (x: number) => 2 * normalCdf(x * Math.SQRT2) - 1;

const rel = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol * Math.abs(b), `${a} vs ${b}`);

test('normal cdf against tabulated values', () => {
  // references: R pnorm(1.96) = 0.9750021048517795, pnorm(-1) = 0.1586552539314571,
  // pnorm(-8) = 6.220960574271784e-16; erf(0.5) = 0.5204998778130465 (A&S table 7.1)
  rel(normalCdf(1.96), 0.9750021048517795, 1e-14);
  rel(normalCdf(-1), 0.1586552539314571, 1e-13);
  rel(normalCdf(-8), 6.220960574271784e-16, 1e-12);
  rel(erf(0.5), 0.5204998778130465, 1e-14);
  assert.is(normalCdf(0), 0.5);
});

test('log-gamma against factorials and Γ(½) = √π', () => {
  rel(logGamma(10), Math.log(362880), 1e-14);
  rel(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13);
  rel(logGamma(3.5), Math.log((15 / 8) * Math.sqrt(Math.PI)), 1e-13);
});

test('Student t cdf against closed forms (ν = 1, 2, 4) and table quantiles', () => {
  // ν = 1 (Cauchy): ½ + atan(t)/π; ν = 2: ½ + t / (2√(2+t²)); ν = 4: ½ + (3/8)·t/√u·(1 − t²/(12u)), u = 1 + t²/4
  for (const t of [-3, -0.7, 0.2, 1.5, 10]) {
    rel(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12);
    rel(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)), 1e-12);
    const u = 1 + (t * t) / 4;
    rel(studentTCdf(t, 4), 0.5 + (3 / 8) * (t / Math.sqrt(u)) * (1 - (t * t) / (12 * u)), 1e-12);
  }
  // quantile tables (e.g. Abramowitz & Stegun table 26.10): t_{0.975,10} = 2.228138852, t_{0.95,5} = 2.015048373
  rel(studentTCdf(2.228138852, 10), 0.975, 1e-9);
  rel(studentTCdf(2.015048373, 5), 0.95, 1e-9);
  // ν → ∞ approaches the normal
  rel(studentTCdf(1.96, 1e7), normalCdf(1.96), 1e-7);
});

test.run();
