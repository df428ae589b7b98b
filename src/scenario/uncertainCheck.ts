/**
 * Load-time check of a scenario's declared-uncertain inputs (uncertain.ts): each names a number of
 * the scenario, and the scenario stays valid at every end of each range (the schema and the
 * cross-references both), so that no path's draw can be refused once a run has started. Values
 * between the ends are checked again when a path draws them (sim/build/uncertain.ts), since two
 * inputs that constrain each other (an LTV and its threshold) can clash inside their ranges.
 */
import type { Scenario } from './schema.js';
import { scenarioSchema } from './schema.js';
import { checkReferences, type ReferenceProblem } from './references.js';
import { rangeEnds, resolveUncertainField, withValues } from './uncertain.js';
import { formatPath } from './fieldPath.js';

export function checkUncertain(s: Scenario, baseDir: string): ReferenceProblem | null {
  const inputs = s.uncertain ?? [];
  const seen = new Map<string, number>();
  for (let k = 0; k < inputs.length; k++) {
    const u = inputs[k];
    const resolved = resolveUncertainField(s, u.field);
    if ('problem' in resolved) return { path: ['uncertain', k, 'field'], message: resolved.problem };
    const key = formatPath(resolved.path);
    const twin = seen.get(key);
    if (twin !== undefined) return { path: ['uncertain', k, 'field'], message: `${key} is already declared uncertain by uncertain[${twin}]` };
    seen.set(key, k);
    const ends = u.baseline === undefined ? rangeEnds(u.range) : [...rangeEnds(u.range), u.baseline];
    for (const v of ends) {
      const parsed = scenarioSchema.safeParse(withValues(s, [resolved.path], [v]));
      const where = v === u.baseline && !rangeEnds(u.range).includes(v) ? 'baseline' : 'range';
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { path: ['uncertain', k, where], message: `${key} = ${v} is not a valid scenario: ${formatPath(issue.path)}: ${issue.message}` };
      }
      const refs = checkReferences(parsed.data, baseDir);
      if (refs) return { path: ['uncertain', k, where], message: `${key} = ${v} is not a valid scenario: ${formatPath(refs.path)}: ${refs.message}` };
    }
  }
  return null;
}
