/**
 * The results folder of a sweep (`results/<scenario>-sweep-<hash8>-s<seed>-p<N>/`):
 *   sweep.csv      one row per grid cell: `cell`, the swept values (one column per --grid path,
 *                  named as given), then every number of the cell's many-path summary as a
 *                  dotted column (`badDebt.es99`, `probabilityOfBadDebt.interval[0]`,
 *                  `protocols.lender.liquidationsAtRisk.p99`, …); empty where null
 *   sweep.json     the same per cell, unflattened: {cell, grid, summary}
 *   sweep.md       the table the sweep printed, as Markdown
 *   scenario.yaml  the scenario with the --set overrides every cell shares (scenarioAsRun.ts);
 *                  each cell's grid values are in sweep.json and the manifest
 *   start.json     per cell, path 0's world before its first step at the sweep's seed (startState.ts)
 *   manifest.json  scenario hash, grid, seed, paths, versions, commit, how it ran, wall time
 * All cells ran on common random numbers (path i has the same seed in every cell). Written
 * atomically; no wall-clock time in sweep.csv or sweep.json, so equal sweeps give equal bytes.
 */
import { join } from 'node:path';
import { writeFolderAtomic } from '../util/atomicWrite.js';
import { RESULTS_FOLDER } from '../util/outputFolder.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { PathRecord } from '../parallel/pathRecord.js';
import type { PathFailure } from '../parallel/executor.js';
import type { GridAxis, GridCell } from '../parallel/grid.js';
import { formatNumber } from '../sim/metrics.js';
import { buildManifest, reproduceFlags } from './manifest.js';
import { inputDigests, type InputDigest } from './provenance.js';
import { summarisePaths, type PathsSummary } from './pathsSummary.js';
import { scenarioAsRun } from './scenarioAsRun.js';
import { startJson, type StartState } from './startState.js';
import { sweepMarkdown } from './tables/sweepTable.js';

/** Summary fields that describe the run rather than measure it: not sweep.csv columns. */
const NOT_MEASURES = new Set(['scenario', 'seed', 'paths', 'steps', 'dt', 'priceFeedback', 'quantileDefinition', 'intervalDefinition', 'failedPaths']);

export interface SweepCellResult {
  cell: number;
  grid: Record<string, string>;
  summary: PathsSummary;
}

/** The content of sweep.json. */
/**
 * How the cells' loan books were drawn: `shared`, every cell has the positions drawn at the
 * file's parameters (the default: cells compare protocols on one book); `regenerated`, each cell
 * drew its book at its own parameters (`--regenerate-book`: a threshold then also re-leverages the
 * borrowers, since debt is drawn from health factors).
 */
export type LoanBookMode = 'shared' | 'regenerated';

export interface SweepDocument {
  sweep: string;
  grid: { path: string; values: string[] }[];
  /** How the cells' loan books were drawn (LoanBookMode). */
  loanBook: LoanBookMode;
  seed: number;
  paths: number;
  cells: SweepCellResult[];
}

export function defaultSweepResultsDir(base: LoadedScenario, sweepHash: string, seed: number, paths: number): string {
  return join('results', `${base.scenario.name}-sweep-${sweepHash.slice(0, 8)}-s${seed}-p${paths}`);
}

