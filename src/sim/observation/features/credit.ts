/**
 * Borrowers' state as a protocol's risk team sees it: how much of a reserve is lent out, how much
 * debt sits close to liquidation, and the whole health-factor distribution.
 *
 * The health factor is the protocol's own: for a lending position (collateral · oracle price ·
 * liquidation threshold) / (debt · oracle price), `LendingMarket.healthFactor`; for a CDP vault
 * its collateralisation over its type's liquidation ratio, collateral value / (debt · mat), so 1 is
 * where either is liquidated. Vault types that are never liquidated (no auction) are left out, as
 * are closed and debt-free positions. Exposure is counted as
 *   debt:  USD debt at the protocol's oracle prices (for a CDP system, its stablecoin debt);
 *   share: that debt over all the protocol's debt counted the same way (0 when there is none);
 *   count: positions.
 * These are full scans of the protocol's book, O(positions) per read.
 */
import type { WorldView } from '../../agent.js';
import type { Feature } from '../feature.js';
import type { ProtocolRef, Resolver } from '../resolve.js';
import { bucketLabels, featureName } from '../names.js';
import { utilisation as reserveUtilisation } from '../../../protocols/lending/interestRate.js';

export type ExposureMeasure = 'debt' | 'share' | 'count';

/** Calls `visit(healthFactor, debt)` for each indebted position (of collateral `only`, when ≥ 0). */
function forEachBorrower(view: WorldView, p: ProtocolRef, only: number, visit: (hf: number, debt: number) => void): void {
  if (p.kind === 'lending') {
    const m = view.protocols[p.index];
    const b = m.book;
    for (let i = 0; i < b.count; i++) {
      if (b.closed[i] || !(b.scaledDebt[i] > 0) || (only >= 0 && b.collateralReserve[i] !== only)) continue;
      visit(m.healthFactor(i), m.debtTokens(i) * m.price[b.debtReserve[i]]);
    }
    return;
  }
  const c = view.cdps[p.index];
  const vaults = c.vaults;
  for (let v = 0; v < vaults.count; v++) {
    const ilk = c.ilks[vaults.ilk[v]];
    if (!(vaults.art[v] > 0) || ilk.auction === null || (only >= 0 && vaults.ilk[v] !== only)) continue;
    visit(c.collateralisation(v) / ilk.mat, c.debt(v));
  }
}

/** The optional collateral filter: a lending reserve (by asset id) or a CDP vault type; −1 for all. */
function collateralFilter(p: ProtocolRef, collateral: string | undefined, r: Resolver): number {
  if (collateral === undefined) return -1;
  return p.kind === 'lending' ? r.reserve(p.index, collateral, 'collateral') : r.ilk(p.index, collateral, 'collateral');
}

export function utilisation(spec: { name?: string; protocol: string; reserve: string }, r: Resolver): Feature {
  const market = r.lendingMarket(spec.protocol);
  const reserve = r.reserve(market, spec.reserve, 'reserve');
  return {
    names: [spec.name ?? featureName('utilisation', [spec.protocol, spec.reserve])],
    read(view: WorldView, out: Float32Array, offset: number) {
      const res = view.protocols[market].reserves[reserve];
      // the same debt / (debt + cash) that sets the reserve's borrow rate
      out[offset] = reserveUtilisation(res.totalScaledDebt * res.borrowIndex, res.cash);
    },
  };
}

/**
 * Exposure of positions in health-factor buckets [0, e₁), [e₁, e₂), …, [e_k, ∞). `debt-near-
 * liquidation` is the one bucket [0, 1 + x): debt within x of liquidation, the liquidatable included.
 */
function exposureByBucket(view: WorldView, p: ProtocolRef, only: number, edges: readonly number[], measure: ExposureMeasure): Float64Array {
  const k = edges.length;
  const sums = new Float64Array(k + 1);
  let total = 0;
  forEachBorrower(view, p, only, (hf, debt) => {
    let b = 0;
    while (b < k && hf >= edges[b]) b++;
    const w = measure === 'count' ? 1 : debt;
    sums[b] += w;
    total += w;
  });
  if (measure === 'share') for (let b = 0; b <= k; b++) sums[b] = total > 0 ? sums[b] / total : 0;
  return sums;
}

export function debtNearLiquidation(spec: { name?: string; protocol: string; within: number; collateral?: string; measure: ExposureMeasure }, r: Resolver): Feature {
  const p = r.protocol(spec.protocol);
  const only = collateralFilter(p, spec.collateral, r);
  const edges = [1 + spec.within];
  return {
    names: [spec.name ?? featureName('debt-near-liquidation', [spec.protocol, spec.collateral], { within: spec.within, measure: spec.measure })],
    read(view: WorldView, out: Float32Array, offset: number) {
      out[offset] = exposureByBucket(view, p, only, edges, spec.measure)[0];
    },
  };
}

export function healthHistogram(spec: { name?: string; protocol: string; edges: number[]; collateral?: string; measure: ExposureMeasure }, r: Resolver): Feature {
  const p = r.protocol(spec.protocol);
  const only = collateralFilter(p, spec.collateral, r);
  const edges = [...spec.edges];
  const base = spec.name ?? featureName('health-histogram', [spec.protocol, spec.collateral], { measure: spec.measure });
  return {
    names: bucketLabels(edges).map((b) => `${base}[${b}]`),
    read(view: WorldView, out: Float32Array, offset: number) {
      out.set(exposureByBucket(view, p, only, edges, spec.measure), offset);
    },
  };
}
