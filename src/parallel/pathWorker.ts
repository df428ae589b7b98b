/**
 * The worker-thread entry point of the path pool (piscina calls the default export with a task).
 * Each thread keeps its own scenario cache, so a scenario is parsed and its market prepared once
 * per thread. Test-only faults (see faults.ts) are injected here and only here.
 */
import { ScenarioCache, runPathTask, type PathTask } from './pathTask.js';
import { faultFor, parseFaults } from './faults.js';
import type { PathRecord } from './pathRecord.js';

const cache = new ScenarioCache();
const faults = parseFaults(process.env.AFTERSHOCK_FAULT_PATHS);

/** Runs a task; `null` is a no-op that only proves the thread is up (see LocalPool.warmUp). */
export default function runTask(task: PathTask | null): PathRecord[] {
  if (task === null) return [];
  for (const p of task.paths) {
    const fault = faultFor(faults, task.cell, p, task.attempt);
    if (fault?.kind === 'crash') process.exit(70); // in a worker thread this ends the thread, like a crash
    if (fault?.kind === 'throw') throw new Error(`injected fault at path ${p} (attempt ${task.attempt})`);
  }
  return runPathTask(task, cache);
}
