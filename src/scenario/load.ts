/**
 * Loading a scenario file: YAML → `--set` overrides → zod schema with defaults → cross-references.
 * Whatever is wrong becomes one `InputError` naming the file, the line (where the YAML parser
 * knows it), the field path and what was expected, so the CLI can print one line and exit 2.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, parse as parseYaml, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../util/errors.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { checkReferences } from './references.js';
import { formatPath, getAt, parsePath, resolvePath, setAt, type PathKey } from './fieldPath.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** Path as the user gave it (used in messages). */
  file: string;
  /** Folder that relative paths inside the scenario resolve against. */
  baseDir: string;
  /** SHA-256 of the file's bytes followed by the overrides, one per line: what reproduces a run. */
  sha256: string;
  overrides: string[];
}

/** Locates a field path in the YAML source: the line of its node, or of the nearest existing parent. */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[], unknownKey?: string): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as PathKey[], true) as Node | undefined;
    if (!node || !('range' in node) || !node.range) continue;
    if (unknownKey !== undefined && n === path.length && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === unknownKey);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return counter.linePos(keyNode.range[0]).line;
    }
    return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** Turns one zod issue into `field: expected …, got …` in the project's voice. */
function explain(issue: z.core.$ZodIssue, raw: unknown): { field: string; message: string; unknownKey?: string } {
  const value = getAt(raw, issue.path);
  const field = formatPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      return { field: formatPath([...issue.path, key]), message: `unknown field "${key}"`, unknownKey: key };
    }
    case 'invalid_type':
      if (value === undefined) return { field, message: `required field is missing (expected ${issue.expected})` };
      return { field, message: `expected ${issue.expected === 'number' ? 'a number' : issue.expected}, got ${describe(value)}` };
    case 'too_big':
    case 'too_small': {
      if (/^expected/.test(issue.message)) return { field, message: `${issue.message}, got ${describe(value)}` };
      const isBig = issue.code === 'too_big';
      const bound = isBig ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum;
      const inclusive = (issue as { inclusive?: boolean }).inclusive;
      const what = issue.origin === 'array' ? 'a list with' : issue.origin === 'string' ? 'a text with' : 'a number';
      if (issue.origin === 'array' || issue.origin === 'string') {
        return { field, message: `expected ${what} ${isBig ? 'at most' : 'at least'} ${bound} ${issue.origin === 'array' ? 'items' : 'characters'}` };
      }
      const op = isBig ? (inclusive ? '<=' : '<') : inclusive ? '>=' : '>';
      return { field, message: `expected ${what} ${op} ${bound}, got ${describe(value)}` };
    }
    case 'invalid_union': {
      const disc = (issue as { note?: string }).note;
      const options = ['process', 'kind', 'distribution']
        .map((k) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[k] : undefined))
        .find((v) => v !== undefined);
      if (options !== undefined) return { field, message: `${describe(options)} is not a valid choice here${disc ? ` (${disc})` : ''}` };
      // report the most specific branch's first issue: usually what the user meant
      const branches = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
      const best = branches.map((b) => b[0]).filter(Boolean).sort((a, b) => b.path.length - a.path.length)[0];
      if (best) return explain({ ...best, path: [...issue.path, ...best.path] } as z.core.$ZodIssue, raw);
      return { field, message: `expected one of the allowed forms, got ${describe(value)}` };
    }
    case 'invalid_value':
      return { field, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}` };
    default:
      return { field, message: `${issue.message.replace(/^Invalid input: /, '')}${value !== undefined && typeof value !== 'object' ? `, got ${describe(value)}` : ''}` };
  }
}

/** Applies `path=value` overrides to the raw document; values are read as YAML scalars or lists. */
export function applyOverrides(raw: unknown, overrides: string[], file: string): void {
  for (const o of overrides) {
    const eq = o.indexOf('=');
    if (eq <= 0) throw new InputError(`expected path.to.field=value, got ${JSON.stringify(o)}`, undefined, undefined, '--set');
    const keys = parsePath(o.slice(0, eq).trim());
    const resolved = resolvePath(raw, keys);
    if ('missing' in resolved) throw new InputError(`no such field in ${file} (from --set ${o})`, undefined, undefined, resolved.missing);
    let value: unknown;
    try {
      value = parseYaml(o.slice(eq + 1));
    } catch {
      value = o.slice(eq + 1);
    }
    setAt(raw, resolved.path, value);
  }
}

/** Parses and validates scenario text; `file` names it in messages and anchors relative paths. */
export function parseScenario(text: string, file: string, overrides: string[] = []): LoadedScenario {
  if (text.trim() === '') throw new InputError('the file is empty; expected a scenario (a YAML mapping with name, assets, …)', file);
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new InputError(`not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '')}`, file, line);
  }
  const raw = doc.toJS() as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !isMap(doc.contents)) {
    throw new InputError(`expected a YAML mapping (name, assets, …) at the top level, got ${isSeq(doc.contents) ? 'a list' : describe(raw)}`, file, 1);
  }
  applyOverrides(raw, overrides, file);
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const { field, message, unknownKey } = explain(issue, raw);
    throw new InputError(message, file, lineOf(doc, counter, issue.path, unknownKey), field || undefined);
  }
  const baseDir = dirname(resolve(file));
  const problem = checkReferences(parsed.data, baseDir);
  if (problem) throw new InputError(problem.message, file, lineOf(doc, counter, problem.path), formatPath(problem.path));
  const hash = createHash('sha256').update(text);
  for (const o of overrides) hash.update(`\n--set ${o}`);
  return { scenario: parsed.data, file, baseDir, sha256: hash.digest('hex'), overrides };
}

export function loadScenario(file: string, overrides: string[] = []): LoadedScenario {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new InputError('expected a scenario file, got a folder', file);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('cannot read the file (does it exist?)', file);
  }
  if (text.includes('\u0000')) throw new InputError('not a text file; expected a YAML scenario', file);
  return parseScenario(text, file, overrides);
}
