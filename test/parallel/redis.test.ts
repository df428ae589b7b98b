/**
 * The distributed backend against a real Redis: `.ci/run` starts redis-server on a free loopback
 * port and sets AFTERSHOCK_TEST_REDIS=redis://127.0.0.1:PORT. Without it these tests are skipped
 * (and say so). Reference: the bytes of the same command run locally on one thread.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { cliInProcess } from '../cli/spawnCli.js';

const URL_ = process.env.AFTERSHOCK_TEST_REDIS;
const SCENARIO = 'test/fixtures/scenarios/paths-small.yaml';
const QUEUE = `aftershock-test-${process.pid}-${Date.now()}`;
const FAULT_QUEUE = `${QUEUE}-faults`;
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-redis-'));
const out = (name: string) => join(tmp, name);
const same = (a: string, b: string, file: string) => assert.ok(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), `${file} differs between ${a} and ${b}`);

const cli = cliInProcess;

interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

/** Starts `aftershock worker` in its own process and resolves once it says it is ready. */
async function startWorker(lockMs = 2000, queue = QUEUE, env: Record<string, string> = {}): Promise<WorkerProcess> {
  // (pushed to `workers` by the caller once ready; a worker that never gets ready is killed here)
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--backend', URL_!, '--queue', queue, '--workers', '1', '--lock-duration', String(lockMs)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const w = { child, log: () => log, exited };
  try {
    await waitFor(
      () => /worker ready/.test(log),
      60_000,
      () => `worker did not start: ${log}`,
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return w;
}

async function waitFor(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((r) => setTimeout(r, 20));
  }
}

const workers: WorkerProcess[] = [];

if (!URL_) {
  // no tests are registered: the message says why, and .ci/run always provides the server
  process.stderr.write('redis.test.ts: not run: set AFTERSHOCK_TEST_REDIS=redis://127.0.0.1:PORT to run the 3 distributed tests (.ci/run starts a redis-server and sets it)\n');
} else {
  const GRID = ['--grid', 'reserves.ETH.liquidationThreshold=0.8,0.85', '--grid', 'shocks[0].magnitude=0.3,0.5'];

  test('two worker processes: sweep and run through Redis write the same bytes as locally', async () => {
    const started = Promise.all([startWorker(), startWorker()]).then((w) => workers.push(...w));
    const local = await cli(['sweep', SCENARIO, ...GRID, '--paths', '5', '--workers', '1', '--out', out('local-sweep'), '--quiet']);
    assert.is(local.code, 0, local.stderr);
    const localRun = await cli(['run', SCENARIO, '--paths', '12', '--workers', '1', '--out', out('local-run'), '--quiet']);
    assert.is(localRun.code, 0, localRun.stderr);
    await started;
    const remote = await cli(['sweep', SCENARIO, ...GRID, '--paths', '5', '--backend', URL_, '--queue', QUEUE, '--batch', '2', '--out', out('redis-sweep'), '--quiet']);
    assert.is(remote.code, 0, remote.stderr);
    same(out('local-sweep'), out('redis-sweep'), 'sweep.csv');
    same(out('local-sweep'), out('redis-sweep'), 'sweep.json');
    const remoteRun = await cli(['run', SCENARIO, '--paths', '12', '--backend', URL_, '--queue', QUEUE, '--batch', '3', '--out', out('redis-run'), '--quiet']);
    assert.is(remoteRun.code, 0, remoteRun.stderr);
    for (const f of ['summary.json', 'paths.csv', 'paths.arrow']) same(out('local-run'), out('redis-run'), f);
    // both workers took part: 4 cells × 3 batches (2, 2, 1 paths) and 4 run batches of 3 between them
    const done = workers.map((w) => (w.log().match(/path\(s\) done/g) ?? []).length);
    assert.ok(
      done.every((n) => n > 0),
      `batches per worker: ${done}`,
    );
    assert.is(done[0] + done[1], 16);
  });

  test('a worker killed mid-batch: its batch stalls, another worker takes it, nothing lost or doubled', async () => {
    // one worker left: stop the other gracefully
    const [a, b] = workers.splice(0, 2);
    b.child.kill('SIGTERM');
    assert.is(await b.exited, 0, b.log());
    const reference = await cli(['run', SCENARIO, '--paths', '16', '--seed', '5', '--workers', '1', '--out', out('local-kill'), '--quiet']);
    assert.is(reference.code, 0, reference.stderr);
    // the submitter runs in its own process, so that a failure here cannot leave it waiting in ours
    const mark = a.log().length;
    const submitter = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'run', SCENARIO, '--paths', '16', '--seed', '5', '--backend', URL_!, '--queue', QUEUE, '--batch', '8', '--out', out('redis-kill'), '--quiet'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let submitterLog = '';
    submitter.stderr!.setEncoding('utf8').on('data', (d: string) => (submitterLog += d));
    const submitted = new Promise<number | null>((done) => submitter.on('exit', (code) => done(code)));
    try {
      await waitFor(
        () => /batch (\S+): started/.test(a.log().slice(mark)),
        60_000,
        () => `no batch started: ${a.log()}`,
      );
      const batch = /batch (\S+): started/.exec(a.log().slice(mark))![1];
      a.child.kill('SIGKILL');
      await a.exited;
      assert.not.match(a.log(), new RegExp(`batch ${batch}: \\d+ path\\(s\\) done`), 'killed before it finished the batch');
      const c = await startWorker();
      workers.push(c);
      const code = await Promise.race([submitted, new Promise((r) => setTimeout(() => r('timeout'), 90_000).unref())]);
      assert.is(code, 0, submitterLog);
      assert.match(c.log(), new RegExp(`batch ${batch}: started \\(8 path\\(s\\), after 1 stall\\(s\\)\\)`), c.log());
    } finally {
      if (submitter.exitCode === null) submitter.kill('SIGKILL');
      if (a.child.exitCode === null) a.child.kill('SIGKILL');
    }
    for (const f of ['summary.json', 'paths.csv', 'paths.arrow']) same(out('local-kill'), out('redis-kill'), f);
  });

  test("the submitter's --attempts is what the worker applies to a failing path", async () => {
    // a worker on its own queue whose threads throw on path 2 every time
    const faulty = await startWorker(2000, FAULT_QUEUE, { AFTERSHOCK_FAULT_PATHS: '2:throw:always' });
    workers.push(faulty);
    const r = await cli(['run', SCENARIO, '--paths', '4', '--attempts', '2', '--backend', URL_, '--queue', FAULT_QUEUE, '--out', out('redis-attempts'), '--quiet']);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /1 path\(s\) kept failing: 2 .*injected fault at path 2 \(attempt 2\)/);
    const s = JSON.parse(readFileSync(join(out('redis-attempts'), 'summary.json'), 'utf8'));
    assert.equal(
      s.failedPaths.map((f: { path: number; attempts: number }) => [f.path, f.attempts]),
      [[2, 2]],
    );
    assert.is(s.completedPaths, 3);
  });

  test.after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    for (const name of [QUEUE, FAULT_QUEUE]) {
      const q = new Queue(name, { connection: { url: URL_ } });
      await q.obliterate({ force: true });
      await q.close();
    }
    rmSync(tmp, { recursive: true, force: true });
  });
}

test.run();
