import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import {
  collateralRequirement,
  requiredRatio,
  badDebtProbability,
  windowVariance,
  unitQuantile,
  explainRequirement,
  collateralRequirementSeries,
  type RequirementInputs,
} from '../../src/risk/collateralRequirement.js';
import { readPriceCsv } from '../../src/util/priceCsv.js';
import { Rng } from '../../src/util/rng.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

const base: RequirementInputs = {
  variance: 0.0025, // 5 %/day
  periodSeconds: 86400,
  oracleDelay: 3600,
  congestionDelay: 1800,
  auctionTime: 600,
  haircut: 0.03,
  bonus: 0.05,
  epsilon: 0.01,
};

test('closed form on worked values', () => {
  // z_{0.99} = 2.3263478740408408 (normal tables; Python statistics.NormalDist().inv_cdf(0.99)).
  // σ_τ = 0.1, h = b = 0: CR = exp(0.1·z + 0.005) = 1.2682459288472059 (Python math.exp)
  assert.ok(rel(requiredRatio(0.1, 0, 0, 0.01), 1.2682459288472059) < 1e-13);
  // σ_τ = 0.05, h = 3 %, b = 5 %: CR = 1.05/0.97·exp(0.05·z + 0.00125) = 1.217520928251939
  assert.ok(rel(requiredRatio(0.05, 0.03, 0.05, 0.01), 1.217520928251939) < 1e-13);
  // no volatility over the window: just the bonus and the haircut
  assert.ok(rel(requiredRatio(0, 0.02, 0.1, 0.01), 1.1 / 0.98) < 1e-15);
  // Student-t: t_{0.99, ν=5} = 3.365 (Student-t tables); unit variance scales it by √(3/5)
  assert.ok(Math.abs(unitQuantile(0.01, 5) / Math.sqrt(3 / 5) - 3.365) < 5e-4);
});

test('window variance: flat rule of square-root time, and a term structure summed by period', () => {
  assert.ok(rel(windowVariance(0.0025, 86400, 6 * 3600), 0.0025 / 4) < 1e-15);
  // 2.5 days over forecasts [1, 2, 3, 4]: 1 + 2 + 0.5·3 = 4.5; beyond the forecast the last value repeats
  assert.is(windowVariance([1, 2, 3, 4], 1, 2.5), 4.5);
  assert.is(windowVariance([1, 2], 1, 3.5), 1 + 2 + 2 + 0.5 * 2);
  const r = collateralRequirement(base);
  assert.is(r.windowSeconds, 6000);
  assert.ok(rel(r.sigmaTau, Math.sqrt(0.0025 * (6000 / 86400))) < 1e-15);
  assert.ok(rel(r.liquidationThreshold * r.ratio, 1) < 1e-15);
});

test('Monte Carlo: at the required ratio the bad-debt frequency is ε (normal and Student-t)', () => {
  // Independent method: simulate S_τ/S₀ and count liquidations that do not cover debt·(1 + b).
  const N = 200_000;
  for (const nu of [undefined, 4]) {
    const rng = new Rng(nu === undefined ? 11 : 12);
    const sigma = 0.06;
    const [h, b, eps] = [0.04, 0.08, 0.01];
    const cr = requiredRatio(sigma, h, b, eps, nu);
    const scale = nu === undefined ? 1 : Math.sqrt((nu - 2) / nu);
    let bad = 0;
    for (let k = 0; k < N; k++) {
      const z = nu === undefined ? rng.normal() : rng.studentT(nu) * scale;
      const ratio = Math.exp(-0.5 * sigma * sigma + sigma * z);
      if (cr * ratio * (1 - h) < 1 + b) bad++; // collateral value c·S_τ(1−h) against D(1+b), with c·S₀ = CR·D
    }
    const se = Math.sqrt((eps * (1 - eps)) / N);
    assert.ok(Math.abs(bad / N - eps) < 4 * se, `nu=${nu}: ${bad / N} vs ${eps} ± ${se}`);
    assert.ok(rel(badDebtProbability(cr, sigma, h, b, nu), eps) < 1e-9);
  }
  // fat tails need more collateral at the same variance and small ε
  assert.ok(requiredRatio(0.06, 0, 0, 0.001, 4) > requiredRatio(0.06, 0, 0, 0.001));
});

