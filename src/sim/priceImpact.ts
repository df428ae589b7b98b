/**
 * Prices that react to trading (issue 14): the net flow agents put through the order books that
 * stand for centralised exchanges moves the reference price of the book's base asset, which the
 * oracles read. Off unless a depth-curve venue declares `impact`.
 *
 * State per such book: F, its cumulative net flow in quote units (buys positive), decaying with
 * the declared half-life (none: the impact is permanent). Each step, after the exogenous prices
 * and shocks, the base asset's reference is multiplied by exp(share · I(F)) with the power law and the
 * depth of models/amm/priceImpact.ts (the book's current ±2 % depth, so liquidity withdrawals
 * steepen it). The law is applied to the cumulative flow, not to each step's, so splitting a flow
 * over steps does not change its impact (the square-root law is a law of metaorders). A flow of
 * the step is counted from the next step: the book itself moved within the step (its transient
 * impact), and it refills toward the reference that the permanent part has moved.
 *
 * In the no-feedback counterfactual, liquidation sales move no price: they add no flow either.
 */
import type { World } from './worldTypes.js';
import type { Venue } from '../protocols/venues/venue.js';
import { DepthCurveVenue } from '../protocols/venues/depthCurveVenue.js';
import { permanentFactor } from '../models/amm/priceImpact.js';
import type { Scenario } from '../scenario/schema.js';

interface ImpactedBook {
  venue: DepthCurveVenue;
  /** Its index in the world's venues. */
  index: number;
  base: number;
  quote: number;
  /** δ of the power law (1: linear, 1/2: square root). */
  exponent: number;
  share: number;
  /** Decay per second of the cumulative flow (0: none). */
  decay: number;
  /** Cumulative net flow counted so far (quote units). */
  flow: number;
  /** Flow of the current step, counted from the next. */
  pending: number;
}

export class PriceImpact {
  private readonly books: ImpactedBook[];
  /** Book per venue index, or undefined. */
  private readonly byVenue: (ImpactedBook | undefined)[];

  private constructor(books: ImpactedBook[], venues: number) {
    this.books = books;
    this.byVenue = new Array(venues);
    for (const b of books) this.byVenue[b.index] = b;
  }

  /** The impact of the scenario's books that declare one; null when none does. */
  static build(s: Scenario, venues: readonly Venue[]): PriceImpact | null {
    const books: ImpactedBook[] = [];
    s.venues.forEach((v, vi) => {
      if (v.kind !== 'depth-curve' || !v.impact) return;
      const venue = venues[vi];
      if (!(venue instanceof DepthCurveVenue)) throw new Error(`venue ${v.id} is not an order book`);
      books.push({
        venue,
        index: vi,
        base: venue.assets[0],
        quote: venue.assets[1],
        exponent: v.impact.exponent,
        share: v.impact.permanentShare,
        decay: v.impact.halfLife === undefined ? 0 : Math.LN2 / v.impact.halfLife,
        flow: 0,
        pending: 0,
      });
    });
    return books.length ? new PriceImpact(books, venues.length) : null;
  }

  /** A filled trade on venue `vi`: `amountIn` of `assetIn` sold for `amountOut`. */
  record(vi: number, assetIn: number, amountIn: number, amountOut: number): void {
    const b = this.byVenue[vi];
    if (!b) return;
    // buying the base pays quote in (a buy: positive); selling it brings quote out
    b.pending += assetIn === b.quote ? amountIn : -amountOut;
  }

  /** This step's reference prices moved by the cumulative flows (after the exogenous path and shocks). */
  apply(reference: Float64Array, dt: number): void {
    for (const b of this.books) {
      b.flow = b.flow * (b.decay > 0 ? Math.exp(-b.decay * dt) : 1) + b.pending;
      b.pending = 0;
      if (b.flow !== 0) reference[b.base] *= permanentFactor(b.exponent, b.flow, b.venue.depth2pct, b.share);
    }
  }

  /** Cumulative flow per impacted venue id (for the metric columns). */
  flows(): { venue: string; flow: number }[] {
    return this.books.map((b) => ({ venue: b.venue.id, flow: b.flow }));
  }
}

/** Applies the world's price impact, if any. */
export function applyPriceImpact(w: World): void {
  w.priceImpact?.apply(w.reference, w.dt);
}
