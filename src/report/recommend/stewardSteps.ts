/**
 * Splitting a change into steps the Risk Stewards allow. Aave's stewards bound ratio parameters
 * (LTV, liquidation threshold, bonus) by an absolute change in percentage points per update and
 * caps by a relative change, with a minimum delay between updates of one parameter; `relative`
 * picks the second reading.
 */
import type { Appetite } from './appetite.js';

export interface StewardPlan {
  /** The values to set, in order; the last is the target. */
  steps: number[];
  /** The largest change one step may make (in the parameter's units), or null when unbounded. */
  maxStep: number | null;
  refused: string | undefined;
}

/** Rounds to a basis point, the resolution of the parameters on chain. */
const bps = (x: number) => Math.round(x * 10000) / 10000;

export function stewardPlan(appetite: Appetite, parameter: string, current: number, target: number): StewardPlan {
  const s = appetite.stewards;
  const limit = s?.maxPercentChange[parameter];
  if (!s || limit === undefined || current === target) return { steps: current === target ? [] : [target], maxStep: null, refused: undefined };
  const maxStep = s.relative ? (Math.abs(current) * limit) / 100 : limit / 100;
  const change = Math.abs(target - current);
  if (change <= maxStep + 1e-12) return { steps: [target], maxStep, refused: undefined };
  const unit = s.relative ? `${((100 * change) / Math.abs(current)).toFixed(2)} % of the current value` : `${(100 * change).toFixed(2)} percentage points`;
  const allowed = s.relative ? `${limit} % relative` : `${limit} percentage points`;
  if (s.onExceed === 'refuse') {
    return {
      steps: [],
      maxStep,
      refused: `${parameter}: ${current} → ${target} is a change of ${unit}; the stewards allow ${allowed} per update (stewards.maxPercentChange); refused (stewards.onExceed: refuse)`,
    };
  }
  const n = Math.ceil(change / maxStep - 1e-12);
  const sign = Math.sign(target - current);
  const steps: number[] = [];
  // relative limits compound on the value reached; absolute ones add up
  let v = current;
  for (let k = 1; k < n; k++) {
    v = bps(v + sign * (s.relative ? (Math.abs(v) * limit) / 100 : maxStep));
    if (sign * (target - v) <= 0) break;
    steps.push(v);
  }
  steps.push(target);
  return { steps, maxStep, refused: undefined };
}
