/**
 * The bound a Risk Steward puts on one parameter change (aave-dao/aave-v3-risk-stewards,
 * RiskSteward `_validateParamUpdate` and `_updateWithinAllowedRange`; rules read there, code
 * written here; where its README's LTV example reads a relative change, the code's absolute one
 * is followed):
 *  - `minDelay`: a parameter of a target may change again only `minDelay` seconds after its last
 *    change, up or down (the steward's per-asset debounce);
 *  - `maxPercentChange`: the new value may differ from the current one by at most this many
 *    percent of it (`relative`: caps, ceilings, amounts, durations) or percentage points
 *    (`absolute`: ratios and rates; 5 allows 0.70 → 0.65 … 0.75), both ways.
 * As on chain, a change of exactly the bound is allowed; a relative change from 0 or from no
 * limit (Infinity) is unbounded, so a bounded parameter cannot leave either that way.
 */
export interface ParameterBound {
  /** Percent (relative) or percentage points (absolute); undefined: no limit on the size. */
  maxPercentChange?: number;
  /** Seconds. */
  minDelay: number;
  change: 'relative' | 'absolute';
}

/** A value as written (12 significant digits hide 0.1 + 0.2 but not a change); a change's size to 6. */
const value = (x: number) => String(Number(x.toPrecision(12)));
const fmt = (x: number) => String(Number(x.toPrecision(6)));

/** The size of a change from `current` to `next`, in the bound's unit (percent or percentage points). */
export function changeSize(current: number, next: number, change: 'relative' | 'absolute'): number {
  if (next === current) return 0;
  const step = Math.abs(next - current);
  if (change === 'absolute') return step * 100;
  return current !== 0 && Number.isFinite(current) ? (step / Math.abs(current)) * 100 : Infinity;
}

/**
 * Why changing `parameter` from `current` to `next` at `now` breaks its bound, the parameter
 * having last changed at `lastChange` (−∞ if never); null when the change is within it.
 */
export function boundViolation(parameter: string, current: number, next: number, now: number, lastChange: number, bound: ParameterBound): string | null {
  const since = now - lastChange;
  if (since < bound.minDelay) return `${parameter} last changed ${fmt(since)} s ago, sooner than its minDelay of ${fmt(bound.minDelay)} s`;
  if (bound.maxPercentChange === undefined) return null;
  const size = changeSize(current, next, bound.change);
  // a change of exactly the bound, computed in floating point (0.825 − 0.775 = 0.04999…), is within it
  if (size > bound.maxPercentChange * (1 + 1e-9) + 1e-12) {
    const unit = bound.change === 'relative' ? '%' : ' percentage points';
    return `${parameter} ${value(current)} → ${value(next)} is a change of ${fmt(size)}${unit}, above its maxPercentChange of ${fmt(bound.maxPercentChange)}${unit}`;
  }
  return null;
}
