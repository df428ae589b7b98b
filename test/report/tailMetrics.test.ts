import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { distribution, quantileSorted, wilsonInterval, proportion } from '../../src/report/tailMetrics.js';
import { Rng } from '../../src/util/rng.js';
import { logGamma } from '../../src/risk/specialFunctions.js';
import { normalCdf } from '../../src/risk/distributions.js';

const near = (a: number | null, b: number, tol: number, what = '') => {
  assert.ok(a !== null, `${what}: got null`);
  assert.ok(Math.abs((a as number) - b) <= tol, `${what}: ${a} vs ${b} (tol ${tol.toPrecision(3)})`);
};

// Standard normal quantiles from tables (Abramowitz & Stegun 26.2; R qnorm): z_0.5 = 0,
// z_0.95 = 1.644854, z_0.99 = 2.326348, z_0.999 = 3.090232
const Z = { 0.5: 0, 0.95: 1.6448536269514722, 0.99: 2.3263478740408408, 0.999: 3.090232306167813 } as const;
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/**
 * Standard error of the sample p-quantile: √(p(1−p)/n) / f(q_p) (asymptotic normality of sample
 * quantiles, e.g. Serfling 1980 §2.3.3). Tolerances below are 5 standard errors.
 */
const quantileSe = (p: number, n: number, density: number) => Math.sqrt((p * (1 - p)) / n) / density;

/**
 * Standard error of the empirical ES_α: √[(Var(X | X > q) + α(ES − q)²) / (n(1−α))]
 * (Yamai & Yoshiba 2002, "Comparative analyses of expected shortfall and value-at-risk", §3;
 * the tail variance is estimated from the sample itself).
 */
function esSe(sample: Float64Array, alpha: number, q: number, es: number): number {
  const tail = sample.filter((x) => x > q);
  const m = tail.reduce((a, x) => a + x, 0) / tail.length;
  const v = tail.reduce((a, x) => a + (x - m) ** 2, 0) / (tail.length - 1);
  return Math.sqrt((v + alpha * (es - q) ** 2) / (sample.length * (1 - alpha)));
}

const N = 200_000;

test('type-1 quantiles and Acerbi–Tasche ES on a hand-worked sample 1..10', () => {
  const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
  // R: quantile(1:10, c(.5, .95, .99), type = 1) = 5, 10, 10
  assert.is(quantileSorted(x, 0.5), 5);
  assert.is(quantileSorted(x, 0.95), 10);
  assert.is(quantileSorted(x, 0.3), 3); // ⌈3⌉ = 3 exactly: no rounding up to the next order statistic
  const d = distribution(Float64Array.from([7, 3, 10, 1, 5, 9, 2, 8, 4, 6])); // order must not matter
  assert.is(d.p50, 5);
  assert.is(d.mean, 5.5);
  near(d.sd, Math.sqrt(55 / 6), 1e-12, 'sample sd of 1..10 = √(82.5/9)');
  assert.is(d.min, 1);
  assert.is(d.max, 10);
  // ES_0.95 = (1/0.05)·∫_0.95^1 F⁻¹(u) du = 10 (the top value covers (0.9, 1])
  assert.is(d.es95, 10);
  assert.is(d.var95, 10);
  // 1..30: VaR_0.95 = x_(⌈28.5⌉) = 29; ES_0.95 = (1/0.05)·∫_0.95^1 F⁻¹ = (0.5/30·29 + 1/30·30)/0.05
  // = (29/60 + 1)/0.05 = 29.6667 (hand-worked: F⁻¹ = 29 on (28/30, 29/30], 30 above)
  const e = distribution(Float64Array.from({ length: 30 }, (_, i) => i + 1));
  assert.is(e.var95, 29);
  near(e.es95, (29 / 60 + 1) / 0.05, 1e-12, 'ES_0.95 of 1..30');
  assert.is(e.n, 30);
});

