/**
 * A unit of path work, as it travels to a worker thread or through the Redis queue: the scenario's
 * own text (not a file name, so every worker simulates exactly the scenario that was submitted,
 * checked by its SHA-256), the run seed, a sweep cell and the path indices to run.
 *
 * Running it is the same function everywhere (in-process, worker thread, remote worker), so a
 * path's record depends only on (scenario, overrides, seed, path index).
 */
import { parseScenario, readScenarioText, type LoadedScenario } from '../scenario/load.js';
import { prepareMarket, type PreparedMarket } from '../market/generate.js';
import { runPath } from '../sim/run.js';
import { packageVersion } from '../util/version.js';
import { toPathRecord, type PathRecord } from './pathRecord.js';

/** A scenario as submitted: its text, where it came from, the `--set` overrides and the hash of both. */
export interface ScenarioSource {
  text: string;
  /** The file as the user named it: relative paths inside the scenario resolve against its folder. */
  file: string;
  overrides: string[];
  sha256: string;
  /** Verify the accounting invariants every step (slower; results are the same). */
  checkInvariants?: boolean;
}

export interface PathTask {
  scenario: ScenarioSource;
  seed: number;
  /** Sweep cell (0 for a plain run); carried through to the results, not used by the simulation. */
  cell: number;
  paths: number[];
  /** 1 for the first try; fault injection in tests keys on it. */
  attempt: number;
  /** Aftershock version of the submitter: a worker running another version refuses the task. */
  version: string;
}

/** Reads the scenario's text and pairs it with the already validated load, checking they agree. */
export function scenarioSource(loaded: LoadedScenario, checkInvariants?: boolean): ScenarioSource {
  const text = readScenarioText(loaded.file);
  const again = parseScenario(text, loaded.file, loaded.overrides);
  if (again.sha256 !== loaded.sha256) throw new Error(`${loaded.file} changed while it was being read; run again`);
  return { text, file: loaded.file, overrides: loaded.overrides, sha256: loaded.sha256, ...(checkInvariants ? { checkInvariants } : {}) };
}

interface Prepared {
  loaded: LoadedScenario;
  market: PreparedMarket;
}

/**
 * Parsed scenarios and prepared markets by hash, so a worker parses a scenario and fits its market
 * once however many paths it runs. Bounded: a sweep has one entry per cell.
 */
export class ScenarioCache {
  private readonly entries = new Map<string, Prepared>();
  constructor(private readonly capacity = 64) {}

  get(src: ScenarioSource): Prepared {
    const hit = this.entries.get(src.sha256);
    if (hit) return hit;
    const loaded = parseScenario(src.text, src.file, src.overrides);
    if (loaded.sha256 !== src.sha256) throw new Error(`scenario hash mismatch for ${src.file}: the task was built from different text`);
    const s = loaded.scenario;
    const market = prepareMarket(s.assets.map((a) => ({ id: a.id, spec: a.price })), s.market, loaded.baseDir, { scenarioFile: loaded.file });
    const entry = { loaded, market };
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(src.sha256, entry);
    return entry;
  }
}

/** Builds a task for some paths of a scenario. */
export function pathTask(scenario: ScenarioSource, seed: number, cell: number, paths: number[], attempt = 1): PathTask {
  return { scenario, seed, cell, paths, attempt, version: packageVersion() };
}

/** Runs one path of a prepared scenario to its record. */
export function runOnePath(prepared: Prepared, seed: number, path: number, checkInvariants?: boolean): PathRecord {
  // no event log: a path record needs only totals, and the log is most of a path's garbage
  const result = runPath(prepared.loaded, { seed, path, market: prepared.market, checkInvariants, recordEvents: false });
  return toPathRecord(prepared.loaded, result, seed, path);
}

/** Runs every path of a task, in order; throws on the first that fails. */
export function runPathTask(task: PathTask, cache: ScenarioCache): PathRecord[] {
  if (task.version !== packageVersion()) {
    throw new Error(`this worker runs aftershock ${packageVersion()} but the task was submitted by ${task.version}`);
  }
  const prepared = cache.get(task.scenario);
  return task.paths.map((p) => runOnePath(prepared, task.seed, p, task.scenario.checkInvariants));
}
