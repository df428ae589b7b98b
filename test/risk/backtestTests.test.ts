import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { kupiecPof } from '../../src/risk/kupiec.js';
import { christoffersen } from '../../src/risk/christoffersen.js';
import { baselTrafficLight } from '../../src/risk/baselTrafficLight.js';
import { acerbiSzekelyTest, acerbiSzekelyZ2, Z2_CRITICAL_5PCT } from '../../src/risk/acerbiSzekely.js';
import { normalVaR } from '../../src/risk/normalVar.js';
import { samplePredictive } from '../../src/risk/predictive.js';
import type { PredictiveDistribution } from '../../src/risk/varTypes.js';
import { Rng } from '../../src/util/rng.js';

const near = (a: number, b: number, tol: number, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);

test('Kupiec POF: hand-computed LR for 10 exceptions in 250 days at 99 %', () => {
  // LR = −2[240 ln 0.99 + 10 ln 0.01] + 2[240 ln 0.96 + 10 ln 0.04]
  //    = −2[−2.4120806 − 46.0517019] + 2[−9.7972779 − 32.1887582] = 96.9275649 − 83.9720722 = 12.9554927
  const r = kupiecPof(10, 250, 0.99);
  near(r.lr, 12.9554911, 1e-6, 'LR_uc');
  near(r.expected, 2.5, 1e-12);
  // p-value: P(χ²₁ > 12.955) = 2(1 − Φ(√12.955)) = 3.19e-4
  near(r.pValue, 3.1899e-4, 2e-7, 'p-value');
  // x = 0: LR = −2n ln(1 − p) (0·ln 0 = 0)
  near(kupiecPof(0, 250, 0.99).lr, -2 * 250 * Math.log(0.99), 1e-12, 'no exceptions');
  near(kupiecPof(5, 500, 0.99).lr, 0, 1e-12, 'exactly the expected count');
});

test("Kupiec POF: non-rejection regions of Kupiec (1995) at 5 % (as tabulated in Jorion's Value at Risk)", () => {
  // Table: p = 0.01: T=510 1<N<11, T=1000 4<N<17; p = 0.025: T=255 2<N<12, T=510 6<N<21, T=1000 15<N<36;
  //        p = 0.05: T=255 6<N<21, T=510 16<N<36, T=1000 37<N<65
  const cells: [number, number, number, number][] = [
    [0.99, 510, 1, 11],
    [0.99, 1000, 4, 17],
    [0.975, 255, 2, 12],
    [0.975, 510, 6, 21],
    [0.975, 1000, 15, 36],
    [0.95, 255, 6, 21],
    [0.95, 510, 16, 36],
    [0.95, 1000, 37, 65],
  ];
  const crit = 3.841458820694124; // χ²₁ at 95 %
  for (const [a, T, lo, hi] of cells) {
    assert.ok(kupiecPof(lo, T, a).lr > crit, `${a} ${T}: ${lo} rejected`);
    assert.ok(kupiecPof(lo + 1, T, a).lr < crit, `${a} ${T}: ${lo + 1} accepted`);
    assert.ok(kupiecPof(hi - 1, T, a).lr < crit, `${a} ${T}: ${hi - 1} accepted`);
    assert.ok(kupiecPof(hi, T, a).lr > crit, `${a} ${T}: ${hi} rejected`);
  }
  // p = 0.01, T = 255: "N < 7" (the table leaves N = 0 open; its LR 5.13 exceeds 3.84 all the same)
  assert.ok(kupiecPof(6, 255, 0.99).lr < crit && kupiecPof(7, 255, 0.99).lr > crit);
});

test('Christoffersen: hand-worked transition counts and LR_ind, LR_cc for a clustered hit sequence', () => {
  // hits 0 0 0 1 1 1 0 0 0 0: transitions 00 00 01 11 11 10 00 00 00 → n00 5, n01 1, n10 1, n11 2
  // π01 = 1/6, π11 = 2/3, π = 3/9 = 1/3
  // ln L0 = 6 ln(2/3) + 3 ln(1/3) = −5.7286276; ln L1 = 5 ln(5/6) + ln(1/6) + ln(1/3) + 2 ln(2/3) = −4.6129098
  // LR_ind = −2(ln L0 − ln L1) = 2.2314355
  // LR_uc (3 hits in 10 at α = 0.9) = −2[7 ln .9 + 3 ln .1] + 2[7 ln .7 + 3 ln .3] = 3.0732717
  const hits = [0, 0, 0, 1, 1, 1, 0, 0, 0, 0];
  const r = christoffersen(hits, 0.9);
  assert.equal([r.n00, r.n01, r.n10, r.n11], [5, 1, 1, 2]);
  near(r.lrInd, 2.2314355, 1e-6, 'LR_ind');
  near(r.lrUc, 3.0732717, 1e-6, 'LR_uc');
  near(r.lrCc, 5.3047072, 1e-6, 'LR_cc');
  // χ²(2) survival is exp(−x/2): p_cc = exp(−5.3047072/2) = 0.0704851
  near(r.pCc, 0.0704851, 1e-6, 'p_cc');
});

