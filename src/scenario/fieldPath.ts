/**
 * Field paths as users read and write them: `protocols[0].reserves[1].liquidationThreshold`, and,
 * for `--set` and sweeps, the id-keyed form `protocols.aave.reserves.ETH.liquidationThreshold`
 * where an array element is named by its `id` (or `asset`, for reserves).
 */
import { isForbiddenKey } from '../util/safeKeys.js';

export type PathKey = string | number;

/** `['protocols', 0, 'reserves', 1, 'ltv']` → `protocols[0].reserves[1].ltv`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out;
}

/** Splits `a.b[0].c` into `['a', 'b', 0, 'c']`; numbers inside brackets are indices. */
export function parsePath(text: string): PathKey[] {
  const keys: PathKey[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) keys.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return keys;
}

function elementKey(el: unknown): string | undefined {
  if (el && typeof el === 'object') {
    const o = el as Record<string, unknown>;
    if (typeof o.id === 'string') return o.id;
    if (typeof o.asset === 'string') return o.asset;
  }
  return undefined;
}

/**
 * Resolves a user path against a document: array elements may be named by index or by id.
 * Returns the index-based path, or the first segment that does not exist. Missing objects on
 * the way are created (empty), so that defaulted sections can be overridden.
 */
export function resolvePath(root: unknown, keys: PathKey[]): { path: PathKey[] } | { missing: string } {
  const out: PathKey[] = [];
  let node: unknown = root;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const last = i === keys.length - 1;
    if (Array.isArray(node)) {
      const idx = typeof k === 'number' ? k : /^\d+$/.test(k) ? Number(k) : node.findIndex((el) => elementKey(el) === k);
      if (idx < 0 || (idx >= node.length && !(last && idx === node.length))) return { missing: formatPath([...out, k]) };
      out.push(idx);
      node = node[idx];
    } else if (node && typeof node === 'object' && !isForbiddenKey(k)) {
      out.push(String(k));
      const obj = node as Record<string, unknown>;
      // a section the file leaves to its defaults (`options`, `chain`) may be set field by field;
      // a misspelt key created here is then rejected by the strict schema as an unknown field.
      // Own keys only, and created without a prototype: a path can never walk into Object.prototype
      if (!last && !Object.hasOwn(obj, String(k))) obj[String(k)] = Object.create(null);
      node = obj[String(k)];
    } else {
      return { missing: formatPath([...out, k]) };
    }
  }
  return { path: out };
}

/** Sets a value at an index-based path, creating nothing but the last key. */
export function setAt(root: unknown, path: PathKey[], value: unknown): void {
  if (path.some(isForbiddenKey)) throw new RangeError(`refusing to set ${formatPath(path)}: a key there could reach the object prototype`);
  let node = root as Record<PropertyKey, unknown>;
  for (let i = 0; i < path.length - 1; i++) node = node[path[i]] as Record<PropertyKey, unknown>;
  node[path[path.length - 1]] = value;
}

export function getAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root as Record<PropertyKey, unknown> | undefined;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[k as PropertyKey] as Record<PropertyKey, unknown> | undefined;
  }
  return node;
}

/**
 * The one-protocol shorthand of `--set` and `--grid`: a path whose first key is not a top-level
 * scenario field but a field of exactly one protocol is read as that protocol's
 * (`reserves.ETH.ltv` → `protocols.lender.reserves.ETH.ltv`). Returns the path to use, or how
 * many protocols share the field when it is ambiguous.
 */
export function expandProtocolShorthand(raw: unknown, path: string): { path: string } | { ambiguous: number } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { path };
  const first = parsePath(path)[0];
  const root = raw as Record<string, unknown>;
  if (typeof first !== 'string' || Object.hasOwn(root, first)) return { path };
  const protocols = Array.isArray(root.protocols) ? (root.protocols as unknown[]) : [];
  const owners = protocols.filter((p): p is Record<string, unknown> => !!p && typeof p === 'object' && Object.hasOwn(p, first));
  if (owners.length === 1 && typeof owners[0].id === 'string') return { path: `protocols.${owners[0].id}.${path}` };
  if (owners.length > 1) return { ambiguous: owners.length };
  return { path };
}
