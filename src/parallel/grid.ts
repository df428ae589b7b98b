/**
 * Sweep grids: `--grid path=v1,v2,…` flags, their Cartesian product, and the `--set` overrides of
 * each cell. Paths use the `--set` syntax (scenario/fieldPath.ts): index form
 * `shocks[0].magnitude` or id-keyed `protocols.lender.reserves.ETH.liquidationThreshold`. A path
 * whose first key is not a top-level scenario field but a field of exactly one protocol is read as
 * that protocol's (`reserves.ETH.liquidationThreshold` → `protocols.<the one with reserves>.…`).
 *
 * Linked values: `reserves.ETH.{ltv,liquidationThreshold}=0.75/0.8,0.8/0.85` is one axis that
 * sets several fields together, value by value, so that parameters which constrain each other (a
 * threshold must not fall below the LTV) can be swept without leaving the valid region.
 */
import { InputError } from '../util/errors.js';
import { forbiddenKeyMessage, isForbiddenKey } from '../util/safeKeys.js';
import { expandProtocolShorthand, parsePath, resolvePath } from '../scenario/fieldPath.js';
import { readScenarioText } from '../scenario/load.js';
import { parseYamlText } from '../scenario/yamlValue.js';

export interface GridAxis {
  /** The path as the user wrote it (the sweep.csv column name). */
  label: string;
  /** The paths as given to the scenario loader (shorthand expanded): one, or several linked. */
  paths: string[];
  /** Values as the user wrote them (the sweep.csv cells); a linked axis's are `v1/v2/…`. */
  values: string[];
  /** For each value, the text each path is set to (read as YAML by the loader: numbers, lists, …). */
  parts: string[][];
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

/** Reads one `--grid path=v1,v2,…` flag; `a.{b,c}=1/2,3/4` links the fields a.b and a.c. */
export function parseGridFlag(flag: string): { label: string; fields: string[]; values: string[]; parts: string[][] } {
  const eq = flag.indexOf('=');
  if (eq <= 0) throw new InputError(`expected path.to.field=v1,v2,…, got ${JSON.stringify(flag)}`, undefined, undefined, '--grid');
  const label = flag.slice(0, eq).trim();
  const values = splitValues(flag.slice(eq + 1));
  if (values.some((v) => v === '')) throw new InputError(`empty value in ${JSON.stringify(flag)}`, undefined, undefined, '--grid');
  if (new Set(values).size !== values.length) throw new InputError(`a value is listed twice in ${JSON.stringify(flag)}`, undefined, undefined, '--grid');
  const fields = linkedFields(label);
  if (fields.length === 1) return { label, fields, values, parts: values.map((v) => [v]) };
  const parts = values.map((v) => v.split('/').map((x) => x.trim()));
  const bad = parts.findIndex((p) => p.length !== fields.length || p.some((x) => x === ''));
  if (bad >= 0) {
    throw new InputError(`${label} links ${fields.length} fields, so each value needs ${fields.length} parts separated by '/', got ${JSON.stringify(values[bad])}`, undefined, undefined, '--grid');
  }
  return { label, fields, values, parts };
}

/** `a.{b,c}.d` → [`a.b.d`, `a.c.d`]; a path without braces stands alone. */
function linkedFields(label: string): string[] {
  const open = label.indexOf('{');
  if (open < 0 && !label.includes('}')) return [label];
  const close = label.indexOf('}', open);
  if (open < 0 || close < 0 || label.indexOf('{', open + 1) >= 0 || label.indexOf('}', close + 1) >= 0) {
    throw new InputError(`expected one group of linked fields such as reserves.ETH.{ltv,liquidationThreshold}, got ${JSON.stringify(label)}`, undefined, undefined, '--grid');
  }
  const names = label
    .slice(open + 1, close)
    .split(',')
    .map((n) => n.trim());
  if (names.length < 2 || names.some((n) => n === '') || new Set(names).size !== names.length) {
    throw new InputError(`expected two or more different field names inside {…}, got ${JSON.stringify(label)}`, undefined, undefined, '--grid');
  }
  return names.map((n) => `${label.slice(0, open)}${n}${label.slice(close + 1)}`);
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
    const { label, fields, values, parts } = parseGridFlag(flag);
    for (const field of fields) {
      const bad = parsePath(field).find(isForbiddenKey);
      if (bad !== undefined) throw new InputError(`${forbiddenKeyMessage(String(bad), ' in a field path')} (from --grid ${flag})`, undefined, undefined, '--grid');
    }
    const paths = fields.map((field) => resolveField(raw, field, file, flag));
    for (const path of paths) {
      if (axes.some((a) => a.paths.includes(path)) || paths.indexOf(path) !== paths.lastIndexOf(path)) throw new InputError(`${path} is swept twice`, undefined, undefined, '--grid');
    }
    axes.push({ label, paths, values, parts });
  }
  return axes;
}

/** Expands the one-protocol shorthand and checks the field exists in the file's document. */
function resolveField(raw: unknown, field: string, file: string, flag: string): string {
  if (!raw || typeof raw !== 'object') return field; // the loader reports unreadable or malformed files with their line
  const expanded = expandProtocolShorthand(raw, field);
  if ('ambiguous' in expanded) {
    throw new InputError(`ambiguous: ${expanded.ambiguous} protocols have "${parsePath(field)[0]}"; write protocols.<id>.${field}`, file, undefined, field);
  }
  const resolved = resolvePath(raw, parsePath(expanded.path));
  if ('missing' in resolved) throw new InputError(`no such field in ${file} (from --grid ${flag})`, file, undefined, resolved.missing);
  return expanded.path;
}

/** The Cartesian product, first axis slowest (row-major), numbered from 0. */
export function gridCells(axes: GridAxis[]): GridCell[] {
  let cells: GridCell[] = [{ index: 0, values: {}, overrides: [] }];
  for (const axis of axes) {
    const next: GridCell[] = [];
    for (const c of cells) {
      axis.values.forEach((v, k) => {
        next.push({ index: 0, values: { ...c.values, [axis.label]: v }, overrides: [...c.overrides, ...axis.paths.map((p, j) => `${p}=${axis.parts[k][j]}`)] });
      });
    }
    cells = next;
  }
  cells.forEach((c, i) => (c.index = i));
  return cells;
}