test('Christoffersen: no clustering gives LR_ind = 0 when π01 = π11', () => {
  // 0 0 1 1 0 0 0 1 0 0: n00 4, n01 2, n10 2, n11 1 → π01 = π11 = π = 1/3
  const r = christoffersen([0, 0, 1, 1, 0, 0, 0, 1, 0, 0], 0.9);
  assert.equal([r.n00, r.n01, r.n10, r.n11], [4, 2, 2, 1]);
  near(r.lrInd, 0, 1e-12);
  near(r.pInd, 1, 1e-12);
});

test('Basel traffic light: 250 days at 99 %: 0–4 green, 5–9 yellow, 10+ red (BCBS 1996, Table 2)', () => {
  for (let x = 0; x <= 15; x++) {
    const want = x <= 4 ? 'green' : x <= 9 ? 'yellow' : 'red';
    assert.is(baselTrafficLight(x, 250, 0.99).zone, want, `${x} exceptions`);
  }
  const b = baselTrafficLight(3, 250, 0.99);
  assert.is(b.greenMax, 4);
  assert.is(b.yellowMax, 9);
  // generalised: 500 days at 99 % (expected 5) stays green at 8 and turns red far above
  assert.is(baselTrafficLight(8, 500, 0.99).zone, 'green');
  assert.is(baselTrafficLight(20, 500, 0.99).zone, 'red');
});

test('Acerbi–Székely Z2: hand-worked statistic', () => {
  // exceptions on days 1 and 3: Z2 = 1 − (3/2.5 + 2.5/2.5)/(3 × 0.1) = 1 − 2.2/0.3 = −6.3333
  near(acerbiSzekelyZ2([3, 0.5, 2.5], [2, 2, 2], [2.5, 2.5, 2.5], 0.9), 1 - 2.2 / 0.3, 1e-12);
  near(acerbiSzekelyZ2([1, 0.5, 1.5], [2, 2, 2], [2.5, 2.5, 2.5], 0.9), 1, 0, 'no exceptions: Z2 = 1');
});

test('Acerbi–Székely Z2: the published 5 % threshold −0.70 reproduced for normal returns (T = 250, ES 97.5 %)', () => {
  // Acerbi & Székely (2014) report Z2's 5 % critical value ≈ −0.70 at α_tail = 2.5 %, T = 250
  const T = 250;
  const alpha = 0.975;
  const { var: v, es } = normalVaR(0, 1, alpha);
  const pd: PredictiveDistribution = { kind: 'normal', mu: 0, sigma: 1 };
  const rng = new Rng(2014);
  const M = 4000;
  const z = new Float64Array(M);
  const losses = new Float64Array(T);
  const V = new Float64Array(T).fill(v);
  const E = new Float64Array(T).fill(es);
  let mean = 0;
  for (let m = 0; m < M; m++) {
    for (let t = 0; t < T; t++) losses[t] = -samplePredictive(pd, rng);
    z[m] = acerbiSzekelyZ2(losses, V, E, alpha);
    mean += z[m] / M;
  }
  z.sort();
  near(z[Math.floor(0.05 * M)], Z2_CRITICAL_5PCT, 0.06, '5 % quantile of Z2 under H0');
  // E[Z2] = 0 under H0; its sd is about 0.45 here, so the mean of 4000 is within ±0.03
  near(mean, 0, 0.03, 'mean of Z2 under H0');
});

test('Acerbi–Székely test: rejects ES forecasts whose scale is too small, accepts correct ones', () => {
  const T = 500;
  const alpha = 0.975;
  const rng = new Rng(9);
  const forecast = normalVaR(0, 1, alpha);
  const V = new Float64Array(T).fill(forecast.var);
  const E = new Float64Array(T).fill(forecast.es);
  const pds: PredictiveDistribution[] = new Array(T).fill({ kind: 'normal', mu: 0, sigma: 1 });
  const wide = new Float64Array(T);
  const right = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    wide[t] = 1.6 * rng.normal(); // the truth is 60 % more volatile than forecast
    right[t] = rng.normal();
  }
  const bad = acerbiSzekelyTest(wide, V, E, alpha, pds, { simulations: 500, seed: 4 });
  assert.ok(bad.z2 < -0.7 && bad.pValue! < 0.01, `underestimated risk: Z2 ${bad.z2}, p ${bad.pValue}`);
  assert.is(bad.zone === 'yellow' || bad.zone === 'red', true);
  const good = acerbiSzekelyTest(right, V, E, alpha, pds, { simulations: 500, seed: 4 });
  assert.ok(good.pValue! > 0.01, `correct model: p ${good.pValue}`);
});

test.run();
