/**
 * Reading a results folder back for a report: which kind it is (one path, many paths, a sweep),
 * its files, and the scenario it ran, when the scenario file is still the one the run read
 * (checked against the manifest's SHA-256). Every number a report shows comes from here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../util/errors.js';
import { RESULTS_FOLDER } from '../../util/outputFolder.js';
import { loadScenario, type LoadedScenario } from '../../scenario/load.js';
import type { RunSummary } from '../summary.js';
import type { PathsSummary } from '../pathsSummary.js';
import type { SweepDocument } from '../sweepResults.js';

/** A CSV as columns of numbers (NaN where empty), with its header order. */
export interface Columns {
  names: string[];
  get(name: string): Float64Array | undefined;
  rows: number;
}

export interface Manifest {
  scenario: { file: string; sha256: string; overrides: string[] };
  seed: number;
  files: string[];
  aftershock: { version: string; commit: string | null };
  results?: { digest: string };
  reproduce?: string[];
  grid?: { path: string; resolved: string; values: string[] }[];
  paths?: number;
}

interface Common {
  dir: string;
  manifest: Manifest;
  /** The scenario as run, or why it is not available. */
  scenario: LoadedScenario | { missing: string };
}

export type Results =
  | (Common & { kind: 'run'; summary: RunSummary; timeseries: Columns; events: Record<string, unknown>[] })
  | (Common & { kind: 'paths'; summary: PathsSummary; paths: Columns })
  | (Common & { kind: 'sweep'; sweep: SweepDocument & Record<string, unknown> });

export function parseCsvColumns(text: string): Columns {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const names = (lines[0] ?? '').split(',');
  const cols = names.map(() => new Float64Array(lines.length - 1));
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r].split(',');
    for (let c = 0; c < names.length; c++) cols[c][r - 1] = cells[c] === '' || cells[c] === undefined ? NaN : Number(cells[c]);
  }
  const index = new Map(names.map((n, i) => [n, i]));
  return { names, rows: lines.length - 1, get: (n) => (index.has(n) ? cols[index.get(n)!] : undefined) };
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw new InputError(`expected a JSON file written by Aftershock, got ${(err as Error).message}`, file);
  }
}

function scenarioOf(m: Manifest): LoadedScenario | { missing: string } {
  try {
    const loaded = loadScenario(m.scenario.file, m.scenario.overrides);
    if (loaded.sha256 !== m.scenario.sha256)
      return { missing: `${m.scenario.file} has changed since the run (sha256 ${m.scenario.sha256.slice(0, 12)}… recorded, ${loaded.sha256.slice(0, 12)}… now)` };
    return loaded;
  } catch (err) {
    return { missing: `${m.scenario.file} cannot be read as run (${err instanceof InputError ? err.oneLine() : (err as Error).message})` };
  }
}

/** Reads the results folder `dir` (bad input if it is not one). */
export function readResults(dir: string): Results {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new InputError('expected a results folder of Aftershock (no manifest.json)', dir);
  const manifest = readJson<Manifest>(manifestFile);
  if (!RESULTS_FOLDER.listed(manifest)) throw new InputError('expected the manifest of an Aftershock results folder', manifestFile);
  const has = (f: string) => manifest.files.includes(f) && existsSync(join(dir, f));
  const common = { dir, manifest, scenario: scenarioOf(manifest) };
  if (has('sweep.json')) return { ...common, kind: 'sweep', sweep: readJson(join(dir, 'sweep.json')) };
  if (has('paths.csv') && has('summary.json')) {
    return { ...common, kind: 'paths', summary: readJson(join(dir, 'summary.json')), paths: parseCsvColumns(readFileSync(join(dir, 'paths.csv'), 'utf8')) };
  }
  if (has('timeseries.csv') && has('summary.json')) {
    const events = has('events.jsonl')
      ? readFileSync(join(dir, 'events.jsonl'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
    return { ...common, kind: 'run', summary: readJson(join(dir, 'summary.json')), timeseries: parseCsvColumns(readFileSync(join(dir, 'timeseries.csv'), 'utf8')), events };
  }
  throw new InputError(`expected summary.json with timeseries.csv or paths.csv, or sweep.json; the folder lists ${manifest.files.join(', ')}`, dir);
}
