/**
 * Governance changes to a vault type's risk parameters, as dss's `file` sets them on the Spotter
 * (mat), the Dog (chop) and the Jug (duty): the liquidation ratio, the liquidation penalty and the
 * stability fee, checked against the rules the scenario schema applies (ratio ≥ 1, penalty in
 * [0, 1], fee ≥ 0). Unsafe vaults are found by a full scan at every mark, and the fee and penalty
 * are read when used, so nothing needs re-keying: a change applies from the next mark, bite or drip.
 */
import type { Ilk } from './ilks.js';

const KEYS = ['liquidationRatio', 'penalty', 'stabilityFee'] as const;

export function ilkParameters(ilk: Ilk): Record<string, number> {
  // chop is kept as 1 + penalty (dss); 15 digits drop the last-bit noise of taking the 1 off
  return { liquidationRatio: ilk.mat, penalty: Number((ilk.chop - 1).toPrecision(15)), stabilityFee: ilk.fee };
}

/** The vault type's (mat, chop, fee) after `params`, or an Error saying why they are refused. */
export function checkedIlkParameters(ilk: Ilk, params: Record<string, number>): Pick<Ilk, 'mat' | 'chop' | 'fee'> {
  const next = ilkParameters(ilk);
  for (const [key, value] of Object.entries(params)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new Error(`ilk ${ilk.id} has no configurable parameter ${key} (expected one of ${KEYS.join(', ')})`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${ilk.id}.${key}: expected a finite number, got ${String(value)}`);
    next[key] = value;
  }
  if (!(next.liquidationRatio >= 1)) throw new Error(`${ilk.id}.liquidationRatio: expected a number >= 1, got ${next.liquidationRatio}`);
  if (!(next.penalty >= 0 && next.penalty <= 1)) throw new Error(`${ilk.id}.penalty: expected a number in [0, 1], got ${next.penalty}`);
  if (!(next.stabilityFee >= 0)) throw new Error(`${ilk.id}.stabilityFee: expected a number >= 0, got ${next.stabilityFee}`);
  return { mat: next.liquidationRatio, chop: 1 + next.penalty, fee: next.stabilityFee };
}
