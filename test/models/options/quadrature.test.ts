/**
 * Adaptive Gauss–Kronrod against integrals known in closed form: ∫e^{−x²} = √π, ∫₀¹x^6 = 1/7,
 * ∫₀^π sin = 2, ∫₀¹√x = 2/3 (an endpoint singularity in the derivative, where adaptivity earns its keep),
 * ∫₀^{20} cos(x)e^{−x/10} (oscillating) = (0.1 + e^{−2}(sin 20 − 0.1 cos 20))/1.01.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { integrate } from '../../../src/models/options/quadrature.js';

test('closed-form integrals to near machine precision', () => {
  assert.ok(Math.abs(integrate((x) => Math.exp(-x * x), -10, 10).value - Math.sqrt(Math.PI)) < 1e-14);
  // a polynomial of degree 6 is exact for the 7-point Gauss rule: one interval suffices
  const poly = integrate((x) => x ** 6, 0, 1);
  assert.ok(Math.abs(poly.value - 1 / 7) < 1e-16);
  assert.is(poly.evaluations, 15);
  assert.ok(Math.abs(integrate(Math.sin, 0, Math.PI).value - 2) < 1e-14);
  const root = integrate(Math.sqrt, 0, 1);
  assert.ok(Math.abs(root.value - 2 / 3) < 1e-11, `${root.value}`);
  assert.ok(root.evaluations > 15, 'the kink at 0 needs subdivision');
  const osc = integrate((x) => Math.cos(x) * Math.exp(-x / 10), 0, 20);
  const exact = (0.1 + Math.exp(-2) * (Math.sin(20) - 0.1 * Math.cos(20))) / 1.01;
  assert.ok(Math.abs(osc.value - exact) < 1e-12, `${osc.value} vs ${exact}`);
});

test.run();
