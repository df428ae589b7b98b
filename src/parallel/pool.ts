/**
 * The local path pool: W worker threads (piscina), or this thread when W = 1.
 *
 * Each path is its own task, so a crash costs at most one path's work, and a finished path can be
 * checkpointed at once. A task that throws, or whose thread dies (piscina replaces the thread), is
 * tried again up to `maxAttempts` times; a path that keeps failing is returned as a failure, never
 * thrown, so the rest of the run goes on.
 *
 * Threads run compiled JavaScript when this file is compiled (dist/), and go through a small
 * `.mjs` shim that registers tsx when it runs from TypeScript sources (tsx hooks only the main
 * thread on Node 20; see STACK.md).
 */
import { availableParallelism, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { deriveSeed } from '../util/rng.js';
import { ScenarioCache, pathTask, runPathTask, type ScenarioSource, type PathTask } from './pathTask.js';
import type { PathRecord } from './pathRecord.js';
import { DEFAULT_MAX_ATTEMPTS, errorMessage, type BatchOutcome, type PathExecutor } from './executor.js';

export interface LocalPoolOptions {
  /** Worker threads; 1 runs paths in this thread. Default: the machine's cores. */
  workers?: number;
  maxAttempts?: number;
  /** Use threads even for W = 1 (a worker process must keep its event loop free for queue locks). */
  forceThreads?: boolean;
}

/**
 * The young generation of a path thread, in MB (V8's default is a fraction of this). A path builds
 * two worlds that live through it and die at its end; with the default, they outlived two
 * scavenges, were promoted, and a full mark-compact followed every four paths or so (the demo at
 * W = 1: 122 scavenges and 23 mark-compacts per 100 paths). With this much room most of a path's
 * objects die young: two threads ran the demo at 86–93 paths/s (four runs) instead of 84–85 (three
 * runs), and with 21.2–22.7 ms of CPU a path instead of 23.0–23.4. The main thread's young
 * generation (W = 1) can only be set on the command line (`node --max-semi-space-size=64`, which
 * made it about 5 % faster).
 */
const PATH_THREAD_YOUNG_GENERATION_MB = 192;
/** V8's own young generation for a thread on Node 20, in MB: never set less than this. */
const DEFAULT_YOUNG_GENERATION_MB = 48;

/**
 * Each thread's young generation: PATH_THREAD_YOUNG_GENERATION_MB, unless all threads' together
 * would take more than an eighth of the machine's memory (many threads on a small machine), then
 * that share, and never less than V8's default.
 */
export function youngGenerationMb(threads: number, machineBytes = totalmem()): number {
  const share = Math.floor(machineBytes / 8 / 2 ** 20 / Math.max(1, threads));
  return Math.max(DEFAULT_YOUNG_GENERATION_MB, Math.min(PATH_THREAD_YOUNG_GENERATION_MB, share));
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** The worker entry for this build: compiled JS next to this file, or the tsx shim beside the sources. */
export function workerFilename(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return here.replace(/pool\.js$/, 'pathWorker.js');
  return here.replace(/pool\.ts$/, 'pathWorker.shim.mjs');
}

export class LocalPool implements PathExecutor {
  readonly batchSize = 1;
  readonly workers: number;
  readonly description: string;
  private readonly maxAttempts: number;
  private readonly piscina: Piscina | null;
  private readonly cache = new ScenarioCache();
  /** In-process runs go one at a time: the chain orders them. */
  private chain: Promise<unknown> = Promise.resolve();
  /**
   * Rejects when a thread cannot even start (piscina then stops replacing threads, and queued
   * tasks would wait for ever): the pool is unusable and the run must fail, not hang.
   */
  private readonly broken: Promise<never>;
  private fatal: Error | null = null;

  constructor(options: LocalPoolOptions = {}) {
    this.workers = Math.max(1, Math.floor(options.workers ?? defaultWorkers()));
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const threads = this.workers > 1 || Boolean(options.forceThreads);
    this.piscina = threads
      ? new Piscina({
          filename: workerFilename(),
          minThreads: this.workers,
          maxThreads: this.workers,
          idleTimeout: 60_000,
          resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb(this.workers) },
        })
      : null;
    this.description = threads ? `${this.workers} worker thread${this.workers > 1 ? 's' : ''}` : 'in-process';
    this.broken = new Promise<never>((_, reject) => {
      this.piscina?.on('error', (err: Error) => {
        this.fatal = new Error(`a worker thread could not start: ${errorMessage(err)}`);
        reject(this.fatal);
      });
    });
    this.broken.catch(() => undefined); // observed through run()
  }

  /**
   * Resolves once threads have started and loaded the simulator: one no-op task per thread (all
   * threads start together at construction, so this measures the start cost of a thread).
   */
  async warmUp(): Promise<void> {
    if (this.piscina) await Promise.race([Promise.all(Array.from({ length: this.workers }, () => this.piscina!.run(null))), this.broken]);
  }

  private async once(task: PathTask): Promise<PathRecord[]> {
    if (this.piscina) return (await Promise.race([this.piscina.run(task), this.broken])) as PathRecord[];
    const run = this.chain.then(async () => {
      await new Promise((r) => setImmediate(r)); // let signals, timers and progress through between paths
      return runPathTask(task, this.cache);
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Runs a batch; `maxAttempts` overrides the pool's own (a queue job carries its submitter's). */
  async run(scenario: ScenarioSource, seed: number, cell: number, paths: number[], maxAttempts = this.maxAttempts): Promise<BatchOutcome> {
    const out: BatchOutcome = { records: [], failures: [] };
    for (const path of paths) {
      let lastError: unknown;
      let attempt = 1;
      for (; attempt <= maxAttempts; attempt++) {
        try {
          out.records.push(...(await this.once(pathTask(scenario, seed, cell, [path], attempt))));
          lastError = undefined;
          break;
        } catch (err) {
          if (this.fatal) throw this.fatal;
          lastError = err;
        }
      }
      if (lastError !== undefined) {
        out.failures.push({ cell, path, pathSeed: deriveSeed(seed, path), attempts: maxAttempts, error: errorMessage(lastError) });
      }
    }
    return out;
  }

  async close(): Promise<void> {
    if (this.piscina) await this.piscina.close({ force: true });
  }
}
