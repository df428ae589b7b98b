/**
 * Normalisation statistics and the wrapper.
 * References: the mean and population variance computed directly (two-pass) over all samples; the
 * merge of per-worker summaries (Chan et al. 1979) against one pass over the same samples; the
 * wrapper's outputs recomputed by hand from those statistics; a discounted return written out.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { RunningMoments } from '../../src/rl/wrappers/runningMoments.js';
import { initialNormalization, mergeNormalization, NormalizeEnv, Normalizer, normalizeObservation } from '../../src/rl/wrappers/normalize.js';
import type { Env, StepResult } from '../../src/rl/env.js';
import { box, discrete } from '../../src/rl/spaces.js';
import { Rng } from '../../src/util/rng.js';

function samples(n: number, seed: number): Float32Array[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Float32Array.of(3 + 2 * rng.normal(), -100 + 0.01 * rng.normal(), rng.exponential()));
}

function twoPass(xs: Float32Array[], i: number): [number, number] {
  const m = xs.reduce((s, x) => s + x[i], 0) / xs.length;
  return [m, xs.reduce((s, x) => s + (x[i] - m) ** 2, 0) / xs.length];
}

test("Welford's running moments equal the two-pass mean and variance", () => {
  const xs = samples(500, 1);
  const r = RunningMoments.empty(3);
  for (const x of xs) r.push(x);
  for (let i = 0; i < 3; i++) {
    const [m, v] = twoPass(xs, i);
    assert.ok(Math.abs(r.mean[i] - m) < 1e-10 * (1 + Math.abs(m)), `mean ${i}`);
    assert.ok(Math.abs(r.variance(i) - v) < 1e-9 * (1 + v), `variance ${i}`);
  }
});

test('statistics merged from three workers in order equal one pass over all the samples', () => {
  const xs = samples(900, 2);
  const one = RunningMoments.prior(3);
  for (const x of xs) one.push(x);
  const merged = RunningMoments.prior(3);
  for (const part of [xs.slice(0, 100), xs.slice(100, 650), xs.slice(650)]) {
    const w = RunningMoments.empty(3);
    for (const x of part) w.push(x);
    merged.merge(RunningMoments.fromJSON(JSON.parse(JSON.stringify(w.toJSON())))); // through plain JSON, as from a worker
  }
  assert.ok(Math.abs(merged.count - one.count) < 1e-9);
  for (let i = 0; i < 3; i++) {
    assert.ok(Math.abs(merged.mean[i] - one.mean[i]) < 1e-10 * (1 + Math.abs(one.mean[i])), `mean ${i}`);
    assert.ok(Math.abs(merged.m2[i] - one.m2[i]) < 1e-9 * one.m2[i], `M2 ${i}`);
  }
});

/** Emits the observations and rewards given, one per step; ends at the last. */
class Scripted implements Env {
  readonly observationSpace = box(-1e6, 1e6, 2);
  readonly actionSpace = discrete(1);
  readonly observationNames = ['a', 'b'];
  private t = 0;
  constructor(
    private readonly obs: number[][],
    private readonly rewards: number[],
  ) {}
  reset() {
    this.t = 0;
    return { observation: Float32Array.from(this.obs[0]), info: {} };
  }
  step(): StepResult {
    this.t++;
    return { observation: Float32Array.from(this.obs[this.t]), reward: this.rewards[this.t - 1], terminated: this.t === this.rewards.length, truncated: false, info: {} };
  }
}

test('the wrapper normalises with the statistics including the current observation, and scales rewards by the return spread', () => {
  const settings = { observation: true, reward: true, clipObservation: 10, clipReward: 10, gamma: 0.5 };
  const state = initialNormalization(settings, 2);
  const normalizer = new Normalizer(state);
  const env = new NormalizeEnv(
    new Scripted(
      [
        [1, 10],
        [3, 10],
        [5, 40],
      ],
      [2, 4],
    ),
    normalizer,
  );
  const o0 = env.reset().observation;
  // statistics after the prior (count 1e-4, mean 0, var 1) and x = 1: count 1.0001, mean 1/1.0001,
  // M2 = 1e-4 + 1·1e-4·1/1.0001
  const n = 1.0001;
  const mean = 1 / n;
  const m2 = 1e-4 + (1e-4 * 1) / n;
  assert.ok(Math.abs(o0[0] - Math.fround((1 - mean) / Math.sqrt(m2 / n + 1e-8))) < 1e-6, String(o0[0]));
  const r1 = env.step(0);
  // return G1 = 2; its moments after the prior and 2: count 1.0001, mean 2/1.0001, M2 = 1e-4 + 4·1e-4/1.0001
  // the variance is still tiny (≈ 5e-4), so 2/√v ≈ 89 is clipped to 10
  const v1 = (1e-4 + (4 * 1e-4) / n) / n;
  assert.ok(2 / Math.sqrt(v1 + 1e-8) > 80);
  assert.is(r1.reward, 10);
  const r2 = env.step(0);
  // G2 = 0.5·2 + 4 = 5; moments of {prior, 2, 5}
  const g = RunningMoments.prior(1);
  g.push([2]);
  g.push([5]);
  // variance ≈ 2.25: 4/1.5 ≈ 2.67, inside the clip
  assert.ok(Math.abs(r2.reward - 4 / Math.sqrt(g.variance(0) + 1e-8)) < 1e-9 && r2.reward < 3, String(r2.reward));
  // the episode ended: the next episode's return starts from zero
  const delta = normalizer.takeDelta();
  assert.is(delta.return!.count, 2);
  assert.is(delta.observation!.count, 3);
  assert.ok(
    r2.observation.every((x) => Math.abs(x) <= 10),
    'clipped to ±10',
  );
});

test('frozen statistics do not move; a deployed policy normalises with the saved ones', () => {
  const state = initialNormalization({ observation: true, reward: false, clipObservation: 5, clipReward: 10, gamma: 0.99 }, 2);
  const merged = mergeNormalization(state, [{ observation: { count: 4, mean: [2, -1], m2: [16, 4] }, return: null }]);
  const normalizer = new Normalizer(merged);
  normalizer.freeze();
  const env = new NormalizeEnv(
    new Scripted(
      [
        [2, 1],
        [100, -1],
      ],
      [0],
    ),
    normalizer,
  );
  const o = env.reset().observation;
  const after = normalizer.state();
  assert.equal(after.observationMoments, merged.observationMoments);
  // the plain function used by deployed policies gives the same numbers, and clips at ±5
  assert.equal(Array.from(normalizeObservation(merged, Float32Array.of(2, 1))), Array.from(o));
  assert.is(env.step(0).observation[0], 5);
  assert.is(JSON.stringify(JSON.parse(JSON.stringify(after))), JSON.stringify(after));
});

test.run();
