/**
 * What a venue can absorb, from its own quotes (`Venue.amountInForRate` and `Venue.quote`, which
 * change nothing): the depth within a band of its price, and the slippage of selling a given size,
 * fees included in both, as a liquidator selling seized collateral meets them.
 */
import type { WorldView } from '../../sim/agent.js';
import type { Venue } from '../../protocols/venues/venue.js';
import type { Feature } from '../feature.js';
import type { Resolver } from '../resolve.js';
import { featureName } from '../names.js';

/**
 * Depth within a band b of the venue's fee-free price p of base in quote, in quote tokens:
 *   bid: quote received for selling base until the marginal rate (fee included) is p·(1 − b);
 *   ask: quote paid for buying base until its marginal cost (fee included) is p·(1 + b);
 *   both: the two added.
 * For an order book calibrated to its ±2 % depth D, each side at b = 0.02 is D; a pool whose fee
 * exceeds b has no depth within the band.
 */
export function bidDepth(v: Venue, base: number, quote: number, band: number): number {
  const p = v.price(base, quote);
  return v.quote(base, quote, v.amountInForRate(base, quote, p * (1 - band)));
}

export function askDepth(v: Venue, base: number, quote: number, band: number): number {
  const p = v.price(base, quote);
  // the rate of a buy is base out per quote in: 1 / (p·(1 + b)) at the edge of the band
  return v.amountInForRate(quote, base, 1 / (p * (1 + band)));
}

export function venueDepth(spec: { name?: string; venue: string; base?: string; quote?: string; band: number; side: 'bid' | 'ask' | 'both' }, r: Resolver): Feature {
  const vi = r.venue(spec.venue);
  const [base, quote] = r.pair(r.world.view.venues[vi], spec.base, spec.quote);
  const { band, side } = spec;
  const ids = r.world.view.assetIds;
  return {
    names: [spec.name ?? featureName('venue-depth', [spec.venue, `${ids[base]}/${ids[quote]}`], { band, side })],
    read(view: WorldView, out: Float32Array, offset: number) {
      const v = view.venues[vi];
      const bid = side === 'ask' ? 0 : bidDepth(v, base, quote, band);
      const ask = side === 'bid' ? 0 : askDepth(v, base, quote, band);
      out[offset] = bid + ask;
    },
  };
}

/**
 * Slippage of selling `amount` of `sell` for `buy`: 1 − received / (amount · fee-free price), so
 * the fee counts as slippage (a sale of nearly nothing into a 30 bp pool slips 0.003). With
 * `amountUsd` the size is that many USD at the reference price of `sell` when read.
 */
export function slippage(spec: { name?: string; venue: string; sell: string; buy?: string; amount?: number; amountUsd?: number }, r: Resolver): Feature {
  const vi = r.venue(spec.venue);
  const venue = r.world.view.venues[vi];
  const sell = r.venueAsset(venue, spec.sell, 'sell');
  const buy = spec.buy === undefined ? r.otherAsset(venue, sell, 'buy') : r.venueAsset(venue, spec.buy, 'buy');
  if (buy === sell) r.fail('buy', `expected an asset other than the one sold, got "${spec.buy}"`);
  const ids = r.world.view.assetIds;
  return {
    names: [spec.name ?? featureName('slippage', [spec.venue, `${ids[sell]}->${ids[buy]}`], { amount: spec.amount, amountUsd: spec.amountUsd })],
    read(view: WorldView, out: Float32Array, offset: number) {
      const v = view.venues[vi];
      const amount = spec.amount ?? spec.amountUsd! / view.reference[sell];
      out[offset] = 1 - v.quote(sell, buy, amount) / (amount * v.price(sell, buy));
    },
  };
}
