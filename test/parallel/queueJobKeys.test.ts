/**
 * A queue job whose data carries `__proto__`, `constructor` or `prototype` keys (anyone who can
 * write to the Redis server can add one) is refused by the worker before it touches the data.
 * Needs a Redis server: `.ci/run` starts one and sets AFTERSHOCK_TEST_REDIS; without it the test
 * is not registered and says so, as redis.test.ts does.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Queue, QueueEvents } from 'bullmq';
import { startRedisWorker, type RunningRedisWorker } from '../../src/parallel/redisBackend.js';
import { packageVersion } from '../../src/util/version.js';

const URL_ = process.env.AFTERSHOCK_TEST_REDIS;
const QUEUE = `aftershock-keys-${process.pid}-${Date.now()}`;

if (!URL_) {
  process.stderr.write('queueJobKeys.test.ts: not run: set AFTERSHOCK_TEST_REDIS=redis://127.0.0.1:PORT (.ci/run starts a redis-server and sets it)\n');
} else {
  let worker: RunningRedisWorker | undefined;
  const queue = new Queue(QUEUE, { connection: { url: URL_ } });
  const events = new QueueEvents(QUEUE, { connection: { url: URL_ } });

  test('a job with __proto__ in its data fails with the key named, and the prototype stays clean', async () => {
    worker = await startRedisWorker(URL_, { queue: QUEUE, workers: 1 });
    await events.waitUntilReady();
    // JSON.parse makes __proto__ an own key, as the worker's copy of the job data will have it
    const data = JSON.parse(
      JSON.stringify({ scenario: { text: 'name: x', file: 'x.yaml', overrides: [], sha256: 'x' }, seed: 1, cell: 0, paths: [0], version: packageVersion() }).replace(
        '"seed"',
        '"__proto__":{"polluted":1},"seed"',
      ),
    ) as Record<string, unknown>;
    assert.ok(Object.hasOwn(data, '__proto__'), 'the job data holds the key as its own');
    const job = await queue.add('paths', data, { attempts: 1 });
    let reason = '';
    try {
      await job.waitUntilFinished(events, 30_000);
    } catch (err) {
      reason = (err as Error).message;
    }
    assert.match(reason, /^the key "__proto__" is not allowed/, reason);
    assert.is(({} as Record<string, unknown>).polluted, undefined);
  });

  test.after(async () => {
    await worker?.stop();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await Promise.allSettled([queue.close(), events.close()]);
  });
}

test.run();
