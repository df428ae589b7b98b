/**
 * The library's one call (issue 16 item 11). References: the command line's own results folders
 * for the same file, overrides and seed (a separate process and code route: the CLI writes
 * summary.json, runScenario returns the object), and the determinism rule (the same figures with
 * one worker and with two).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario, InputError, type RunScenarioOptions } from '../../src/index.js';
import { cliAll, type CliResult } from '../cli/spawnCli.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const SETS = ['horizon=1h', 'protocols.lender.positions[0].count=60', 'protocols.lender.positions[1].count=30'];
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-library-'));
let cli: CliResult[];
const ready = cliAll([
  ['run', SMALL, '--seed', '5', '--out', join(tmp, 'one'), '--quiet', ...SETS.flatMap((s) => ['--set', s])],
  ['run', SMALL, '--seed', '5', '--paths', '4', '--workers', '1', '--out', join(tmp, 'many'), '--quiet', ...SETS.flatMap((s) => ['--set', s])],
]).then((r) => (cli = r));
test.before(async () => {
  await ready;
  for (const r of cli) assert.is(r.code, 0, r.stderr);
});
test.after(() => rmSync(tmp, { recursive: true, force: true }));

const folder = (name: string, file: string) => JSON.parse(readFileSync(join(tmp, name, file), 'utf8'));

test('one path: the summary, columns, events and start the CLI writes', async () => {
  const r = await runScenario(SMALL, { seed: 5, overrides: SETS });
  assert.is(r.kind, 'path');
  if (r.kind !== 'path') return;
  assert.equal(r.summary, folder('one', 'summary.json'));
  assert.equal(JSON.parse(JSON.stringify(r.start)), folder('one', 'start.json'));
  const csv = readFileSync(join(tmp, 'one', 'timeseries.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.is(csv.length - 1, r.timeseries['ref.ETH'].length, 'one value per step');
  assert.ok(csv[0].split(',').includes('ref.ETH'));
  assert.is(
    r.events.length,
    readFileSync(join(tmp, 'one', 'events.jsonl'), 'utf8')
      .trim()
      .split('\n').length,
  );
});

test("N paths: the CLI's summary.json, the same with one worker or two, one record per path", async () => {
  const a = await runScenario(SMALL, { seed: 5, overrides: SETS, paths: 4, workers: 1 });
  const b = await runScenario(SMALL, { seed: 5, overrides: SETS, paths: 4, workers: 2 });
  assert.is(a.kind, 'paths');
  if (a.kind !== 'paths' || b.kind !== 'paths') return;
  assert.equal(a.summary, folder('many', 'summary.json'));
  assert.equal(b.summary, a.summary);
  assert.equal(
    a.records.map((r) => r.path),
    [0, 1, 2, 3],
  );
  assert.equal(a.failures, []);
  assert.equal(JSON.parse(JSON.stringify(a.start)), folder('many', 'start.json'));
});

test('bad input throws an InputError naming the field', async () => {
  const cases: [RunScenarioOptions, string][] = [
    [{ paths: 0 }, 'paths'],
    [{ paths: 2, path: 1 }, 'path'],
    [{ overrides: ['protocols.lender.reserves.ETH.liquidationThreshold=1.5'] }, 'protocols[0].reserves[0].liquidationThreshold'],
  ];
  for (const [options, field] of cases) {
    try {
      await runScenario(SMALL, options);
      assert.unreachable(JSON.stringify(options));
    } catch (err) {
      assert.instance(err, InputError);
      assert.is((err as InputError).field, field);
    }
  }
});

test.run();
