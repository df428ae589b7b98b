/**
 * Governance changes to a reserve (Aave's PoolConfigurator): its configurable parameters as flat
 * dotted keys (what a governance change names), and the checks PoolConfigurator makes before it
 * accepts new values:
 *  - ltv in [0, 1] (0 stops new borrowing against the asset), liquidationThreshold in (0, 1],
 *    ltv ≤ liquidationThreshold;
 *  - liquidationThreshold × (1 + liquidationBonus) ≤ 1: a liquidation must not seize more
 *    collateral than the threshold lets the debt borrow against (PoolConfigurator's
 *    `configureReserveAsCollateral`);
 *  - caps positive (Infinity: no cap), rate curve slopes and base non-negative, the optimal
 *    utilisation in (0, 1).
 * The pair checks (ltv against threshold, threshold × bonus) apply when a change names one of
 * their members, as PoolConfigurator checks them when those are set.
 *
 * The liquidation index files each position by a key that contains its collateral reserve's
 * threshold, so the market re-keys every position with that collateral when the threshold
 * changes (lendingMarket.ts `configure`); otherwise the index would disagree with the positions'
 * health factors.
 *
 * Reference: aave/aave-v3-core PoolConfigurator and ReserveConfiguration; rules read there, code
 * written here.
 */
import type { RateCurve } from './interestRate.js';

export interface ConfigurableReserve {
  ltv: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  supplyCap?: number;
  borrowCap?: number;
  rate: RateCurve;
}

/** The parameter names, in the order `reserveParameters` reports them. */
export const RESERVE_PARAMETERS = ['ltv', 'liquidationThreshold', 'liquidationBonus', 'supplyCap', 'borrowCap', 'rate.base', 'rate.slope1', 'rate.slope2', 'rate.optimalUtilisation'] as const;

export function reserveParameters(r: ConfigurableReserve): Record<string, number> {
  return {
    ltv: r.ltv,
    liquidationThreshold: r.liquidationThreshold,
    liquidationBonus: r.liquidationBonus,
    supplyCap: r.supplyCap ?? Infinity,
    borrowCap: r.borrowCap ?? Infinity,
    'rate.base': r.rate.base,
    'rate.slope1': r.rate.slope1,
    'rate.slope2': r.rate.slope2,
    'rate.optimalUtilisation': r.rate.optimalUtilisation,
  };
}

/**
 * The reserve's parameters after `change`, or an Error whose message says why the change is
 * refused. Nothing is modified.
 */
export function checkReserveChange(r: ConfigurableReserve, change: Record<string, number>): Record<string, number> {
  const next = reserveParameters(r);
  for (const [key, value] of Object.entries(change)) {
    if (!(key in next)) throw new Error(`unknown parameter "${key}" of a reserve (expected one of ${RESERVE_PARAMETERS.join(', ')})`);
    if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`${key}: expected a number, got ${String(value)}`);
    if (value < 0) throw new Error(`${key}: expected a non-negative value, got ${value}`);
    const isCap = key === 'supplyCap' || key === 'borrowCap';
    if (!Number.isFinite(value) && !isCap) throw new Error(`${key}: expected a finite value, got ${value}`);
    next[key] = value;
  }
  const has = (...keys: string[]) => keys.some((k) => k in change);
  if (next.ltv > 1) throw new Error(`ltv: expected at most 1, got ${next.ltv}`);
  if (!(next.liquidationThreshold > 0 && next.liquidationThreshold <= 1)) throw new Error(`liquidationThreshold: expected a number in (0, 1], got ${next.liquidationThreshold}`);
  if (has('ltv', 'liquidationThreshold') && next.ltv > next.liquidationThreshold) {
    throw new Error(`ltv ${next.ltv} above liquidationThreshold ${next.liquidationThreshold}`);
  }
  if (has('liquidationThreshold', 'liquidationBonus') && next.liquidationThreshold * (1 + next.liquidationBonus) > 1) {
    throw new Error(`liquidationThreshold × (1 + liquidationBonus) = ${next.liquidationThreshold} × ${1 + next.liquidationBonus} > 1: a liquidation would seize more collateral than backs the debt`);
  }
  for (const cap of ['supplyCap', 'borrowCap']) if (!(next[cap] > 0)) throw new Error(`${cap}: expected a positive cap (Infinity for none), got ${next[cap]}`);
  const u = next['rate.optimalUtilisation'];
  if (!(u > 0 && u < 1)) throw new Error(`rate.optimalUtilisation: expected a number in (0, 1), got ${u}`);
  return next;
}
