/**
 * Sweep grids: `--grid path=v1,v2,…` flags, their Cartesian product, and the `--set` overrides of
 * each cell. Paths use the `--set` syntax (scenario/fieldPath.ts): index form
 * `shocks[0].magnitude` or id-keyed `protocols.lender.reserves.ETH.liquidationThreshold`. A path
 * whose first key is not a top-level scenario field but a field of exactly one protocol is read as
 * that protocol's (`reserves.ETH.liquidationThreshold` → `protocols.<the one with reserves>.…`).
 */
import { InputError } from '../util/errors.js';
import { forbiddenKeyMessage, isForbiddenKey } from '../util/safeKeys.js';
import { parsePath, resolvePath } from '../scenario/fieldPath.js';
import { readScenarioText } from '../scenario/load.js';
import { parseYamlText } from '../scenario/yamlValue.js';

export interface GridAxis {
  /** The path as the user wrote it (the sweep.csv column name). */
  label: string;
  /** The path as given to the scenario loader (shorthand expanded). */
  path: string;
  /** Values as text, each read as YAML by the loader (numbers, booleans, lists, …). */
  values: string[];
}

export interface GridCell {
  index: number;
  /** label → value text, in axis order. */
  values: Record<string, string>;
  /** `path=value` overrides of the cell, in axis order. */
  overrides: string[];
}

/** Splits at commas outside brackets, braces and quotes, so `[1,2],[3,4]` is two values. */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let cur = '';
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Reads one `--grid path=v1,v2,…` flag. */
export function parseGridFlag(flag: string): { label: string; values: string[] } {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new InputError(`expected path.to.field=v1,v2,…, got ${JSON.stringify(flag)}`, undefined, undefined, '--grid');
  const label = flag.slice(0, eq).trim();
  const values = splitValues(flag.slice(eq + 1));
  if (values.some((v) => v === '')) throw new InputError(`empty value in ${JSON.stringify(flag)}`, undefined, undefined, '--grid');
  if (new Set(values).size !== values.length) throw new InputError(`a value is listed twice in ${JSON.stringify(flag)}`, undefined, undefined, '--grid');
  return { label, values };
}

/**
 * Resolves grid flags against the scenario file's document (before defaults), expanding the
 * one-protocol shorthand, and checks every path exists.
 */
export function resolveGrid(file: string, flags: string[]): GridAxis[] {
  if (flags.length === 0) throw new InputError('give at least one --grid path=v1,v2,…', undefined, undefined, '--grid');
  let raw: unknown;
  try {
    raw = parseYamlText(readScenarioText(file)).value;
  } catch {
    raw = undefined; // the loader reports unreadable or malformed files with their line
  }
  const axes: GridAxis[] = [];
  for (const flag of flags) {
    const { label, values } = parseGridFlag(flag);
    const bad = parsePath(label).find(isForbiddenKey);
    if (bad !== undefined) throw new InputError(`${forbiddenKeyMessage(String(bad), ' in a field path')} (from --grid ${flag})`, undefined, undefined, '--grid');
    let path = label;
    if (raw && typeof raw === 'object') {
      const keys = parsePath(label);
      const first = keys[0];
      const root = raw as Record<string, unknown>;
      if (typeof first === 'string' && !(first in root)) {
        const protocols = Array.isArray(root.protocols) ? (root.protocols as Record<string, unknown>[]) : [];
        const owners = protocols.filter((p) => p && typeof p === 'object' && first in p);
        if (owners.length === 1 && typeof owners[0].id === 'string') path = `protocols.${owners[0].id}.${label}`;
        else if (owners.length > 1) {
          throw new InputError(`ambiguous: ${owners.length} protocols have "${first}"; write protocols.<id>.${label}`, file, undefined, label);
        }
      }
      const resolved = resolvePath(raw, parsePath(path));
      if ('missing' in resolved) throw new InputError(`no such field in ${file} (from --grid ${flag})`, file, undefined, resolved.missing);
    }
    if (axes.some((a) => a.path === path)) throw new InputError(`${label} is swept twice`, undefined, undefined, '--grid');
    axes.push({ label, path, values });
  }
  return axes;
}

/** The Cartesian product, first axis slowest (row-major), numbered from 0. */
export function gridCells(axes: GridAxis[]): GridCell[] {
  let cells: GridCell[] = [{ index: 0, values: {}, overrides: [] }];
  for (const axis of axes) {
    const next: GridCell[] = [];
    for (const c of cells) {
      for (const v of axis.values) next.push({ index: 0, values: { ...c.values, [axis.label]: v }, overrides: [...c.overrides, `${axis.path}=${v}`] });
    }
    cells = next;
  }
  cells.forEach((c, i) => (c.index = i));
  return cells;
}