test('property: monotone in every risk factor', () => {
  fc.assert(
    fc.property(
      fc.double({ min: 1e-6, max: 0.05, noNaN: true }),
      fc.double({ min: 0, max: 0.5, noNaN: true }),
      fc.double({ min: 0, max: 0.3, noNaN: true }),
      fc.double({ min: 0.001, max: 0.2, noNaN: true }),
      fc.double({ min: 0, max: 86400, noNaN: true }),
      fc.double({ min: 0, max: 86400, noNaN: true }),
      fc.constantFrom('variance', 'haircut', 'bonus', 'oracleDelay', 'congestionDelay', 'auctionTime', 'epsilon'),
      (v, h, b, eps, od, cd, which) => {
        const x: RequirementInputs = { ...base, variance: v, haircut: h, bonus: b, epsilon: eps, oracleDelay: od, congestionDelay: cd };
        const up = { ...x };
        if (which === 'variance') up.variance = v * 1.1;
        else if (which === 'haircut') up.haircut = h + 0.01;
        else if (which === 'bonus') up.bonus = b + 0.01;
        else if (which === 'epsilon')
          up.epsilon = eps * 0.9; // stricter tolerance
        else up[which] = x[which] + 60;
        return collateralRequirement(up).ratio > collateralRequirement(x).ratio;
      },
    ),
    { numRuns: 300, seed: 5 },
  );
});

test('explanation: Shapley contributions sum to CR − baseline; hand-worked two-factor case; dummy and symmetry', () => {
  const e = explainRequirement(base, { variance: 0.0004 });
  const sum = Object.values(e.contributions).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - (e.actual - e.baseline)) < 1e-14);
  assert.ok(rel(e.actual, collateralRequirement(base).ratio) < 1e-15);
  // baseline: calm variance, no haircut, delays 0 (τ = auction time only), no bonus
  assert.ok(rel(e.baseline, requiredRatio(Math.sqrt((0.0004 * 600) / 86400), 0, 0, 0.01)) < 1e-14);
  for (const v of Object.values(e.contributions)) assert.ok(v > 0);

  // With no time to liquidate at all (τ = 0), only bonus and haircut matter: CR = (1+b)/(1−h).
  // Hand-worked 2-player game, b = 5 %, h = 2 %: φ_b = ½[0.05 + 0.05/0.98] = 0.05051020408163265,
  // φ_h = ½[(1/0.98 − 1) + (1.05/0.98 − 1.05)] = 0.020918367346938797; volatility is a dummy (0).
  const instant: RequirementInputs = { ...base, oracleDelay: 0, congestionDelay: 0, auctionTime: 0, haircut: 0.02, bonus: 0.05 };
  const e2 = explainRequirement(instant, { variance: 0.0001 });
  assert.ok(rel(e2.contributions.bonus, 0.05051020408163265) < 1e-12);
  assert.ok(rel(e2.contributions.liquidity, 0.020918367346938797) < 1e-12);
  assert.is(e2.contributions.volatility, 0);
  // equal oracle and congestion delays enter τ the same way: symmetric players, equal shares
  const e3 = explainRequirement({ ...base, oracleDelay: 1200, congestionDelay: 1200 }, { variance: 0.0004 });
  assert.ok(rel(e3.contributions.oracleDelay, e3.contributions.congestion) < 1e-12);
});

test('ETH-USD daily: the requirement rises in the March 2020 crash and is low in calm July 2020', () => {
  // Stress window 2020-03-13..2020-03-20 (the days after the 12 March crash, −43 % in a day);
  // calm month July 2020, the month of 2019–2020 with the lowest EWMA volatility on this file.
  const s = readPriceCsv('data/eth-usd-daily.csv', { allowGaps: true });
  const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 10);
  const idx = (from: string, to: string) => {
    const out: number[] = [];
    for (let i = 0; i < s.times.length; i++) if (day(s.times[i]) >= from && day(s.times[i]) <= to) out.push(i);
    return out;
  };
  const stress = idx('2020-03-13', '2020-03-20');
  const calm = idx('2020-07-01', '2020-07-31');
  assert.is(stress.length, 8);
  assert.ok(calm.length >= 30);
  for (const model of ['ewma', 'garch'] as const) {
    const r = collateralRequirementSeries(s.prices, { model, oracleDelay: 3600, congestionDelay: 0, auctionTime: 600, haircut: 0.02, bonus: 0.05, epsilon: 0.01 });
    const minStress = Math.min(...stress.map((i) => r.ratio[i]));
    const maxCalm = Math.max(...calm.map((i) => r.ratio[i]));
    assert.ok(minStress > maxCalm, `${model}: stress min ${minStress} vs calm max ${maxCalm}`);
    // it jumps on the crash day itself and has decayed a month later
    const [before] = idx('2020-03-11', '2020-03-11');
    const [crash] = idx('2020-03-12', '2020-03-12');
    const [later] = idx('2020-05-15', '2020-05-15');
    assert.ok(r.ratio[crash] > r.ratio[before]);
    assert.ok(r.ratio[later] < r.ratio[crash]);
  }
});

test('rejects bad inputs', () => {
  assert.throws(() => collateralRequirement({ ...base, epsilon: 0.7 }), /epsilon/);
  assert.throws(() => collateralRequirement({ ...base, haircut: 1 }), /haircut/);
  assert.throws(() => collateralRequirement({ ...base, oracleDelay: -1 }), /oracleDelay/);
  assert.throws(() => collateralRequirement({ ...base, nu: 2 }), /nu/);
});

test.run();
