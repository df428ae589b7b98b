/**
 * Turns a parsed YAML document into plain data, checking as it goes what the `yaml` package's own
 * `toJS` either does not check or checks too slowly:
 *
 *  - mappings become objects without a prototype, and the keys `__proto__`, `constructor` and
 *    `prototype` are refused, so nothing read from a file can reach `Object.prototype`;
 *  - duplicate keys are found with one set per mapping (the package's `uniqueKeys` compares every
 *    key with every earlier one: a 40,000-key mapping took 13 s, a 6 MB one would take minutes);
 *  - keys must be plain scalars (a list as a key would be turned into text silently);
 *  - aliases must name an earlier anchor outside themselves, and all aliases together may expand
 *    to at most `MAX_ALIAS_VALUES` values (the "billion laughs" document stops here at once);
 *  - nesting is limited to `MAX_DEPTH` levels (no scenario needs more than ten);
 *  - numbers must be finite (`.inf`, `1e999`), and pass the caller's check, and a failure quotes
 *    the number as it is written in the file.
 *
 * Every problem is an `InputError` with the file, the line and the field path.
 */
import { LineCounter, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { InputError } from '../util/errors.js';
import { forbiddenKeyMessage, isForbiddenKey } from '../util/safeKeys.js';
import { formatPath, type PathKey } from './fieldPath.js';

export const MAX_DEPTH = 64;
export const MAX_ALIAS_VALUES = 100_000;

export interface YamlValueOptions {
  /** File named in errors (undefined for `--set` values). */
  file?: string;
  /** Path of the document's root in the scenario (for `--set` values: the field they set). */
  basePath?: PathKey[];
  /** Extra check of every number: an "expected …" message when it is out of bounds, else null. */
  checkNumber?: (value: number, path: readonly PathKey[]) => string | null;
  /** Appended to every message (e.g. ` (from --set x=1)`). */
  suffix?: string;
}

/** The YAML text of a scalar as the file writes it (quotes aside), for messages. */
export function writtenScalar(node: unknown): string | undefined {
  return isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

export function yamlToValue(doc: Document, counter: LineCounter | undefined, opts: YamlValueOptions = {}): unknown {
  const anchors = new Map<string, Node>();
  const building = new Set<Node>();
  let aliasValues = 0;
  let aliasDepth = 0;
  /** The outermost alias being expanded: where an alias bomb is reported. */
  let outerAlias: { node: Node; path: PathKey[] } | undefined;
  const suffix = opts.suffix ?? '';

  const lineOf = (node: Node | null | undefined): number | undefined => {
    const start = node?.range?.[0];
    return start === undefined || !counter ? undefined : counter.linePos(start).line;
  };
  const fail = (message: string, node: Node | null | undefined, path: readonly PathKey[]): never => {
    throw new InputError(`${message}${suffix}`, opts.file, lineOf(node), path.length ? formatPath(path) : undefined);
  };

  const build = (node: Node | null | undefined, path: PathKey[], depth: number): unknown => {
    if (node === null || node === undefined) return null;
    if (depth > MAX_DEPTH) fail(`nested more than ${MAX_DEPTH} levels deep`, node, path);
    if (aliasDepth > 0 && ++aliasValues > MAX_ALIAS_VALUES) {
      const at = outerAlias ?? { node, path };
      fail(`aliases expand to more than ${MAX_ALIAS_VALUES.toLocaleString('en-US')} values in all (an alias bomb?); write the values out or use fewer aliases`, at.node, at.path);
    }
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) fail(`not valid YAML: alias *${node.source} has no anchor &${node.source} before it`, node, path);
      if (building.has(target!)) fail(`not valid YAML: alias *${node.source} refers to a node that contains it`, node, path);
      if (aliasDepth++ === 0) outerAlias = { node, path };
      try {
        return build(target, path, depth);
      } finally {
        if (--aliasDepth === 0) outerAlias = undefined;
      }
    }
    // anchors are recorded in document order; an alias's expansion re-walks nodes already recorded
    if (node.anchor && aliasDepth === 0) anchors.set(node.anchor, node);
    if (isScalar(node)) return scalar(node, path);
    building.add(node);
    try {
      if (isMap(node)) return mapping(node.items, node, path, depth);
      if (isSeq(node)) {
        const out: unknown[] = [];
        node.items.forEach((item, i) => {
          // `[a: 1]`: a flow sequence holding a one-pair mapping
          out.push(isPair(item) ? mapping([item], node, [...path, i], depth + 1) : build(item as Node, [...path, i], depth + 1));
        });
        return out;
      }
    } finally {
      building.delete(node);
    }
    return fail('not valid YAML: an unexpected kind of node', node, path);
  };

  const scalar = (node: Node & { value: unknown }, path: PathKey[]): unknown => {
    const v = node.value;
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') {
      const written = writtenScalar(node) ?? String(v);
      if (!Number.isFinite(v)) fail(`expected a finite number, got ${written}`, node, path);
      const problem = opts.checkNumber?.(v, path);
      if (problem) fail(`${problem}, got ${written}`, node, path);
      return v;
    }
    const tag = (node.tag ?? typeof v).replace(/^tag:yaml\.org,2002:/, '!!');
    return fail(`expected a number, a text, true/false or null, got a YAML ${tag} value`, node, path);
  };

  const mapping = (items: unknown[], node: Node, path: PathKey[], depth: number): Record<string, unknown> => {
    const out = Object.create(null) as Record<string, unknown>;
    const firstLine = new Map<string, number | undefined>();
    for (const pair of items) {
      if (!isPair(pair)) fail('not valid YAML: expected key: value', node, path);
      const keyNode = (pair as { key: unknown }).key as Node | null;
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        fail(
          'expected a plain key (a name), got ' + (isAlias(keyNode) ? 'an alias' : keyNode === null || (isScalar(keyNode) && keyNode.value === null) ? 'an empty key' : 'a list or mapping'),
          keyNode ?? node,
          path,
        );
      }
      const key = String((keyNode as { value: unknown }).value);
      if (isForbiddenKey(key)) fail(forbiddenKeyMessage(key), keyNode, [...path, key]);
      if (firstLine.has(key)) {
        const first = firstLine.get(key);
        fail(`not valid YAML: Map keys must be unique; "${key}" is already a key of this mapping${first ? ` (line ${first})` : ''}`, keyNode, [...path, key]);
      }
      firstLine.set(key, lineOf(keyNode));
      out[key] = build((pair as { value: Node | null }).value, [...path, key], depth + 1);
    }
    return out;
  };

  return build(doc.contents as Node | null, opts.basePath ?? [], 0);
}

export interface ParsedYaml {
  doc: Document.Parsed;
  counter: LineCounter;
  value: unknown;
}

/**
 * Parses YAML text into plain data with the checks above. Syntax errors and warnings (an unknown
 * tag, a key that is a collection) are both refused, as `not valid YAML: …` with the line.
 */
export function parseYamlText(text: string, opts: YamlValueOptions = {}): ParsedYaml {
  const counter = new LineCounter();
  // uniqueKeys off: yamlToValue finds duplicates in linear time (see the top of this file)
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: false });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? counter.linePos(problem.pos[0]).line;
    const message = problem.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
    throw new InputError(`not valid YAML: ${message}${opts.suffix ?? ''}`, opts.file, line);
  }
  return { doc, counter, value: yamlToValue(doc, counter, opts) };
}
