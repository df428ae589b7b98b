/**
 * Declared-uncertain inputs: numbers of a scenario that no source gives, declared with a range and
 * drawn afresh on every path, so that a run over many paths is the distribution of the outcome
 * under what is not known (issue 14). A scenario lists them under `uncertain`:
 *
 *   uncertain:
 *     - field: agents.keeper-1.gasBid.factor       # any number of the scenario, as --set names it
 *       range: { distribution: uniform, min: 1, max: 2 }
 *       group: keeper-gas                           # inputs that `attribute` switches together
 *       reason: "auction-keeper bid the node's suggested price; what operators configured is not known"
 *
 * A path draws each input from its own stream (scenario seed, path index, input index), so fixing
 * one input (a plain number as its `range`, as `attribute` does) leaves every other draw as it was:
 * the coalitions of `attribute` run on common random numbers. The drawn scenario is validated
 * again by the schema; the ends of each range are checked when the file is loaded, so a draw can
 * never be refused halfway through a run.
 */
import { z } from 'zod';
import { deriveSeed, Rng } from '../util/rng.js';
import { formatPath, getAt, parsePath, resolvePath, setAt, type PathKey } from './fieldPath.js';

const rangeSchema = z.union([
  z.number(),
  z.object({ distribution: z.literal('uniform'), min: z.number(), max: z.number() }).strict(),
  /** Uniform in the logarithm: a range over orders of magnitude (a book's depth, a vault count). */
  z.object({ distribution: z.literal('loguniform'), min: z.number().positive(), max: z.number().positive() }).strict(),
  z.object({ distribution: z.literal('choice'), values: z.array(z.number()).min(1), weights: z.array(z.number().nonnegative()).optional() }).strict(),
]);

export type UncertainRange = z.infer<typeof rangeSchema>;

export const uncertainSchema = z
  .object({
    /** The number this entry makes uncertain, by index or by id: `agents.keeper-1.capital.DAI`, `chain.gasPrice`. */
    field: z.string().min(1),
    range: rangeSchema,
    /** Inputs with the same group are switched together by `attribute` (absent: the input is its own group). */
    group: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'expected a group name of letters, digits, _ . -' })
      .optional(),
    /** The value `attribute` fixes the input at when it is not drawn; default: the middle of the range. */
    baseline: z.number().optional(),
    /** Why no source gives it, and what the range rests on (shown in tables). */
    reason: z.string().min(1),
  })
  .strict()
  .superRefine((u, ctx) => {
    const r = u.range;
    if (typeof r === 'number') return;
    if (r.distribution !== 'choice' && !(r.max >= r.min)) ctx.addIssue({ code: 'custom', path: ['range', 'max'], message: `expected max >= min (${r.min})` });
    if (r.distribution === 'choice' && r.weights && r.weights.length !== r.values.length) ctx.addIssue({ code: 'custom', path: ['range', 'weights'], message: 'expected as many weights as values' });
  });

export type UncertainInput = z.infer<typeof uncertainSchema>;

/** Random stream of the uncertain inputs (build/context.ts STREAM numbers the others; 7 is free there). */
export const UNCERTAIN_STREAM = 7;

/** The values a range can give: its two ends, or every value of a choice. */
export function rangeEnds(r: UncertainRange): number[] {
  if (typeof r === 'number') return [r];
  if (r.distribution === 'choice') return r.values;
  return [r.min, r.max];
}

/** The middle of a range: midpoint (uniform), geometric mean (loguniform), weighted median (choice). */
export function rangeMiddle(r: UncertainRange): number {
  if (typeof r === 'number') return r;
  if (r.distribution === 'uniform') return (r.min + r.max) / 2;
  if (r.distribution === 'loguniform') return Math.sqrt(r.min * r.max);
  const order = r.values.map((v, i) => ({ v, w: r.weights?.[i] ?? 1 })).sort((a, b) => a.v - b.v);
  const total = order.reduce((a, x) => a + x.w, 0);
  let acc = 0;
  for (const x of order) {
    acc += x.w;
    if (acc >= total / 2) return x.v;
  }
  return order[order.length - 1].v;
}

export function drawRange(r: UncertainRange, rng: Rng): number {
  if (typeof r === 'number') return r;
  switch (r.distribution) {
    case 'uniform':
      return r.min + (r.max - r.min) * rng.uniform();
    case 'loguniform':
      return r.min * Math.exp(Math.log(r.max / r.min) * rng.uniform());
    case 'choice': {
      const w = r.weights ?? r.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      let u = rng.uniform() * total;
      for (let i = 0; i < r.values.length; i++) {
        u -= w[i];
        if (u < 0) return r.values[i];
      }
      return r.values[r.values.length - 1];
    }
  }
}

/** An entry's field as an index path into the (parsed) scenario, or why it names no number. */
export function resolveUncertainField(scenario: unknown, field: string): { path: PathKey[] } | { problem: string } {
  const keys = parsePath(field);
  if (keys.length === 0 || keys[0] === 'uncertain') return { problem: `expected a field of the scenario other than uncertain, got "${field}"` };
  // resolvePath creates missing objects on its way (for --set); a check must not change the document
  const probe = structuredClone(scenario);
  const resolved = resolvePath(probe, keys);
  if ('missing' in resolved) return { problem: `no such field: ${resolved.missing}` };
  const value = getAt(scenario, resolved.path);
  if (typeof value !== 'number') return { problem: `expected the path of a number in the scenario, got ${formatPath(resolved.path)} (${value === undefined ? 'absent' : typeof value})` };
  return { path: resolved.path };
}

/** The scenario with `values[k]` at input k's field (a copy; the input list itself is kept). */
export function withValues<T>(scenario: T, paths: readonly PathKey[][], values: readonly number[]): T {
  const copy = structuredClone(scenario);
  paths.forEach((p, k) => setAt(copy, p, values[k]));
  return copy;
}

/** Path `path`'s draw of every uncertain input of the scenario, in the list's order. */
export function drawUncertain(inputs: readonly UncertainInput[], seed: number, path: number): number[] {
  const base = deriveSeed(deriveSeed(seed, path), UNCERTAIN_STREAM);
  return inputs.map((u, k) => drawRange(u.range, new Rng(deriveSeed(base, k))));
}
