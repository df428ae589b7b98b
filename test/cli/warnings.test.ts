/**
 * Legal but likely mistaken inputs give one warning line each on stderr, once, and never touch
 * stdout (issue 16, item 5); `advise --at` after the data ends is an error. References: the
 * fixture's own numbers (horizon 3 h = 10,800 s; a crash at 30 m ramping 3 h ends at 12,600 s;
 * the lognormal's 1st percentile 1.3 × exp(−2.326 × 0.2) = 0.8164), and data/eth-usd-daily.csv's
 * last row (2021-11-24).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliAll } from './spawnCli.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const lines = readFileSync(SMALL, 'utf8').split('\n');
const lineOf = (marker: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(marker)) + 1;

const SETS = [
  '--set',
  'venues[0].feeBps=0.3',
  '--set',
  'protocols.lender.positions[0].healthFactor={distribution: uniform, min: 0.9, max: 1.5}',
  '--set',
  'protocols.lender.positions[1].healthFactor={distribution: lognormal, median: 1.3, sigma: 0.2}',
  '--set',
  'shocks[0].duration=3h',
];
const hf0 = lineOf('healthFactor:');
const WARNINGS = [
  `aftershock: warning: ${SMALL}:${lineOf('feeBps: 30')} venues[0].feeBps: a fee of 0.3 basis points (0.003 %) is unusually low; feeBps is in basis points (30 = 0.3 %)`,
  `aftershock: warning: ${SMALL}:${hf0} protocols[0].positions[0].healthFactor: health factors from 0.9 are below 1: some positions are liquidatable from the first step`,
  `aftershock: warning: ${SMALL}:${lineOf('healthFactor:', hf0)} protocols[0].positions[1].healthFactor: health factors down to 0.816 (1st percentile) are below 1: some positions are liquidatable from the first step`,
  `aftershock: warning: ${SMALL}:${lineOf('duration: 1h')} shocks[0].duration: the shock ramps in until 12600 s, after the horizon (10800 s): the run sees only part of it`,
];

test('warnings go to stderr once, in validate, run --json and a sweep; stdout stays clean', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-warnings-'));
  try {
    const [validate, run, sweep, plain] = await cliAll([
      ['validate', SMALL, ...SETS],
      ['run', SMALL, ...SETS, '--json', '--quiet', '--out', join(dir, 'run')],
      ['sweep', SMALL, ...SETS, '--grid', 'options.priceFeedback=true,false', '--paths', '1', '--workers', '1', '--json', '--quiet', '--out', join(dir, 'sweep')],
      ['validate', SMALL],
    ]);
    assert.is(validate.code, 0, validate.stderr);
    assert.is(validate.stderr, WARNINGS.map((w) => `${w}\n`).join(''));
    assert.match(validate.stdout, /: ok — /);
    for (const r of [run, sweep]) {
      assert.is(r.code, 0, r.stderr);
      JSON.parse(r.stdout); // one JSON document, no warning mixed in
      // each warning once (the sweep's two cells share them), whatever else stderr carries
      for (const w of WARNINGS) assert.is(r.stderr.split('\n').filter((l) => l === w).length, 1, w);
    }
    assert.not.match(plain.stderr, /warning/, 'the fixture as written warns about nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('advise --at after the data ends is an error', async () => {
  const [after, within] = await cliAll([
    ['advise', '--data', 'data/eth-usd-daily.csv', '--allow-gaps', '--size', '10', '--haircut', '0.01', '--at', '2021-12-01'],
    ['advise', '--data', 'data/eth-usd-daily.csv', '--allow-gaps', '--size', '10', '--haircut', '0.01', '--at', '2021-11-24', '--json'],
  ]);
  assert.is(after.code, 2);
  assert.is(after.stdout, '');
  assert.is(after.stderr, 'aftershock: data/eth-usd-daily.csv --at: expected a date within the data, which ends at 2021-11-24T00:00:00Z, got 2021-12-01\n');
  assert.is(within.code, 0, within.stderr);
});

test.run();
