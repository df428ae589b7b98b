/**
 * The library's one call: run a scenario file as the CLI's `run` does, and get the figures back
 * instead of a results folder. One path gives its RunSummary (summary.json) with the path's own
 * records (timeseries columns, events, starting state); N paths give the PathsSummary (tail
 * metrics over paths) with one PathRecord per path (the rows of paths.csv). Nothing is written.
 *
 *   const r = await runScenario('scenarios/demo.yaml', { paths: 100, workers: 2, seed: 7 });
 *   if (r.kind === 'paths') console.log(r.summary.badDebt.es99);
 *
 * Determinism is the CLI's: the same file, overrides and seed give the same figures with any
 * number of workers. Bad input throws an InputError (its message is the CLI's line).
 */
import { loadScenario, locateError, type LoadedScenario } from '../scenario/load.js';
import { runPath } from '../sim/run.js';
import { buildWorld, type EventDetail, type SimEvent } from '../sim/world.js';
import { summarise, type RunSummary } from '../report/summary.js';
import { summarisePaths, type PathsSummary } from '../report/pathsSummary.js';
import { startState, type StartState } from '../report/startState.js';
import type { PathRecord } from '../parallel/pathRecord.js';
import type { PathFailure } from '../parallel/executor.js';
import { LocalPool, defaultWorkers } from '../parallel/pool.js';
import { runPaths } from '../parallel/runPaths.js';
import { scenarioSource } from '../parallel/pathTask.js';
import { InputError } from '../util/errors.js';
import { createAgent } from '../../agents/index.js';

export interface RunScenarioOptions {
  /** Paths to run (default 1). More than one gives tail metrics over paths. */
  paths?: number;
  /** Worker threads for N paths (default: the machine's cores; 1 runs them in this thread). */
  workers?: number;
  /** Seed (default: the scenario file's). */
  seed?: number;
  /** `path=value` overrides, as `--set` takes them. */
  overrides?: string[];
  /** With one path: which path index to run (default 0). */
  path?: number;
  /** With one path: `all` also records swaps and agents' decisions (`run --events all`). */
  events?: EventDetail;
  /** Verify the accounting invariants at every step. */
  checkInvariants?: boolean;
}

/** One path: its summary and its own records. */
export interface PathRun {
  kind: 'path';
  summary: RunSummary;
  /** timeseries.csv as columns: name → one value per step. */
  timeseries: Record<string, Float64Array>;
  /** events.jsonl's events. */
  events: SimEvent[];
  /** The world before its first step (start.json). */
  start: StartState;
}

/** N paths: the distribution over paths and one record per path. */
export interface PathsRun {
  kind: 'paths';
  summary: PathsSummary;
  /** One per finished path, sorted by index (the rows of paths.csv). */
  records: PathRecord[];
  /** Paths that kept failing (also in summary.failedPaths). */
  failures: PathFailure[];
  /** Path 0's world before its first step (start.json). */
  start: StartState;
}

function check(name: string, x: number | undefined, min: number): void {
  if (x !== undefined && !(Number.isInteger(x) && x >= min)) throw new InputError(`expected an integer >= ${min}, got ${x}`, undefined, undefined, name);
}

export async function runScenario(file: string, options: RunScenarioOptions = {}): Promise<PathRun | PathsRun> {
  const paths = options.paths ?? 1;
  check('paths', paths, 1);
  check('workers', options.workers, 1);
  check('seed', options.seed, 0);
  check('path', options.path, 0);
  if (paths > 1 && options.path !== undefined) throw new InputError('path picks the one path to run; it cannot be combined with paths > 1', undefined, undefined, 'path');
  if (paths > 1 && options.events === 'all') throw new InputError('events are recorded for one path; run a path of interest with { path: i, events: "all" }', undefined, undefined, 'events');
  const loaded = loadScenario(file, options.overrides ?? []);
  const seed = options.seed ?? loaded.scenario.seed;
  return paths === 1 ? onePath(loaded, seed, options) : manyPaths(loaded, seed, paths, options);
}

function onePath(loaded: LoadedScenario, seed: number, o: RunScenarioOptions): PathRun {
  let start: StartState | undefined;
  try {
    const result = runPath(loaded, { createAgent, seed, path: o.path ?? 0, checkInvariants: o.checkInvariants, events: o.events }, undefined, (w) => (start = startState(w)));
    const m = result.world.metrics;
    const timeseries = Object.fromEntries(m.columns.map((c, i) => [c, m.data[i]]));
    return { kind: 'path', summary: summarise(loaded, result), timeseries, events: result.world.events, start: start! };
  } catch (err) {
    throw locateError(err, loaded);
  }
}

async function manyPaths(loaded: LoadedScenario, seed: number, paths: number, o: RunScenarioOptions): Promise<PathsRun> {
  let start: StartState;
  try {
    // path 0's world, built before any worker starts: input errors found only while building surface here
    start = startState(buildWorld(loaded, { createAgent, seed, path: 0, recordEvents: false }));
  } catch (err) {
    throw locateError(err, loaded);
  }
  const executor = new LocalPool({ workers: o.workers ?? defaultWorkers() });
  try {
    const run = await runPaths({ cells: [scenarioSource(loaded, o.checkInvariants || undefined)], seed, paths, executor });
    const records = run.records[0];
    return { kind: 'paths', summary: summarisePaths(loaded, seed, paths, records, run.failures), records, failures: run.failures, start };
  } finally {
    await executor.close();
  }
}
