/**
 * Training rollouts through Redis (`train --backend`), in the style of the path backend's tests:
 * `.ci/run` starts redis-server on a free loopback port and sets AFTERSHOCK_TEST_REDIS; without it
 * the queue tests are skipped (and say so). References: the weights and learning curve of the
 * same training run locally on one thread (byte equality: the rollouts' draws derive from (seed,
 * iteration, rollout), each rollout keeps its environments on the worker that took it first, and
 * the learner assembles results in rollout order). An unreachable server needs no server: it is
 * always tested.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { cliInProcess } from '../cli/spawnCli.js';
import { trainPpo } from '../../src/rl/train.js';
import { RedisRolloutExecutor } from '../../src/rl/rollout/redisRollouts.js';

const URL_ = process.env.AFTERSHOCK_TEST_REDIS;
const QUEUE = `aftershock-test-rollouts-${process.pid}-${Date.now()}`;
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-redis-rollouts-'));
const out = (name: string) => join(tmp, name);
const same = (a: string, b: string, file: string) => assert.ok(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), `${file} differs between ${a} and ${b}`);

test('an unreachable Redis server: one line, exit 1, no policy written, no wait', async () => {
  const r = await cliInProcess(['train', '--env', 'cartpole', '--iterations', '1', '--backend', 'redis://127.0.0.1:1', '--out', out('dead'), '--quiet']);
  assert.is(r.code, 1, r.stderr);
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  assert.not.ok(existsSync(out('dead')));
});

interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

async function waitFor(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(what());
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts `aftershock worker` in its own process (one thread) and resolves once it says it is ready. */
async function startWorker(): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--backend', URL_!, '--queue', `${QUEUE}-paths`, '--rollout-queue', QUEUE, '--workers', '1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  try {
    await waitFor(
      () => /worker ready: queue/.test(log),
      60_000,
      () => `worker did not start: ${log}`,
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return { child, log: () => log, exited };
}

const workers: WorkerProcess[] = [];

if (!URL_) {
  process.stderr.write('redisRollouts.test.ts: not run: set AFTERSHOCK_TEST_REDIS=redis://127.0.0.1:PORT to run the 2 queue tests (.ci/run starts a redis-server and sets it)\n');
} else {
  test('two worker processes: train --backend gives the bytes of a local training; a shared-policy task too', async () => {
    workers.push(...(await Promise.all([startWorker(), startWorker()])));
    const args = ['train', '--env', 'cartpole', '--iterations', '3', '--seed', '5', '--quiet'];
    const local = await cliInProcess([...args, '--workers', '1', '--out', out('local')]);
    assert.is(local.code, 0, local.stderr);
    const remote = await cliInProcess([...args, '--backend', URL_, '--queue', QUEUE, '--out', out('redis')]);
    assert.is(remote.code, 0, remote.stderr);
    for (const f of ['weights.bin', 'learning-curve.csv']) same(out('local'), out('redis'), f);
    // 4 rollouts × 3 iterations, each served by the process that took its first task
    const served = workers.map((w) => (w.log().match(/rollout \d+ of iteration \d+/g) ?? []).length);
    assert.is(served[0] + served[1], 12, `rollouts per worker: ${served}`);
    for (const w of workers) {
      for (const r of [0, 1, 2, 3]) {
        const its = (w.log().match(new RegExp(`rollout ${r} of iteration \\d+`, 'g')) ?? []).length;
        assert.ok(its === 0 || its === 3, `rollout ${r} moved between workers: ${w.log()}`);
      }
    }
    // parameter sharing with normalisation, through the executor (2 rollouts of 2 agents each)
    const options = {
      env: 'twins',
      envConfig: { agents: 2, length: 5 },
      seed: 4,
      iterations: 2,
      config: { numEnvs: 2, numSteps: 16, numMinibatches: 2, updateEpochs: 2, hiddenSizes: [8], normalizeObservation: true, normalizeReward: true },
    };
    const here = await trainPpo({ ...options, workers: 1 });
    const executor = await RedisRolloutExecutor.connect(URL_, { queue: QUEUE });
    try {
      const there = await trainPpo({ ...options, executor });
      assert.ok(Buffer.from(here.weights.buffer).equals(Buffer.from(there.weights.buffer)), 'weights differ');
      assert.equal(there.normalization, here.normalization);
    } finally {
      await executor.close();
    }
  });

  test("the worker holding a rollout's environments dies: the training stops with one line, it does not wait", async () => {
    // one worker left, so that it holds every rollout
    const [a, b] = workers.splice(0, 2);
    b.child.kill('SIGTERM');
    assert.is(await b.exited, 0, b.log());
    const mark = a.log().length; // its log holds the first test's rollouts too
    const submitter = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'train', '--env', 'cartpole', '--iterations', '500', '--backend', URL_!, '--queue', QUEUE, '--out', out('killed'), '--quiet'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let log = '';
    submitter.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
    const exited = new Promise<number | null>((done) => submitter.on('exit', (code) => done(code)));
    try {
      await waitFor(
        () => /of iteration 2:/.test(a.log().slice(mark)),
        60_000,
        () => `no second iteration: ${a.log()}`,
      );
      a.child.kill('SIGKILL');
      await a.exited;
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000).unref())]);
      assert.is(code, 1, log);
      assert.is(log.trim().split('\n').length, 1, log);
      assert.match(log, /rollout worker \S+ stopped while it held rollout \d+'s environments mid-episode/);
      assert.not.ok(existsSync(out('killed')));
    } finally {
      if (submitter.exitCode === null) submitter.kill('SIGKILL');
      if (a.child.exitCode === null) a.child.kill('SIGKILL');
    }
  });

  test.after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    const q = new Queue(QUEUE, { connection: { url: URL_ } });
    await q.obliterate({ force: true });
    await q.close();
    rmSync(tmp, { recursive: true, force: true });
  });
}

if (!URL_) test.after(() => rmSync(tmp, { recursive: true, force: true }));
test.run();
