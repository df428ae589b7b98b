/**
 * Loading a scenario file: YAML → `--set` overrides → zod schema with defaults → cross-references.
 * Whatever is wrong becomes one `InputError` naming the file, the line (where the YAML parser
 * knows it), the field path and what was expected, so the CLI can print one line and exit 2.
 */
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../util/errors.js';
import { readInputFile } from '../util/inputFile.js';
import { forbiddenKeyMessage, isForbiddenKey } from '../util/safeKeys.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { checkReferences } from './references.js';
import { checkUncertain } from './uncertainCheck.js';
import { expandProtocolShorthand, formatPath, getAt, parsePath, resolvePath, setAt, type PathKey } from './fieldPath.js';
import { closest, formsAt, keysAt } from './suggest.js';
import { defaultNativeAsset } from './nativeAsset.js';
import { parseYamlText, writtenScalar, yamlToValue } from './yamlValue.js';
import { scenarioNumberProblem } from '../util/bounds.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** Path as the user gave it (used in messages). */
  file: string;
  /** Folder that relative paths inside the scenario resolve against. */
  baseDir: string;
  /** SHA-256 of the file's bytes followed by the overrides, one per line: what reproduces a run. */
  sha256: string;
  overrides: string[];
  /** The file's text, to locate fields named by checks that run after loading (see `locateError`). */
  source?: string;
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

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return String(value); // JSON would print Infinity and NaN as null
  return JSON.stringify(value);
}

/**
 * How a message shows the value at `path`: a number as the file (or the `--set`) writes it, so
 * `1e300` is not echoed back as `1e+300`; anything else as `describe` words it.
 */
type Written = (path: readonly PropertyKey[]) => string | undefined;

/** zod's type names in the words a scenario author reads. */
const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a text',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  record: 'a mapping',
};
const typeWord = (t: string) => TYPE_WORDS[t] ?? t;

/** Keys whose literal value chooses a branch of a union: a mismatch there rules the branch out. */
const DISCRIMINATORS = new Set(['kind', 'process', 'distribution']);

type Issue = z.core.$ZodIssue;

/** A union branch that failed only because the value was of another type altogether. */
function isTypeMismatch(branch: Issue[]): boolean {
  return branch.length === 1 && branch[0].code === 'invalid_type' && branch[0].path.length === 0;
}

/** A union branch ruled out by its discriminator literal (`kind: stableswap` against a constant-product value). */
function isOtherKind(branch: Issue[]): boolean {
  return branch.some((i) => i.code === 'invalid_value' && i.path.length === 1 && DISCRIMINATORS.has(String(i.path[0])));
}

/**
 * For a failed union, the branch the author most plausibly meant: one whose discriminator matched
 * and whose input type fitted, with the fewest problems. Undefined when no branch fits at all.
 */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  const candidates = branches.filter((b) => b.length > 0 && !isTypeMismatch(b) && !isOtherKind(b));
  return candidates.sort((a, b) => a.length - b.length)[0];
}

