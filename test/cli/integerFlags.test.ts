/**
 * `--paths`, `--workers`, `--seed` and `--path` take decimal integers only (no `0x10`, `1e3`,
 * `5.0`), and seeds only up to 2^53 − 1: above it neighbouring integers are the same double
 * (2^53 + 1 reads as 2^53), so two different seeds would silently give the same run.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from './spawnCli.js';
import { numberFlag } from '../../src/cli/common.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-flags-'));

test('hex, binary, exponent and fractional forms are refused: one line, exit 2, nothing written', async () => {
  const cases: [string[], RegExp][] = [
    [['--paths', '0x10'], /^aftershock: --paths: expected an integer >= 1, in decimal digits, got "0x10"\n$/],
    [['--paths', '1e1'], /^aftershock: --paths: expected an integer >= 1, in decimal digits, got "1e1"\n$/],
    [['--paths', '2', '--workers', '0x2'], /^aftershock: --workers: expected an integer in \[1, 1024\], in decimal digits, got "0x2"\n$/],
    [['--seed', '1e3'], /^aftershock: --seed: expected an integer >= 0, in decimal digits, got "1e3"\n$/],
    [['--seed', '0o7'], /^aftershock: --seed: .*got "0o7"\n$/],
    [['--path', '0b1'], /^aftershock: --path: .*got "0b1"\n$/],
    [['--path', '5.0'], /^aftershock: --path: .*got "5.0"\n$/],
    [['--seed', 'Infinity'], /^aftershock: --seed: .*got "Infinity"\n$/],
  ];
  for (const [flags, expected] of cases) {
    const out = join(tmp, 'out');
    const r = await cliInProcess(['run', SMALL, ...flags, '--out', out, '--quiet']);
    assert.is(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, expected);
    assert.is(r.stdout, '');
    assert.not.ok(existsSync(out));
  }
});

test('seeds above 2^53 - 1 are refused on the command line (in the file: numberBounds.test.ts); 2^53 - 1 itself runs', async () => {
  // 2^53 + 1 = 9007199254740993 and 2^53 = 9007199254740992 are one double: Number() cannot tell them apart
  assert.is(Number('9007199254740993'), Number('9007199254740992'));
  for (const seed of ['9007199254740992', '9007199254740993', '18446744073709551616']) {
    const r = await cliInProcess(['run', SMALL, '--seed', seed, '--out', join(tmp, 'x'), '--quiet']);
    assert.is(r.code, 2, r.stderr);
    assert.is(r.stderr, `aftershock: --seed: expected an integer >= 0 and at most 9007199254740991 in magnitude (2^53 - 1: larger integers are not exact), got "${seed}"\n`);
  }
  const out = join(tmp, 'max-seed');
  const r = await cliInProcess(['run', SMALL, '--seed', '9007199254740991', '--set', 'horizon=1h', '--out', out, '--quiet', '--json']);
  assert.is(r.code, 0, r.stderr);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { seed: number };
  assert.is(manifest.seed, 9007199254740991);
});

test('numberFlag: decimal forms of non-integer flags still work; others are refused', () => {
  assert.is(numberFlag('alpha', '0.99'), 0.99);
  assert.is(numberFlag('alpha', '.5'), 0.5);
  assert.is(numberFlag('size', '1e6'), 1e6);
  assert.is(numberFlag('drift', '-0.25', { min: -1, max: 1 }), -0.25);
  assert.is(numberFlag('paths', ' 12 ', { min: 1, integer: true }), 12);
  for (const bad of ['0x10', 'Infinity', '1_000', '', ' ', '1e400']) assert.throws(() => numberFlag('size', bad), bad);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
