/**
 * The local rollout executor: this thread alone when W = 1; else this thread and W − 1 worker
 * threads (rolloutThread.ts), rollout r running on thread r mod W, this thread being thread 0.
 * A rollout's collector stays on its thread, keeping its environments between iterations. Each
 * worker thread receives its rollouts of an iteration in one message, with the weights as its own
 * Float32Array copy, and this thread runs its own share meanwhile (before, it sat idle while two
 * workers woke up, and the second of two woke 0.8 ms late on these 2-core machines). Results come
 * back in task order, so the learner's batch (and the weights it trains) are the same at any W.
 *
 * With `forceThreads` (a remote rollout worker, whose main thread serves the queue) every rollout
 * runs on a worker thread, W of them, and this thread only waits.
 *
 * Threads run compiled JavaScript when this file is compiled (dist/), and go through a small `.mjs`
 * shim that registers tsx when running from the TypeScript sources (as the path pool does).
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../../parallel/executor.js';
import { CollectorStore, runRollout } from './collector.js';
import type { RolloutExecutor } from './executor.js';
import type { WorkerMessage } from './rolloutWorker.js';
import { RolloutThread } from './rolloutThread.js';
import type { RolloutTask, Trajectories } from './task.js';

/**
 * How long a thread that has finished watches for work (or an answer) before it sleeps: longer
 * than the wait for the other thread's share of a CartPole iteration, short beside a learner's
 * update, during which a worker's core is otherwise idle.
 */
const SPIN_MS = 2;

export interface RolloutPoolOptions {
  /** Threads that run rollouts, this one included (default 1: this thread alone). */
  workers?: number;
  /** Run every rollout on W worker threads, none in this thread (to keep this thread free). */
  forceThreads?: boolean;
}

/** The worker entry for this build: compiled JS next to this file, or the tsx shim beside the sources. */
export function rolloutWorkerFilename(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return here.replace(/pool\.js$/, 'rolloutWorker.js');
  return here.replace(/pool\.ts$/, 'rolloutWorker.shim.mjs');
}

export class RolloutPool implements RolloutExecutor {
  readonly workers: number;
  readonly description: string;
  private readonly threads: RolloutThread[];
  /** Whether this thread runs a share (thread 0), or every rollout goes to a worker thread. */
  private readonly shareHere: boolean;
  private readonly local = new CollectorStore();
  /** How long this thread watches for the worker threads' answers once its own share is done. */
  private readonly spinMs: number;
  /** Set when a thread fails to start or dies: its collectors are gone, so training cannot go on. */
  private failure: Error | null = null;

  constructor(options: RolloutPoolOptions = {}) {
    this.workers = Math.max(1, Math.floor(options.workers ?? 1));
    const forced = Boolean(options.forceThreads);
    this.shareHere = !forced;
    const count = forced ? this.workers : this.workers - 1;
    // spinning helps only while every busy thread has a core of its own (this one included: it
    // runs a share, or serves a queue); beyond that it takes one
    const fits = count + 1 <= availableParallelism();
    this.spinMs = fits && this.shareHere ? SPIN_MS : 0;
    const filename = rolloutWorkerFilename();
    const fail = (err: Error) => {
      this.failure ??= new Error(`a rollout worker thread failed: ${errorMessage(err)}`);
    };
    this.threads = Array.from({ length: count }, () => new RolloutThread(filename, fits ? SPIN_MS : 0, fail));
    this.description = count === 0 ? 'in-process' : forced ? `${count} worker thread${count > 1 ? 's' : ''}` : `this thread and ${count} worker thread${count > 1 ? 's' : ''}`;
  }

  /** Resolves once every thread has started and loaded the environments (its start-up cost, timed apart). */
  async warmUp(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.run(null satisfies WorkerMessage)));
  }

  /** The thread of rollout r: −1 for this thread, else an index into `threads`. */
  private threadOf(rollout: number): number {
    return this.shareHere ? (rollout % this.workers) - 1 : rollout % this.workers;
  }

  private async inThisThread(tasks: readonly RolloutTask[], weights: Float32Array): Promise<Trajectories[]> {
    const out: Trajectories[] = [];
    for (const task of tasks) {
      // let timers and signals through between rollouts (the caller has just yielded before the first)
      if (out.length > 0) await new Promise((r) => setImmediate(r));
      out.push(runRollout(this.local, task, weights));
    }
    return out;
  }

  async collect(tasks: readonly RolloutTask[], weights: Float32Array): Promise<Trajectories[]> {
    for (const t of tasks) {
      // a rollout's thread is its index mod W: anything else would have no thread to run it
      if (!Number.isSafeInteger(t.rollout) || t.rollout < 0) throw new Error(`rollout ${t.rollout} of iteration ${t.iteration}: a rollout index is an integer from 0`);
    }
    const byThread = this.threads.map((_, w) => tasks.filter((t) => this.threadOf(t.rollout) === w));
    // Copied by the message, never transferred: a transfer detaches an ArrayBuffer in this
    // thread, and V8 then drops every optimisation that assumed no buffer was ever detached
    // (its "ArrayBufferDetaching" protector), leaving all later typed-array code in this thread
    // slower for good (rollouts in this thread took 35 % longer after one transfer).
    const fromThreads = Promise.all(
      this.threads.map((thread, w) => {
        const mine = byThread[w];
        if (mine.length === 0) return Promise.resolve([] as Trajectories[]);
        const run = thread.run({ kind: 'collect', tasks: mine, weights } satisfies WorkerMessage) as Promise<Trajectories[]>;
        // a failing rollout names itself (runRollout); a thread that died names the rollouts it held
        return run.catch((err: unknown) => {
          const text = errorMessage(err);
          throw new Error(text.startsWith('rollout ') ? text : `rollouts ${mine.map((t) => t.rollout).join(', ')} of iteration ${mine[0].iteration}: ${text}`);
        });
      }),
    );
    fromThreads.catch(() => undefined); // awaited below, unless this thread's share fails first
    // (a thread that dies rejects what it holds, named above: no other watch is needed)
    const here = await this.inThisThread(
      tasks.filter((t) => this.threadOf(t.rollout) === -1),
      weights,
    );
    const deadline = performance.now() + this.spinMs;
    for (const thread of this.threads) thread.spinUntilAnswered(deadline);
    const results = await fromThreads;
    // a thread that held none of these rollouts may have died too: its collectors are gone
    if (this.failure) throw this.failure;
    const next = new Array<number>(this.threads.length).fill(0);
    let nextHere = 0;
    return tasks.map((t) => {
      const w = this.threadOf(t.rollout);
      return w < 0 ? here[nextHere++] : results[w][next[w]++];
    });
  }

  async release(runId: string): Promise<void> {
    this.local.release(runId);
    await Promise.all(this.threads.map((t) => t.run({ kind: 'release', runId } satisfies WorkerMessage)));
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}
