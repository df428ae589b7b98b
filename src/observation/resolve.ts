/**
 * What an observation is built against, and the id → index lookups done once at build time. A
 * spec that names something the world does not have fails here, with one line naming the field
 * and the ids there are, so a feature never meets a missing index while a run is under way.
 */
import type { WorldView } from '../sim/agent.js';
import type { Venue } from '../protocols/venues/venue.js';
import { InputError } from '../util/errors.js';
import { formatPath } from '../scenario/fieldPath.js';
import { asCdpSystem, asLendingMarket } from '../protocols/kinds.js';

/**
 * The parts of a world an observation reads (a `World` is one). `metrics` is the per-step record
 * (`timeseries.csv`): volatility features read the prices it holds for completed steps.
 */
export interface ObservedWorld {
  readonly view: WorldView;
  readonly oracles: readonly { readonly id: string; readonly asset: number }[];
  readonly metrics: { series(column: string): Float64Array };
}

/** A protocol the observation reads, by its index in the world's protocols. */
export type ProtocolRef = { kind: 'lending' | 'cdp'; index: number };

/** Id lookups for one spec: errors name `<list field>[<spec index>].<field>`. */
export class Resolver {
  constructor(
    readonly world: ObservedWorld,
    private readonly file: string | undefined,
    private readonly specPath: (string | number)[],
  ) {}

  fail(field: string, message: string): never {
    throw new InputError(message, this.file, undefined, formatPath([...this.specPath, field]));
  }

  private pick(ids: readonly string[], value: string, field: string, what: string): number {
    const i = ids.indexOf(value);
    if (i < 0) this.fail(field, `expected ${what} (${ids.join(', ') || 'there are none'}), got "${value}"`);
    return i;
  }

  asset(value: string, field = 'asset'): number {
    return this.pick(this.world.view.assetIds, value, field, 'an asset of the world');
  }

  venue(value: string, field = 'venue'): number {
    return this.pick(
      this.world.view.venues.map((v) => v.id),
      value,
      field,
      'a venue of the world',
    );
  }

  oracle(value: string, field = 'oracle'): number {
    return this.pick(
      this.world.oracles.map((o) => o.id),
      value,
      field,
      'an oracle of the world',
    );
  }

  /** A lending market or a CDP system, by id: its kind and its index in the world's protocols. */
  protocol(value: string, field = 'protocol'): ProtocolRef {
    const protocols = this.world.view.protocols;
    const index = this.pick(
      protocols.map((p) => p.id),
      value,
      field,
      'a protocol of the world',
    );
    const kind = protocols[index].kind;
    if (kind !== 'lending' && kind !== 'cdp') this.fail(field, `expected a lending market or a CDP system, got "${value}" (a ${kind} protocol)`);
    return { kind, index };
  }

  lendingMarket(value: string, field = 'protocol'): number {
    const p = this.protocol(value, field);
    if (p.kind !== 'lending') this.fail(field, `expected a lending market, got "${value}" (a CDP system)`);
    return p.index;
  }

  /** A lending market's reserve by its asset id. */
  reserve(market: number, value: string, field: string): number {
    const m = asLendingMarket(this.world.view.protocols[market]);
    return this.pick(
      m.reserves.map((r) => r.assetId),
      value,
      field,
      `a reserve of ${m.id}`,
    );
  }

  /** A CDP system's vault type by its id. */
  ilk(cdp: number, value: string, field: string): number {
    const c = asCdpSystem(this.world.view.protocols[cdp]);
    return this.pick(
      c.ilks.map((k) => k.id),
      value,
      field,
      `a vault type of ${c.id}`,
    );
  }

  /** An asset the venue trades (world asset index). */
  venueAsset(venue: Venue, value: string, field: string): number {
    const a = this.asset(value, field);
    if (!venue.assets.includes(a)) this.fail(field, `expected an asset that ${venue.id} trades (${venue.assets.map((x) => this.world.view.assetIds[x]).join(', ')}), got "${value}"`);
    return a;
  }

  /** The base and quote a venue feature names (default: the venue's first asset and its other one). */
  pair(venue: Venue, base: string | undefined, quote: string | undefined): [number, number] {
    const b = base === undefined ? venue.assets[0] : this.venueAsset(venue, base, 'base');
    const q = quote === undefined ? this.otherAsset(venue, b, 'quote') : this.venueAsset(venue, quote, 'quote');
    if (q === b) this.fail('quote', `expected an asset other than the base, got "${quote}"`);
    return [b, q];
  }

  /** The venue's other asset when it has exactly two; otherwise the caller must name one. */
  otherAsset(venue: Venue, asset: number, field: string): number {
    if (venue.assets.length !== 2) this.fail(field, `required field is missing: ${venue.id} trades ${venue.assets.length} assets, so name the other one`);
    return venue.assets[0] === asset ? venue.assets[1] : venue.assets[0];
  }
}
