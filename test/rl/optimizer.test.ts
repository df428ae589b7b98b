/**
 * Adam and gradient clipping against hand-worked steps.
 * References: Kingma & Ba (2015), Algorithm 1 (PyTorch's form: bias-corrected moments, ε added to
 * √v̂): the first step moves each weight by lr·g/(|g| + ε), whatever g's size; PyTorch's
 * clip_grad_norm_ scales by max/(norm + 1e-6) when the norm exceeds max (3-4-5 triangle).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Adam } from '../../src/rl/ppo/adam.js';
import { clipGradientNorm } from '../../src/rl/ppo/gradientClip.js';

test("Adam's first step is lr·g/(|g| + ε) per weight", () => {
  const w = Float32Array.of(1, 1, 1);
  const adam = new Adam(3, { epsilon: 1e-5 });
  adam.update(w, [2, -0.5, 0], 0.1);
  assert.ok(Math.abs(w[0] - Math.fround(1 - (0.1 * 2) / (2 + 1e-5))) < 1e-7, String(w[0]));
  assert.ok(Math.abs(w[1] - Math.fround(1 + (0.1 * 0.5) / (0.5 + 1e-5))) < 1e-7, String(w[1]));
  assert.is(w[2], 1);
});

test("Adam's second step with the same gradient moves by lr·g/(|g| + ε) again (bias correction)", () => {
  // m2 = 0.9·0.1g + 0.1g = 0.19g, m̂ = 0.19g/0.19 = g; v2 = (0.999·0.001 + 0.001)g², v̂ = g²
  const w = new Float32Array([0]);
  const adam = new Adam(1, { epsilon: 0 });
  adam.update(w, [3], 0.01);
  adam.update(w, [3], 0.01);
  assert.ok(Math.abs(w[0] - -0.02) < 1e-8, String(w[0]));
});

test('Adam, a hand-worked second step with a changed gradient', () => {
  // g1 = 1, g2 = −1, β1 = 0.9, β2 = 0.999, ε = 0, lr = 1:
  // m2 = 0.9·0.1 − 0.1 = −0.01, m̂ = −0.01/0.19; v2 = 0.999·0.001 + 0.001 = 0.001999, v̂ = 0.001999/0.001999 = 1
  // step 2 = −(−0.01/0.19)/1 = +0.052631…; step 1 = −1
  const w = new Float32Array([0]);
  const adam = new Adam(1, { epsilon: 0 });
  adam.update(w, [1], 1);
  adam.update(w, [-1], 1);
  assert.ok(Math.abs(w[0] - (-1 + 0.01 / 0.19)) < 1e-6, String(w[0]));
});

test('global norm clipping: a 3-4-5 gradient clipped to norm 0.5 keeps its direction', () => {
  const g = Float32Array.of(3, 4);
  const norm = clipGradientNorm(g, 0.5);
  assert.is(norm, 5);
  const s = 0.5 / (5 + 1e-6);
  assert.ok(Math.abs(g[0] - 3 * s) < 1e-7 && Math.abs(g[1] - 4 * s) < 1e-7, `${g[0]}, ${g[1]}`);
});

test('a gradient under the maximum norm is left alone', () => {
  const g = Float32Array.of(0.1, 0.2);
  clipGradientNorm(g, 0.5);
  assert.equal(Array.from(g), [Math.fround(0.1), Math.fround(0.2)]);
});

test.run();
