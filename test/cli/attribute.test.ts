/**
 * `attribute` on a scenario whose outcome is additive in its two uncertain inputs
 * (test/fixtures/attribution/additive.yaml): the largest liquidatable debt is
 * 0.64 × (x₁ + 100,000 · x₂), worked by hand from the file (debt = size × 0.8 / 1.25, ETH halved,
 * nobody liquidates, no interest). For an additive outcome the Shapley share of input i in the
 * mean is exactly c_i × (mean of its draws − its baseline) and the coalitions have no interaction;
 * in the variance it is Var(c_i x_i) + Cov(c₁x₁, c₂x₂) over the sample (the covariance split
 * evenly). The draws are read from `run --paths` on the same seed (path i draws the same inputs in
 * every command); the coefficients are the hand-worked ones.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliAll, type CliResult } from './spawnCli.js';

const FILE = 'test/fixtures/attribution/additive.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-attribute-'));
const N = 8;
let results: CliResult[];
const ready = cliAll([
  ['attribute', FILE, '--paths', String(N), '--workers', '1', '--metric', 'peakLiquidatableDebt', '--out', join(tmp, 'attr'), '--json', '--quiet'],
  ['run', FILE, '--paths', String(N), '--workers', '1', '--out', join(tmp, 'run'), '--quiet'],
  ['attribute', FILE, '--paths', '4', '--metric', 'nope', '--out', join(tmp, 'bad')],
  ['attribute', 'test/fixtures/scenarios/small.yaml', '--paths', '4', '--out', join(tmp, 'none')],
]).then((r) => (results = r));

test.before(async () => {
  await ready;
});
test.after(() => rmSync(tmp, { recursive: true, force: true }));

interface Doc {
  baseline: number;
  drawn: number;
  groups: { name: string; mean: number; variance: number; inputs: { field: string; baseline: number }[] }[];
  coalitions: { mask: number; mean: number; variance: number }[];
}

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('attribute: exact shares of an additive outcome, no interaction, efficiency', () => {
  const [attr, run] = results;
  assert.is(attr.code, 0, attr.stderr);
  assert.is(run.code, 0, run.stderr);
  const doc = JSON.parse(attr.stdout) as Doc;
  const rows = readFileSync(join(tmp, 'run', 'paths.csv'), 'utf8')
    .trim()
    .split('\n');
  const header = rows[0].split(',');
  const x1 = rows.slice(1).map((r) => Number(r.split(',')[header.indexOf('uncertain.protocols.lender.positions[0].size')]));
  const x2 = rows.slice(1).map((r) => Number(r.split(',')[header.indexOf('uncertain.protocols.lender.positions[1].count')]));
  const outcome = rows.slice(1).map((r) => Number(r.split(',')[header.indexOf('peakLiquidatableDebt')]));
  assert.is(x1.length, N);
  // the outcome of every path is the hand-worked formula
  outcome.forEach((y, i) => close(y, 0.64 * (x1[i] + 100_000 * x2[i]), 1e-9, `path ${i}`));
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  // baselines: the middle of the uniform range, the median of the choice
  assert.equal(
    doc.groups.map((g) => g.inputs[0].baseline),
    [60_000, 2],
  );
  close(doc.baseline, 0.64 * (60_000 + 200_000), 1e-12, 'every input at its baseline');
  const [g1, g2] = doc.groups;
  assert.is(g2.name, 'second-book');
  close(g1.mean, 0.64 * (mean(x1) - 60_000), 1e-9, 'share of the first input');
  close(g2.mean, 64_000 * (mean(x2) - 2), 1e-9, 'share of the second input');
  close(g1.mean + g2.mean, doc.drawn - doc.baseline, 1e-9, 'efficiency');
  close(doc.drawn, mean(outcome), 1e-9, 'all drawn is the run');
  const v = doc.coalitions.map((c) => c.mean);
  close(v[3] - v[1] - v[2] + v[0], 0, 1e-9, 'no interaction');
  // variance shares: Var(c1 x1) + Cov and Var(c2 x2) + Cov, sample (n − 1) moments
  const a = x1.map((x) => 0.64 * x);
  const b = x2.map((x) => 64_000 * x);
  const cov = (p: number[], q: number[]) => {
    const mp = mean(p);
    const mq = mean(q);
    return p.reduce((s, _, i) => s + (p[i] - mp) * (q[i] - mq), 0) / (p.length - 1);
  };
  close(g1.variance, cov(a, a) + cov(a, b), 1e-9, 'variance share of the first input');
  close(g2.variance, cov(b, b) + cov(a, b), 1e-9, 'variance share of the second input');
});

test('attribute: an unknown metric and a scenario without uncertain inputs are bad input', () => {
  const [, , badMetric, none] = results;
  assert.is(badMetric.code, 2);
  assert.match(badMetric.stderr, /--metric: expected a column of paths\.csv \(.*peakLiquidatableDebt.*\), got "nope"/);
  assert.is(none.code, 2);
  assert.match(none.stderr, /declares no uncertain inputs/);
  assert.is(none.stderr.trim().split('\n').length, 1);
});

test.run();
