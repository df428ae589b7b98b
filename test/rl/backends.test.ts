/**
 * One PPO update (4 epochs × 4 minibatches on a CartPole rollout, CleanRL's settings) on
 * TensorFlow.js's WebAssembly backend equals the same update on its plain-JavaScript cpu backend
 * to 1e-5 per weight (STACK.md: the wasm backend lacks some kernels; a missing or wrong one would
 * show here). Reference: the cpu backend, an independent implementation of every kernel.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { initTf } from '../../src/models/tf.js';
import { Collector } from '../../src/rl/rollout/collector.js';
import { assembleBatch } from '../../src/rl/ppo/batch.js';
import { resolvePpoConfig } from '../../src/rl/ppo/config.js';
import { PpoLearner } from '../../src/rl/ppo/learner.js';
import { initialWeights } from '../../src/rl/policy/initialWeights.js';
import { box, discrete, type Space } from '../../src/rl/spaces.js';
import type { RolloutTask } from '../../src/rl/rollout/task.js';
import { Rng } from '../../src/util/rng.js';

async function oneUpdate(env: string, envConfig: Record<string, unknown>, space: Space, backend: 'wasm' | 'cpu'): Promise<{ before: Float32Array; after: Float32Array }> {
  const config = resolvePpoConfig(space, { normalizeObservation: false, normalizeReward: false });
  const task: RolloutTask = { runId: 't', rollout: 0, iteration: 1, seed: 5, env: { name: env, config: envConfig }, numEnvs: 4, numSteps: 128, hiddenSizes: [64, 64], normalization: null };
  const collector = new Collector(task);
  const before = initialWeights(collector.layout, 17);
  const batch = assembleBatch([collector.collect(task, before)], config);
  const learner = await PpoLearner.create(collector.layout, { ...config, numMinibatches: 4, updateEpochs: 4 }, before, backend);
  learner.update(batch, config.learningRate, new Rng(3));
  return { before, after: learner.weights.slice() };
}

for (const [env, envConfig, space] of [
  ['cartpole', {}, discrete(2)],
  ['identity-box', { epsilon: 0.5 }, box(-1, 1, 1)],
] as const) {
  test(`one PPO update on wasm equals the cpu backend to 1e-5 (${env})`, async () => {
    const tf = await initTf();
    try {
      const cpu = await oneUpdate(env, envConfig, space, 'cpu');
      const wasm = await oneUpdate(env, envConfig, space, 'wasm');
      assert.equal(cpu.before, wasm.before);
      let worst = 0;
      let moved = 0;
      for (let i = 0; i < cpu.after.length; i++) {
        worst = Math.max(worst, Math.abs(cpu.after[i] - wasm.after[i]));
        moved = Math.max(moved, Math.abs(cpu.after[i] - cpu.before[i]));
      }
      assert.ok(moved > 1e-3, `the update moved the weights (${moved})`);
      assert.ok(worst < 1e-5, `largest difference ${worst}`);
    } finally {
      await tf.setBackend('wasm'); // tfjs's backend is process-wide: leave it as the other tests expect
    }
  });
}

test.run();
