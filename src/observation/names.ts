/**
 * Default names of features: the feature and what identifies it, in call form, such as
 * `ewma-volatility(ETH, window=1d, lambda=0.94)`. A trained policy stores these names with its
 * weights, so they must say everything that changes the value: the ids and every parameter.
 */

const UNITS: [string, number][] = [
  ['w', 604800],
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
];

/** Seconds in the largest unit that divides them exactly: 86400 → `1d`, 5400 → `90m`, 45 → `45s`. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of UNITS) if (seconds >= size && Number.isInteger(seconds / size)) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

/** `feature(a, b, key=value)`: positional ids first, then named parameters (undefined ones left out). */
export function featureName(feature: string, ids: (string | undefined)[], params: Record<string, string | number | undefined> = {}): string {
  const parts = ids.filter((x): x is string => x !== undefined);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) parts.push(`${k}=${v}`);
  return `${feature}(${parts.join(', ')})`;
}

/** Names of a histogram's buckets [0, e₁), [e₁, e₂), …, [e_k, ∞). */
export function bucketLabels(edges: readonly number[]): string[] {
  const labels = [`<${edges[0]}`];
  for (let i = 1; i < edges.length; i++) labels.push(`${edges[i - 1]}-${edges[i]}`);
  labels.push(`>=${edges[edges.length - 1]}`);
  return labels;
}
