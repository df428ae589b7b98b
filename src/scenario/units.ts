/**
 * Units that scenario files write in human form. Durations are seconds or a string with a unit
 * (`90s`, `30m`, `6h`, `1.5d`, `1w`); every duration is turned into seconds at load time, so the
 * rest of the code only ever sees seconds.
 */
import { z } from 'zod';
import { DURATION_MAX } from '../util/bounds.js';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses `6h`, `30m`, `90` (seconds) and the like; returns NaN when it cannot. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$/.exec(value);
  if (!m) return NaN;
  return Number(m[1]) * UNIT_SECONDS[m[2] || 's'];
}

/** A non-negative duration in seconds, written as a number of seconds or as `6h`, `30m`, `1d`. */
export const duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = parseDuration(v);
  if (!Number.isFinite(s) || s < 0) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 90, "30m", "6h" or "1d", got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  if (s > DURATION_MAX) {
    ctx.addIssue({ code: 'custom', message: `expected a duration of at most 10 years (${DURATION_MAX} s), got ${typeof v === 'string' ? JSON.stringify(v) : v}` });
    return z.NEVER;
  }
  return s;
});

/** A strictly positive duration in seconds. */
export const positiveDuration = duration.refine((s) => s > 0, { message: 'expected a positive duration' });
