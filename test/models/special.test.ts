import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { logStdTDensity, stdTConstant } from '../../src/models/special.js';
import { logGamma as lgamma } from '../../src/risk/specialFunctions.js';

const close = (a: number, b: number, tol = 1e-13) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test('ln Γ (used by the t constant) at textbook values', () => {
  assert.ok(close(lgamma(1), 0));
  assert.ok(close(lgamma(2), 0));
  assert.ok(close(lgamma(0.5), 0.5 * Math.log(Math.PI))); // Γ(½) = √π
  assert.ok(close(lgamma(10), Math.log(362880))); // 9!
  assert.ok(close(lgamma(3.5), Math.log((15 / 8) * Math.sqrt(Math.PI)))); // Γ(7/2) = (15/8)√π
  assert.ok(close(lgamma(100), 359.1342053695754)); // ln 99!, Abramowitz & Stegun table / exact factorial
});

test('standardised Student-t log-density against the gamma-function formula by hand', () => {
  // ν = 5: Γ(3) = 2, Γ(5/2) = (3/4)√π, so f(z) = 2 / ((3/4)√π · √(3π)) · (1 + z²/3)^(−3)
  const f5 = (z: number) => (2 / ((3 / 4) * Math.sqrt(Math.PI) * Math.sqrt(3 * Math.PI))) * Math.pow(1 + (z * z) / 3, -3);
  for (const z of [0, 0.5, -1.7, 4]) assert.ok(close(logStdTDensity(z, 5), Math.log(f5(z))), `z=${z}`);
  // ν = 3: Γ(2) = 1, Γ(3/2) = √π/2, so f(z) = 1 / ((√π/2)·√π) · (1 + z²)^(−2) = (2/π)(1 + z²)^(−2)
  for (const z of [0, 1, -2.5]) assert.ok(close(logStdTDensity(z, 3), Math.log((2 / Math.PI) * Math.pow(1 + z * z, -2))), `z=${z}`);
  assert.ok(close(stdTConstant(3), Math.log(2 / Math.PI)));
});

test('standardised t density integrates to 1 with unit variance (Simpson on a wide grid)', () => {
  for (const nu of [4.5, 8, 30]) {
    // substitute z = tan(u) to integrate over the whole real line on a finite interval
    const m = 20000;
    const a = -Math.PI / 2 + 1e-9;
    const b = Math.PI / 2 - 1e-9;
    const h = (b - a) / m;
    let mass = 0;
    let second = 0;
    for (let i = 0; i <= m; i++) {
      const u = a + i * h;
      const z = Math.tan(u);
      const jac = 1 + z * z;
      const w = i === 0 || i === m ? 1 : i % 2 ? 4 : 2;
      const f = Math.exp(logStdTDensity(z, nu)) * jac;
      mass += w * f;
      second += w * f * z * z;
    }
    mass *= h / 3;
    second *= h / 3;
    assert.ok(Math.abs(mass - 1) < 1e-6, `nu=${nu} mass ${mass}`);
    // the variance integral converges slowly for small ν (tail ~ z^{-ν-1}·z²); allow 1e-3
    assert.ok(Math.abs(second - 1) < 1e-3, `nu=${nu} variance ${second}`);
  }
});

test.run();
