/**
 * Inputs that are legal but almost certainly mistakes: the run goes ahead, and the CLI prints
 * each on stderr as a warning. Errors are for what cannot be meant; these are for what is very
 * likely not meant (a fee of 0.3 bps written for 0.3 %, a book that starts liquidatable, a shock
 * the run ends before).
 */
import type { Scenario } from './schema.js';
import { bounds, type NumberOrDistribution } from './distribution.js';
import { formatPath } from './fieldPath.js';

export interface ScenarioWarning {
  field: string;
  message: string;
}

/** z for the 1st percentile of a standard normal: an unbounded draw below it is a 1-in-100 event. */
const Z_01 = 2.326;

/**
 * The lowest value a number or distribution plausibly gives: its support's lower bound, or, for
 * the unbounded normal and lognormal, its 1st percentile (their support always reaches below any
 * level, so the bound alone would warn about every one).
 */
function plausibleLow(d: NumberOrDistribution): number {
  const b = bounds(d);
  if (b) return b[0];
  if (typeof d !== 'number' && d.distribution === 'normal') return d.mean - Z_01 * d.sd;
  if (typeof d !== 'number' && d.distribution === 'lognormal') return d.median * Math.exp(-Z_01 * d.sigma);
  return Number.NaN;
}

/** `from 0.9`, or for an unbounded draw `down to 0.816 (1st percentile)`. */
function lowWords(d: NumberOrDistribution, low: number): string {
  return bounds(d) ? `from ${low}` : `down to ${Number(low.toPrecision(3))} (1st percentile)`;
}

export function scenarioWarnings(s: Scenario): ScenarioWarning[] {
  const out: ScenarioWarning[] = [];
  const warn = (path: (string | number)[], message: string) => out.push({ field: formatPath(path), message });

  s.venues.forEach((v, i) => {
    if (v.kind !== 'depth-curve' && v.feeBps > 0 && v.feeBps < 1) {
      warn(['venues', i, 'feeBps'], `a fee of ${v.feeBps} basis points (${v.feeBps / 100} %) is unusually low; feeBps is in basis points (30 = 0.3 %)`);
    }
  });

  s.protocols.forEach((p, i) => {
    if (p.kind === 'lending') {
      p.positions.forEach((pos, k) => {
        if (!('healthFactor' in pos)) return;
        const low = plausibleLow(pos.healthFactor);
        if (low < 1) warn(['protocols', i, 'positions', k, 'healthFactor'], `health factors ${lowWords(pos.healthFactor, low)} are below 1: some positions are liquidatable from the first step`);
      });
      (p.accounts ?? []).forEach((group, k) => {
        const low = plausibleLow(group.healthFactor);
        if (low < 1) warn(['protocols', i, 'accounts', k, 'healthFactor'], `health factors ${lowWords(group.healthFactor, low)} are below 1: some accounts are liquidatable from the first step`);
      });
    } else if (p.kind === 'options') {
      p.positions.forEach((pos, k) => {
        const low = plausibleLow(pos.healthFactor);
        if (low <= 1)
          warn(['protocols', i, 'positions', k, 'healthFactor'], `health factors ${lowWords(pos.healthFactor, low)} are at or below 1: some option accounts are under maintenance from the first step`);
      });
    } else {
      p.vaults.forEach((v, k) => {
        if ('file' in v) return;
        const ratio = p.ilks.find((ilk) => ilk.id === v.ilk)?.liquidationRatio;
        const low = plausibleLow(v.collateralisation);
        if (ratio !== undefined && low < ratio) {
          warn(
            ['protocols', i, 'vaults', k, 'collateralisation'],
            `collateralisations ${lowWords(v.collateralisation, low)} are below ${v.ilk}'s liquidation ratio ${ratio}: some vaults are unsafe from the first step`,
          );
        }
      });
    }
  });

  s.shocks.forEach((sh, i) => {
    // a start after the horizon is refused by the loader; at or near the end, the shock is cut short
    const length = 'duration' in sh && sh.kind !== 'oracle-freeze' && sh.kind !== 'oracle-manipulation' && sh.kind !== 'gas-spike' ? sh.duration : 0;
    if (sh.start >= s.horizon) warn(['shocks', i, 'start'], `the shock starts at the horizon (${s.horizon} s): the run ends before it has any effect`);
    else if (sh.start + length > s.horizon) {
      warn(['shocks', i, 'duration'], `the shock ramps in until ${sh.start + length} s, after the horizon (${s.horizon} s): the run sees only part of it`);
    }
  });
  return out;
}
