/**
 * What a liquidator policy sees and chooses among on a scenario, computed from the scenario alone:
 * the liquidator environment builds its spaces from it, and a policy agent running a trained
 * liquidator policy inside an ordinary run (src/rl/agents/) builds the same observation and reads
 * the same action, so a policy acts in a run exactly as it was trained and evaluated to act.
 */
import type { Scenario } from '../../../scenario/schema.js';
import type { LiquidatorControlSpec } from '../../../scenario/rl.js';
import type { FeatureSpecInput } from '../../../observation/spec.js';
import { KEEP, SELL_BEST, type LiquidatorOrder } from './controlledLiquidator.js';

/** The slot a policy drives: the markets it watches and what it starts with. */
export interface LiquidatorSlot {
  protocols: readonly string[];
  capital: Readonly<Record<string, number>>;
}

export const DEFAULT_LIQUIDATOR_CONTROL: LiquidatorControlSpec = { sizes: [0, 0.25, 0.5, 1], gasMultiples: [1, 1.25, 1.5, 2, 3] };

/** The venues a liquidator of these markets may sell on: those trading two reserve assets of one of them. */
export function saleVenues(s: Scenario, markets: readonly string[]): string[] {
  const reserveSets = s.protocols.filter((p) => p.kind === 'lending' && markets.includes(p.id)).map((p) => (p.kind === 'lending' ? p.reserves.map((r) => r.asset) : []));
  return s.venues.filter((v) => reserveSets.some((assets) => (v.kind === 'stableswap' ? v.assets : [v.base, v.quote]).filter((a) => assets.includes(a)).length >= 2)).map((v) => v.id);
}

export interface LiquidatorLayout {
  control: LiquidatorControlSpec;
  /** Venue choices of the action, in order: `best`, `keep`, then venue ids. */
  venueChoices: string[];
  /** Assets of each agent's own state (capital and gas), in order. */
  selfAssets: string[];
  /** The features before the agents' own state: `rl.observation`, or the defaults below. */
  features: FeatureSpecInput[];
  /** True when the features are the scenario's `rl.observation`. */
  ownFeatures: boolean;
  /** Choices per action dimension: sizes, venues, gas bids. */
  nvec: [number, number, number];
}

/** The layout for these slots on scenario `s`. */
export function liquidatorLayout(s: Scenario, slots: readonly LiquidatorSlot[]): LiquidatorLayout {
  const control = s.rl?.liquidator ?? DEFAULT_LIQUIDATOR_CONTROL;
  const markets = [...new Set(slots.flatMap((l) => l.protocols))];
  const venueChoices = ['best', 'keep', ...saleVenues(s, markets)];
  const selfAssets = [...new Set([...slots.flatMap((l) => Object.keys(l.capital)), s.chain.nativeAsset])];
  const own = s.rl?.observation;
  return {
    control,
    venueChoices,
    selfAssets,
    features: own ?? defaultFeatures(s, markets, venueChoices.slice(2)),
    ownFeatures: own !== undefined,
    nvec: [control.sizes.length, venueChoices.length, control.gasMultiples.length],
  };
}

/** The gas price; per market the debt under health factor 1 and 1.05 (USD); per sale venue its ±2 % bid depth. */
function defaultFeatures(s: Scenario, markets: readonly string[], venues: readonly string[]): FeatureSpecInput[] {
  const out: FeatureSpecInput[] = [{ feature: 'gas-price' }];
  for (const id of markets) {
    out.push({ feature: 'debt-near-liquidation', protocol: id, within: 0 }, { feature: 'debt-near-liquidation', protocol: id, within: 0.05 });
  }
  for (const id of venues) {
    const v = s.venues.find((x) => x.id === id)!;
    if (v.kind !== 'stableswap' || v.assets.length === 2) out.push({ feature: 'venue-depth', venue: id, side: 'bid' });
  }
  return out;
}

/** The order agent k's block of three choices (size, venue, gas bid) in `action` asks for; `venueIndex` maps a venue id to the world's index. */
export function liquidatorOrder(layout: LiquidatorLayout, action: ArrayLike<number>, k: number, venueIndex: (id: string) => number): LiquidatorOrder {
  for (let j = 0; j < 3; j++) {
    const x = action[3 * k + j];
    if (!(Number.isInteger(x) && x >= 0 && x < layout.nvec[j])) throw new RangeError(`liquidator: action[${3 * k + j}] must be an integer from 0 to ${layout.nvec[j] - 1}, got ${x}`);
  }
  const choice = layout.venueChoices[action[3 * k + 1]];
  const venue = choice === 'best' ? SELL_BEST : choice === 'keep' ? KEEP : venueIndex(choice);
  return { size: layout.control.sizes[action[3 * k]], venue, gasMultiple: layout.control.gasMultiples[action[3 * k + 2]] };
}