test('lower tail (time to first bad debt): VaR/ES on the early side, "never" as unbounded', () => {
  // times 1..20 s: L = −T; VaR_0.95(L) = L_(19) = −2 → 2 s; ES_0.95 = mean of the top 1 loss → 1 s
  const t = Float64Array.from({ length: 20 }, (_, i) => i + 1);
  const d = distribution(t, 'lower');
  assert.is(d.tail, 'lower');
  assert.is(d.var95, 2);
  assert.is(d.es95, 1);
  // 99 %: n·α = 19.8 → k = 20 → L_(20) = −1; ES = L_(20) → 1 s
  assert.is(d.var99, 1);
  assert.is(d.es99, 1);
  // with 10 paths that never had bad debt: quantiles above the share that did are null, mean is conditional
  const withNever = Float64Array.from([...t, ...Array(10).fill(Infinity)]);
  const w = distribution(withNever, 'lower');
  assert.is(w.n, 30);
  assert.is(w.unbounded, 10);
  assert.is(w.mean, 10.5);
  assert.is(w.p50, 15); // x_(15)
  assert.is(w.p95, null); // x_(29) = never
  assert.is(w.max, null);
  // 5 % of 30 = 1.5 paths: L_(⌈28.5⌉ = 29) = −2 → 2 s; ES = [(29 − 28.5)(−2) + (−1)] / 1.5 = −4/3
  assert.is(w.var95, 2);
  near(w.es95, 4 / 3, 1e-12, 'fractional Acerbi–Tasche weight');
});

test('normal sample: mean, quantiles, VaR and ES against closed forms within sampling error', () => {
  const mu = 3;
  const sigma = 2;
  const rng = new Rng(20240501);
  const x = new Float64Array(N);
  for (let i = 0; i < N; i++) x[i] = mu + sigma * rng.normal();
  const d = distribution(x);
  near(d.mean, mu, (5 * sigma) / Math.sqrt(N), 'mean');
  for (const [p, key] of [
    [0.5, 'p50'],
    [0.95, 'p95'],
    [0.99, 'p99'],
    [0.999, 'p99_9'],
  ] as const) {
    const z = Z[p];
    near(d[key], mu + sigma * z, 5 * quantileSe(p, N, phi(z) / sigma), `q_${p} = μ + σ z_p`);
  }
  // normal ES: μ + σ φ(z_α)/(1−α) (McNeil, Frey & Embrechts 2015, Example 2.14)
  for (const [a, v, e] of [
    [0.95, 'var95', 'es95'],
    [0.99, 'var99', 'es99'],
  ] as const) {
    const z = Z[a];
    const es = mu + (sigma * phi(z)) / (1 - a);
    near(d[v], mu + sigma * z, 5 * quantileSe(a, N, phi(z) / sigma), `VaR_${a}`);
    near(d[e], es, 5 * esSe(x, a, mu + sigma * z, es), `ES_${a}`);
  }
});

test('Student-t (ν = 5) sample: quantiles against tables, ES against the closed form', () => {
  const nu = 5;
  // t-table quantiles for ν = 5 (e.g. Abramowitz & Stegun Table 26.10; R qt): 2.015048, 3.364930, 5.893430
  const q = { 0.95: 2.015048373, 0.99: 3.364929997, 0.999: 5.893429941 } as const;
  const logC = logGamma((nu + 1) / 2) - logGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
  const density = (t: number) => Math.exp(logC - ((nu + 1) / 2) * Math.log(1 + (t * t) / nu));
  const rng = new Rng(7);
  const x = new Float64Array(N);
  for (let i = 0; i < N; i++) x[i] = rng.studentT(nu);
  const d = distribution(x);
  near(d.mean, 0, 5 * Math.sqrt(nu / (nu - 2) / N), 'mean 0');
  near(d.p50, 0, 5 * quantileSe(0.5, N, density(0)), 'median 0');
  near(d.p95, q[0.95], 5 * quantileSe(0.95, N, density(q[0.95])), 'q_0.95');
  near(d.p99, q[0.99], 5 * quantileSe(0.99, N, density(q[0.99])), 'q_0.99');
  near(d.p99_9, q[0.999], 5 * quantileSe(0.999, N, density(q[0.999])), 'q_0.999');
  // t ES: g_ν(q)/(1−α) · (ν + q²)/(ν − 1) (McNeil, Frey & Embrechts 2015, Example 2.15)
  for (const [a, e] of [
    [0.95, 'es95'],
    [0.99, 'es99'],
  ] as const) {
    const es = (density(q[a]) / (1 - a)) * ((nu + q[a] ** 2) / (nu - 1));
    near(d[e], es, 5 * esSe(x, a, q[a], es), `ES_${a}`);
  }
});