/** Every number (or null) of a value, keyed by its dotted path; strings and booleans are skipped. */
export function flattenNumbers(value: unknown, prefix = '', out: [string, number | null][] = []): [string, number | null][] {
  if (value === null || typeof value === 'number') out.push([prefix, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => flattenNumbers(v, `${prefix}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flattenNumbers(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function measures(s: PathsSummary): [string, number | null][] {
  const kept = Object.fromEntries(Object.entries(s).filter(([k]) => !NOT_MEASURES.has(k)));
  return [...flattenNumbers(kept), ['failedPaths', s.failedPaths.length]];
}

export function sweepCsv(axes: GridAxis[], cells: SweepCellResult[]): string {
  if (cells.length === 0) return `cell,${axes.map((a) => csvField(a.label)).join(',')}\n`;
  // the union in order of first appearance: a grid that switches a measure off leaves it empty
  const columns = [...new Set(cells.flatMap((c) => measures(c.summary).map(([k]) => k)))];
  const lines = [['cell', ...axes.map((a) => a.label), ...columns].map(csvField).join(',')];
  for (const c of cells) {
    const m = new Map(measures(c.summary));
    const nums = columns.map((k) => {
      const v = m.get(k);
      return v === null || v === undefined ? '' : formatNumber(v);
    });
    lines.push([String(c.cell), ...axes.map((a) => csvField(c.grid[a.label])), ...nums].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export interface SweepRunInfo {
  file: string;
  /** SHA-256 of the scenario text and the --set overrides shared by all cells. */
  baseSha256: string;
  /** SHA-256 of the base and the grid: names the sweep. */
  sweepHash: string;
  seed: number;
  paths: number;
  setOverrides: string[];
  loanBook: LoanBookMode;
  command: string[];
  wallTimeSeconds: number;
  executor: string;
  resumedPaths: number;
  /** The scenario with the shared --set overrides (scenario.yaml). */
  base: LoadedScenario;
  /** Per cell, path 0's world before its first step. */
  starts: StartState[];
}

export function sweepResultFiles(
  cellsLoaded: LoadedScenario[],
  axes: GridAxis[],
  grid: GridCell[],
  records: PathRecord[][],
  failures: PathFailure[],
  info: SweepRunInfo,
): { doc: SweepDocument; files: Record<string, string> } {
  const cells = grid.map((g, k) => ({
    cell: k,
    grid: g.values,
    summary: summarisePaths(
      cellsLoaded[k],
      info.seed,
      info.paths,
      records[k],
      failures.filter((f) => f.cell === k),
    ),
  }));
  const doc: SweepDocument = { sweep: info.sweepHash, grid: axes.map((a) => ({ path: a.label, values: a.values })), loanBook: info.loanBook, seed: info.seed, paths: info.paths, cells };
  const files: Record<string, string> = {
    'sweep.csv': sweepCsv(axes, cells),
    'sweep.json': `${JSON.stringify(doc, null, 2)}\n`,
    'sweep.md': sweepMarkdown(`${info.base.scenario.name}: sweep of ${axes.map((a) => a.label).join(' × ')}, ${info.paths} paths per cell, loan book ${info.loanBook}`, cells),
    'scenario.yaml': scenarioAsRun(info.base),
    'start.json': startJson({ loanBook: info.loanBook, cells: grid.map((g, k) => ({ cell: k, grid: g.values, start: info.starts[k] })) }),
  };
  const manifest = {
    ...buildManifest({
      scenarioFile: info.file,
      sha256: info.baseSha256,
      overrides: info.setOverrides,
      seed: info.seed,
      command: info.command,
      wallTimeSeconds: info.wallTimeSeconds,
      files,
      inputs: sweepInputs(cellsLoaded),
      reproduce: ['sweep', info.file, ...reproduceFlags(info.seed, info.setOverrides), '--paths', String(info.paths), ...axes.flatMap((a) => ['--grid', `${a.label}=${a.values.join(',')}`])],
    }),
    sweep: info.sweepHash,
    grid: axes.map((a) => ({ path: a.label, resolved: a.paths, values: a.values })),
    cells: cellsLoaded.map((l) => ({ sha256: l.sha256, overrides: l.overrides })),
    paths: info.paths,
    resumedPaths: info.resumedPaths,
    executor: info.executor,
  };
  files['manifest.json'] = `${JSON.stringify(manifest, null, 2)}\n`;
  return { doc, files };
}

/** The input files of every cell, each once (a grid may point a cell at another file). */
function sweepInputs(cells: LoadedScenario[]): InputDigest[] {
  const seen = new Map<string, InputDigest>();
  for (const c of cells) for (const d of inputDigests(c)) if (!seen.has(d.path)) seen.set(d.path, d);
  return [...seen.values()];
}

/** Writes the folder and returns the content of sweep.json. */
export function writeSweepResults(dir: string, ...args: Parameters<typeof sweepResultFiles>): SweepDocument {
  const { doc, files } = sweepResultFiles(...args);
  writeFolderAtomic(dir, files, RESULTS_FOLDER);
  return doc;
}