/** Turns one zod issue into `field: expected …, got …` in the project's voice. */
function explain(issue: Issue, raw: unknown, written: Written = () => undefined): { field: string; message: string; unknownKey?: string; path: PropertyKey[] } {
  const path = issue.path;
  const value = getAt(raw, path);
  const describe = (v: unknown) => (v === value && typeof v === 'number' ? (written(path) ?? describeValue(v)) : describeValue(v));
  const field = formatPath(path);
  const done = (message: string) => ({ field, message, path });
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0];
      // the nearest key the mapping may hold, even one also written (`--set horizn=…` beside `horizon`)
      const known = keysAt(scenarioSchema, path, raw);
      const near = closest(key, known);
      const hint = near !== undefined ? `; did you mean \`${near}\`?` : known.length > 0 ? `; expected one of ${known.join(', ')}` : '';
      return { field: formatPath([...path, key]), message: `unknown field \`${key}\`${hint}`, unknownKey: key, path };
    }
    case 'invalid_type':
      if (value === undefined) return done(`required field is missing (expected ${typeWord(issue.expected)})`);
      return done(`expected ${typeWord(issue.expected)}, got ${describe(value)}`);
    case 'too_big':
    case 'too_small': {
      if (/^expected/.test(issue.message)) return done(`${issue.message}, got ${describe(value)}`);
      const isBig = issue.code === 'too_big';
      const bound = isBig ? (issue as { maximum: number | bigint }).maximum : (issue as { minimum: number | bigint }).minimum;
      const inclusive = (issue as { inclusive?: boolean }).inclusive;
      if (issue.origin === 'array' || issue.origin === 'string') {
        const unit = issue.origin === 'array' ? 'items' : 'characters';
        const what = issue.origin === 'array' ? 'a list with' : 'a text with';
        const have = issue.origin === 'array' && Array.isArray(value) ? `, got ${value.length}` : '';
        return done(`expected ${what} ${isBig ? 'at most' : 'at least'} ${bound} ${unit}${have}`);
      }
      const op = isBig ? (inclusive ? '<=' : '<') : inclusive ? '>=' : '>';
      return done(`expected a number ${op} ${bound}, got ${describe(value)}`);
    }
    case 'invalid_union': {
      const u = issue as Issue & { errors?: Issue[][]; discriminator?: string; options?: unknown[] };
      // a discriminated union whose discriminator matched no branch (zod puts the key in the path)
      if (u.options && u.discriminator) {
        return done(`expected one of ${u.options.map((o) => JSON.stringify(o)).join(', ')}, got ${describe(value)}`);
      }
      const branches = u.errors ?? [];
      const best = bestBranch(branches);
      if (best) {
        // a misspelt key also leaves the key it meant missing: report the misspelling, which is the cause
        const first = best.find((i) => i.code === 'unrecognized_keys') ?? best[0];
        return explain({ ...first, path: [...path, ...first.path] } as Issue, raw, written);
      }
      // every branch is another kind: name the kinds there are
      const key = [...DISCRIMINATORS].find((k) => value && typeof value === 'object' && k in (value as object));
      const kinds = branches.flatMap((b) => b.filter((i) => i.code === 'invalid_value' && String(i.path[0]) === key).flatMap((i) => (i as { values: unknown[] }).values));
      if (key && kinds.length > 0) {
        return {
          field: formatPath([...path, key]),
          message: `expected one of ${kinds.map((k) => JSON.stringify(k)).join(', ')}, got ${describe((value as Record<string, unknown>)[key])}`,
          path: [...path, key],
        };
      }
      const forms = formsAt(scenarioSchema, path);
      if (forms?.some((f) => f.startsWith('{'))) return done(`expected one of the forms ${forms.join(', ')}, got ${describe(value)}`);
      const types = [...new Set(branches.filter(isTypeMismatch).map((b) => typeWord((b[0] as { expected: string }).expected)))];
      if (types.length > 0) return done(`expected ${types.join(' or ')}, got ${describe(value)}`);
      return done(`expected one of the allowed forms, got ${describe(value)}`);
    }
    case 'invalid_value':
      return done(`expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`);
    default: {
      const message = issue.message.replace(/^Invalid input: /, '');
      const got = value !== undefined && typeof value !== 'object' && !/, got /.test(message) ? `, got ${describe(value)}` : '';
      return done(`${message}${got}`);
    }
  }
}

/**
 * Applies `path=value` overrides to the raw document; values are read as YAML (scalars, lists,
 * mappings) with the same checks as the file, and text that is not YAML is taken as text.
 * Returns the index-based path each override set, so errors in those values can name the `--set`.
 */
export function applyOverrides(raw: unknown, overrides: string[], file: string, flags: readonly string[] = []): { path: PathKey[]; override: string }[] {
  const applied: { path: PathKey[]; override: string }[] = [];
  for (const [i, o] of overrides.entries()) {
    const flag = flags[i] ?? '--set';
    const eq = o.indexOf('=');
    if (eq <= 0) throw new InputError(`expected path.to.field=value, got ${JSON.stringify(o)}`, undefined, undefined, flag);
    const writtenPath = o.slice(0, eq).trim();
    const bad = parsePath(writtenPath).find(isForbiddenKey);
    if (bad !== undefined) throw new InputError(`${forbiddenKeyMessage(String(bad), ' in a field path')} (from ${flag} ${o})`, undefined, undefined, flag);
    const expanded = expandProtocolShorthand(raw, writtenPath);
    if ('ambiguous' in expanded) {
      throw new InputError(`ambiguous: ${expanded.ambiguous} protocols have "${parsePath(writtenPath)[0]}"; write protocols.<id>.${writtenPath}`, undefined, undefined, flag);
    }
    const keys = parsePath(expanded.path);
    const resolved = resolvePath(raw, keys);
    if ('missing' in resolved) throw new InputError(`no such field in ${file} (from ${flag} ${o})`, undefined, undefined, resolved.missing);
    const text = o.slice(eq + 1);
    let value: unknown = text;
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    if (doc.errors.length === 0 && doc.warnings.length === 0) {
      const suffix = ` (from ${flag} ${o})`;
      value = yamlToValue(doc, undefined, { file, basePath: resolved.path, checkNumber: scenarioNumberProblem, suffix });
    }
    setAt(raw, resolved.path, value);
    applied.push({ path: resolved.path, override: `${flag} ${o}` });
  }
  return applied;
}

/**
 * The last override that set `path` or one of its parents, or that created `path` on its way to a
 * deeper field (`--set market.correlation.assets=…` creates the misspelt `market.correlation`).
 */
