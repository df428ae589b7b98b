import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pairedDifference } from '../../../src/rl/evaluate/pairedDifference.js';
import { explainDecision, groupFeatures } from '../../../src/rl/evaluate/explain.js';
import { type EpisodeOutcome, runEpisode, runEpisodes } from '../../../src/rl/evaluate/episodes.js';
import { summarise } from '../../../src/rl/evaluate/evaluation.js';
import { traceEpisode } from '../../../src/rl/evaluate/trace.js';
import type { Env, ResetArgs } from '../../../src/rl/env.js';
import { box, discrete, type Discrete } from '../../../src/rl/spaces.js';

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

test('paired difference: mean, standard error and the t interval worked by hand', () => {
  // differences 1, 2, 3, 4, 5: mean 3, sample sd √2.5, se √2.5/√5 = 0.70711;
  // t(0.975, 4) = 2.7764 (Student's t table), so the interval is 3 ± 1.96320
  const r = pairedDifference([11, 12, 13, 14, 15], [10, 10, 10, 10, 10]);
  assert.is(r.n, 5);
  assert.ok(close(r.mean, 3, 1e-12));
  assert.ok(close(r.standardError, Math.sqrt(0.5), 1e-12));
  assert.ok(close(r.low, 3 - 2.7764 * Math.sqrt(0.5), 1e-4), String(r.low));
  assert.ok(close(r.high, 3 + 2.7764 * Math.sqrt(0.5), 1e-4), String(r.high));
  assert.is(r.winShare, 1);
});

test('paired difference: pairing removes the variance the episodes share', () => {
  // candidate = baseline + 1 on wildly different episodes: the difference is exactly 1 with no spread
  const baseline = [-1000, 5, 300, -42, 7];
  const r = pairedDifference(
    baseline.map((x) => x + 1),
    baseline,
  );
  assert.is(r.mean, 1);
  assert.is(r.standardError, 0);
  assert.is(r.low, 1);
  assert.is(r.high, 1);
  assert.throws(() => pairedDifference([1], [0]), /at least two/);
  assert.throws(() => pairedDifference([1, 2], [0]), /2 outcomes against 1/);
});

test('explain: a linear output gets contributions w_i (x_i − b_i), the closed form', () => {
  const w = [2, -3, 0.5, 4];
  const output = (x: Float32Array) => w.reduce((a, wi, i) => a + wi * x[i], 0);
  const observed = Float32Array.from([1, 2, 3, 4]);
  const baseline = Float32Array.from([0, 1, 1, 1]);
  const r = explainDecision(output, observed, baseline, groupFeatures(['a', 'b', 'c', 'd']));
  assert.ok(close(r.contributions.a, 2, 1e-9));
  assert.ok(close(r.contributions.b, -3, 1e-9));
  assert.ok(close(r.contributions.c, 1, 1e-9));
  assert.ok(close(r.contributions.d, 12, 1e-9));
});

test('explain: histogram buckets are one factor; an interaction is split evenly', () => {
  const names = ['health-histogram(lender)[<1]', 'health-histogram(lender)[1-1.1]', 'health-histogram(lender)[>=1.1]', 'ewma-volatility(ETH, window=1d, lambda=0.94)'];
  const groups = groupFeatures(names);
  assert.equal(
    groups.map((g) => g.name),
    ['health-histogram(lender)', 'ewma-volatility(ETH, window=1d, lambda=0.94)'],
  );
  assert.equal(groups[0].indices, [0, 1, 2]);
  // output = (first bucket) × (volatility): a pure interaction; with a zero baseline each factor gets half (symmetry)
  const output = (x: Float32Array) => x[0] * x[3];
  const r = explainDecision(output, Float32Array.from([0.5, 0.2, 0.3, 0.8]), new Float32Array(4), groups);
  assert.ok(close(r.contributions['health-histogram(lender)'], 0.2, 1e-7));
  assert.ok(close(r.contributions['ewma-volatility(ETH, window=1d, lambda=0.94)'], 0.2, 1e-7));
});

