/**
 * A run's results folder, `results/<scenario>-<hash8>-s<seed>/`:
 *   summary.json     per-run figures (see summary.ts), byte-identical for equal runs
 *   timeseries.csv   per-step metrics (see sim/record.ts)
 *   events.jsonl     one line per liquidation, bad-debt booking, shock and liquidity withdrawal
 *   summary.md       the table the run printed, as Markdown
 *   scenario.yaml    the scenario as run, overrides applied (scenarioAsRun.ts)
 *   start.json       collateral, debt and parameters per reserve and vault type before the first step (startState.ts)
 *   manifest.json    scenario hash, seed, versions, commit, wall time
 * The folder is written atomically: it appears whole or not at all.
 */
import { join } from 'node:path';
import { writeFolderAtomic } from '../util/atomicWrite.js';
import { RESULTS_FOLDER } from '../util/outputFolder.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { PathResult } from '../sim/run.js';
import { roundDeep } from '../sim/metrics.js';
import { summarise, type RunSummary } from './summary.js';
import { buildManifest, reproduceFlags } from './manifest.js';
import { inputDigests } from './provenance.js';
import { scenarioAsRun } from './scenarioAsRun.js';
import { startJson, type StartState } from './startState.js';
import { summaryMarkdown } from './tables/summaryTable.js';

/** Path 0 is the run itself; another path (`run --path I`) gets a folder of its own. */
export function defaultResultsDir(loaded: LoadedScenario, seed: number, path = 0): string {
  return join('results', `${loaded.scenario.name}-${loaded.sha256.slice(0, 8)}-s${seed}${path === 0 ? '' : `-path${path}`}`);
}

export function writeRunResults(
  dir: string,
  loaded: LoadedScenario,
  result: PathResult,
  command: string[],
  wallTimeSeconds: number,
  /** The path's world before its first step (startState of the world runPath's `onBuilt` sees). */
  start: StartState,
): RunSummary {
  const summary = summarise(loaded, result);
  const w = result.world;
  const files: Record<string, string> = {
    'summary.json': `${JSON.stringify(summary, null, 2)}\n`,
    'timeseries.csv': w.metrics.toCsv(),
    'events.jsonl': w.events.map((e) => JSON.stringify(roundDeep(e))).join('\n') + (w.events.length ? '\n' : ''),
    'summary.md': summaryMarkdown(summary),
    'scenario.yaml': scenarioAsRun(loaded),
    'start.json': startJson(start),
  };
  files['manifest.json'] = `${JSON.stringify(
    buildManifest({
      scenarioFile: loaded.file,
      sha256: loaded.sha256,
      overrides: loaded.overrides,
      seed: w.seed,
      command,
      wallTimeSeconds,
      files,
      inputs: inputDigests(loaded),
      reproduce: ['run', loaded.file, ...reproduceFlags(w.seed, loaded.overrides), '--path', String(w.path), ...(w.allEvents ? ['--events', 'all'] : [])],
    }),
    null,
    2,
  )}\n`;
  writeFolderAtomic(dir, files, RESULTS_FOLDER);
  return summary;
}