test('lognormal sample: quantile e^{μ+σz}, ES e^{μ+σ²/2} Φ(σ − z_α)/(1−α)', () => {
  const mu = 0.2;
  const sigma = 0.5;
  const rng = new Rng(99);
  const x = new Float64Array(N);
  for (let i = 0; i < N; i++) x[i] = Math.exp(mu + sigma * rng.normal());
  const d = distribution(x);
  const lnPdf = (y: number) => phi((Math.log(y) - mu) / sigma) / (y * sigma);
  near(d.mean, Math.exp(mu + (sigma * sigma) / 2), 5 * Math.sqrt(((Math.exp(sigma * sigma) - 1) * Math.exp(2 * mu + sigma * sigma)) / N), 'mean e^{μ+σ²/2}');
  for (const [p, key] of [
    [0.5, 'p50'],
    [0.95, 'p95'],
    [0.99, 'p99'],
    [0.999, 'p99_9'],
  ] as const) {
    const qp = Math.exp(mu + sigma * Z[p]);
    near(d[key], qp, 5 * quantileSe(p, N, lnPdf(qp)), `q_${p}`);
  }
  // partial expectation of the lognormal: E[X; X > q_α] = e^{μ+σ²/2} Φ(σ − z_α) (e.g. Hull, Options,
  // Futures and Other Derivatives, the lognormal result behind Black–Scholes)
  for (const [a, e] of [
    [0.95, 'es95'],
    [0.99, 'es99'],
  ] as const) {
    const qa = Math.exp(mu + sigma * Z[a]);
    const es = (Math.exp(mu + (sigma * sigma) / 2) * normalCdf(sigma - Z[a])) / (1 - a);
    near(d[e], es, 5 * esSe(x, a, qa, es), `ES_${a}`);
  }
});

test('Wilson score interval against Newcombe (1998) Table I worked examples', () => {
  // Newcombe, "Two-sided confidence intervals for the single proportion: comparison of seven
  // methods", Statistics in Medicine 17 (1998) 857–872, method 3 (score, no continuity correction)
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [k, n, lo, hi] of cases) {
    const [l, h] = wilsonInterval(k, n);
    near(l, lo, 5e-5, `${k}/${n} low`);
    near(h, hi, 5e-5, `${k}/${n} high`);
  }
  // all successes mirror no successes: [1 − 0.1611, 1]
  const [l, h] = wilsonInterval(20, 20);
  near(l, 1 - 0.1611, 5e-5, '20/20 low');
  assert.is(h, 1);
  const p = proportion(81, 263);
  assert.is(p.k, 81);
  near(p.estimate, 81 / 263, 1e-15);
  assert.is(proportion(0, 0).interval, null);
});

test('unbounded values (+∞ amplification) sort to the top and null the figures they reach', () => {
  const d = distribution(Float64Array.from([1, 2, 3, Infinity]));
  assert.is(d.unbounded, 1);
  assert.is(d.mean, 2);
  assert.is(d.p50, 2);
  assert.is(d.p95, null);
  assert.is(d.es95, null);
  assert.throws(() => distribution([1, NaN]), /NaN/);
  const empty = distribution([]);
  assert.is(empty.n, 0);
  assert.is(empty.mean, null);
});

test.run();
