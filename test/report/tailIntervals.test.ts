import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { binomialCdfTable, expectedShortfallInterval, orderStatisticCoverage, quantileInterval, quantileIntervalIndices } from '../../src/report/tailIntervals.js';
import { distribution } from '../../src/report/tailMetrics.js';
import { empiricalVarEsSorted } from '../../src/risk/historicalVar.js';
import { binomialCdf } from '../../src/risk/distributions.js';
import { Rng } from '../../src/util/rng.js';

test('binomial cdf table agrees with the term-by-term sum of risk/distributions', () => {
  for (const [n, p] of [
    [10, 0.5],
    [37, 0.9],
    [200, 0.99],
    [1000, 0.95],
  ] as const) {
    const table = binomialCdfTable(n, p);
    for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 50))) {
      assert.ok(Math.abs(table[k] - binomialCdf(k, n, p)) < 1e-10, `n=${n} p=${p} k=${k}: ${table[k]} vs ${binomialCdf(k, n, p)}`);
    }
    assert.ok(Math.abs(table[n] - 1) < 1e-12);
  }
});

test('median of 10 values: the textbook interval [x_(2), x_(9)] with coverage 1 − 2·(11/1024)', () => {
  // Hand-worked: P(B ≤ 1) = 11/1024 = 0.0107 for B ~ Bin(10, ½), P(B ≤ 2) = 56/1024 = 0.0547, so
  // [x_(2), x_(9)] covers 1 − 22/1024 = 0.9785, and narrowing either end drops below 0.95 (0.9346).
  assert.equal(quantileIntervalIndices(10, 0.5), [2, 9]);
  assert.ok(Math.abs(orderStatisticCoverage(10, 0.5, 2, 9) - (1 - 22 / 1024)) < 1e-12);
  const x = Float64Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
  assert.equal(quantileInterval(x, 0.5), [20, 90]);
});

test('too few paths for a level: the open end is null (at 0.99 the upper end needs n ≥ 368)', () => {
  // P(B = n) = 0.99^n ≤ 0.025 ⇔ n ≥ ln 0.025 / ln 0.99 = 367.04
  assert.is(quantileIntervalIndices(367, 0.99)[1], 368);
  assert.ok(quantileIntervalIndices(368, 0.99)[1] <= 368);
  const x = Float64Array.from({ length: 100 }, (_, i) => i);
  const [lo, hi] = quantileInterval(x, 0.99);
  assert.is(hi, null);
  assert.ok(lo !== null && lo < 99);
});

interface Known {
  name: string;
  draw: (r: Rng) => number;
  quantile: number;
  es: number;
}

// Closed forms at level a: uniform(0,1) q = a, ES = (1 + a)/2; exponential(1) q = −ln(1 − a),
// ES = q + 1 (memorylessness); standard normal q = z_a (R qnorm), ES = φ(z_a)/(1 − a).
const known = (a: number): Known[] => {
  const z = { 0.95: 1.6448536269514722, 0.975: 1.959963984540054, 0.99: 2.3263478740408408 }[a as 0.95 | 0.975 | 0.99];
  return [
    { name: 'uniform', draw: (r) => r.uniform(), quantile: a, es: (1 + a) / 2 },
    { name: 'exponential', draw: (r) => r.exponential(), quantile: -Math.log(1 - a), es: 1 - Math.log(1 - a) },
    { name: 'normal', draw: (r) => r.normal(), quantile: z, es: Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI) / (1 - a) },
  ];
};

const REPS = 2000;
const N = 1000;

// One distribution per level keeps the test near 1.5 s; the levels cover a long tail (50 paths
// beyond VaR) and a short one (10 paths, the fewest for which an ES interval is given).
const CASES: [number, number][] = [
  [0.95, 0], // uniform
  [0.975, 1], // exponential
  [0.99, 2], // normal
];

for (const [a, which] of CASES) {
  const d = known(a)[which];
  test(`coverage over ${REPS} seeded samples of ${N}: ${d.name} at ${a}, VaR and ES intervals cover the closed form in 95 % ± 2 %`, () => {
    const rng = new Rng(20261212 + which);
    let coveredQ = 0;
    let coveredEs = 0;
    const x = new Float64Array(N);
    for (let r = 0; r < REPS; r++) {
      for (let i = 0; i < N; i++) x[i] = d.draw(rng);
      x.sort();
      const [ql, qh] = quantileInterval(x, a);
      if (ql !== null && qh !== null && ql <= d.quantile && d.quantile <= qh) coveredQ++;
      const { var: v, es } = empiricalVarEsSorted(x, a);
      const [el, eh] = expectedShortfallInterval(x, a, v, es);
      if (el !== null && eh !== null && el <= d.es && d.es <= eh) coveredEs++;
    }
    const q = coveredQ / REPS;
    const e = coveredEs / REPS;
    assert.ok(Math.abs(q - 0.95) <= 0.02, `VaR${a} interval coverage ${q}`);
    assert.ok(Math.abs(e - 0.95) <= 0.02, `ES${a} interval coverage ${e}`);
  });
}

test('distribution() carries the intervals; a low adverse tail gets them mirrored', () => {
  const rng = new Rng(7);
  const x = Float64Array.from({ length: 2000 }, () => rng.exponential());
  const up = distribution(x);
  const [vl, vh] = up.intervals.var99;
  assert.ok(vl !== null && vh !== null && vl <= up.var99! && up.var99! <= vh);
  const [el, eh] = up.intervals.es99;
  assert.ok(el !== null && eh !== null && el < up.es99! && up.es99! < eh);
  // the same figures of −X on the low side: VaR/ES of X's lower tail are the negatives
  const down = distribution(
    Float64Array.from(x, (v) => -v),
    'lower',
  );
  assert.is(down.var99, -up.var99!);
  assert.equal(down.intervals.var99, [-vh, -vl]);
  assert.ok(Math.abs(down.intervals.es99[0]! + eh) < 1e-9 && Math.abs(down.intervals.es99[1]! + el) < 1e-9);
  // 10 paths beyond VaR99 need 1,000 paths: 500 give no ES99 interval
  assert.equal(distribution(x.subarray(0, 500)).intervals.es99, [null, null]);
});

test.run();
