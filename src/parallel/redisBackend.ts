/**
 * The distributed backend: path batches on a BullMQ queue in Redis, taken by `aftershock worker`
 * processes on any number of machines.
 *
 * A job carries the scenario's text, its overrides and hash, the seed, the sweep cell and a batch
 * of path indices; its result is the batch's records and failures, exactly what the local pool
 * returns, so the submitter writes the same bytes as a local run. Job ids are derived from what the
 * job computes (scenario hash, seed, paths, version): work is deterministic, so a job left finished
 * in Redis by an earlier, interrupted submission is reused as it stands.
 *
 * Faults: each worker process runs its batches on worker threads (so its event loop stays free to
 * renew job locks), retrying a path whose thread throws or dies as the local pool does, up to the
 * submitter's `--attempts` (carried in the job); a worker process that dies mid-batch stops
 * renewing its lock, and BullMQ's stalled-job check hands the batch to another worker (up to
 * `MAX_STALLED` times). A job that throws (e.g. a worker of another
 * version) is retried up to `JOB_ATTEMPTS` times, on whichever worker takes it. A Redis server
 * that stays unreachable for longer than `--backend-timeout` ends the submitter and the workers
 * with an error (connectionWatch.ts); the submitter's checkpoint keeps the paths that finished.
 */
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { packageVersion } from '../util/version.js';
import { deriveSeed } from '../util/rng.js';
import { DEFAULT_MAX_ATTEMPTS, errorMessage, type BatchOutcome, type PathExecutor } from './executor.js';
import { LocalPool, defaultWorkers } from './pool.js';
import { cellKey, type ScenarioSource } from './pathTask.js';
import { DEFAULT_BATCH, DEFAULT_QUEUE } from './backendOptions.js';
import { ConnectionWatch } from './connectionWatch.js';
import { connection, probe, readyOrFail, settleWithin } from './redisConnection.js';
import { assertSafeKeys } from '../util/safeKeys.js';

export { DEFAULT_BATCH, DEFAULT_QUEUE, parseBackendUrl, checkQueueName } from './backendOptions.js';

export const JOB_ATTEMPTS = 3;
export const MAX_STALLED = 3;

/** What a job carries. */
export interface PathJobData {
  scenario: ScenarioSource;
  seed: number;
  cell: number;
  paths: number[];
  version: string;
  /** Tries per path on the worker (the submitter's --attempts); absent from older submitters. */
  attempts?: number;
}

export interface RedisExecutorOptions {
  queue?: string;
  batchSize?: number;
  /** Tries per path, applied by the worker that runs the batch (default DEFAULT_MAX_ATTEMPTS). */
  attempts?: number;
  connectTimeoutMs?: number;
  /** How long the server may stay unreachable mid-run before the run fails (default a minute). */
  backendTimeoutMs?: number;
  /** Where to say that the server is unreachable and for how long (default: nowhere). */
  log?: (line: string) => void;
}

/** Says on `log` how long the server has been gone, and when it is back. */
function watchOptions(timeoutMs: number | undefined, log: (line: string) => void, advice: string) {
  return {
    timeoutMs,
    advice,
    onOutage: (gone: number, limit: number) => log(`Redis unreachable for ${Math.round(gone / 1000)} s; retrying until ${limit / 1000} s (--backend-timeout)`),
    onRecovered: (gone: number) => log(`Redis is back after ${Math.round(gone / 1000)} s`),
  };
}

