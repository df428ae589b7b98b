/**
 * Running N paths of one or more scenario cells (a plain run is one cell; a sweep has one per grid
 * point) on an executor, with a checkpoint. Path i of every cell uses the same seed,
 * deriveSeed(seed, i), so sweep cells run on common random numbers and differ only by their
 * parameters. Results are gathered per cell and sorted by path index, so they depend neither on
 * the number of workers nor on the order in which paths finish.
 */
import { deriveSeed } from '../util/rng.js';
import { entryKey, type Checkpoint } from './checkpoint.js';
import type { PathExecutor, PathFailure } from './executor.js';
import type { PathRecord } from './pathRecord.js';
import type { ScenarioSource } from './pathTask.js';

export interface RunPathsOptions {
  cells: ScenarioSource[];
  seed: number;
  paths: number;
  executor: PathExecutor;
  checkpoint?: Checkpoint;
  /** Called with the number of paths finished (or failed) so far, out of cells × paths. */
  onProgress?: (done: number) => void;
}

export interface RunPathsResult {
  /** Per cell, the records of the paths that finished, sorted by path index. */
  records: PathRecord[][];
  /** Paths that kept failing, sorted by cell then path. */
  failures: PathFailure[];
  /** Paths taken from the checkpoint rather than run now. */
  resumed: number;
}

export async function runPaths(o: RunPathsOptions): Promise<RunPathsResult> {
  const byCell: PathRecord[][] = o.cells.map(() => []);
  const failures: PathFailure[] = [];
  let resumed = 0;
  if (o.checkpoint) {
    for (const e of o.checkpoint.done.values()) {
      byCell[e.cell].push(e.record);
      resumed++;
    }
  }
  let done = resumed;
  o.onProgress?.(done);

  // batches are fixed blocks of path indices (block k holds paths kB … kB+B−1, less those already
  // done), so a resumed run asks for the same batches as the run it resumes wherever it can
  const batches: { cell: number; paths: number[] }[] = [];
  const B = Math.max(1, o.executor.batchSize);
  for (let c = 0; c < o.cells.length; c++) {
    for (let start = 0; start < o.paths; start += B) {
      const batch: number[] = [];
      for (let i = start; i < Math.min(o.paths, start + B); i++) if (!o.checkpoint?.done.has(entryKey(c, i))) batch.push(i);
      if (batch.length) batches.push({ cell: c, paths: batch });
    }
  }

  await Promise.all(
    batches.map(async ({ cell, paths }) => {
      // an executor that cannot run a batch at all (a lost queue connection) rejects: the run fails
      const outcome = await o.executor.run(o.cells[cell], o.seed, cell, paths);
      const wanted = new Set(paths);
      const fresh = outcome.records.filter((r) => wanted.delete(r.path));
      o.checkpoint?.append(fresh.map((record) => ({ cell, record })));
      byCell[cell].push(...fresh);
      const failed = outcome.failures.filter((f) => wanted.delete(f.path));
      for (const path of wanted) failed.push({ cell, path, pathSeed: deriveSeed(o.seed, path), attempts: 0, error: 'the executor returned no result for this path' });
      failures.push(...failed);
      done += fresh.length + failed.length;
      o.onProgress?.(done);
    }),
  );

  for (const records of byCell) records.sort((a, b) => a.path - b.path);
  failures.sort((a, b) => a.cell - b.cell || a.path - b.path);
  return { records: byCell, failures, resumed };
}
