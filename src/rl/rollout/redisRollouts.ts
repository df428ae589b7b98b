/**
 * Training rollouts on the distributed backend: `train --backend redis://…` puts each iteration's
 * rollout tasks (the task and the policy weights) on a BullMQ queue, and `aftershock worker`
 * processes on any machines run them on their rollout threads (pool.ts) and send back the
 * trajectories, bit for bit (wire.ts). The learner assembles them in rollout order as it does
 * locally, so the same seed gives the same weights whether rollouts ran here or on the queue, and
 * on however many workers.
 *
 * A rollout is stateful: its environments carry their episodes on from one iteration to the next
 * (task.ts). So a rollout's first task goes on the shared queue, where any worker process may take
 * it, and every later task of that rollout goes on the queue of the process that took it
 * (`QUEUE.<worker id>`), which serves it on the same thread. A worker process keeps a key alive in
 * Redis while it runs; if the process holding a rollout's environments stops, its episodes are
 * lost and training cannot go on the same way: the submitter stops with one line instead of
 * waiting for ever. A Redis server that stops answering ends the training after
 * `--backend-timeout` (ConnectionWatch), and one that cannot be reached at all is one line at once.
 */
import { hostname } from 'node:os';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { packageVersion } from '../../util/version.js';
import { assertSafeKeys } from '../../util/safeKeys.js';
import { ConnectionWatch } from '../../parallel/connectionWatch.js';
import { connection, probe, readyOrFail, settleWithin } from '../../parallel/redisConnection.js';
import { errorMessage } from '../../parallel/executor.js';
import type { RolloutExecutor } from './executor.js';
import { RolloutPool } from './pool.js';
import type { RolloutTask, Trajectories } from './task.js';
import { decodeArray, decodeTrajectories, encodeArray, encodeTrajectories, type RolloutJobData, type RolloutJobResult } from './wire.js';

export const DEFAULT_ROLLOUT_QUEUE = 'aftershock-rollouts';
/** How often a worker process says it is alive, and how long the key lasts without it. */
const ALIVE_EVERY_MS = 1000;
const ALIVE_TTL_MS = 5000;

const aliveKey = (queue: string, worker: string) => `aftershock:alive:${queue}.${worker}`;
const where = (url: string) => url.replace(/\/\/[^@/]*@/, '//');

