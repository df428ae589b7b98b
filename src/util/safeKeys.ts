/**
 * Keys that can reach an object's prototype when a parsed document is copied or walked by key:
 * `__proto__` (the accessor on Object.prototype), `constructor` and `prototype` (the way from an
 * instance to its class and on to the shared prototype). No scenario field, override path or
 * queue job has any reason to use them, so they are refused wherever outside input names keys,
 * rather than each consumer having to remember which copies are safe.
 */
import { InputError } from './errors.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** `a.b[0].c`, as `scenario/fieldPath.ts` writes paths (util/ imports nothing above it). */
function formatPath(path: readonly PropertyKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

export function isForbiddenKey(key: PropertyKey): boolean {
  return typeof key === 'string' && FORBIDDEN.has(key);
}

/** The message every refusal uses, so the CLI, the loader and the queue say the same thing. */
export function forbiddenKeyMessage(key: string, context = ''): string {
  return `the key "${key}" is not allowed${context} (it could reach the object prototype)`;
}

/**
 * Throws an `InputError` naming `where` and the field path if any own key of `value`, at any depth,
 * is `__proto__`, `constructor` or `prototype`. Walks with an explicit stack (no recursion limit
 * to hit) and visits each object once, so shared or cyclic references cannot make it loop.
 */
export function assertSafeKeys(value: unknown, where: string): void {
  const stack: { node: unknown; path: PropertyKey[] }[] = [{ node: value, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    // own keys only, enumerable or not: JSON.parse makes `__proto__` an ordinary own key
    for (const key of Reflect.ownKeys(node)) {
      if (typeof key !== 'string') continue;
      if (FORBIDDEN.has(key)) throw new InputError(forbiddenKeyMessage(key), where, undefined, formatPath([...path, key]));
      if (Array.isArray(node) && key === 'length') continue;
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push({ node: child, path: [...path, Array.isArray(node) ? Number(key) : key] });
    }
  }
}
