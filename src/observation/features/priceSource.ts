/**
 * The price a history feature (volatility, drawdown, return) reads, and its window in steps,
 * checked against the world: one of an asset's reference price, an oracle's published price or
 * a venue's price, each a column of the world's per-step record (`history.ts`).
 */
import type { Resolver } from '../resolve.js';
import { historyColumn, type PriceSourceKind } from '../history.js';

export interface PriceSourceSpec {
  asset?: string;
  oracle?: string;
  venue?: string;
}

export interface PriceSource {
  kind: PriceSourceKind;
  id: string;
  /** The recorded column of the price. */
  column: string;
}

export function priceSource(spec: PriceSourceSpec, r: Resolver): PriceSource {
  if (spec.asset !== undefined) {
    r.asset(spec.asset);
    return { kind: 'asset', id: spec.asset, column: historyColumn('asset', spec.asset) };
  }
  if (spec.oracle !== undefined) {
    r.oracle(spec.oracle);
    return { kind: 'oracle', id: spec.oracle, column: historyColumn('oracle', spec.oracle) };
  }
  r.venue(spec.venue!);
  return { kind: 'venue', id: spec.venue!, column: historyColumn('venue', spec.venue!) };
}

/** How a source appears in a feature's default name: `ETH`, `oracle=eth-usd`, `venue=eth-usdc-pool`. */
export function sourceLabel(s: { kind: PriceSourceKind; id: string }): string {
  return s.kind === 'asset' ? s.id : `${s.kind}=${s.id}`;
}

/** A duration of at least one step, as the nearest whole number of steps. */
export function stepsOf(seconds: number, dt: number, field: string, r: Resolver): number {
  if (seconds < dt) r.fail(field, `expected at least one step (${dt} s), got ${seconds} s`);
  return Math.round(seconds / dt);
}
