/**
 * What runs path batches: the local pool (pool.ts) or the Redis queue (redisBackend.ts). Both give
 * back, per batch, the records of the paths that succeeded and the paths that kept failing after
 * their retries; the run loop (runPaths.ts) does not care which.
 */
import type { PathRecord } from './pathRecord.js';
import type { ScenarioSource } from './pathTask.js';

export interface PathFailure {
  cell: number;
  path: number;
  /** deriveSeed(run seed, path): with the scenario, what reproduces the failure. */
  pathSeed: number;
  attempts: number;
  error: string;
}

export interface BatchOutcome {
  records: PathRecord[];
  failures: PathFailure[];
}

export interface PathExecutor {
  /** How many paths to put in one batch (1 locally; more through a queue, to amortise its round trips). */
  readonly batchSize: number;
  /** Human-readable description for logs and the manifest, e.g. "2 worker threads". */
  readonly description: string;
  run(scenario: ScenarioSource, seed: number, cell: number, paths: number[]): Promise<BatchOutcome>;
  close(): Promise<void>;
}

/** Default number of tries per path before it is reported as failed. */
export const DEFAULT_MAX_ATTEMPTS = 3;

export function errorMessage(err: unknown): string {
  const e = err as Error;
  return (e?.message ?? String(err)).split('\n')[0];
}
