/**
 * The actor-critic's weights and forward passes.
 * References: orthogonality (WWᵀ = g²I or WᵀW = g²I, Saxe et al. 2014; PyTorch's orthogonal_
 * documents the orientation) checked by multiplying out; CleanRL's gains (√2 hidden, 0.01 actor
 * output, 1 critic output) read back as the row norms; a hand-computed two-layer network; and the
 * learner's TensorFlow.js forward pass (float32 kernels) against the pure TypeScript one (double
 * sums) to 1e-6.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { orthogonalMatrix } from '../../src/rl/policy/orthogonal.js';
import { initialWeights } from '../../src/rl/policy/initialWeights.js';
import { flatten, unflatten, weightLayout } from '../../src/rl/policy/layout.js';
import { ForwardPass } from '../../src/rl/policy/forward.js';
import { PpoLearner } from '../../src/rl/ppo/learner.js';
import { resolvePpoConfig } from '../../src/rl/ppo/config.js';
import { box, discrete, multiDiscrete } from '../../src/rl/spaces.js';
import { Rng } from '../../src/util/rng.js';

function gram(w: Float64Array, rows: number, cols: number, byRows: boolean): number[][] {
  const n = byRows ? rows : cols;
  const m = byRows ? cols : rows;
  const at = (i: number, k: number) => (byRows ? w[i * cols + k] : w[k * cols + i]);
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, k) => at(i, k) * at(j, k)).reduce((a, b) => a + b, 0)));
}

test('orthogonal matrices: orthonormal rows when wide, columns when tall, scaled by the gain', () => {
  for (const [rows, cols, gain] of [
    [64, 4, Math.SQRT2],
    [2, 64, 0.01],
    [64, 64, 1],
  ] as const) {
    const w = orthogonalMatrix(rows, cols, gain, new Rng(9));
    const g = gram(w, rows, cols, rows <= cols);
    for (let i = 0; i < g.length; i++) for (let j = 0; j < g.length; j++) assert.ok(Math.abs(g[i][j] - (i === j ? gain * gain : 0)) < 1e-12, `${rows}×${cols} (${i},${j}) = ${g[i][j]}`);
  }
});

test('initial weights are a function of the seed, with CleanRL gains and zero biases and log-stds', () => {
  const layout = weightLayout({ observationSize: 4, actionSpace: box(-1, 1, 2), hiddenSizes: [64, 64] });
  const a = initialWeights(layout, 42);
  assert.equal(a, initialWeights(layout, 42));
  assert.not.equal(a, initialWeights(layout, 43));
  const t = unflatten(layout, a);
  // actor_out kernel [64, 2]: PyTorch's weight is [2, 64] with orthonormal rows × 0.01, i.e. our columns have norm 0.01
  const k = t.get('actor_out/kernel')!;
  for (let j = 0; j < 2; j++) {
    let s = 0;
    for (let i = 0; i < 64; i++) s += k[i * 2 + j] ** 2;
    assert.ok(Math.abs(Math.sqrt(s) - 0.01) < 1e-6, `actor_out column ${j} norm ${Math.sqrt(s)}`);
  }
  const c = t.get('critic_out/kernel')!;
  assert.ok(Math.abs(Math.hypot(...c) - 1) < 1e-6, 'critic_out norm 1');
  // hidden [64, 64] square: every column has norm √2
  const h = t.get('critic_hidden_2/kernel')!;
  let s = 0;
  for (let i = 0; i < 64; i++) s += h[i * 64 + 5] ** 2;
  assert.ok(Math.abs(Math.sqrt(s) - Math.SQRT2) < 1e-6);
  for (const name of ['actor_hidden_1/bias', 'actor_out/bias', 'critic_out/bias', 'actor_log_std'])
    assert.ok(
      t.get(name)!.every((x) => x === 0),
      name,
    );
  assert.equal(flatten(layout, t), a);
});

test('the pure forward pass on a hand-computed network', () => {
  // 2 inputs → 2 tanh units → 3 logits; critic 2 → 2 → 1
  const layout = weightLayout({ observationSize: 2, actionSpace: discrete(3), hiddenSizes: [2] });
  const w = new Float32Array(layout.size);
  const t = unflatten(layout, w);
  t.get('actor_hidden_1/kernel')!.set([1, 0, 0, 1]); // identity [in, out]
  t.get('actor_hidden_1/bias')!.set([0, 0.5]);
  t.get('actor_out/kernel')!.set([1, 2, 3, -1, 0, 1]); // rows: unit 0 → [1, 2, 3], unit 1 → [−1, 0, 1]
  t.get('actor_out/bias')!.set([0, 0, 1]);
  t.get('critic_hidden_1/kernel')!.set([1, 1, 1, -1]);
  t.get('critic_out/kernel')!.set([2, 3]);
  t.get('critic_out/bias')!.set([0.25]);
  const pass = new ForwardPass(layout);
  const x = [0.5, -0.5];
  const h0 = Math.tanh(0.5);
  const h1 = Math.tanh(-0.5 + 0.5);
  const out = pass.actor(w, x);
  const want = [h0 - h1, 2 * h0, 3 * h0 + h1 + 1];
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(out[j] - want[j]) < 1e-12, `logit ${j}`);
  // critic hidden: [x0 + x1, x0 − x1] = [0, 1] → tanh → [0, tanh 1]; value 3·tanh(1) + 0.25
  assert.ok(Math.abs(pass.value(w, x) - (3 * Math.tanh(1) + 0.25)) < 1e-12);
});

for (const space of [discrete(2), box(-2, 2, 3), multiDiscrete([3, 2])]) {
  test(`TensorFlow.js and the pure forward pass agree to 1e-6 (${space.type})`, async () => {
    const layout = weightLayout({ observationSize: 5, actionSpace: space, hiddenSizes: [64, 64] });
    const w = initialWeights(layout, 7);
    const rng = new Rng(1);
    for (let i = 0; i < w.length; i++) w[i] += 0.05 * rng.normal(); // beyond the near-zero initial outputs
    const learner = await PpoLearner.create(layout, resolvePpoConfig(space), w);
    const n = 32;
    const obs = Float32Array.from({ length: n * 5 }, () => 2 * rng.normal());
    const tfOut = learner.evaluate(obs, n);
    const pass = new ForwardPass(layout);
    const width = tfOut.actor.length / n;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const o = obs.subarray(i * 5, (i + 1) * 5);
      const a = pass.actor(w, o);
      for (let j = 0; j < width; j++) worst = Math.max(worst, Math.abs(a[j] - tfOut.actor[i * width + j]));
      worst = Math.max(worst, Math.abs(pass.value(w, o) - tfOut.values[i]));
    }
    assert.ok(worst < 1e-6, `largest difference ${worst}`);
  });
}

test.run();
