/**
 * No command removes or replaces a file it did not write. Every command runs inside a user's
 * project folder holding files of its own; the writing commands are pointed at those files and
 * folders. Reference: the folder's tree and bytes before and after, which must be equal except for
 * the folders the tool was asked to create. Then the faults: two runs on one folder, a run killed
 * mid-way (kill -9) and resumed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliInProcess, type CliResult } from './spawnCli.js';

const ROOT = resolve('.');
const SMALL = join(ROOT, 'test/fixtures/scenarios/small.yaml');
const PATHS = join(ROOT, 'test/fixtures/scenarios/paths-small.yaml');
const DEM = join(ROOT, 'data/dem2gbp.csv');
const ETH = join(ROOT, 'data/eth-usd-daily.csv');
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-safety-'));

/** Every file below `dir` with its bytes, as `ls -R` and `cat` would show them. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (sub: string) => {
    for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else out.set(rel, readFileSync(join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return out;
}

/** A user's project: a scenario copy, notes, a folder of their own, a graph-like JSON of theirs. */
function makeProject(name: string): string {
  const p = join(tmp, name);
  mkdirSync(join(p, 'mine'), { recursive: true });
  writeFileSync(join(p, 'notes.txt'), 'my notes');
  writeFileSync(join(p, 'mine', 'analysis.md'), 'months of work');
  writeFileSync(join(p, 'world.json'), '{"mine": true}');
  writeFileSync(join(p, 'scenario.yaml'), readFileSync(SMALL));
  return p;
}

/** Runs the CLI in-process with `dir` as the current folder. */
async function inFolder(dir: string, args: string[]): Promise<CliResult> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await cliInProcess(args);
  } finally {
    process.chdir(before);
  }
}

const oneLine = (r: CliResult) => r.stderr.trim().split('\n');

