/**
 * What protocols believe prices are: an oracle's published price (USD), and how far it stands
 * from what the asset trades at on the venues, oracle / venue − 1 (positive: the oracle is above
 * the market, so positions look healthier to the protocol than a sale would make them).
 */
import type { WorldView } from '../../sim/agent.js';
import type { Venue } from '../../protocols/venues/venue.js';
import type { Feature } from '../feature.js';
import type { Resolver } from '../resolve.js';
import { featureName } from '../names.js';

export function oraclePrice(spec: { name?: string; oracle: string }, r: Resolver): Feature {
  const o = r.oracle(spec.oracle);
  return {
    names: [spec.name ?? featureName('oracle-price', [spec.oracle])],
    read(view: WorldView, out: Float32Array, offset: number) {
      out[offset] = view.oraclePrices[o];
    },
  };
}

/**
 * A venue's USD price of `asset`: its price in the venue's other asset (the first other one, in a
 * pool of three) times that asset's reference price, as a spot oracle reads a pool.
 */
function venueUsdPrice(v: Venue, asset: number, reference: Float64Array): number {
  const other = v.assets[0] === asset ? v.assets[1] : v.assets[0];
  return v.price(asset, other) * reference[other];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** oracle price / venue USD price − 1; without `venue`, against the median over every venue trading the asset. */
export function oracleDeviation(spec: { name?: string; oracle: string; venue?: string }, r: Resolver): Feature {
  const o = r.oracle(spec.oracle);
  const asset = r.world.oracles[o].asset;
  const view0 = r.world.view;
  const assetId = view0.assetIds[asset];
  let venues: number[];
  if (spec.venue !== undefined) {
    const vi = r.venue(spec.venue);
    r.venueAsset(view0.venues[vi], assetId, 'venue');
    venues = [vi];
  } else {
    venues = view0.venues.flatMap((v, i) => (v.assets.includes(asset) ? [i] : []));
    if (venues.length === 0) r.fail('oracle', `expected an oracle of an asset some venue trades, got "${spec.oracle}" (no venue trades ${assetId}); compare with reference-price instead`);
  }
  return {
    names: [spec.name ?? featureName('oracle-deviation', [spec.oracle, spec.venue ?? 'venue median'])],
    read(view: WorldView, out: Float32Array, offset: number) {
      const prices = venues.map((vi) => venueUsdPrice(view.venues[vi], asset, view.reference));
      out[offset] = view.oraclePrices[o] / median(prices) - 1;
    },
  };
}
