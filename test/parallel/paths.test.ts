/**
 * Many paths, sweeps, resume and faults through the command line, on the small many-path fixture.
 * References: byte equality between runs that must agree (W = 1 in-process vs W = 2 threads, a
 * killed-and-resumed run vs an uninterrupted one, a run with crashing workers vs a clean one); the
 * single-path engine (`run --path i`) for the per-path rows; summary figures recomputed here from
 * paths.csv; Arrow read back with apache-arrow's own reader; seeds from deriveSeed's definition.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { cliInProcess } from '../cli/spawnCli.js';
import { deriveSeed } from '../../src/util/rng.js';
import { checkpointPath } from '../../src/parallel/checkpoint.js';

const SCENARIO = 'test/fixtures/scenarios/paths-small.yaml';
const SEED = 11; // the fixture's own seed
const N = 24;
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-paths-'));
const out = (name: string) => join(tmp, name);
const read = (dir: string, file: string) => readFileSync(join(dir, file));

const cli = cliInProcess;

const FILES = ['summary.json', 'paths.csv', 'paths.arrow'];
function assertSameFiles(a: string, b: string, files = FILES) {
  for (const f of files) assert.ok(read(a, f).equals(read(b, f)), `${f} differs between ${a} and ${b}`);
}

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trim().split('\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}

const runArgs = (dir: string, ...extra: string[]) => ['run', SCENARIO, '--paths', String(N), '--out', dir, '--quiet', ...extra];

test('--workers 1 and --workers 2 write the same bytes; rows match the single-path engine', async () => {
  const one = await cli(runArgs(out('w1'), '--workers', '1', '--json'));
  assert.is(one.code, 0, one.stderr);
  const two = await cli(runArgs(out('w2'), '--workers', '2'));
  assert.is(two.code, 0, two.stderr);
  assertSameFiles(out('w1'), out('w2'));
  assert.not.ok(existsSync(checkpointPath(out('w1'))), 'the checkpoint is removed once results are written');
  assert.match(two.stdout, /VaR99/);
  const summary = JSON.parse(one.stdout);
  assert.equal(summary, JSON.parse(read(out('w1'), 'summary.json').toString()), '--json prints summary.json');
  assert.is(summary.paths, N);
  assert.is(summary.completedPaths, N);

  const rows = parseCsv(read(out('w1'), 'paths.csv').toString());
  assert.equal(
    rows.map((r) => Number(r.path)),
    Array.from({ length: N }, (_, i) => i),
  );
  assert.equal(
    rows.map((r) => Number(r.pathSeed)),
    Array.from({ length: N }, (_, i) => deriveSeed(SEED, i)),
  );
  // summary figures recomputed from the rows
  const bad = rows.map((r) => Number(r.badDebt));
  const liq = rows.map((r) => Number(r.liquidatedValue));
  const k = bad.filter((x) => x > 0).length;
  assert.ok(k > 0 && k < N, `the fixture should give some paths with bad debt and some without (got ${k}/${N})`);
  assert.is(summary.probabilityOfBadDebt.k, k);
  assert.ok(Math.abs(summary.liquidatedValue.mean - liq.reduce((a, x) => a + x, 0) / N) < 1e-6 * summary.liquidatedValue.mean);
  const sorted = [...liq].sort((a, b) => a - b);
  assert.is(summary.liquidationsAtRisk.p95, sorted[Math.ceil(0.95 * N) - 1], 'LaR95 = x_(⌈0.95 n⌉)');
  assert.is(summary.liquidatedValue.max, sorted[N - 1]);
  assert.is(summary.timeToFirstBadDebt.unbounded, N - k, 'paths without bad debt count as never');

  // path 5 through the single-path engine gives the same figures as its row
  const single = await cli(['run', SCENARIO, '--path', '5', '--out', out('single5'), '--quiet', '--json']);
  assert.is(single.code, 0, single.stderr);
  const s5 = JSON.parse(single.stdout);
  assert.is(s5.path, 5);
  assert.is(Number(rows[5].liquidatedValue), s5.liquidatedValue);
  assert.is(Number(rows[5].badDebt), s5.badDebt);
  assert.is(Number(rows[5].liquidations), s5.liquidations);
  assert.is(rows[5].amplification === '' ? null : Number(rows[5].amplification), s5.amplification);

  // paths.arrow reads back with apache-arrow and holds the CSV's numbers
  const table = tableFromIPC(read(out('w1'), 'paths.arrow'));
  assert.is(table.numRows, N);
  assert.is(table.schema.fields.length, Object.keys(rows[0]).length);
  for (const col of ['path', 'liquidatedValue', 'badDebt', 'lender.liquidatedValue']) {
    const v = table.getChild(col)!;
    for (let i = 0; i < N; i++) assert.is(Number(v.get(i)), Number(rows[i][col]), `${col}[${i}]`);
  }
  const t = table.getChild('timeToFirstBadDebt')!;
  for (let i = 0; i < N; i++) assert.is(t.get(i), rows[i].timeToFirstBadDebt === '' ? null : Number(rows[i].timeToFirstBadDebt), `timeToFirstBadDebt[${i}]`);
});

test('crashing and throwing threads are replaced and their paths retried; a path that keeps failing is reported, exit 1, the rest saved; --resume completes it', async () => {
  // path 3's thread dies on its first try, 8 throws once, 9's thread dies twice: all recover;
  // path 5 throws on every try
  const r = await cli(runArgs(out('fail'), '--workers', '2'), { AFTERSHOCK_FAULT_PATHS: '3:crash,8:throw,9:crash:2,5:throw:always' });
  assert.is(r.code, 1);
  assert.match(r.stderr, new RegExp(`1 path\\(s\\) kept failing: 5 \\(seed ${deriveSeed(SEED, 5)}\\) \\(first error: injected fault at path 5 \\(attempt 3\\)\\)`));
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  const s = JSON.parse(read(out('fail'), 'summary.json').toString());
  assert.is(s.completedPaths, N - 1);
  assert.equal(
    s.failedPaths.map((f: { path: number; pathSeed: number; attempts: number }) => [f.path, f.pathSeed, f.attempts]),
    [[5, deriveSeed(SEED, 5), 3]],
  );
  const rows = parseCsv(read(out('fail'), 'paths.csv').toString());
  const expected = parseCsv(read(out('w1'), 'paths.csv').toString()).filter((x) => x.path !== '5');
  assert.equal(rows, expected, 'every other path is saved, with the same figures as a clean run');
  assert.ok(existsSync(checkpointPath(out('fail'))), 'the checkpoint stays for --resume');
  const again = await cli(runArgs(out('fail'), '--workers', '1', '--resume'));
  assert.is(again.code, 0, again.stderr);
  assertSameFiles(out('w1'), out('fail'));
  const manifest = JSON.parse(read(out('fail'), 'manifest.json').toString());
  assert.is(manifest.resumedPaths, N - 1, 'only the failed path ran again');
  assert.not.ok(existsSync(checkpointPath(out('fail'))));
});

test('SIGKILL part-way, a torn checkpoint line, then --resume: byte-identical to the uninterrupted run', async () => {
  const dir = out('killed');
  const ckpt = checkpointPath(dir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...runArgs(dir, '--workers', '2')], { stdio: 'ignore' });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const lines = () => (existsSync(ckpt) ? readFileSync(ckpt, 'utf8').split('\n').filter(Boolean).length - 1 : 0);
  let seen = 0;
  const deadline = Date.now() + 60_000;
  while ((seen = lines()) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  child.kill('SIGKILL');
  await exited;
  assert.ok(seen >= 3 && seen < N, `killed after ${seen} of ${N} paths`);
  assert.not.ok(existsSync(join(dir, 'summary.json')), 'no results folder from the killed run');
  const done = lines();
  assert.ok(done < N, `the checkpoint holds ${done} paths`);
  // a kill in the middle of a write leaves half a line: it must be dropped, not counted
  appendFileSync(ckpt, '{"cell":0,"record":{"path":17,"pathSeed":1');
  const r = await cli(runArgs(dir, '--workers', '1', '--resume'));
  assert.is(r.code, 0, r.stderr);
  assertSameFiles(out('w1'), dir);
  const manifest = JSON.parse(read(dir, 'manifest.json').toString());
  assert.is(manifest.resumedPaths, done);
  assert.not.ok(existsSync(ckpt));
});

test('sweep: cells on common random numbers; --workers 1 and 2 write the same sweep.csv and sweep.json', async () => {
  const grid = ['--grid', 'reserves.ETH.liquidationThreshold=0.8,0.85', '--grid', 'chain.gasPrice=30,30.0'];
  const a = await cli(['sweep', SCENARIO, ...grid, '--paths', '6', '--workers', '1', '--out', out('sw1'), '--quiet', '--json']);
  assert.is(a.code, 0, a.stderr);
  const b = await cli(['sweep', SCENARIO, ...grid, '--paths', '6', '--workers', '2', '--out', out('sw2'), '--quiet']);
  assert.is(b.code, 0, b.stderr);
  assertSameFiles(out('sw1'), out('sw2'), ['sweep.csv', 'sweep.json']);
  const doc = JSON.parse(a.stdout);
  assert.equal(doc, JSON.parse(read(out('sw1'), 'sweep.json').toString()));
  const rows = parseCsv(read(out('sw1'), 'sweep.csv').toString());
  assert.is(rows.length, 4);
  assert.equal(
    rows.map((r) => [r['reserves.ETH.liquidationThreshold'], r['chain.gasPrice']]),
    [
      ['0.8', '30'],
      ['0.8', '30.0'],
      ['0.85', '30'],
      ['0.85', '30.0'],
    ],
  );
  // "30" and "30.0" are the same gas price: with common random numbers those cells are identical
  const measures = (r: Record<string, string>) => Object.entries(r).filter(([k]) => k !== 'cell' && k !== 'chain.gasPrice');
  assert.equal(measures(rows[0]), measures(rows[1]));
  assert.equal(measures(rows[2]), measures(rows[3]));
  assert.is.not(rows[0]['liquidatedValue.mean'], rows[2]['liquidatedValue.mean'], 'the threshold changes the outcome');
  // with --regenerate-book, the cell with threshold 0.8 is the plain run with that --set (its
  // book drawn at 0.8): same tail metrics; the shared book (drawn at the file's 0.825) differs
  const set = await cli(['run', SCENARIO, '--paths', '6', '--workers', '1', '--set', 'protocols.lender.reserves.ETH.liquidationThreshold=0.8', '--out', out('set08'), '--quiet', '--json']);
  assert.is(set.code, 0, set.stderr);
  const regenerated = await cli([
    'sweep',
    SCENARIO,
    '--grid',
    'reserves.ETH.liquidationThreshold=0.8',
    '--regenerate-book',
    '--paths',
    '6',
    '--workers',
    '1',
    '--out',
    out('sw-regen'),
    '--quiet',
    '--json',
  ]);
  assert.is(regenerated.code, 0, regenerated.stderr);
  const s = JSON.parse(set.stdout);
  const r = JSON.parse(regenerated.stdout).cells[0].summary;
  assert.equal(r.badDebt, s.badDebt);
  assert.equal(r.liquidatedValue, s.liquidatedValue);
  assert.is.not(doc.cells[0].summary.liquidatedValue.mean, s.liquidatedValue.mean);
});

test('bad flags are bad input: one line, exit 2, nothing written', async () => {
  for (const [args, pattern] of [
    [['run', SCENARIO, '--paths', '0'], /--paths: expected an integer >= 1, got "0"/],
    [['run', SCENARIO, '--paths', '3', '--workers', 'two'], /--workers: expected an integer/],
    [['run', SCENARIO, '--paths', '3', '--backend', 'http://x:1'], /--backend: expected a redis:\/\/ or rediss:\/\/ URL/],
    [['run', SCENARIO, '--paths', '3', '--path', '2'], /--path: --path picks the one path/],
    [['sweep', SCENARIO, '--grid', 'reserves.NOPE.ltv=0.5'], /reserves\.NOPE: no such field/],
    [['sweep', SCENARIO], /--grid: give at least one/],
  ] as [string[], RegExp][]) {
    const r = await cli([...args, '--out', out('bad'), '--quiet']);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.not.ok(existsSync(out('bad')));
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
