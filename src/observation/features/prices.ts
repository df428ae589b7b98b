/**
 * Prices as they stand when read: an asset's reference price (USD, what centralised exchanges
 * quote) and a venue's fee-free marginal price of one of its assets in another.
 */
import type { WorldView } from '../../sim/agent.js';
import type { Feature } from '../feature.js';
import type { Resolver } from '../resolve.js';
import { featureName } from '../names.js';

export function referencePrice(spec: { name?: string; asset: string }, r: Resolver): Feature {
  const a = r.asset(spec.asset);
  return {
    names: [spec.name ?? featureName('reference-price', [spec.asset])],
    read(view: WorldView, out: Float32Array, offset: number) {
      out[offset] = view.reference[a];
    },
  };
}

/** The venue's `base` priced in `quote` (default its first asset in its second), as `Venue.price` gives it. */
export function venuePrice(spec: { name?: string; venue: string; base?: string; quote?: string }, r: Resolver): Feature {
  const vi = r.venue(spec.venue);
  const [base, quote] = r.pair(r.world.view.venues[vi], spec.base, spec.quote);
  const ids = r.world.view.assetIds;
  return {
    names: [spec.name ?? featureName('venue-price', [spec.venue, `${ids[base]}/${ids[quote]}`])],
    read(view: WorldView, out: Float32Array, offset: number) {
      out[offset] = view.venues[vi].price(base, quote);
    },
  };
}
