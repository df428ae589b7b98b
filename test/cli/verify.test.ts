/**
 * `verify` against folders whose history the test knows: an untouched folder verifies; one byte
 * changed in a result file, in the scenario or in a CSV the scenario reads is reported as the
 * first difference; a result file changed together with its digest (a manifest made to agree) is
 * caught by the re-run. Reference: the bytes the test itself changed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { cliInProcess, type CliResult } from './spawnCli.js';
import { loadScenario } from '../../src/scenario/load.js';
import { inputDigests } from '../../src/report/provenance.js';

const ROOT = resolve('.');
const project = mkdtempSync(join(tmpdir(), 'aftershock-verify-test-'));
copyFileSync(join(ROOT, 'test/fixtures/scenarios/small.yaml'), join(project, 'scenario.yaml'));

async function inProject(args: string[]): Promise<CliResult> {
  const before = process.cwd();
  process.chdir(project);
  try {
    return await cliInProcess(args);
  } finally {
    process.chdir(before);
  }
}

/** Flips one byte of a file (the n-th from the end: inside the data, not a trailing newline) and returns the original bytes. */
function flipByte(file: string, fromEnd = 10): Buffer {
  const before = readFileSync(file);
  const after = Buffer.from(before);
  after[after.length - fromEnd] ^= 0x01;
  writeFileSync(file, after);
  return before;
}

test.before(async () => {
  const r = await inProject(['run', 'scenario.yaml', '--out', 'out', '--quiet']);
  assert.is(r.code, 0, r.stderr);
});

test.after(() => rmSync(project, { recursive: true, force: true }));

test('an untouched folder verifies by a re-run', async () => {
  const r = await inProject(['verify', 'out', '--workers', '1']);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^verified: 6 result files match a re-run of `aftershock run scenario\.yaml --seed 7 --path 0`/);
});

test('one byte of a result file changed: reported before any re-run', async () => {
  const file = join(project, 'out', 'timeseries.csv');
  const original = flipByte(file);
  try {
    const r = await inProject(['verify', 'out']);
    assert.is(r.code, 1);
    assert.match(r.stdout, /^DIFFERENT: result file timeseries\.csv changed since the run wrote it \(sha256 recorded [0-9a-f]{12}…, now [0-9a-f]{12}…\)\n$/);
  } finally {
    writeFileSync(file, original);
  }
});

test('one byte of the scenario changed: the input is named', async () => {
  const file = join(project, 'scenario.yaml');
  const original = readFileSync(file);
  // a comment letter: the scenario means the same, but it is not the file the run read
  writeFileSync(file, Buffer.from(original.toString('utf8').replace('# Small', '# small')));
  try {
    const r = await inProject(['verify', 'out', '--no-rerun']);
    assert.is(r.code, 1);
    assert.match(r.stdout, /^DIFFERENT: input scenario\.yaml \(scenario\) is not the file the run read/);
  } finally {
    writeFileSync(file, original);
  }
});

test('a result file changed with its digest made to agree: the re-run finds the line', async () => {
  const dir = join(project, 'out');
  const file = join(dir, 'timeseries.csv');
  const manifestFile = join(dir, 'manifest.json');
  const original = readFileSync(file);
  const originalManifest = readFileSync(manifestFile);
  const lines = original.toString('utf8').split('\n');
  lines[5] = lines[5].replace(/\d(?=[,\n]|$)/, (d) => String((Number(d) + 1) % 10));
  const tampered = lines.join('\n');
  writeFileSync(file, tampered);
  const m = JSON.parse(originalManifest.toString('utf8'));
  m.results.files['timeseries.csv'] = createHash('sha256').update(tampered).digest('hex');
  writeFileSync(manifestFile, JSON.stringify(m, null, 2));
  try {
    const r = await inProject(['verify', 'out', '--workers', '1']);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stdout, /^DIFFERENT: timeseries\.csv differs from the re-run at line 6: recorded /);
  } finally {
    writeFileSync(file, original);
    writeFileSync(manifestFile, originalManifest);
  }
});

test('a folder written before manifests carried digests: one line, exit 2', async () => {
  const dir = join(project, 'old');
  const r0 = await inProject(['run', 'scenario.yaml', '--out', 'old', '--quiet']);
  assert.is(r0.code, 0);
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  delete m.inputs;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
  const r = await inProject(['verify', 'old']);
  assert.is(r.code, 2);
  assert.is(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /^aftershock: .*manifest\.json inputs: expected a list of \{role, path, sha256\}, got nothing/);
  const none = await inProject(['verify', 'scenario.yaml']);
  assert.is(none.code, 2);
});

test('every file a scenario names is an input: Black Thursday reads its price CSV and its gas-price series', () => {
  const loaded = loadScenario('scenarios/black-thursday-2020.yaml');
  const inputs = inputDigests(loaded, ROOT);
  assert.equal(
    inputs.map((i) => i.path),
    ['scenarios/black-thursday-2020.yaml', 'data/eth-usd-hourly-gemini-2020-03-10_20.csv', 'data/ethereum-gas-prices-2020-03-12.csv'],
  );
  assert.is(inputs[2].role, 'chain.congestion.gasPrices[1].file');
  // reference: the digest of the CSV's bytes computed here
  assert.is(inputs[1].sha256, createHash('sha256').update(readFileSync('data/eth-usd-hourly-gemini-2020-03-10_20.csv')).digest('hex'));
  assert.is(inputs[1].role, 'assets[0].price.file');
});

test.run();
