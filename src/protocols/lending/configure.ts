/**
 * Governance changes to a reserve's collateral parameters, as Aave's PoolConfigurator sets them
 * (`configureReserveAsCollateral`): LTV, liquidation threshold and liquidation bonus, checked
 * against the same rules the scenario schema applies (LTV and threshold in (0, 1], LTV ≤
 * threshold, bonus in [0, 0.5]). The liquidation index files each position by a key that
 * contains its collateral reserve's threshold, so a new threshold re-keys every position with
 * that collateral; otherwise the index would disagree with the positions' health factors.
 */
import type { ReserveState } from './lendingMarket.js';

type CollateralParams = Pick<ReserveState, 'ltv' | 'liquidationThreshold' | 'liquidationBonus'>;

const KEYS = ['ltv', 'liquidationThreshold', 'liquidationBonus'] as const;

export function reserveParameters(r: ReserveState): Record<string, number> {
  return { ltv: r.ltv, liquidationThreshold: r.liquidationThreshold, liquidationBonus: r.liquidationBonus };
}

/** The reserve's parameters after `params`, or an Error saying why they are refused. */
export function checkedReserveParameters(r: ReserveState, params: Record<string, number>): CollateralParams {
  const next: CollateralParams = { ltv: r.ltv, liquidationThreshold: r.liquidationThreshold, liquidationBonus: r.liquidationBonus };
  for (const [key, value] of Object.entries(params)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new Error(`reserve ${r.assetId} has no configurable parameter ${key} (expected one of ${KEYS.join(', ')})`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${r.assetId}.${key}: expected a finite number, got ${String(value)}`);
    next[key as (typeof KEYS)[number]] = value;
  }
  const { ltv, liquidationThreshold: lt, liquidationBonus: bonus } = next;
  if (!(lt > 0 && lt <= 1)) throw new Error(`${r.assetId}.liquidationThreshold: expected a number in (0, 1], got ${lt}`);
  if (!(ltv > 0 && ltv <= 1)) throw new Error(`${r.assetId}.ltv: expected a number in (0, 1], got ${ltv}`);
  if (ltv > lt) throw new Error(`${r.assetId}: expected ltv <= liquidationThreshold, got ltv ${ltv} above ${lt}`);
  if (!(bonus >= 0 && bonus <= 0.5)) throw new Error(`${r.assetId}.liquidationBonus: expected a number in [0, 0.5], got ${bonus}`);
  return next;
}