/** The submitting side: enqueues batches and waits for their results. */
export class RedisExecutor implements PathExecutor {
  readonly batchSize: number;
  readonly description: string;
  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    batchSize: number,
    private readonly attempts: number,
    url: string,
    name: string,
    private readonly watch: ConnectionWatch,
  ) {
    this.batchSize = batchSize;
    this.description = `redis queue ${name} at ${url.replace(/\/\/[^@/]*@/, '//')}`;
  }

  static async connect(url: string, options: RedisExecutorOptions = {}): Promise<RedisExecutor> {
    const name = options.queue ?? DEFAULT_QUEUE;
    await probe(url, options.connectTimeoutMs ?? 10_000);
    const queue = new Queue(name, { connection: connection(url, false) });
    const events = new QueueEvents(name, { connection: connection(url, true) });
    // one listener per batch in flight (waitUntilFinished): thousands are expected, not a leak
    queue.setMaxListeners(0);
    events.setMaxListeners(0);
    let lastError: Error | undefined;
    const onError = (err: Error) => (lastError = err);
    queue.on('error', onError);
    events.on('error', onError);
    try {
      await readyOrFail(queue, url, options.connectTimeoutMs ?? 10_000);
      await readyOrFail(events, url, options.connectTimeoutMs ?? 10_000);
    } catch (err) {
      // close() would wait for a connection that never comes: force the sockets shut instead
      await settleWithin([queue.disconnect(), events.disconnect()], 2000);
      throw new Error(`${errorMessage(err)}${lastError ? `: ${lastError.message}` : ''}`);
    }
    const watch = new ConnectionWatch(
      url,
      watchOptions(options.backendTimeoutMs, options.log ?? (() => {}), 'the paths that finished are kept: run the same command with --resume once the server is back'),
    );
    return new RedisExecutor(queue, events, Math.max(1, options.batchSize ?? DEFAULT_BATCH), Math.max(1, options.attempts ?? DEFAULT_MAX_ATTEMPTS), url, name, watch);
  }

  /** Runs a batch, or rejects once the server has been gone for longer than the timeout. */
  run(scenario: ScenarioSource, seed: number, cell: number, paths: number[]): Promise<BatchOutcome> {
    return this.watch.guard(this.runBatch(scenario, seed, cell, paths));
  }

  private async runBatch(scenario: ScenarioSource, seed: number, cell: number, paths: number[]): Promise<BatchOutcome> {
    const version = packageVersion();
    const jobId = `paths-${cellKey(scenario).slice(0, 24)}-s${seed}-c${cell}-${paths[0]}-${paths[paths.length - 1]}-n${paths.length}-v${version}`;
    const existing = await Job.fromId(this.queue, jobId);
    if (existing && (await existing.isFailed())) await existing.remove(); // an earlier submission gave up on it: try again
    const data: PathJobData = { scenario, seed, cell, paths, version, attempts: this.attempts };
    const job = await this.queue.add('paths', data, {
      jobId,
      attempts: JOB_ATTEMPTS,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    });
    let outcome: BatchOutcome;
    try {
      outcome = (await job.waitUntilFinished(this.events)) as BatchOutcome;
    } catch (err) {
      const error = errorMessage(err);
      outcome = { records: [], failures: paths.map((path) => ({ cell, path, pathSeed: deriveSeed(seed, path), attempts: JOB_ATTEMPTS, error })) };
    }
    outcome = { records: outcome.records ?? [], failures: outcome.failures ?? [] };
    await job.remove().catch(() => undefined);
    return outcome;
  }

  async close(): Promise<void> {
    const dead = this.watch.isDead;
    this.watch.stop();
    // close() waits for a server that may never answer again: after an outage, shut the sockets
    if (dead) await settleWithin([this.events.disconnect(), this.queue.disconnect()], 2000);
    else await Promise.allSettled([this.events.close(), this.queue.close()]);
  }
}

export interface RedisWorkerOptions {
  queue?: string;
  /** Worker threads, and batches taken at once. Default: the machine's cores. */
  workers?: number;
  /** Job lock in ms: a dead worker's batch goes back to the queue after about this long. */
  lockDuration?: number;
  log?: (line: string) => void;
  /** How long the server may stay unreachable before the worker gives up (default a minute). */
  backendTimeoutMs?: number;
}

export interface RunningRedisWorker {
  /** Resolves when the worker has stopped (after `stop`). */
  closed: Promise<void>;
  stop(): Promise<void>;
}

/** The working side: takes batches off the queue and runs them on local worker threads. */
export async function startRedisWorker(url: string, options: RedisWorkerOptions = {}): Promise<RunningRedisWorker> {
  const name = options.queue ?? DEFAULT_QUEUE;
  const workers = Math.max(1, options.workers ?? defaultWorkers());
  const lockDuration = options.lockDuration ?? 30_000;
  const log = options.log ?? (() => {});
  await probe(url, 10_000);
  const pool = new LocalPool({ workers, forceThreads: true });
  await pool.warmUp();
  const worker = new Worker(
    name,
    async (job: Job<PathJobData>) => {
      assertSafeKeys(job.data, `queue job ${job.id}`); // JSON from Redis: refuse keys that reach prototypes
      const d = job.data;
      if (d.version !== packageVersion()) throw new Error(`worker runs aftershock ${packageVersion()}, the job was submitted by ${d.version}`);
      log(`batch ${job.id}: started (${d.paths.length} path(s)${job.stalledCounter ? `, after ${job.stalledCounter} stall(s)` : ''})`);
      const outcome = await pool.run(d.scenario, d.seed, d.cell, d.paths, Math.max(1, d.attempts ?? DEFAULT_MAX_ATTEMPTS));
      log(`batch ${job.id}: ${outcome.records.length} path(s) done${outcome.failures.length ? `, ${outcome.failures.length} failed` : ''}`);
      return outcome;
    },
    {
      connection: connection(url, true),
      concurrency: workers,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: MAX_STALLED,
      autorun: false,
    },
  );
  // a lost server raises the same error at every reconnection: say it once (the watch reports the outage)
  let lastError = '';
  worker.on('error', (err) => {
    if (err.message !== lastError) log(`redis: ${err.message}`);
    lastError = err.message;
  });
  try {
    await readyOrFail(worker, url, 10_000);
  } catch (err) {
    await settleWithin([worker.disconnect(), pool.close()], 2000);
    throw err;
  }
  const watch = new ConnectionWatch(url, watchOptions(options.backendTimeoutMs, log, 'start the worker again once the server is back; its unfinished batches return to the queue'));
  const running = worker.run().then(() => pool.close());
  // a server gone for too long: drop the batches in hand (they return to the queue once their
  // locks expire) and end with the watch's error
  const closed = Promise.race([running, watch.dead]).then(
    () => watch.stop(),
    async (err: Error) => {
      watch.stop();
      await settleWithin([worker.close(true), worker.disconnect(), pool.close()], 2000);
      throw err;
    },
  );
  log(`worker ready: queue ${name} at ${url}, ${workers} thread(s)`);
  return {
    closed,
    async stop() {
      await worker.close();
      await closed;
    },
  };
}
