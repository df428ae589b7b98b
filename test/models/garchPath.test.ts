import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { garchVariancePath } from '../../src/models/garchPath.js';
import { garchFilter, simulateGarch } from '../../src/models/garch.js';
import { Rng } from '../../src/util/rng.js';

test('hand-worked GJR steps', () => {
  // μ = 0, ω = 0.1, α = 0.1, γ = 0.2, β = 0.8, σ²_0 = 1; r = [1, −2]
  // σ²_1 = 0.1 + 0.1·1 + 0.8·1 = 1.0;  σ²_2 = 0.1 + (0.1 + 0.2)·4 + 0.8·1.0 = 2.1
  const p = garchVariancePath(new Float64Array([1, -2]), { mu: 0, omega: 0.1, alpha: 0.1, gamma: 0.2, beta: 0.8 }, 'gjr', 1);
  assert.equal(
    Array.from(p).map((x) => Math.round(x * 1e12) / 1e12),
    [1, 1, 2.1],
  );
});

test('matches the GARCH filter of garch.ts (an independent implementation) started at the same σ²_0', () => {
  const params = { mu: 0.02, omega: 0.05, alpha: 0.08, beta: 0.88, gamma: 0.04 };
  const { returns } = simulateGarch(params, 'gjr', 'normal', 500, new Rng(3));
  const f = garchFilter(returns, params, 'gjr');
  const p = garchVariancePath(returns, params, 'gjr', f.condVariance[0]);
  for (let t = 0; t < returns.length; t++) assert.ok(Math.abs(p[t] - f.condVariance[t]) <= 1e-12 * f.condVariance[t]);
  assert.ok(Math.abs(p[returns.length] - f.nextVariance) <= 1e-12 * f.nextVariance);
});

test.run();
