/**
 * Connecting to the Redis server of a distributed run, for path batches (redisBackend.ts) and
 * training rollouts (src/rl/rollout/redisRollouts.ts) alike: BullMQ's connection options, a
 * readiness wait that gives up, a one-shot probe that turns an unreachable server into one line
 * before any BullMQ connection starts retrying for ever, and a bounded wait for shutting down.
 */
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { errorMessage } from './executor.js';

export function connection(url: string, forWorker: boolean): ConnectionOptions {
  // BullMQ requires maxRetriesPerRequest null on the blocking connections of workers and events
  return { url, maxRetriesPerRequest: forWorker ? null : 20 } as ConnectionOptions;
}

export async function readyOrFail(what: { waitUntilReady(): Promise<unknown> }, url: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`cannot reach Redis at ${url} (no answer in ${timeoutMs / 1000} s)`)), timeoutMs);
  });
  try {
    await Promise.race([what.waitUntilReady(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One PING on a client that does not retry: BullMQ's own connections retry for ever, and a queue
 * that never connected cannot be closed cleanly, so an unreachable server is caught here first.
 */
export async function probe(url: string, timeoutMs: number): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: Error | undefined;
  client.on('error', (err: Error) => (cause ??= err)); // the socket's own error says more than the rejection
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new Error(`cannot reach Redis at ${url.replace(/\/\/[^@/]*@/, '//')}: ${errorMessage(cause ?? err)}`);
  } finally {
    client.disconnect();
  }
}

/** Waits for the promises, but no longer than `ms` (shutting down must not hang). */
export async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(promises), new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}
