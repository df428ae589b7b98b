/**
 * A figure's distribution over paths (paths.csv) as a histogram, with VaR and ES marked where
 * summary.json puts them (the marks are the summary's numbers, not recomputed here).
 */
import { HEIGHT, SCHEMA, WIDTH, type Spec } from './common.js';

export interface TailMarks {
  var95: number | null;
  es95: number | null;
  var99: number | null;
  es99: number | null;
}

const BINS = 30;

/** Counts of `values` (NaN = no value: left out) in BINS equal bins between their min and max. */
export function histogram(values: ArrayLike<number>): { from: number; to: number; paths: number }[] {
  const xs = Array.from(values).filter((x) => Number.isFinite(x));
  if (xs.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (hi === lo) return [{ from: lo, to: lo + (Math.abs(lo) || 1) * 1e-6, paths: xs.length }];
  const w = (hi - lo) / BINS;
  const counts = new Array<number>(BINS).fill(0);
  for (const x of xs) counts[Math.min(BINS - 1, Math.floor((x - lo) / w))]++;
  return counts.map((paths, i) => ({ from: lo + i * w, to: lo + (i + 1) * w, paths }));
}

export function distributionChart(values: ArrayLike<number>, marks: TailMarks, what: string): Spec | undefined {
  const bins = histogram(values);
  if (bins.length === 0) return undefined;
  const rules = (
    [
      ['VaR95', marks.var95, '#e08a00'],
      ['ES95', marks.es95, '#a05a00'],
      ['VaR99', marks.var99, '#c00'],
      ['ES99', marks.es99, '#600'],
    ] as const
  )
    .filter(([, v]) => v !== null)
    .map(([label, value, color]) => ({ label, value: value as number, color }));
  return {
    $schema: SCHEMA,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: bins },
        mark: { type: 'rect', color: '#4c78a8', opacity: 0.85 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: what },
          x2: { field: 'to' },
          y: { field: 'paths', type: 'quantitative', title: 'paths' },
        },
      },
      {
        data: { values: rules },
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          color: { field: 'label', type: 'nominal', title: null, scale: { domain: rules.map((r) => r.label), range: rules.map((r) => r.color) } },
        },
      },
    ],
  } as Spec;
}
