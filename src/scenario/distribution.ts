/**
 * Numbers that a scenario may give either as a fixed value or as a distribution to draw from
 * (shock magnitudes, position sizes, initial health factors). Draws always take an explicit Rng.
 */
import { z } from 'zod';
import type { Rng } from '../util/rng.js';
import { LOGNORMAL_SIGMA_MAX } from '../util/bounds.js';

export const distributionSchema = z.discriminatedUnion('distribution', [
  z.object({ distribution: z.literal('fixed'), value: z.number() }).strict(),
  z
    .object({ distribution: z.literal('uniform'), min: z.number(), max: z.number() })
    .strict()
    .refine((d) => d.max >= d.min, { message: 'expected max >= min', path: ['max'] }),
  z.object({ distribution: z.literal('normal'), mean: z.number(), sd: z.number().nonnegative() }).strict(),
  /** Lognormal by its median (= e^mu) and log-sd, the natural way to describe position sizes. */
  z
    .object({
      distribution: z.literal('lognormal'),
      median: z.number().positive(),
      sigma: z
        .number()
        .nonnegative()
        .max(LOGNORMAL_SIGMA_MAX, { message: `expected a log-sd from 0 to ${LOGNORMAL_SIGMA_MAX}` }),
    })
    .strict(),
  z
    .object({ distribution: z.literal('choice'), values: z.array(z.number()).min(1), weights: z.array(z.number().nonnegative()).optional() })
    .strict()
    .refine((d) => !d.weights || d.weights.length === d.values.length, { message: 'expected as many weights as values', path: ['weights'] }),
]);

export type Distribution = z.infer<typeof distributionSchema>;

/** A number, or a distribution to draw it from. */
export const numberOrDistribution = z.union([z.number(), distributionSchema]);
export type NumberOrDistribution = z.infer<typeof numberOrDistribution>;

/**
 * A quantity that must be positive (a position's size, its health factor): a number > 0, or a
 * distribution centred on positive values. A normal's negative tail is allowed (such draws are
 * skipped as no position), but a distribution that can only give non-positive values is a typo.
 */
export const positiveNumberOrDistribution = z.union([
  z.number().positive(),
  distributionSchema.superRefine((d, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (d.distribution === 'fixed' && !(d.value > 0)) bad('value', `expected a positive value, got ${d.value}`);
    if (d.distribution === 'uniform' && !(d.min >= 0 && d.max > 0)) bad('min', `expected 0 <= min < max with max > 0, got [${d.min}, ${d.max}]`);
    if (d.distribution === 'normal' && !(d.mean > 0)) bad('mean', `expected a positive mean, got ${d.mean}`);
    if (d.distribution === 'choice' && !d.values.every((v) => v > 0)) bad('values', `expected positive values, got [${d.values.join(', ')}]`);
  }),
]);

/**
 * The smallest and largest value a number or distribution can give, for those with bounded
 * support (a number, fixed, uniform, choice); undefined for normal and lognormal, whose draws
 * are clamped where they are used.
 */
export function bounds(d: NumberOrDistribution): [number, number] | undefined {
  if (typeof d === 'number') return [d, d];
  switch (d.distribution) {
    case 'fixed':
      return [d.value, d.value];
    case 'uniform':
      return [d.min, d.max];
    case 'choice': {
      // a loop, not Math.min(...values): spreading a list of 200,000 values overflows the stack
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of d.values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return [lo, hi];
    }
    default:
      return undefined;
  }
}

export function draw(d: NumberOrDistribution, rng: Rng): number {
  if (typeof d === 'number') return d;
  switch (d.distribution) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.min + (d.max - d.min) * rng.uniform();
    case 'normal':
      return d.mean + d.sd * rng.normal();
    case 'lognormal':
      return d.median * Math.exp(d.sigma * rng.normal());
    case 'choice': {
      const w = d.weights ?? d.values.map(() => 1);
      const total = w.reduce((a, b) => a + b, 0);
      let u = rng.uniform() * total;
      for (let i = 0; i < d.values.length; i++) {
        u -= w[i];
        if (u < 0) return d.values[i];
      }
      return d.values[d.values.length - 1];
    }
  }
}

/** A draw clamped to [lo, hi]: magnitudes such as a crash's size must stay meaningful whatever the tail. */
export function drawClamped(d: NumberOrDistribution, rng: Rng, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, draw(d, rng)));
}
