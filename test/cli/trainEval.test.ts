/**
 * `train` and `eval` through the real command line: a policy folder with its learning curve, the
 * same seed giving the same bytes, foreign targets refused before training, and an evaluation that
 * pairs the policy with its baselines on the same episodes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliAll } from './spawnCli.js';

const dir = mkdtempSync(join(tmpdir(), 'aftershock-cli-train-'));
const policyA = join(dir, 'a');
const policyB = join(dir, 'b');

test('train cartpole: a policy folder with its learning curve; the same seed gives the same bytes at 1 and 2 workers', async () => {
  const [a, b] = await cliAll([
    ['train', '--env', 'cartpole', '--iterations', '3', '--workers', '1', '--seed', '5', '--out', policyA, '--json'],
    ['train', '--env', 'cartpole', '--iterations', '3', '--workers', '2', '--seed', '5', '--out', policyB, '--quiet'],
  ]);
  assert.is(a.code, 0, a.stderr);
  assert.is(b.code, 0, b.stderr);
  const summary = JSON.parse(a.stdout);
  assert.is(summary.iterations, 3);
  assert.is(summary.steps, 3 * 4 * 128); // CleanRL's discrete defaults: 4 environments × 128 steps per iteration
  const policy = JSON.parse(readFileSync(join(policyA, 'policy.json'), 'utf8'));
  assert.equal(policy.files.sort(), ['learning-curve.csv', 'model.json', 'weights.bin']);
  assert.is(policy.env.name, 'cartpole');
  assert.is(policy.seed, 5);
  const curve = readFileSync(join(policyA, 'learning-curve.csv'), 'utf8').trim().split('\n');
  assert.is(curve.length, 4);
  assert.ok(curve[0].startsWith('iteration,steps,episodes,meanReturn'));
  for (const f of ['weights.bin', 'learning-curve.csv']) assert.ok(readFileSync(join(policyA, f)).equals(readFileSync(join(policyB, f))), `${f} differs between 1 and 2 workers`);
});

test('train refuses, before training, an unknown environment, a scenario environment without a scenario, and a folder it did not write', async () => {
  const foreign = join(dir, 'foreign');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'notes.txt'), 'mine');
  const [unknown, noScenario, notOurs] = await cliAll([
    ['train', '--env', 'pendulum'],
    ['train', '--env', 'collateral-policy'],
    ['train', '--env', 'cartpole', '--iterations', '1', '--out', foreign],
  ]);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /--env: expected one of collateral-policy, liquidator, trader, cartpole/);
  assert.is(noScenario.code, 2);
  assert.match(noScenario.stderr, /env\.collateral-policy\.scenario: expected a scenario file/);
  assert.is(notOurs.code, 2, notOurs.stderr);
  assert.is(notOurs.stderr.trim().split('\n').length, 1, notOurs.stderr);
  assert.is(readFileSync(join(foreign, 'notes.txt'), 'utf8'), 'mine');
});

test('eval pairs the policy with the random baseline on the same held-out episodes', async () => {
  const r = await cli(['eval', policyA, '--paths', '3', '--seed', '2', '--json', '--explain', '1']);
  assert.is(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(
    report.controllers.map((c: { name: string }) => c.name),
    ['trained policy', 'random actions'],
  );
  assert.is(report.seeds.length, 3);
  const [policy, random] = report.controllers;
  const d = report.comparisons[0].overall;
  // the paired difference of means is the difference of the means (an identity, whatever the episodes)
  assert.ok(Math.abs(d.mean - (policy.meanReturn - random.meanReturn)) < 1e-9);
  assert.ok(d.low <= d.mean && d.mean <= d.high);
  // explanation: contributions sum to the move from the calm baseline (Shapley efficiency)
  const dim = report.explanations[0].dimensions[0];
  const sum = Object.values(dim.contributions as Record<string, number>).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - (dim.actual - dim.baseline)) < 1e-9);
  // CartPole has no scenario variants
  assert.equal(policy.byVariant, []);
  const badSweep = await cli(['eval', policyA, '--paths', '3', '--sweep-episodes', '0']);
  assert.is(badSweep.code, 2);
  assert.match(badSweep.stderr, /--sweep-episodes/);
  const bad = await cli(['eval', join(dir, 'nowhere'), '--paths', '3']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /not an Aftershock policy folder/);
});

test('eval --sample draws the policy’s actions from seeded streams (the same bytes twice); --trace replays the first episode', async () => {
  const args = ['eval', policyA, '--paths', '2', '--seed', '3', '--json', '--sample', '--trace', '--quiet'];
  const a = await cli(args);
  const b = await cli(args);
  assert.is(a.code, 0, a.stderr);
  assert.is(a.stdout, b.stdout);
  const report = JSON.parse(a.stdout);
  assert.is(report.controllers[0].name, 'trained policy (sampled)');
  // CartPole pays 1 a step: the traced episode's return is its number of decisions
  assert.ok(report.trace.decisions >= 1);
  assert.is(report.trace.return, report.trace.decisions);
  assert.is(report.trace.seed, report.seeds[0]);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
