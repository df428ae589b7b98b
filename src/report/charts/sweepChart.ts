/**
 * A sweep's risk figures against the swept parameter (sweep.json): P(bad debt) with its Wilson
 * interval, ES99 of bad debt with its interval, and LaR99, one panel each, one line per setting of
 * the other grid axes. Where an appetite is given, its limits are drawn on the panels they bound.
 */
import { HEIGHT, SCHEMA, WIDTH, type Spec } from './common.js';

export interface SweepPoint {
  /** The swept parameter's value (x). */
  x: number;
  /** The other axes' values, as one label ('' when there is one axis). */
  others: string;
  pBadDebt: number | null;
  pLow: number | null;
  pHigh: number | null;
  es99: number | null;
  esLow: number | null;
  esHigh: number | null;
  lar99: number | null;
}

export interface SweepLimits {
  pBadDebt?: number;
  es99?: number;
  lar99?: number;
}

function panel(points: SweepPoint[], axis: string, y: keyof SweepPoint, low: keyof SweepPoint | null, high: keyof SweepPoint | null, title: string, format: string, limit?: number) {
  const values = points.filter((p) => p[y] !== null);
  const x = { field: 'x', type: 'quantitative' as const, title: axis, scale: { zero: false } };
  const colour = { field: 'others', type: 'nominal' as const, title: null, legend: points.some((p) => p.others) ? {} : null };
  return {
    width: WIDTH,
    height: Math.round(HEIGHT * 0.7),
    title,
    data: { values },
    layer: [
      { mark: { type: 'line' as const, point: true }, encoding: { x, y: { field: y, type: 'quantitative' as const, title: null, axis: { format } }, color: colour } },
      ...(low && high ? [{ mark: { type: 'rule' as const }, encoding: { x, y: { field: low, type: 'quantitative' as const }, y2: { field: high }, color: colour } }] : []),
      ...(limit !== undefined
        ? [{ data: { values: [{ limit }] }, mark: { type: 'rule' as const, color: '#c00', strokeDash: [5, 3] }, encoding: { y: { field: 'limit', type: 'quantitative' as const } } }]
        : []),
    ],
  };
}

export function sweepChart(points: SweepPoint[], axis: string, limits: SweepLimits = {}): Spec | undefined {
  if (points.length === 0) return undefined;
  return {
    $schema: SCHEMA,
    vconcat: [
      panel(points, axis, 'pBadDebt', 'pLow', 'pHigh', 'P(bad debt), 95 % Wilson interval', '.1%', limits.pBadDebt),
      panel(points, axis, 'es99', 'esLow', 'esHigh', 'ES99 of bad debt (USD), 95 % interval', '$,.0f', limits.es99),
      panel(points, axis, 'lar99', null, null, 'Liquidations at risk, LaR99 (USD)', '$,.0f', limits.lar99),
    ],
  } as Spec;
}
