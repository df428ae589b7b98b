/**
 * Assets whose reference price is their market price (scenario `priceFrom`): a stablecoin whose
 * peg holds or gives way through trading, such as DAI in its pools while arbitrageurs work Maker's
 * peg stability module. Each step, after the exogenous prices and shocks, the asset's reference is
 * its fee-free price on the venue in the quote asset × the quote's reference. The issuer loss rule,
 * applied after, still scales it when its issuer books a loss (an option the scenario keeps).
 */
import type { World } from './worldTypes.js';

export interface MarketPriced {
  asset: number;
  venue: number;
  quote: number;
}

export function marketPricedAssets(w: Pick<World, 'scenario' | 'venues'>, assetIndex: (id: string) => number): MarketPriced[] {
  return w.scenario.assets.flatMap((a) => (a.priceFrom ? [{ asset: assetIndex(a.id), venue: w.venues.findIndex((v) => v.id === a.priceFrom!.venue), quote: assetIndex(a.priceFrom.quote) }] : []));
}

export function applyMarketPrices(w: World): void {
  for (const m of w.marketPriced) w.reference[m.asset] = w.venues[m.venue].price(m.asset, m.quote) * w.reference[m.quote];
}
