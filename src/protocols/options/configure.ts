/**
 * Governance changes to an option venue (its target is its underlying's id): the shares of the
 * standard margin rule and the liquidation terms, as flat keys, with the checks a venue's risk
 * desk would make before accepting them: shares in (0, 1), the initial floor at most the initial
 * share and at least the maintenance share (an account must not open a position it could be
 * liquidated for at once), a discount in [0, 0.5), a liquidation share in (0, 1].
 */
import type { StandardRule } from './margin.js';

export interface ConfigurableVenue {
  standard: StandardRule;
  discount: number;
  maxShare: number;
}

/** The parameter names, in the order `venueParameters` reports them. */
export const OPTION_PARAMETERS = ['initialMargin', 'initialMarginFloor', 'maintenanceMargin', 'liquidationDiscount', 'maxLiquidationShare'] as const;

export type VenueParameterValues = Record<(typeof OPTION_PARAMETERS)[number], number>;

export function venueParameters(p: ConfigurableVenue): VenueParameterValues {
  return {
    initialMargin: p.standard.initial,
    initialMarginFloor: p.standard.initialFloor,
    maintenanceMargin: p.standard.maintenance,
    liquidationDiscount: p.discount,
    maxLiquidationShare: p.maxShare,
  };
}

/** The values after `change`, or an Error whose message is why they are refused. */
export function checkVenueChange(p: ConfigurableVenue, change: Record<string, number>): VenueParameterValues {
  const next = venueParameters(p);
  for (const [key, value] of Object.entries(change)) {
    if (!(OPTION_PARAMETERS as readonly string[]).includes(key)) throw new Error(`unknown parameter "${key}" (expected one of ${OPTION_PARAMETERS.join(', ')})`);
    if (!Number.isFinite(value)) throw new Error(`${key} must be a finite number, got ${value}`);
    next[key as keyof VenueParameterValues] = value;
  }
  for (const k of ['initialMargin', 'initialMarginFloor', 'maintenanceMargin'] as const) {
    if (!(next[k] > 0 && next[k] < 1)) throw new Error(`${k} must be in (0, 1), got ${next[k]}`);
  }
  if (next.initialMarginFloor > next.initialMargin) throw new Error(`initialMarginFloor ${next.initialMarginFloor} must not exceed initialMargin ${next.initialMargin}`);
  if (next.maintenanceMargin > next.initialMarginFloor) throw new Error(`maintenanceMargin ${next.maintenanceMargin} must not exceed initialMarginFloor ${next.initialMarginFloor}`);
  if (!(next.liquidationDiscount >= 0 && next.liquidationDiscount < 0.5)) throw new Error(`liquidationDiscount must be in [0, 0.5), got ${next.liquidationDiscount}`);
  if (!(next.maxLiquidationShare > 0 && next.maxLiquidationShare <= 1)) throw new Error(`maxLiquidationShare must be in (0, 1], got ${next.maxLiquidationShare}`);
  return next;
}
