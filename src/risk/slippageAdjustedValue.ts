/**
 * Slippage-adjusted value of a collateral amount: what it would fetch if sold now across every
 * venue that trades it, with the sale split so as to maximise proceeds.
 *
 * Each venue's proceeds P_v(q) are concave in the size q sold there (constant product, StableSwap
 * and a depth curve all have falling marginal rates P_v'(q)). Maximising Σ P_v(q_v) subject to
 * Σ q_v = Q, q_v ≥ 0 is then a concave problem whose KKT conditions say: every venue used trades
 * down to the same marginal rate r*, and every unused venue starts at or below r*
 * (Boyd & Vandenberghe 2004, "Convex Optimization", §5.5.3, the water-filling example; for DEX
 * routing: Angeris, Evans, Chitra & Boyd 2022, "Optimal routing for constant function market
 * makers"). r* is found by bisection on the common marginal rate, each venue giving the size
 * q_v(r) at which its marginal rate has fallen to r (closed form for constant product and depth
 * curves, bisection for StableSwap).
 *
 * Sizes are in units of the collateral asset; proceeds and prices in the quote asset, which must
 * be the same asset on every venue (a StableSwap venue therefore fits a ~1:1 pair such as
 * stETH→ETH when the debt is in ETH, not an ETH/USD market). The
 * haircut is 1 − proceeds/(size·reference price), with the reference price by default the highest
 * fee-free mid price among the venues (the price an oracle would report for a small trade).
 */
import * as cp from '../models/amm/constantProduct.js';
import * as ss from '../models/amm/stableswap.js';
import * as dc from '../models/amm/depthCurve.js';

export type VenueSpec =
  | { kind: 'constant-product'; reserveAsset: number; reserveQuote: number; feeBps?: number; name?: string }
  /** Sells coin i for coin j (the quote); balances in a common unit, already scaled by rates/decimals. */
  | { kind: 'stableswap'; balances: number[]; A: number; feeBps?: number; i: number; j: number; name?: string }
  | { kind: 'depth-curve'; mid: number; depth2pct: number; name?: string };

/** A venue seen as a sale: proceeds, marginal rate, and the size at which the rate reaches r. */
interface SaleCurve {
  mid: number;
  proceeds(q: number): number;
  rate(q: number): number;
  sizeAtRate(r: number): number;
}

function saleCurve(v: VenueSpec): SaleCurve {
  switch (v.kind) {
    case 'constant-product': {
      const { reserveAsset: x, reserveQuote: y } = v;
      const fee = v.feeBps ?? 30;
      if (!(x > 0 && y > 0)) throw new RangeError('constant-product venue needs positive reserves');
      return {
        mid: cp.spotPrice(x, y),
        proceeds: (q) => cp.getAmountOut(q, x, y, fee),
        rate: (q) => cp.marginalRate(q, x, y, fee),
        sizeAtRate: (r) => cp.amountInForMarginalRate(r, x, y, fee),
      };
    }
    case 'stableswap': {
      const { balances, A, i, j } = v;
      const fee = v.feeBps ?? 4;
      const g = 1 - fee / 10_000;
      const D = ss.getD(balances, A);
      const after = balances.slice();
      // marginal rate after selling q: fee factor × curve price at (x_i + q, y(q)) on the pre-trade invariant
      const rate = (q: number) => {
        if (!(q > 0)) return g * ss.spotPrice(i, j, balances, A, D);
        after[i] = balances[i] + q;
        after[j] = ss.getY(i, j, after[i], balances, A, D);
        const p = g * ss.spotPrice(i, j, after, A, D);
        after[i] = balances[i];
        after[j] = balances[j];
        return p;
      };
      return {
        mid: ss.spotPrice(i, j, balances, A, D),
        proceeds: (q) => (q > 0 ? g * Math.max(balances[j] - ss.getY(i, j, balances[i] + q, balances, A, D), 0) : 0),
        rate,
        sizeAtRate: (r) => {
          if (rate(0) <= r) return 0;
          let lo = 0;
          let hi = Math.max(balances[i], 1e-12);
          for (let k = 0; k < 200 && rate(hi) > r; k++) {
            lo = hi;
            hi *= 2;
          }
          for (let k = 0; k < 100 && hi - lo > 1e-13 * hi; k++) {
            const m = 0.5 * (lo + hi);
            if (rate(m) > r) lo = m;
            else hi = m;
          }
          return 0.5 * (lo + hi);
        },
      };
    }
    case 'depth-curve': {
      const c = { mid: v.mid, depth2pct: v.depth2pct };
      dc.bookDensity(c); // validates
      return {
        mid: c.mid,
        proceeds: (q) => dc.sellProceeds(c, q),
        rate: (q) => dc.priceAfterSell(c, q),
        sizeAtRate: (r) => dc.sizeForSellPrice(c, r),
      };
    }
  }
}

