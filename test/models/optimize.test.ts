import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bfgs, nelderMead } from '../../src/models/optimize.js';
import { invertSpd, numericalHessian } from '../../src/models/hessian.js';

// Rosenbrock (1960): minimum 0 at (1, 1), a curved valley that defeats naive methods
const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] * x[0]) ** 2 + (1 - x[0]) ** 2;

test('Nelder-Mead finds the Rosenbrock minimum (1, 1)', () => {
  const r = nelderMead(rosenbrock, Float64Array.from([-1.2, 1]), { tolerance: 1e-14 });
  assert.ok(Math.abs(r.x[0] - 1) < 1e-4 && Math.abs(r.x[1] - 1) < 1e-4, `${r.x}`);
});

test('BFGS finds the Rosenbrock minimum (1, 1)', () => {
  const r = bfgs(rosenbrock, Float64Array.from([-1.2, 1]), { maxIterations: 500, gradientTolerance: 1e-8 });
  assert.ok(Math.abs(r.x[0] - 1) < 1e-5 && Math.abs(r.x[1] - 1) < 1e-5, `${r.x}`);
});

test('minimisers treat +Infinity/NaN as infeasible: minimum of x² + y² restricted to x > 0.5', () => {
  const f = (x: Float64Array) => (x[0] <= 0.5 ? Infinity : x[0] * x[0] + x[1] * x[1]);
  const nm = nelderMead(f, Float64Array.from([2, 1]));
  assert.ok(Math.abs(nm.x[0] - 0.5) < 1e-3 && Math.abs(nm.x[1]) < 1e-3, `${nm.x}`);
});

test('numerical Hessian of a known function against its analytic Hessian', () => {
  // f = exp(x) + x·y² + 3y: H = [[e^x, 2y], [2y, 2x]]; at (0.3, -0.7)
  const f = (v: Float64Array) => Math.exp(v[0]) + v[0] * v[1] * v[1] + 3 * v[1];
  const H = numericalHessian(f, Float64Array.from([0.3, -0.7]));
  const want = [Math.exp(0.3), -1.4, -1.4, 0.6];
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(H[i] - want[i]) < 1e-5, `H[${i}] = ${H[i]} vs ${want[i]}`);
});

test('invertSpd: A·A⁻¹ = I, and null for an indefinite matrix', () => {
  const A = Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]);
  const inv = invertSpd(A, 3)!;
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      let s = 0;
      for (let k = 0; k < 3; k++) s += A[i * 3 + k] * inv[k * 3 + j];
      assert.ok(Math.abs(s - (i === j ? 1 : 0)) < 1e-14);
    }
  }
  assert.is(invertSpd(Float64Array.from([1, 2, 2, 1]), 2), null);
});

test.run();