/** This process's name on the queue: host and process id, in the characters a queue name may use. */
function processId(): string {
  return `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** How often the submitter looks whether a rollout job has finished. */
const POLL_MS = 25;

export interface RedisRolloutOptions {
  queue?: string;
  connectTimeoutMs?: number;
  /** How long the server may stay unreachable mid-training before it fails (default a minute). */
  backendTimeoutMs?: number;
  log?: (line: string) => void;
}

/** The learner's side: sends rollout tasks, and routes each rollout to the process holding its environments. */
export class RedisRolloutExecutor implements RolloutExecutor {
  readonly description: string;
  /** The worker process that holds each rollout's environments, once it has taken its first task. */
  private readonly holders = new Map<string, string>();
  private readonly queues = new Map<string, Queue>();
  /** Distinguishes this submitter's runs from another's on the same queue. */
  private readonly id = `${processId()}-${Date.now()}`;
  private readonly alive: Redis;

  private constructor(
    private readonly url: string,
    private readonly name: string,
    private readonly watch: ConnectionWatch,
  ) {
    this.description = `redis queue ${name} at ${where(url)}`;
    this.alive = new Redis(url, { maxRetriesPerRequest: 1 });
    this.alive.on('error', () => undefined); // an outage is the watch's to report
  }

  static async connect(url: string, options: RedisRolloutOptions = {}): Promise<RedisRolloutExecutor> {
    const name = options.queue ?? DEFAULT_ROLLOUT_QUEUE;
    await probe(url, options.connectTimeoutMs ?? 10_000);
    const log = options.log ?? (() => {});
    const watch = new ConnectionWatch(url, {
      timeoutMs: options.backendTimeoutMs,
      advice: 'the training cannot resume mid-iteration: run it again (or --resume a saved policy) once the server is back',
      onOutage: (gone, limit) => log(`Redis unreachable for ${Math.round(gone / 1000)} s; retrying until ${limit / 1000} s (--backend-timeout)`),
      onRecovered: (gone) => log(`Redis is back after ${Math.round(gone / 1000)} s`),
    });
    const executor = new RedisRolloutExecutor(url, name, watch);
    try {
      await executor.handle(name, options.connectTimeoutMs ?? 10_000);
    } catch (err) {
      await executor.close();
      throw err;
    }
    return executor;
  }

  private async handle(name: string, timeoutMs = 10_000): Promise<Queue> {
    const known = this.queues.get(name);
    if (known) return known;
    const queue = new Queue(name, { connection: connection(this.url, false) });
    queue.on('error', () => undefined); // an outage is the watch's to report
    this.queues.set(name, queue);
    await readyOrFail(queue, this.url, timeoutMs);
    return queue;
  }

  /**
   * The job's result once it has finished. Polled, not awaited through QueueEvents: a QueueEvents
   * made for a worker's queue in mid-training may start reading its stream after a fast job's
   * completion was published, and then waits for ever (seen here).
   */
  private async finished(queue: Queue, job: Job, stop: { done: boolean }): Promise<RolloutJobResult> {
    for (;;) {
      if (stop.done) throw new Error('stopped waiting');
      const state = await job.getState();
      if (state === 'completed' || state === 'failed') {
        const done = await Job.fromId(queue, job.id!);
        if (state === 'failed') throw new Error(done?.failedReason ?? 'the job failed');
        return done!.returnvalue as RolloutJobResult;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Rejects once the process holding a rollout's environments has stopped saying it is alive. */
  private holderGone(queue: string, worker: string, rollout: number, stop: { done: boolean }): Promise<never> {
    return new Promise<never>((_, reject) => {
      const check = async () => {
        if (stop.done) return;
        const exists = await this.alive.exists(aliveKey(queue, worker)).catch(() => 1); // an outage is the watch's
        if (stop.done) return;
        if (exists === 0) {
          reject(
            new Error(`rollout worker ${worker} stopped while it held rollout ${rollout}'s environments mid-episode: training cannot go on the same way; train again (or --resume a saved policy)`),
          );
          return;
        }
        setTimeout(check, ALIVE_EVERY_MS).unref();
      };
      void check();
    });
  }

  private async one(task: RolloutTask, weights: Float32Array): Promise<Trajectories> {
    const runId = `${this.id}/${task.runId}`;
    const key = `${runId}/${task.rollout}`;
    const holder = this.holders.get(key);
    const queueName = holder ? `${this.name}.${holder}` : this.name;
    const queue = await this.handle(queueName);
    const data: RolloutJobData = { task: { ...task, runId }, weights: encodeArray(weights), version: packageVersion() };
    const jobId = `rollout-${key.replace(/[^A-Za-z0-9_.-]/g, '_')}-i${task.iteration}`;
    const job = await queue.add('rollout', data, { jobId, attempts: 1, removeOnComplete: false, removeOnFail: false });
    const stop = { done: false };
    try {
      const finished = this.finished(queue, job, stop);
      finished.catch(() => undefined); // when the holder's end wins the race, the poll's own end is nobody's
      const result = await (holder ? Promise.race([finished, this.holderGone(this.name, holder, task.rollout, stop)]) : finished);
      assertSafeKeys(result, `rollout job ${jobId}`);
      if (holder && result.worker !== holder) throw new Error(`rollout ${task.rollout} came back from ${result.worker}, not from ${holder} which holds its environments`);
      this.holders.set(key, result.worker);
      return decodeTrajectories(result.trajectories);
    } catch (err) {
      throw new Error(`rollout ${task.rollout} of iteration ${task.iteration}: ${errorMessage(err)}`);
    } finally {
      stop.done = true;
      await job.remove().catch(() => undefined);
    }
  }

  collect(tasks: readonly RolloutTask[], weights: Float32Array): Promise<Trajectories[]> {
    const work = Promise.all(tasks.map((t) => this.one(t, weights)));
    work.catch(() => undefined); // when the server's loss wins the race, what the jobs say later is nobody's
    return this.watch.guard(work);
  }

  /** Tells the processes that held the run's rollouts to drop their environments. */
  async release(runId: string): Promise<void> {
    const prefix = `${this.id}/${runId}/`;
    const holders = new Set([...this.holders].filter(([k]) => k.startsWith(prefix)).map(([, w]) => w));
    for (const k of [...this.holders.keys()]) if (k.startsWith(prefix)) this.holders.delete(k);
    await settleWithin(
      [...holders].map(async (w) =>
        (await this.handle(`${this.name}.${w}`)).add('release', { runId: `${this.id}/${runId}`, version: packageVersion() }, { removeOnComplete: true, removeOnFail: true }),
      ),
      2000,
    );
  }

  async close(): Promise<void> {
    const dead = this.watch.isDead;
    this.watch.stop();
    const all = [...this.queues.values()];
    await settleWithin(
      all.map((q) => (dead ? q.disconnect() : q.close())),
      dead ? 2000 : 5000,
    );
    this.alive.disconnect();
  }
}

