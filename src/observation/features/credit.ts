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
 *   share: that debt over the debt of all the positions counted (all of the protocol's, or all of
 *          those of `collateral` when it is given; 0 when there is none);
 *   count: positions.
 * These are full scans of the protocol's book, O(positions) per read.
 */
import type { WorldView } from '../../sim/agent.js';
import type { Feature } from '../feature.js';
import type { ProtocolRef, Resolver } from '../resolve.js';
import { bucketLabels, featureName } from '../names.js';
import { utilisation as reserveUtilisation } from '../../protocols/lending/interestRate.js';
import { asCdpSystem, asLendingMarket } from '../../protocols/kinds.js';

export type ExposureMeasure = 'debt' | 'share' | 'count';

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
      const res = asLendingMarket(view.protocols[market]).reserves[reserve];
      // the same debt / (debt + cash) that sets the reserve's borrow rate
      out[offset] = reserveUtilisation(res.totalScaledDebt * res.borrowIndex, res.cash);
    },
  };
}

/** Index of the bucket [e_{b−1}, e_b) that holds `hf` (the last one for ∞). */
function bucketOf(hf: number, edges: readonly number[]): number {
  let b = 0;
  while (b < edges.length && hf >= edges[b]) b++;
  return b;
}

/**
 * Exposure of positions (of collateral `only`, when ≥ 0) in health-factor buckets [0, e₁),
 * [e₁, e₂), …, [e_k, ∞). `debt-near-liquidation` is the one bucket [0, 1 + x): debt within x of
 * liquidation, the liquidatable included. One pass over the book's typed arrays with each
 * reserve's (or vault type's) prices multiplied out first, since this runs over every position.
 */
function exposureByBucket(view: WorldView, p: ProtocolRef, only: number, edges: readonly number[], measure: ExposureMeasure): Float64Array {
  const sums = new Float64Array(edges.length + 1);
  const count = measure === 'count';
  if (p.kind === 'lending') {
    const m = asLendingMarket(view.protocols[p.index]);
    // LendingMarket.healthFactor: collateral · price · LT / (scaled debt · borrow index · price)
    const collateralValue = Float64Array.from(m.reserves, (r, i) => m.price[i] * r.liquidationThreshold);
    const debtValue = Float64Array.from(m.reserves, (r, i) => m.price[i] * r.borrowIndex);
    const { closed, scaledDebt, collateral, collateralReserve, debtReserve } = m.book;
    for (let i = 0; i < m.book.count; i++) {
      if (closed[i] || !(scaledDebt[i] > 0) || (only >= 0 && collateralReserve[i] !== only)) continue;
      const debt = scaledDebt[i] * debtValue[debtReserve[i]];
      sums[bucketOf((collateral[i] * collateralValue[collateralReserve[i]]) / debt, edges)] += count ? 1 : debt;
    }
  } else {
    const c = asCdpSystem(view.protocols[p.index]);
    // CdpSystem.collateralisation / mat: ink · price / (art · rate · mat)
    const collateralValue = Float64Array.from(c.ilks, (k) => k.price / k.mat);
    const rate = Float64Array.from(c.ilks, (k) => k.rate);
    const liquidated = c.ilks.map((k) => k.auction !== null);
    const { ilk, art, ink } = c.vaults;
    for (let i = 0; i < c.vaults.count; i++) {
      const k = ilk[i];
      if (!(art[i] > 0) || !liquidated[k] || (only >= 0 && k !== only)) continue;
      const debt = art[i] * rate[k];
      sums[bucketOf((ink[i] * collateralValue[k]) / debt, edges)] += count ? 1 : debt;
    }
  }
  if (measure === 'share') {
    let total = 0;
    for (const x of sums) total += x;
    for (let b = 0; b < sums.length; b++) sums[b] = total > 0 ? sums[b] / total : 0;
  }
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
