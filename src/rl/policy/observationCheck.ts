/**
 * A policy acts only on the observation it was trained on: the same values, by name, in the same
 * order. `eval` checks an environment's observation with this before evaluating, and a policy
 * agent checks the observation a scenario gives it before it acts (src/rl/agents/).
 */

/** Why `names` is not the observation `expected` (one clause, naming the first value that differs), or null when it is. */
export function observationMismatch(names: readonly string[], expected: readonly string[], subject: string): string | null {
  if (names.length === expected.length && names.every((n, i) => n === expected[i])) return null;
  const i = names.findIndex((n, j) => n !== expected[j]);
  return `${subject} observes ${names.length === expected.length ? 'other values than the policy was trained on' : `${names.length} values where the policy was trained on ${expected.length}`}${i >= 0 ? ` (value ${i}: ${JSON.stringify(names[i] ?? null)} against ${JSON.stringify(expected[i] ?? null)})` : ''}`;
}
