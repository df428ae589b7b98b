/**
 * The Redis server dies in the middle of a distributed run. Before, the submitter waited for ever;
 * now the submitter and the worker each give up after `--backend-timeout`, exit 1 with one line
 * saying to resume, and the checkpoint keeps what finished. Reference: the bytes of the same run
 * made locally on one thread, which the resumed run must match.
 *
 * Needs Debian's redis-server on PATH (`.ci/run` installs it): this test starts and kills a server
 * of its own on a free loopback port, never the shared one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../cli/spawnCli.js';

const SCENARIO = 'test/fixtures/scenarios/paths-small.yaml';
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-redis-fault-'));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

interface Proc {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

function start(cmd: string, args: string[]): Proc {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (log += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, log: () => log, exited };
}

const cli = (args: string[]) => start(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]);

async function waitFor(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function redisServer(port: number): Promise<Proc> {
  const server = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitFor(
    () => /Ready to accept connections/.test(server.log()),
    20_000,
    () => `redis-server did not start: ${server.log()}`,
  );
  return server;
}

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length : 0);

if (!hasRedis) {
  process.stderr.write('redisFaults.test.ts: not run: needs redis-server on PATH (.ci/run installs it)\n');
} else {
  test('Redis killed mid-run: submitter and worker exit 1 within the timeout; --resume after a restart gives the local bytes', async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const out = join(tmp, 'redis-run');
    const checkpoint = join(tmp, '.redis-run.checkpoint.jsonl');
    const args = ['run', SCENARIO, '--paths', '160', '--seed', '4', '--quiet'];
    let server = await redisServer(port);
    const worker = cli(['worker', '--backend', url, '--workers', '1', '--backend-timeout', '3s']);
    await waitFor(
      () => /worker ready/.test(worker.log()),
      60_000,
      () => `worker did not start: ${worker.log()}`,
    );
    const submitter = cli([...args, '--backend', url, '--batch', '2', '--backend-timeout', '3s', '--out', out]);
    await waitFor(
      () => lines(checkpoint) >= 5,
      60_000,
      () => `no paths finished: ${submitter.log()}`,
    );
    server.child.kill('SIGKILL');
    await server.exited;
    const killedAt = Date.now();
    const bounded = (p: Proc) => Promise.race([p.exited, new Promise((r) => setTimeout(() => r('still running after 40 s'), 40_000).unref())]);
    const [submitterCode, workerCode] = await Promise.all([bounded(submitter), bounded(worker)]);
    const took = (Date.now() - killedAt) / 1000;
    assert.is(submitterCode, 1, submitter.log());
    assert.is(workerCode, 1, worker.log());
    assert.ok(took < 30, `gave up after ${took} s`);
    const last = submitter.log().trim().split('\n').pop()!;
    assert.match(last, /^aftershock: error: lost the Redis server at redis:\/\/127\.0\.0\.1:\d+ for \d+ s \(--backend-timeout 3 s\).*--resume/);
    assert.match(worker.log(), /lost the Redis server/);
    assert.not.match(submitter.log(), /at .*\.ts:\d+/, 'no stack trace');
    const kept = lines(checkpoint) - 1;
    assert.ok(kept >= 4, `the checkpoint keeps ${kept} finished paths`);
    assert.not.ok(existsSync(out), 'no results folder for an unfinished run');
    assert.not.ok(existsSync(join(tmp, '.redis-run.lock')), 'the lock is released');

    server = await redisServer(port);
    const worker2 = cli(['worker', '--backend', url, '--workers', '1']);
    await waitFor(
      () => /worker ready/.test(worker2.log()),
      60_000,
      () => `worker did not start: ${worker2.log()}`,
    );
    const resumed = await cliInProcess([...args, '--backend', url, '--batch', '2', '--out', out, '--resume']);
    assert.is(resumed.code, 0, resumed.stderr);
    const local = await cliInProcess([...args, '--workers', '1', '--out', join(tmp, 'local')]);
    assert.is(local.code, 0, local.stderr);
    for (const f of ['summary.json', 'paths.csv', 'paths.arrow']) assert.ok(readFileSync(join(out, f)).equals(readFileSync(join(tmp, 'local', f))), `${f} differs`);
    assert.is(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).resumedPaths, kept);
    worker2.child.kill('SIGTERM');
    assert.is(await worker2.exited, 0, worker2.log());
    server.child.kill('SIGTERM');
    await server.exited;
  });

  test('a flag that is not a duration is bad input', async () => {
    const r = await cliInProcess(['run', SCENARIO, '--paths', '2', '--backend', 'redis://127.0.0.1:1', '--backend-timeout', 'soon', '--out', join(tmp, 'x')]);
    assert.is(r.code, 2);
    assert.match(r.stderr, /^aftershock: --backend-timeout: expected a duration from 1s to 7d such as 60, "90s" or "5m", got "soon"\n$/);
  });
}

test.after(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

test.run();
