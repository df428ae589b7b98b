/**
 * A unit of path work, as it travels to a worker thread or through the Redis queue: the scenario's
 * own text (not a file name, so every worker simulates exactly the scenario that was submitted,
 * checked by its SHA-256), the run seed, a sweep cell and the path indices to run.
 *
 * Running it is the same function everywhere (in-process, worker thread, remote worker), so a
 * path's record depends only on (scenario, overrides, seed, path index).
 */
import { createHash } from 'node:crypto';
import { parseScenario, readScenarioText, type LoadedScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { prepareMarket, type PreparedMarket } from '../market/generate.js';
import { runPath } from '../sim/run.js';
import { packageVersion } from '../util/version.js';
import { toPathRecord, type PathRecord } from './pathRecord.js';
import { createAgent } from '../../agents/index.js';
import type { AgentFactory } from '../sim/agent.js';
// the one import of the RL layer outside cli/: a scenario's trained-policy agents (.dependency-cruiser.cjs)
import { withPolicyAgents } from '../rl/agents/factory.js';

/** A scenario as submitted: its text, where it came from, the `--set` overrides and the hash of both. */
export interface ScenarioSource {
  text: string;
  /** The file as the user named it: relative paths inside the scenario resolve against its folder. */
  file: string;
  overrides: string[];
  sha256: string;
  /** Verify the accounting invariants every step (slower; results are the same). */
  checkInvariants?: boolean;
  /**
   * A sweep's shared loan book: the overrides (and hash) of the scenario whose risk parameters
   * generate the positions, the same text with the sweep's `--set` but not the cell's grid values.
   */
  book?: { overrides: string[]; sha256: string };
}

/** What identifies a cell's work: its scenario, and the scenario of its loan book when that is another. */
export function cellKey(src: ScenarioSource): string {
  return src.book && src.book.sha256 !== src.sha256 ? createHash('sha256').update(`${src.sha256}\nbook ${src.book.sha256}`).digest('hex') : src.sha256;
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
export function scenarioSource(loaded: LoadedScenario, checkInvariants?: boolean, book?: LoadedScenario): ScenarioSource {
  const text = readScenarioText(loaded.file);
  const again = parseScenario(text, loaded.file, loaded.overrides);
  if (again.sha256 !== loaded.sha256) throw new Error(`${loaded.file} changed while it was being read; run again`);
  return {
    text,
    file: loaded.file,
    overrides: loaded.overrides,
    sha256: loaded.sha256,
    ...(checkInvariants ? { checkInvariants } : {}),
    ...(book ? { book: { overrides: book.overrides, sha256: book.sha256 } } : {}),
  };
}

interface Prepared {
  loaded: LoadedScenario;
  market: PreparedMarket;
  /** The scenario whose parameters generate the loan book, when it is not `loaded` itself. */
  book?: Scenario;
  /** The agent factory, with the scenario's policy agents (their policies read once per entry). */
  createAgent: AgentFactory;
}

/**
 * Parsed scenarios and prepared markets by hash, so a worker parses a scenario and fits its market
 * once however many paths it runs. Bounded: a sweep has one entry per cell.
 */
export class ScenarioCache {
  private readonly entries = new Map<string, Prepared>();
  constructor(private readonly capacity = 64) {}

  get(src: ScenarioSource): Prepared {
    const key = cellKey(src);
    const hit = this.entries.get(key);
    if (hit) return hit;
    const loaded = parseScenario(src.text, src.file, src.overrides);
    if (loaded.sha256 !== src.sha256) throw new Error(`scenario hash mismatch for ${src.file}: the task was built from different text`);
    let book: Scenario | undefined;
    if (src.book && src.book.sha256 !== src.sha256) {
      const b = parseScenario(src.text, src.file, src.book.overrides);
      if (b.sha256 !== src.book.sha256) throw new Error(`loan book scenario hash mismatch for ${src.file}: the task was built from different overrides`);
      book = b.scenario;
    }
    const s = loaded.scenario;
    const market = prepareMarket(
      s.assets.map((a) => ({ id: a.id, spec: a.price })),
      s.market,
      loaded.baseDir,
      { scenarioFile: loaded.file },
    );
    const entry = { loaded, market, book, createAgent: withPolicyAgents(createAgent, loaded) };
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, entry);
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
  const result = runPath(prepared.loaded, { createAgent: prepared.createAgent, seed, path, market: prepared.market, checkInvariants, recordEvents: false, book: prepared.book });
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
