/**
 * What `run --paths N` and `sweep` share: the execution flags (workers, backend, retries), the
 * executor they choose, and running the paths behind a checkpoint and a progress bar.
 */
import type { Command } from 'commander';
import { numberFlag } from './common.js';
import { progressBar } from '../util/progress.js';
import { LocalPool, defaultWorkers } from '../parallel/pool.js';
import { parseBackendUrl, checkQueueName, backendTimeoutFlag, DEFAULT_BATCH, DEFAULT_QUEUE } from '../parallel/backendOptions.js';
import { Checkpoint, checkpointPath, type RunIdentity } from '../parallel/checkpoint.js';
import { runPaths, type RunPathsResult } from '../parallel/runPaths.js';
import { DEFAULT_MAX_ATTEMPTS, type PathExecutor, type PathFailure } from '../parallel/executor.js';
import type { ScenarioSource } from '../parallel/pathTask.js';

export interface ExecutionFlags {
  workers?: string;
  backend?: string;
  queue?: string;
  batch?: string;
  attempts?: string;
  backendTimeout?: string;
  resume?: boolean;
  quiet?: boolean;
  json?: boolean;
}

/** Adds the execution flags to a command. */
export function executionOptions(cmd: Command): Command {
  return cmd
    .option('--workers <W>', `worker threads (default: the machine's cores, ${defaultWorkers()} here; 1 runs in this process)`)
    .option('--resume', 'continue an interrupted run from its checkpoint')
    .option('--attempts <K>', `tries per path before it is reported as failed (default ${DEFAULT_MAX_ATTEMPTS}; with --backend, the queue workers apply it)`)
    .option('--backend <URL>', 'run the paths through a Redis queue (redis://HOST:PORT) taken by `aftershock worker` processes')
    .option('--queue <NAME>', `queue name with --backend (default ${DEFAULT_QUEUE})`)
    .option('--backend-timeout <DURATION>', 'with --backend: how long the Redis server may stay unreachable before the run fails, keeping its checkpoint (default 60s)')
    .option('--batch <B>', `paths per queued job with --backend (default ${DEFAULT_BATCH})`);
}

export function isQuiet(flags: ExecutionFlags): boolean {
  return Boolean(flags.quiet) || (Boolean(flags.json) && !process.stderr.isTTY);
}

/** Checks the execution flags (bad values are bad input, exit 2) before anything runs. */
export function checkExecutionFlags(flags: ExecutionFlags): { workers: number; attempts: number; backend?: string; queue: string; batch: number; backendTimeoutMs: number } {
  const workers = numberFlag('workers', flags.workers, { min: 1, max: 1024, integer: true }) ?? defaultWorkers();
  const attempts = numberFlag('attempts', flags.attempts, { min: 1, max: 100, integer: true }) ?? DEFAULT_MAX_ATTEMPTS;
  const batch = numberFlag('batch', flags.batch, { min: 1, max: 100000, integer: true }) ?? DEFAULT_BATCH;
  const backend = flags.backend === undefined ? undefined : parseBackendUrl(flags.backend);
  const queue = checkQueueName(flags.queue ?? DEFAULT_QUEUE);
  const backendTimeoutMs = backendTimeoutFlag(flags.backendTimeout);
  return { workers, attempts, backend, queue, batch, backendTimeoutMs };
}

export async function makeExecutor(flags: ExecutionFlags): Promise<PathExecutor> {
  const x = checkExecutionFlags(flags);
  if (x.backend) {
    const { RedisExecutor } = await import('../parallel/redisBackend.js');
    const log = (line: string) => process.stderr.write(`aftershock: ${line}\n`);
    return RedisExecutor.connect(x.backend, { queue: x.queue, batchSize: x.batch, attempts: x.attempts, backendTimeoutMs: x.backendTimeoutMs, log });
  }
  return new LocalPool({ workers: x.workers, maxAttempts: x.attempts });
}

/** The failed paths for a one-line message: the first ten, and the first error. */
export function failureList(failures: PathFailure[], name: (f: PathFailure) => string): string {
  const shown = failures.slice(0, 10).map(name).join(', ');
  return `${shown}${failures.length > 10 ? `, … (${failures.length - 10} more in summary.json)` : ''} (first error: ${failures[0].error})`;
}

export interface ExecuteOptions {
  cells: ScenarioSource[];
  seed: number;
  paths: number;
  identity: RunIdentity;
  resultsDir: string;
  flags: ExecutionFlags;
  executor: PathExecutor;
}

/**
 * Runs the paths with a checkpoint beside `resultsDir` and a progress bar on stderr. The
 * checkpoint is left in place; the caller removes it once the results are written.
 */
export async function executeWithCheckpoint(o: ExecuteOptions): Promise<RunPathsResult & { checkpoint: Checkpoint }> {
  const checkpoint = Checkpoint.open(checkpointPath(o.resultsDir), o.identity, Boolean(o.flags.resume));
  const total = o.cells.length * o.paths;
  const bar = progressBar(total, 'paths', isQuiet(o.flags));
  try {
    const result = await runPaths({ cells: o.cells, seed: o.seed, paths: o.paths, executor: o.executor, checkpoint, onProgress: (d) => bar.update(d) });
    return { ...result, checkpoint };
  } catch (err) {
    checkpoint.close();
    throw err;
  } finally {
    bar.stop();
    await o.executor.close();
  }
}
