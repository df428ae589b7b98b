import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dieboldMariano, dieboldMarianoFromDifferential } from '../../src/models/evaluate/dieboldMariano.js';
import { studentTCdf } from '../../src/risk/distributions.js';
import { Rng } from '../../src/util/rng.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('h = 1 on a hand-worked example', () => {
  // d = L1 − L2 = [1, −1, 2, 0, 3] (losses chosen so): T = 5, d̄ = 1,
  // deviations 0, −2, 1, −1, 2 → γ0 = (0 + 4 + 1 + 1 + 4)/5 = 2,
  // DM = 1 / √(2/5) = √(5/2) = 1.5811388300841898,
  // HLN factor √((T + 1 − 2h + h(h−1)/T)/T) = √(4/5) → DM* = √2,
  // two-sided p from t_4 with the closed-form cdf ½ + (3/8)(t/√u)(1 − t²/(12u)), u = 1 + t²/4 = 3/2:
  // F(√2) = ½ + (3/8)(√2/√1.5)(1 − 1/9) = 0.8849001794597505, p = 2(1 − F) = 0.230199641080499.
  const l1 = new Float64Array([3, 1, 5, 2, 4]);
  const l2 = new Float64Array([2, 2, 3, 2, 1]);
  const r = dieboldMariano(l1, l2);
  close(r.meanDifference, 1);
  close(r.longRunVariance, 2);
  close(r.dm, Math.sqrt(5 / 2));
  close(r.statistic, Math.SQRT2);
  close(r.pValue, 0.230199641080499, 1e-12);
  assert.is(r.kernel, 'rectangular');
  // one-sided: model 1 is worse here, so 'greater' has half the two-sided p
  close(dieboldMariano(l1, l2, { alternative: 'greater' }).pValue, 0.230199641080499 / 2, 1e-12);
  // swapping the models flips the sign only
  close(dieboldMariano(l2, l1).statistic, -Math.SQRT2);
});

test('h = 2 on a hand-worked example, rectangular and Bartlett kernels', () => {
  // d = [1, 2, 3, 0, −1, 1]: T = 6, d̄ = 1, deviations 0, 1, 2, −1, −2, 0
  // γ0 = (0 + 1 + 4 + 1 + 4 + 0)/6 = 10/6,  γ1 = (1·0 + 2·1 + (−1)·2 + (−2)(−1) + 0·(−2))/6 = 2/6
  // rectangular: V = γ0 + 2γ1 = 14/6, DM = 1/√(V/T) = √(18/7); HLN factor² = (6 + 1 − 4 + 2/6)/6 = 5/9
  //   → DM* = √(18/7 · 5/9) = √(10/7)
  // Bartlett, L = 1: w1 = 1/2, V = 10/6 + 2/6 = 2, DM = 1/√(2/6) = √3, DM* = √3 · √(5/9) = √(5/3)
  const d = new Float64Array([1, 2, 3, 0, -1, 1]);
  const rect = dieboldMarianoFromDifferential(d, { horizon: 2 });
  close(rect.longRunVariance, 14 / 6);
  close(rect.dm, Math.sqrt(18 / 7));
  close(rect.statistic, Math.sqrt(10 / 7));
  close(rect.pValue, 2 * (1 - studentTCdf(Math.sqrt(10 / 7), 5)));
  const bart = dieboldMarianoFromDifferential(d, { horizon: 2, kernel: 'bartlett' });
  close(bart.longRunVariance, 2);
  close(bart.statistic, Math.sqrt(5 / 3));
});

test('a negative rectangular long-run variance falls back to Bartlett', () => {
  // d = [2, 0, 1, 3, −1, 1]: deviations 1, −1, 0, 2, −2, 0; γ0 = 10/6, γ1 = (−1 + 0 + 0 − 4 + 0)/6 = −5/6
  // rectangular V = 10/6 − 10/6 = 0 (not positive) → Bartlett V = 10/6 − 5/6 = 5/6
  const r = dieboldMarianoFromDifferential(new Float64Array([2, 0, 1, 3, -1, 1]), { horizon: 2 });
  assert.is(r.kernel, 'bartlett');
  close(r.longRunVariance, 5 / 6);
});

/** Share of two-sided 5 % rejections over `reps` simulated equal-accuracy loss differentials. */
function rejectionRate(seed: number, reps: number, n: number, h: number): number {
  const rng = new Rng(seed);
  const d = new Float64Array(n);
  const u = new Float64Array(n + h);
  let rejected = 0;
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < u.length; i++) {
      // equal expected losses: the difference of two squared N(0,1) errors (mean 0, skewed pieces)
      const a = rng.normal();
      const b = rng.normal();
      u[i] = a * a - b * b;
    }
    // an MA(h−1) differential, as optimal h-step forecast errors produce
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let j = 0; j < h; j++) s += u[t + j];
      d[t] = s;
    }
    if (dieboldMarianoFromDifferential(d, { horizon: h }).pValue < 0.05) rejected++;
  }
  return rejected / reps;
}

test('size under the null is near 5 % (h = 1 and h = 4)', () => {
  // 2,000 replications: the binomial standard error of a 5 % rate is √(0.05·0.95/2000) = 0.49 %,
  // so a correct test lands within ±1.5 % (3 s.e.) of 5 %.
  const reps = 2000;
  const r1 = rejectionRate(11, reps, 250, 1);
  assert.ok(Math.abs(r1 - 0.05) < 0.015, `h=1 rejection rate ${r1}`);
  const r4 = rejectionRate(12, reps, 400, 4);
  assert.ok(Math.abs(r4 - 0.05) < 0.015, `h=4 rejection rate ${r4}`);
});

test('power: a real difference in accuracy is detected', () => {
  const rng = new Rng(5);
  const n = 500;
  const d = new Float64Array(n);
  for (let t = 0; t < n; t++) d[t] = -0.5 + rng.normal(); // model 1 better by half a loss s.d.
  const r = dieboldMarianoFromDifferential(d, { alternative: 'less' });
  assert.ok(r.statistic < -5 && r.pValue < 1e-6, JSON.stringify(r));
});

test.run();
