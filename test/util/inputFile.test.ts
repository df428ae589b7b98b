/**
 * Only regular files are read, within a size limit: a named pipe, a device or a folder given as
 * the scenario, as a file a scenario refers to, or as `--data`, gets one line and exit 2 at once.
 * The cases that used to block for ever (a FIFO waits for a writer, /dev/zero never ends) run in
 * child processes that are killed after a timeout, so a regression fails here instead of hanging
 * the suite.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess, limited, type CliResult } from '../cli/spawnCli.js';
import { parseSize, readInputFile } from '../../src/util/inputFile.js';
import { InputError } from '../../src/util/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-files-'));
const fifo = join(tmp, 'pipe');
execFileSync('mkfifo', [fifo]);
const SMALL = readFileSync('test/fixtures/scenarios/small.yaml', 'utf8');

/** The CLI in a child process, killed after `ms` (then `code` is null and `timedOut` true). */
function cliWithin(args: string[], ms = 20_000): Promise<CliResult & { timedOut: boolean; seconds: number }> {
  return new Promise((done, fail) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ms);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** small.yaml with its ETH-USDC positions read from `file` (as written in the scenario). */
function scenarioWithPositions(name: string, file: string): string {
  const path = join(tmp, name);
  writeFileSync(path, SMALL.replace('    positions:\n', `    positions:\n      - file: ${file}\n`));
  return path;
}

function lineWith(path: string, marker: string): number {
  return (
    readFileSync(path, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(marker)) + 1
  );
}

test('FIFOs and devices (scenario, a file: field, --data): one line, exit 2, without blocking', async () => {
  const withFifo = scenarioWithPositions('fifo-positions.yaml', fifo);
  const withZero = scenarioWithPositions('zero-positions.yaml', '/dev/zero');
  const jobs: [string[], string][] = [
    [['validate', fifo], `aftershock: ${fifo}: expected a regular file, got a named pipe (FIFO)\n`],
    [['validate', '/dev/zero'], 'aftershock: /dev/zero: expected a regular file, got a character device\n'],
    [
      ['run', withFifo, '--out', join(tmp, 'out-fifo')],
      `aftershock: ${withFifo}:${lineWith(withFifo, fifo)} protocols[0].positions[0].file: expected a regular file, got a named pipe (FIFO): ${fifo}\n`,
    ],
    [['validate', withZero], `aftershock: ${withZero}:${lineWith(withZero, '/dev/zero')} protocols[0].positions[0].file: expected a regular file, got a character device: /dev/zero\n`],
    [['fit', 'garch', '--data', fifo], `aftershock: ${fifo}: expected a regular file, got a named pipe (FIFO)\n`],
  ];
  const results = await limited(
    jobs.map(
      ([args]) =>
        () =>
          cliWithin(args),
    ),
  );
  jobs.forEach(([args, expected], i) => {
    const r = results[i];
    const what = args.join(' ');
    assert.not.ok(r.timedOut, `${what}: still running after 20 s (blocked on the file)`);
    assert.is(r.code, 2, `${what}: ${r.stderr}`);
    assert.is(r.stderr, expected, what);
    assert.is(r.stdout, '', what);
  });
  assert.not.ok(existsSync(join(tmp, 'out-fifo')));
});

test('a symbolic link to a FIFO is judged by what it points to', async () => {
  const link = join(tmp, 'link.csv');
  symlinkSync(fifo, link);
  const r = await cliWithin(['fit', 'garch', '--data', link]);
  assert.not.ok(r.timedOut);
  assert.is(r.code, 2, r.stderr);
  assert.is(r.stderr, `aftershock: ${link}: expected a regular file, got a named pipe (FIFO)\n`);
});

test('a folder as the scenario, as a file: field or as --data: one line, exit 2 (no raw EISDIR)', async () => {
  const folder = join(tmp, 'folder');
  mkdirSync(folder);
  const withFolder = scenarioWithPositions('folder-positions.yaml', 'folder');
  const cases: [string[], string][] = [
    [['validate', folder], `aftershock: ${folder}: expected a regular file, got a folder\n`],
    [['validate', withFolder], `aftershock: ${withFolder}:${lineWith(withFolder, 'file: folder')} protocols[0].positions[0].file: expected a regular file, got a folder: folder\n`],
    [['fit', 'garch', '--data', folder], `aftershock: ${folder}: expected a regular file, got a folder\n`],
  ];
  for (const [args, expected] of cases) {
    const r = await cliInProcess(args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.is(r.stderr, expected);
  }
});

test('the size limit: AFTERSHOCK_MAX_INPUT_SIZE lowers it, and the message says how to raise it', async () => {
  const scenario = join(tmp, 'limit.yaml');
  writeFileSync(scenario, SMALL);
  const size = Buffer.byteLength(SMALL);
  const r = await cliInProcess(['validate', scenario], { AFTERSHOCK_MAX_INPUT_SIZE: '1kB' });
  assert.is(r.code, 2, r.stderr);
  assert.is(
    r.stderr,
    `aftershock: ${scenario}: the file is ${(size / 1024).toFixed(1)} KiB, over the 1000 bytes limit for scenario files (set AFTERSHOCK_MAX_INPUT_SIZE, e.g. AFTERSHOCK_MAX_INPUT_SIZE=1GiB, to raise it)\n`,
  );
  // a positions CSV over the limit is refused at its file: line, before it is read
  const csv = join(tmp, 'big.csv');
  writeFileSync(csv, `collateral,debt,collateralAmount,debtAmount\n${'ETH,USDC,1,1000\n'.repeat(2000)}`);
  const withBig = scenarioWithPositions('big-positions.yaml', 'big.csv');
  const r2 = await cliInProcess(['validate', withBig], { AFTERSHOCK_MAX_INPUT_SIZE: '16KiB' });
  assert.is(r2.code, 2, r2.stderr);
  assert.match(
    r2.stderr,
    new RegExp(`^aftershock: ${withBig}:${lineWith(withBig, 'file: big.csv')} protocols\\[0\\]\\.positions\\[0\\]\\.file: the file is 31\\.3 KiB, over the 16 KiB limit for input files`),
  );
  // and within the limit it is read
  const r3 = await cliInProcess(['validate', withBig], { AFTERSHOCK_MAX_INPUT_SIZE: '1MiB' });
  assert.is(r3.code, 0, r3.stderr);
  const bad = await cliInProcess(['validate', scenario], { AFTERSHOCK_MAX_INPUT_SIZE: 'lots' });
  assert.is(bad.code, 2);
  assert.is(bad.stderr, 'aftershock: AFTERSHOCK_MAX_INPUT_SIZE: expected a size such as 64MiB, 500kB or 1000000 (bytes), got "lots"\n');
});

test('parseSize and the default limits', () => {
  assert.is(parseSize('64MiB'), 64 * 1024 * 1024);
  assert.is(parseSize('500kB'), 500_000);
  assert.is(parseSize('1000'), 1000);
  assert.is(parseSize(' 2 GiB '), 2 * 1024 ** 3);
  assert.ok(Number.isNaN(parseSize('-1')));
  assert.ok(Number.isNaN(parseSize('1e6')));
  assert.ok(Number.isNaN(parseSize('5 parsecs')));
  // 9 MiB of scenario is over the 8 MiB default; the same bytes as data (64 MiB default) are read
  const nine = join(tmp, 'nine.bin');
  writeFileSync(nine, Buffer.alloc(9 * 1024 * 1024, 0x20));
  assert.throws(
    () => readInputFile(nine, 'scenario'),
    (e: unknown) => e instanceof InputError && /over the 8 MiB limit for scenario files/.test(e.message),
  );
  assert.is(readInputFile(nine, 'data').length, 9 * 1024 * 1024);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