export interface RolloutWorkerOptions {
  queue?: string;
  /** Rollout threads, and rollouts run at once. */
  workers?: number;
  lockDuration?: number;
  log?: (line: string) => void;
}

export interface RunningRolloutWorker {
  readonly id: string;
  /** Stops taking rollouts: after those in hand, or at once with `force` (the server is gone). */
  stop(force?: boolean): Promise<void>;
}

/**
 * The worker's side: takes first tasks off the shared queue and later ones off its own, runs them
 * on rollout threads (started with the first task) and says it is alive every second.
 */
export async function startRolloutWorker(url: string, options: RolloutWorkerOptions = {}): Promise<RunningRolloutWorker> {
  const name = options.queue ?? DEFAULT_ROLLOUT_QUEUE;
  const workers = Math.max(1, options.workers ?? 1);
  const lockDuration = options.lockDuration ?? 30_000;
  const log = options.log ?? (() => {});
  const id = processId();
  await probe(url, 10_000);
  let pool: RolloutPool | null = null;
  const process_ = async (job: Job<RolloutJobData | { runId: string; version: string }>): Promise<RolloutJobResult | null> => {
    assertSafeKeys(job.data, `queue job ${job.id}`); // JSON from Redis: refuse keys that reach prototypes
    if (job.data.version !== packageVersion()) throw new Error(`worker runs aftershock ${packageVersion()}, the job was submitted by ${job.data.version}`);
    if (job.name === 'release') {
      await pool?.release((job.data as { runId: string }).runId);
      return null;
    }
    const d = job.data as RolloutJobData;
    pool ??= new RolloutPool({ workers, forceThreads: true });
    const [t] = await pool.collect([d.task], decodeArray<Float32Array>(d.weights, 'f32'));
    log(`rollout ${d.task.rollout} of iteration ${d.task.iteration}: ${t.numEnvs * t.numSteps} transitions`);
    return { worker: id, trajectories: encodeTrajectories(t) };
  };
  const opts = { connection: connection(url, true), concurrency: workers, lockDuration, stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)), autorun: false };
  const shared = new Worker(name, process_, opts);
  const own = new Worker(`${name}.${id}`, process_, opts);
  let lastError = '';
  for (const w of [shared, own]) {
    w.on('error', (err) => {
      if (err.message !== lastError) log(`redis: ${err.message}`);
      lastError = err.message;
    });
  }
  const alive = new Redis(url, { maxRetriesPerRequest: 1 });
  alive.on('error', () => undefined);
  const beat = () => alive.set(aliveKey(name, id), '1', 'PX', ALIVE_TTL_MS).catch(() => undefined);
  try {
    await readyOrFail(shared, url, 10_000);
    await readyOrFail(own, url, 10_000);
    await beat();
  } catch (err) {
    await settleWithin([shared.disconnect(), own.disconnect()], 2000);
    alive.disconnect();
    throw err;
  }
  const timer = setInterval(() => void beat(), ALIVE_EVERY_MS);
  let ending: Promise<void> | null = null;
  const end = (force: boolean) =>
    (ending ??= (async () => {
      // gracefully: finish the rollouts in hand; forced (the server is gone): drop them, their
      // submitter has failed already, and a close would wait for the server
      if (force) await settleWithin([shared.close(true), own.close(true), shared.disconnect(), own.disconnect()], 2000);
      else await Promise.all([shared.close(), own.close()]);
      clearInterval(timer);
      if (!force) await settleWithin([alive.del(aliveKey(name, id))], 1000);
      alive.disconnect();
      await pool?.close();
    })());
  for (const w of [shared, own]) w.run().catch((err: Error) => log(`redis: ${err.message}`));
  log(`rollout worker ready: queue ${name} (and ${name}.${id}) at ${where(url)}`);
  return {
    id,
    stop: (force = false) => end(force),
  };
}
