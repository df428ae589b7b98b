/**
 * Help for a field the schema rejected: the keys a mapping may hold there (to suggest the one a
 * misspelt key meant) and the forms a union accepts (to list them when none fits). Both are read
 * from the zod schema itself, so they cannot drift from what the loader accepts.
 */
import type { z } from 'zod';

interface Def {
  type: string;
  [key: string]: unknown;
}

const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

/** Peels defaults, optionals, lazies and pipes off a schema: what a value is checked against. */
function unwrap(s: unknown): unknown {
  for (let i = 0; i < 32; i++) {
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'optional' || d.type === 'nullable' || d.type === 'prefault' || d.type === 'readonly' || d.type === 'catch') s = d.innerType;
    else if (d.type === 'lazy') s = (d.getter as () => unknown)();
    else if (d.type === 'pipe') s = d.in;
    else return s;
  }
  return s;
}

/** The literal values an object schema's key must take (`kind: 'spot'`), if it is a literal. */
function literalOf(objectSchema: unknown, key: string): unknown[] | undefined {
  const shape = defOf(objectSchema).shape as Record<string, unknown> | undefined;
  if (!shape?.[key]) return undefined;
  const d = defOf(unwrap(shape[key]));
  return d.type === 'literal' ? (d.values as unknown[]) : undefined;
}

/** A union's branches, narrowed to those whose literal keys (`kind`, `process`) match the value. */
function branches(union: unknown, value: unknown): unknown[] {
  const options = (defOf(union).options as unknown[]).map(unwrap);
  if (!value || typeof value !== 'object') return options;
  const v = value as Record<string, unknown>;
  const matching = options.filter((o) => {
    if (defOf(o).type !== 'object') return false;
    return Object.keys(v).every((k) => {
      const lit = literalOf(o, k);
      return lit === undefined || lit.includes(v[k]);
    });
  });
  return matching.length > 0 ? matching : options;
}

/** The schemas (unions expanded) that a value at `path` of `raw` is checked against. */
export function schemasAt(root: z.ZodType, path: readonly PropertyKey[], raw: unknown): unknown[] {
  let current: unknown[] = [unwrap(root)];
  let value = raw;
  for (let i = 0; i <= path.length; i++) {
    // expand unions at this level, narrowed by the value found here
    const expanded: unknown[] = [];
    for (const s of current) {
      const d = defOf(s);
      if (d.type === 'union') expanded.push(...branches(s, value));
      else expanded.push(s);
    }
    current = expanded;
    if (i === path.length) break;
    const key = path[i];
    const next: unknown[] = [];
    for (const s of current) {
      const d = defOf(s);
      if (d.type === 'object' && typeof key === 'string' && (d.shape as Record<string, unknown>)[key]) next.push(unwrap((d.shape as Record<string, unknown>)[key]));
      else if (d.type === 'array' && typeof key === 'number') next.push(unwrap(d.element));
      else if (d.type === 'tuple' && typeof key === 'number' && (d.items as unknown[])[key]) next.push(unwrap((d.items as unknown[])[key]));
      else if (d.type === 'record') next.push(unwrap(d.valueType));
    }
    current = next;
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return current;
}

/** The keys a mapping at `path` may hold. */
export function keysAt(root: z.ZodType, path: readonly PropertyKey[], raw: unknown): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(root, path, raw)) {
    const d = defOf(s);
    if (d.type === 'object') for (const k of Object.keys(d.shape as object)) keys.add(k);
  }
  return [...keys];
}

const TYPE_NAMES: Record<string, string> = { number: 'a number', string: 'a text', boolean: 'true or false', array: 'a list', record: 'a mapping' };

/** One accepted form, as a reader would write it: `{kind: spot, venue}` or `a number`. */
function describeForm(s: unknown): string {
  const d = defOf(s);
  if (d.type !== 'object') return TYPE_NAMES[d.type] ?? d.type;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(d.shape as Record<string, unknown>)) {
    const lit = literalOf(s, k);
    if (lit) parts.push(`${k}: ${lit.map(String).join('|')}`);
    else if (!['optional', 'default'].includes(defOf(v).type)) parts.push(k);
  }
  return `{${parts.join(', ')}}`;
}

/** The forms a union at `path` accepts, or undefined where the schema there is not a union. */
export function formsAt(root: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  // read without a value, so that every branch is listed
  const parent = schemasAt(root, path.slice(0, -1), undefined);
  const key = path[path.length - 1];
  for (const s of parent) {
    const d = defOf(s);
    let child: unknown;
    if (path.length === 0) child = s;
    else if (d.type === 'object' && typeof key === 'string') child = (d.shape as Record<string, unknown>)[key];
    else if (d.type === 'array' && typeof key === 'number') child = d.element;
    if (child === undefined) continue;
    const u = unwrap(child);
    if (defOf(u).type === 'union') return (defOf(u).options as unknown[]).map((o) => describeForm(unwrap(o)));
  }
  return undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions, one each. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate a misspelling most plausibly meant: the nearest by edit distance (ignoring case),
 * if it is within a third of the word's length (at least 2 edits), so that no wild guess is shown;
 * else a candidate the word starts with, or that starts with the word.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (bestDistance <= Math.max(2, Math.floor(word.length / 3))) return best;
  // a unit or qualifier added to a known key (`latencySeconds` for `latency`)
  const w = word.toLowerCase();
  return candidates.find((c) => c.length >= 4 && (w.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(w)));
}
