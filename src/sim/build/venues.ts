/**
 * Venues from their scenario specs, their tokens minted into the ledger (a pool's reserves are
 * tokens it holds; an order book holds none: it lies outside the modelled world).
 */
import type { Ledger } from '../ledger.js';
import type { Venue } from '../../protocols/venues/venue.js';
import { ConstantProductVenue } from '../../protocols/venues/constantProductVenue.js';
import { StableswapVenue } from '../../protocols/venues/stableswapVenue.js';
import { DepthCurveVenue } from '../../protocols/venues/depthCurveVenue.js';
import type { BuildContext } from './context.js';

export function buildVenues(b: BuildContext, reference: Float64Array, ledger: Ledger): Venue[] {
  const { assetIndex } = b;
  const venues: Venue[] = b.scenario.venues.map((v) => {
    switch (v.kind) {
      case 'constant-product':
        return new ConstantProductVenue(v.id, assetIndex(v.base), assetIndex(v.quote), v.reserves, v.feeBps);
      case 'stableswap':
        return new StableswapVenue(v.id, v.assets.map(assetIndex), v.balances, v.amplification, v.feeBps);
      case 'depth-curve':
        return new DepthCurveVenue(v.id, assetIndex(v.base), assetIndex(v.quote), reference[assetIndex(v.base)] / reference[assetIndex(v.quote)], v.depth2pct, v.resilience);
    }
  });
  for (const v of venues) {
    const acct = ledger.account(`venue:${v.id}`);
    for (const [a, amt] of v.holdings()) ledger.mint(acct, a, amt);
  }
  return venues;
}
