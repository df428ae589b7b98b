/**
 * The results folder of a many-path run (`results/<scenario>-<hash8>-s<seed>-p<N>/`):
 *   summary.json    distributions and tail metrics over paths (pathsSummary.ts), byte-identical
 *                   for equal runs whatever the workers
 *   paths.csv       one row per path (pathsTable.ts)
 *   paths.arrow     the same rows as an Arrow IPC file
 *   summary.md      the tail table the run printed, as Markdown
 *   scenario.yaml   the scenario as run, overrides applied (scenarioAsRun.ts)
 *   start.json      path 0's world before its first step, at the run's seed (startState.ts)
 *   manifest.json   scenario hash, seed, paths, versions, commit, how it ran, wall time
 * Written atomically, like a single-path folder.
 */
import { join } from 'node:path';
import { writeFolderAtomic } from '../util/atomicWrite.js';
import { RESULTS_FOLDER } from '../util/outputFolder.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { PathRecord } from '../parallel/pathRecord.js';
import type { PathFailure } from '../parallel/executor.js';
import { buildManifest, reproduceFlags } from './manifest.js';
import { inputDigests } from './provenance.js';
import { summarisePaths, type PathsSummary } from './pathsSummary.js';
import { pathsArrow, pathsCsv, pathsLayout } from './pathsTable.js';
import { scenarioAsRun } from './scenarioAsRun.js';
import { startJson, type StartState } from './startState.js';
import { tailMarkdown } from './tables/tailTable.js';

export function defaultPathsResultsDir(loaded: LoadedScenario, seed: number, paths: number): string {
  return join('results', `${loaded.scenario.name}-${loaded.sha256.slice(0, 8)}-s${seed}-p${paths}`);
}

export interface PathsRunInfo {
  seed: number;
  paths: number;
  command: string[];
  wallTimeSeconds: number;
  /** How the paths ran, e.g. "2 worker threads" (manifest only: it does not affect results). */
  executor: string;
  resumedPaths: number;
  /** Path 0's world before its first step, at the run's seed. */
  start: StartState;
}

export function pathsResultFiles(loaded: LoadedScenario, records: PathRecord[], failures: PathFailure[], info: PathsRunInfo): { summary: PathsSummary; files: Record<string, string | Uint8Array> } {
  const summary = summarisePaths(loaded, info.seed, info.paths, records, failures);
  const layout = pathsLayout(loaded.scenario);
  const files: Record<string, string | Uint8Array> = {
    'summary.json': `${JSON.stringify(summary, null, 2)}\n`,
    'paths.csv': pathsCsv(records, layout),
    'paths.arrow': pathsArrow(records, layout),
    'summary.md': tailMarkdown(summary),
    'scenario.yaml': scenarioAsRun(loaded),
    'start.json': startJson(info.start),
  };
  const manifest = {
    ...buildManifest({
      scenarioFile: loaded.file,
      sha256: loaded.sha256,
      overrides: loaded.overrides,
      seed: info.seed,
      command: info.command,
      wallTimeSeconds: info.wallTimeSeconds,
      files,
      inputs: inputDigests(loaded),
      reproduce: ['run', loaded.file, ...reproduceFlags(info.seed, loaded.overrides), '--paths', String(info.paths)],
    }),
    paths: info.paths,
    completedPaths: records.length,
    resumedPaths: info.resumedPaths,
    executor: info.executor,
  };
  files['manifest.json'] = `${JSON.stringify(manifest, null, 2)}\n`;
  return { summary, files };
}

export function writePathsResults(dir: string, loaded: LoadedScenario, records: PathRecord[], failures: PathFailure[], info: PathsRunInfo): PathsSummary {
  const { summary, files } = pathsResultFiles(loaded, records, failures, info);
  writeFolderAtomic(dir, files, RESULTS_FOLDER);
  return summary;
}
