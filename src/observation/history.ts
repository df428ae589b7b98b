/**
 * Price history for features that need it, read from the world's own per-step record rather than
 * kept by the features. A feature then holds no state that depends on when it was read: its value
 * at a step is a function of the world at that step alone, so the same seed gives the same
 * vectors whether an agent reads every step or every hundredth.
 *
 * The record holds, for each completed step, the prices at the end of that step (the
 * `timeseries.csv` columns `ref.<asset>`, `oracle.<id>.price`, `venue.<id>.price`). While step s
 * is under way (an agent acting in it) and between step s − 1 and step s (an environment reading
 * after stepping), `view.step` is s and steps 0 … s − 1 are complete: both read the same history.
 */
import type { ObservedWorld } from './resolve.js';

export type PriceSourceKind = 'asset' | 'oracle' | 'venue';

/** The recorded column of a price: an asset's reference price, an oracle's published price, a venue's first asset in its second. */
export function historyColumn(kind: PriceSourceKind, id: string): string {
  switch (kind) {
    case 'asset':
      return `ref.${id}`;
    case 'oracle':
      return `oracle.${id}.price`;
    case 'venue':
      return `venue.${id}.price`;
  }
}

const NONE = new Float64Array(0);

export class RecordedPrices {
  private series: Float64Array | null = null;

  constructor(
    private readonly world: ObservedWorld,
    readonly column: string,
  ) {}

  /** Prices of the completed steps before `step`, the last at most `count` of them. */
  last(step: number, count: number): Float64Array {
    if (step <= 0) return NONE;
    // the record declares its columns at the first step it records, so look the column up late
    this.series ??= this.world.metrics.series(this.column);
    return this.series.subarray(Math.max(0, step - count), step);
  }
}