export interface VenueFill {
  index: number;
  name: string;
  kind: VenueSpec['kind'];
  size: number;
  proceeds: number;
  /** proceeds/size, or the venue's zero-size rate when nothing is sold there. */
  averagePrice: number;
  /** The venue's marginal rate after its fill (fee included). */
  marginalPrice: number;
}

export interface SlippageAdjustedValue {
  size: number;
  proceeds: number;
  averagePrice: number;
  referencePrice: number;
  /** 1 − proceeds/(size·referencePrice); 0 for size 0 only if the best venue charges no fee. */
  haircut: number;
  /** The common marginal rate r* every used venue is brought down to. */
  marginalPrice: number;
  split: VenueFill[];
}

export interface SaleOptions {
  /** Price the haircut is measured against; default the highest fee-free venue mid. */
  referencePrice?: number;
  /** Relative tolerance of the bisection on the common marginal rate. */
  tol?: number;
}

/** Sells `size` units across `venues`, split to equalise marginal rates (water-filling). */
export function slippageAdjustedValue(size: number, venues: readonly VenueSpec[], opts: SaleOptions = {}): SlippageAdjustedValue {
  if (venues.length === 0) throw new RangeError('slippageAdjustedValue needs at least one venue');
  if (!(size >= 0) || !Number.isFinite(size)) throw new RangeError(`size must be a non-negative finite number, got ${size}`);
  const curves = venues.map(saleCurve);
  const reference = opts.referencePrice ?? Math.max(...curves.map((c) => c.mid));
  if (!(reference > 0)) throw new RangeError(`reference price must be positive, got ${reference}`);
  const tol = opts.tol ?? 1e-13;
  const n = curves.length;
  const q = new Float64Array(n);
  const rate0 = curves.map((c) => c.rate(0));
  let rStar = Math.max(...rate0);

  if (size > 0) {
    const total = (r: number) => {
      let s = 0;
      for (let v = 0; v < n; v++) s += curves[v].sizeAtRate(r);
      return s;
    };
    // bracket: at hi nothing is sold; halve lo until the venues together absorb the size
    let hi = rStar;
    let lo = hi / 2;
    for (let k = 0; k < 2000 && total(lo) < size; k++) {
      hi = lo;
      lo /= 2;
    }
    for (let k = 0; k < 200 && hi - lo > tol * hi; k++) {
      const m = 0.5 * (lo + hi);
      if (total(m) < size) hi = m;
      else lo = m;
    }
    rStar = 0.5 * (lo + hi);
    let s = 0;
    for (let v = 0; v < n; v++) {
      q[v] = curves[v].sizeAtRate(rStar);
      s += q[v];
    }
    // the bisection leaves Σq within tol of the size; scale so the split sums to it exactly
    if (s > 0) for (let v = 0; v < n; v++) q[v] *= size / s;
  }

  let proceeds = 0;
  const split: VenueFill[] = venues.map((venue, v) => {
    const p = curves[v].proceeds(q[v]);
    proceeds += p;
    return {
      index: v,
      name: venue.name ?? `${venue.kind}#${v}`,
      kind: venue.kind,
      size: q[v],
      proceeds: p,
      averagePrice: q[v] > 0 ? p / q[v] : rate0[v],
      marginalPrice: curves[v].rate(q[v]),
    };
  });
  const averagePrice = size > 0 ? proceeds / size : Math.max(...rate0);
  return {
    size,
    proceeds,
    averagePrice,
    referencePrice: reference,
    haircut: 1 - averagePrice / reference,
    marginalPrice: rStar,
    split,
  };
}

/** Proceeds of selling the whole `size` on one venue (no split), for comparison. */
export function singleVenueProceeds(size: number, venue: VenueSpec): number {
  return saleCurve(venue).proceeds(size);
}

/** Haircut as a function of size: one water-filled sale per size. */
export function haircutCurve(sizes: readonly number[], venues: readonly VenueSpec[], opts: SaleOptions = {}): { size: number; haircut: number; proceeds: number; averagePrice: number }[] {
  return sizes.map((size) => {
    const r = slippageAdjustedValue(size, venues, opts);
    return { size, haircut: r.haircut, proceeds: r.proceeds, averagePrice: r.averagePrice };
  });
}