/** Reward = action, for 3 steps, then truncated; a seed shifts the reward so episodes differ. */
function counterEnv(): Env<Discrete> {
  let t = 0;
  let offset = 0;
  return {
    observationSpace: box(-10, 10, 1),
    actionSpace: discrete(3),
    observationNames: ['t'],
    reset(args?: ResetArgs) {
      t = 0;
      offset = args?.seed ?? 0;
      return { observation: Float32Array.of(0), info: { offset } };
    },
    step(action: number) {
      t++;
      return { observation: Float32Array.of(t), reward: action + offset, terminated: false, truncated: t === 3, info: { rewardTerms: { action, offset } } };
    },
  };
}

test('episodes: returns and reward terms summed, every controller on the same episodes', () => {
  const env = counterEnv();
  const outcome = runEpisode(env, { name: 'two', act: () => 2 }, { seed: 10 });
  assert.equal(outcome, { return: 36, steps: 3, terminated: false, terms: { action: 6, offset: 30 } });
  const seen: number[] = [];
  const table = runEpisodes(
    env,
    [
      { name: 'zero', act: () => 0, reset: (info) => seen.push(info.offset as number) },
      { name: 'one', act: () => 1 },
    ],
    [{ seed: 0 }, { seed: 5 }],
  );
  assert.equal(
    table.map((row) => row.map((o) => o.return)),
    [
      [0, 15],
      [3, 18],
    ],
  );
  assert.equal(seen, [0, 5]);
});

test('episodes keep the variant the reset drew; a summary splits returns and parts by variant and by scale', () => {
  const env = counterEnv();
  const reset = env.reset.bind(env);
  env.reset = (args?: ResetArgs) => {
    const r = reset(args);
    return { ...r, info: { ...r.info, variant: (args?.seed ?? 0) % 2 } };
  };
  assert.is(runEpisode(env, { name: 'one', act: () => 1 }, { seed: 7 }).variant, 1);
  // four episodes, two scales of two: returns 10, 20 | 30, 50; variants 0, 1 | 1, 0; term x = return / 10
  const o = (r: number, variant: number): EpisodeOutcome => ({ return: r, steps: 1, terminated: false, terms: { x: r / 10 }, variant });
  const s = summarise('c', [o(10, 0), o(20, 1), o(30, 1), o(50, 0)], 2);
  assert.is(s.meanReturn, 27.5);
  assert.equal(s.byScale, [15, 40]);
  assert.equal(s.byVariant, [
    { variant: 0, episodes: 2, meanReturn: 30, terms: { x: 3 } },
    { variant: 1, episodes: 2, meanReturn: 25, terms: { x: 2.5 } },
  ]);
  // an environment without variants (none in info, or −1: the scenario as written) gives no split
  assert.equal(summarise('c', [{ return: 1, steps: 1, terminated: false, terms: {} }, o(3, -1)], 2).byVariant, []);
});

test('trace: without activity or words, the decisions whose action changed, with running return', () => {
  // actions 1, 1, 2 at seed 10: rewards 11, 11, 12 (reward = action + seed)
  const plan = [1, 1, 2];
  let k = 0;
  const t = traceEpisode(counterEnv(), { name: 'plan', act: () => plan[k++] }, { seed: 10 });
  assert.is(t.decisions, 3);
  assert.is(t.return, 34);
  assert.equal(
    t.rows.map((r) => [r.decision, r.description, r.reward, r.cumulative]),
    [
      [0, '1', 11, 11],
      [2, '2', 12, 34],
    ],
  );
});

test('trace: an environment that reports activity lists the intervals in which something changed', () => {
  const env = counterEnv();
  const step = env.step.bind(env);
  // activity only when the action is 2
  env.step = (a: number) => {
    const r = step(a);
    return { ...r, info: { ...r.info, activity: a === 2 ? 'did two' : null } };
  };
  env.describeAction = (a: number) => (a === 0 ? null : `do ${a}`);
  const plan = [2, 1, 2];
  let k = 0;
  const t = traceEpisode(env, { name: 'plan', act: () => plan[k++] }, { seed: 0 });
  assert.equal(
    t.rows.map((r) => [r.decision, r.description, r.activity, r.cumulative]),
    [
      [0, 'do 2', 'did two', 2],
      [2, 'do 2', 'did two', 5],
    ],
  );
});

test.run();
