/** What every chart of a report shares: its size, and thinning long series for drawing. */
import type { TopLevelSpec } from 'vega-lite';

export const WIDTH = 640;
export const HEIGHT = 220;
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Row indices to draw a series of `n` steps with at most `max` points (every k-th, and the last): drawing only, never a figure. */
export function thinned(n: number, max = 600): number[] {
  const k = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = 0; i < n; i += k) out.push(i);
  if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

export type Spec = TopLevelSpec;