function overrideOf(applied: { path: PathKey[]; override: string }[], path: readonly PropertyKey[]): string | undefined {
  const prefix = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length <= b.length && a.every((k, j) => String(k) === String(b[j]));
  for (let i = applied.length - 1; i >= 0; i--) {
    const p = applied[i].path;
    if (prefix(p, path) || (path.length > 0 && prefix(path, p))) return applied[i].override;
  }
  return undefined;
}

/**
 * Parses and validates scenario text; `file` names it in messages and anchors relative paths.
 * `flags[i]` names the flag override i came from in messages (default `--set`; a sweep cell's
 * values come from `--grid`); it does not enter the hash.
 */
export function parseScenario(text: string, file: string, overrides: string[] = [], flags: readonly string[] = []): LoadedScenario {
  if (text.trim() === '') throw new InputError('the file is empty; expected a scenario (a YAML mapping with name, assets, …)', file);
  const { doc, counter, value: raw } = parseYamlText(text, { file, checkNumber: scenarioNumberProblem });
  if (doc.contents === null) throw new InputError('the file holds only comments; expected a scenario (a YAML mapping with name, assets, …)', file);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !isMap(doc.contents)) {
    const start = doc.contents?.range?.[0];
    throw new InputError(
      `expected a YAML mapping (name, assets, …) at the top level, got ${isSeq(doc.contents) ? 'a list' : describeValue(raw)}`,
      file,
      start === undefined ? undefined : counter.linePos(start).line,
    );
  }
  const applied = applyOverrides(raw, overrides, file, flags);
  // a bad value that came from --set is not on any line of the file: name the --set instead
  const fail = (message: string, path: readonly PropertyKey[], field: string, line: () => number | undefined): never => {
    const o = overrideOf(applied, field === '' ? path : parsePath(field));
    if (o !== undefined) throw new InputError(`${message} (from ${o})`, file, undefined, field || undefined);
    throw new InputError(message, file, line(), field || undefined);
  };
  const written: Written = (path) => {
    const same = (p: readonly PathKey[]) => p.length === path.length && p.every((k, j) => String(k) === String(path[j]));
    const exact = applied.filter((a) => same(a.path)).pop();
    if (exact) return exact.override.slice(exact.override.indexOf('=') + 1).trim();
    if (overrideOf(applied, path) !== undefined) return undefined;
    return writtenScalar(doc.getIn(path as PathKey[], true));
  };
  const noGasAsset = defaultNativeAsset(raw as Record<string, unknown>);
  if (noGasAsset) return fail(noGasAsset, ['chain'], 'chain.nativeAsset', () => lineOf(doc, counter, [], 'chain' in (raw as object) ? 'chain' : 'assets'));
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
    const { field, message, unknownKey, path } = explain(issue, raw, written);
    return fail(message, path, field, () => lineOf(doc, counter, path, unknownKey));
  }
  const baseDir = dirname(resolve(file));
  const problem = checkReferences(parsed.data, baseDir) ?? checkUncertain(parsed.data, baseDir);
  if (problem) return fail(problem.message, problem.path, formatPath(problem.path), () => lineOf(doc, counter, problem.path));
  const hash = createHash('sha256').update(text);
  for (const o of overrides) hash.update(`\n--set ${o}`);
  return { scenario: parsed.data, file, baseDir, sha256: hash.digest('hex'), overrides, source: text };
}

/** The line of a field path such as `protocols[0].reserves[2].supply` in the scenario's text, or of its nearest parent. */
export function lineOfField(loaded: LoadedScenario, field: string): number | undefined {
  if (loaded.source === undefined) return undefined;
  const counter = new LineCounter();
  const doc = parseDocument(loaded.source, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  return lineOf(doc, counter, parsePath(field));
}

/**
 * Some input errors only show once the world is built (positions drawn from distributions borrow
 * more than lenders supply, a positions CSV is malformed). Such an `InputError` about this
 * scenario's field gets the field's line here, so it reads like any other scenario error.
 */
export function locateError(err: unknown, loaded: LoadedScenario): unknown {
  if (!(err instanceof InputError) || err.line !== undefined || !err.field || err.file !== loaded.file) return err;
  const line = lineOfField(loaded, err.field);
  return line === undefined ? err : new InputError(err.message, err.file, line, err.field);
}

/** Reads a scenario file (a regular file within the size limit, see util/inputFile.ts) and parses it. */
export function loadScenario(file: string, overrides: string[] = [], flags: readonly string[] = []): LoadedScenario {
  const text = readScenarioText(file);
  return parseScenario(text, file, overrides, flags);
}

/** A scenario file's text, refused with one line when it is not a readable regular text file. */
export function readScenarioText(file: string): string {
  const text = readInputFile(file, 'scenario');
  if (text.includes('\u0000')) throw new InputError('not a text file; expected a YAML scenario', file);
  return text;
}
