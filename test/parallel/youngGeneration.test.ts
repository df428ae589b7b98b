/**
 * The young generation a path thread is given (src/parallel/pool.ts): 192 MB, unless all threads'
 * together would take more than an eighth of the machine's memory, and never less than V8's
 * default of 48 MB. The expected sizes are worked by hand from that rule.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Worker } from 'node:worker_threads';
import { youngGenerationMb } from '../../src/parallel/pool.js';

const GiB = 2 ** 30;

test('a thread gets 192 MB on a roomy machine, an eighth of memory shared on a crowded one, 48 MB at least', () => {
  // 24 GiB / 8 / 2 threads = 1,536 MB each: capped at 192
  assert.is(youngGenerationMb(2, 24 * GiB), 192);
  // 64 GiB / 8 / 64 threads = 128 MB each
  assert.is(youngGenerationMb(64, 64 * GiB), 128);
  // 16 GiB / 8 / 64 threads = 32 MB each: raised to V8's default, 48
  assert.is(youngGenerationMb(64, 16 * GiB), 48);
  // 3 GiB / 8 / 4 threads = 96 MB each
  assert.is(youngGenerationMb(4, 3 * GiB), 96);
});

test('a worker started with the limit gets that young generation from V8', async () => {
  // the same probe with and without the limit
  const probe = `const { parentPort } = require('node:worker_threads'); const v8 = require('node:v8');
    parentPort.postMessage(v8.getHeapStatistics().heap_size_limit);`;
  const limit = (mb?: number) =>
    new Promise<number>((resolve, reject) => {
      const w = new Worker(probe, { eval: true, resourceLimits: mb ? { maxYoungGenerationSizeMb: mb } : undefined });
      w.once('message', (x: number) => {
        resolve(x);
        void w.terminate();
      });
      w.once('error', reject);
    });
  const [byDefault, with192] = [await limit(), await limit(192)];
  // the heap limit counts the young generation: 192 MB instead of the default 48 raises it by about 144 MB
  const raised = (with192 - byDefault) / 2 ** 20;
  assert.ok(raised > 100 && raised < 200, `heap limit raised by ${raised.toFixed(1)} MB`);
});

test.run();
