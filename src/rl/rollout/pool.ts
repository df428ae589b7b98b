/**
 * The local rollout executor: this thread when W = 1, else W worker threads (piscina, one thread
 * per pool so that a task can be routed to a given thread). Rollout r always goes to thread r mod W,
 * where its collector keeps its environments between iterations; each thread receives its rollouts
 * of an iteration in one message, with the weights as its own Float32Array copy. Results come back
 * in task order, so the learner's batch (and the weights it trains) are the same at any W.
 *
 * Threads run compiled JavaScript when this file is compiled (dist/), and go through a small `.mjs`
 * shim that registers tsx when running from the TypeScript sources (as the path pool does).
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { errorMessage } from '../../parallel/executor.js';
import { CollectorStore, runRollout } from './collector.js';
import type { RolloutExecutor } from './executor.js';
import type { WorkerMessage } from './rolloutWorker.js';
import type { RolloutTask, Trajectories } from './task.js';

export interface RolloutPoolOptions {
  /** Worker threads; 1 runs rollouts in this thread (default 1). */
  workers?: number;
  /** Use a thread even for W = 1 (to measure a thread's cost, or keep this thread free). */
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
  private readonly threads: Piscina[];
  private readonly local = new CollectorStore();
  /** Rejects when a thread fails to start or dies: its collectors are gone, so training cannot go on. */
  private readonly broken: Promise<never>;

  constructor(options: RolloutPoolOptions = {}) {
    this.workers = Math.max(1, Math.floor(options.workers ?? 1));
    const useThreads = this.workers > 1 || Boolean(options.forceThreads);
    const filename = rolloutWorkerFilename();
    this.threads = useThreads ? Array.from({ length: this.workers }, () => new Piscina({ filename, minThreads: 1, maxThreads: 1, idleTimeout: 60_000 })) : [];
    this.description = useThreads ? `${this.workers} worker thread${this.workers > 1 ? 's' : ''}` : 'in-process';
    this.broken = new Promise<never>((_, reject) => {
      for (const t of this.threads) t.on('error', (err: Error) => reject(new Error(`a rollout worker thread failed: ${errorMessage(err)}`)));
    });
    this.broken.catch(() => undefined); // observed through collect()
  }

  /** Resolves once every thread has started and loaded the environments (its start-up cost, timed apart). */
  async warmUp(): Promise<void> {
    await Promise.race([Promise.all(this.threads.map((t) => t.run(null satisfies WorkerMessage))), this.broken]);
  }

  private async inThisThread(tasks: readonly RolloutTask[], weights: Float32Array): Promise<Trajectories[]> {
    const out: Trajectories[] = [];
    for (const task of tasks) {
      await new Promise((r) => setImmediate(r)); // let timers and signals through between rollouts
      out.push(runRollout(this.local, task, weights));
    }
    return out;
  }

  /**
   * One message per thread with all of its rollouts, so that a thread does not wait for a round
   * trip through this thread between two of them. (Inside CartPole training the gain is lost in
   * the cold start after each update: bench/cartpole.ts, and the README's figures.)
   */
  async collect(tasks: readonly RolloutTask[], weights: Float32Array): Promise<Trajectories[]> {
    if (this.threads.length === 0) return this.inThisThread(tasks, weights);
    const W = this.threads.length;
    const byThread = this.threads.map((_, w) => tasks.filter((t) => t.rollout % W === w));
    const onThread = (w: number): Promise<Trajectories[]> => {
      const mine = byThread[w];
      if (mine.length === 0) return Promise.resolve([]);
      // Copied by the message, never transferred: a transfer detaches an ArrayBuffer in this
      // thread, and V8 then drops every optimisation that assumed no buffer was ever detached
      // (its "ArrayBufferDetaching" protector), leaving all later typed-array code in this thread
      // slower for good (rollouts in this thread took 35 % longer after one transfer).
      const run = this.threads[w].run({ kind: 'collect', tasks: mine, weights } satisfies WorkerMessage) as Promise<Trajectories[]>;
      // a failing rollout names itself (runRollout); a thread that died names the rollouts it held
      return run.catch((err: unknown) => {
        const text = errorMessage(err);
        throw new Error(text.startsWith('rollout ') ? text : `rollouts ${mine.map((t) => t.rollout).join(', ')} of iteration ${mine[0].iteration}: ${text}`);
      });
    };
    const results = await Promise.race([Promise.all(this.threads.map((_, w) => onThread(w))), this.broken]);
    const next = new Array<number>(W).fill(0);
    return tasks.map((t) => results[t.rollout % W][next[t.rollout % W]++]);
  }

  async release(runId: string): Promise<void> {
    this.local.release(runId);
    await Promise.all(this.threads.map((t) => t.run({ kind: 'release', runId } satisfies WorkerMessage)));
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close({ force: true })));
  }
}