test("writing commands pointed at the user's files and folders are refused with one line and exit 2; nothing changes", async () => {
  const p = makeProject('refused');
  const before = snapshot(p);
  const cases: [string[], RegExp][] = [
    [['run', 'scenario.yaml', '--out', '.'], /--out: "\." is the current folder/],
    [['run', 'scenario.yaml', '--out', ''], /--out: expected a folder path, got ""/],
    [['run', 'scenario.yaml', '--out', '..'], /holds the current folder/],
    [['run', 'scenario.yaml', '--out', 'notes.txt'], /"notes\.txt" exists and is not a folder/],
    [['run', 'scenario.yaml', '--out', 'mine'], /"mine" exists and is not an Aftershock results folder/],
    [['run', 'scenario.yaml', '--paths', '3', '--workers', '1', '--out', 'mine'], /not an Aftershock results folder/],
    [['sweep', 'scenario.yaml', '--grid', 'protocols.lender.reserves.ETH.liquidationThreshold=0.8,0.85', '--paths', '2', '--workers', '1', '--out', 'mine'], /not an Aftershock results folder/],
    [['run', 'scenario.yaml', '--out', 'fresh', '--graph', 'world'], /--graph: .*world\.json exists and was not written by Aftershock/],
    [['fit', 'ewma', '--data', DEM, '--save', 'mine'], /--save: "mine" exists and is not an Aftershock model folder/],
    [['fit', 'ewma', '--data', DEM, '--save', '.'], /--save: "\." is the current folder/],
  ];
  for (const [args, pattern] of cases) {
    const r = await inFolder(p, args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    const lines = oneLine(r);
    assert.is(lines.length, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(lines[0], /^aftershock: /);
    assert.match(lines[0], pattern);
    assert.equal(snapshot(p), before, `${args.join(' ')} changed the project folder`);
  }
});

test('every command, run in a project folder, leaves every file it did not create as it was', async () => {
  const p = makeProject('every');
  const before = snapshot(p);
  const commands: string[][] = [
    ['validate', 'scenario.yaml'],
    ['schema'],
    ['run', 'scenario.yaml', '--out', 'out/run', '--graph', 'out/graph', '--quiet'],
    ['run', 'scenario.yaml', '--out', 'out/run', '--graph', 'out/graph', '--quiet'], // replaces its own results
    ['run', 'scenario.yaml', '--paths', '3', '--workers', '1', '--out', 'out/paths', '--quiet'],
    ['sweep', 'scenario.yaml', '--grid', 'protocols.lender.reserves.ETH.liquidationThreshold=0.8,0.85', '--paths', '2', '--workers', '1', '--out', 'out/sweep', '--quiet'],
    ['fit', 'garch', '--data', DEM, '--save', 'out/model', '--json'],
    ['fit', 'garch', '--data', DEM, '--save', 'out/model', '--json'],
    ['forecast', 'garch', '--data', DEM, '--load', 'out/model', '--horizon', '3', '--json'],
    ['evaluate', '--data', DEM, '--models', 'ewma,garch', '--json'],
    ['backtest', 'var', '--data', DEM, '--model', 'normal', '--alpha', '0.99', '--window', '500', '--es-sims', '0', '--json'],
    ['liqprob', '--data', ETH, '--ltv', '0.6', '--threshold', '0.8', '--horizon', '7', '--method', 'gbm', '--allow-gaps', '--json'],
    ['advise', '--data', ETH, '--size', '100', '--depth2pct', '5e6', '--allow-gaps', '--json'],
  ];
  for (const args of commands) {
    const r = await inFolder(p, args);
    assert.is(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  }
  const after = snapshot(p);
  for (const [file, bytes] of before) assert.is(after.get(file), bytes, `${file} was changed or removed`);
  const added = [...after.keys()].filter((f) => !before.has(f));
  assert.ok(added.length > 0 && added.every((f) => f.startsWith('out/')), `only out/ is new: ${added.join(', ')}`);
  // no lock, checkpoint or temporary folder left behind
  assert.equal(
    added.filter((f) => f.split('/').some((part) => part.startsWith('.'))),
    [],
  );
  assert.equal(readdirSync(join(p, 'out')).sort(), ['graph.gexf', 'graph.json', 'model', 'paths', 'run', 'sweep']);
});

test("run --path I (a slip for --paths, or a tail path looked into) writes a folder of its own, not path 0's", async () => {
  const p = makeProject('path');
  assert.is((await inFolder(p, ['run', 'scenario.yaml', '--quiet'])).code, 0);
  assert.is((await inFolder(p, ['run', 'scenario.yaml', '--path', '3', '--quiet'])).code, 0);
  const folders = readdirSync(join(p, 'results')).sort();
  assert.is(folders.length, 2, folders.join(', '));
  assert.match(folders[0], /^small-[0-9a-f]{8}-s7$/);
  assert.is(folders[1], `${folders[0]}-path3`);
  const summary = (f: string) => JSON.parse(readFileSync(join(p, 'results', f, 'summary.json'), 'utf8'));
  assert.is(summary(folders[0]).path, 0);
  assert.is(summary(folders[1]).path, 3);
});

function spawnCli(args: string[]): { done: Promise<CliResult>; pid: number; kill: (signal: NodeJS.Signals) => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<CliResult>((ok) => child.on('close', (code) => ok({ code, stdout, stderr })));
  return { done, pid: child.pid!, kill: (s) => child.kill(s) };
}

async function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);

test('two runs on one results folder: the second is refused naming the first, which finishes untouched', async () => {
  const out = join(tmp, 'shared-out');
  const first = spawnCli(['run', PATHS, '--paths', '40', '--workers', '1', '--out', out, '--quiet']);
  const lock = join(tmp, '.shared-out.lock');
  await waitFor(() => existsSync(lock), 60_000, 'the first run to take its lock');
  const second = await cliInProcess(['run', PATHS, '--paths', '40', '--seed', '3', '--workers', '1', '--out', out, '--quiet']);
  assert.is(second.code, 2, second.stderr);
  assert.is(oneLine(second).length, 1);
  assert.match(second.stderr, new RegExp(`is being written by process ${first.pid} on .*aftershock run .*paths-small\\.yaml`));
  const r = await first.done;
  assert.is(r.code, 0, r.stderr);
  assert.is(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).seed, 11, "the first run's results");
  assert.not.ok(existsSync(lock), 'the lock is released');
});

test('kill -9 mid-run: no half-written folder; the stale lock is taken over and --resume gives the uninterrupted bytes', async () => {
  const out = join(tmp, 'killed');
  const checkpoint = join(tmp, '.killed.checkpoint.jsonl');
  const run = spawnCli(['run', PATHS, '--paths', '48', '--workers', '1', '--out', out, '--quiet']);
  await waitFor(() => lines(checkpoint) >= 6, 60_000, 'some paths in the checkpoint');
  run.kill('SIGKILL');
  await run.done;
  const kept = lines(checkpoint) - 1; // less the header; the last may be torn by the kill
  assert.ok(existsSync(join(tmp, '.killed.lock')), 'a killed run leaves its lock behind');
  assert.not.ok(existsSync(out), 'no results folder before the run completes');
  const resumed = await cliInProcess(['run', PATHS, '--paths', '48', '--workers', '1', '--out', out, '--quiet', '--resume']);
  assert.is(resumed.code, 0, resumed.stderr);
  const whole = await cliInProcess(['run', PATHS, '--paths', '48', '--workers', '1', '--out', join(tmp, 'whole'), '--quiet']);
  assert.is(whole.code, 0, whole.stderr);
  for (const f of ['summary.json', 'paths.csv', 'paths.arrow']) assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(tmp, 'whole', f))), `${f} differs`);
  const resumedPaths = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).resumedPaths;
  assert.ok(resumedPaths === kept || resumedPaths === kept - 1, `the resumed run took ${resumedPaths} of the ${kept} checkpoint lines`);
  assert.equal(
    readdirSync(tmp).filter((n) => n.startsWith('.killed')),
    [],
    'lock and checkpoint gone',
  );
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
