/**
 * Oracles from their scenario specs: each reads a tree of sources (the reference price, a venue's
 * spot price or TWAP, a median of sources), and every leaf of the tree applies the oracle's
 * manipulation to what it observes.
 */
import type { OracleSource } from '../../scenario/schema.js';
import type { Venue } from '../../protocols/venues/venue.js';
import { ANY_VENUE, Oracle, OracleManipulation, medianReader, twapReader, type SourceReader } from '../../protocols/oracles/oracle.js';
import type { BuildContext } from './context.js';

export function buildOracles(b: BuildContext, venues: readonly Venue[], reference: Float64Array): Oracle[] {
  const { dt, steps } = b;
  const spotReader = (venueId: string, asset: number, m: OracleManipulation): SourceReader => {
    const vi = b.venueIndex(venueId);
    const v = venues[vi];
    const other = v.assets.find((a) => a !== asset)!;
    return (step) => v.price(asset, other) * reference[other] * m.scale(step * dt, vi);
  };
  const readerFor = (src: OracleSource, asset: number, m: OracleManipulation): SourceReader => {
    switch (src.kind) {
      case 'reference':
        return (step) => reference[asset] * m.scale(step * dt, ANY_VENUE);
      case 'spot':
        return spotReader(src.venue, asset, m);
      case 'twap':
        return twapReader(spotReader(src.venue, asset, m), src.window, dt, steps);
      case 'median':
        return medianReader(src.sources.map((x) => readerFor(x, asset, m)));
    }
  };
  return b.scenario.oracles.map((o) => {
    const asset = b.assetIndex(o.asset);
    const m = new OracleManipulation();
    return new Oracle(o.id, asset, readerFor(o.source, asset, m), o.delay, o.heartbeat, o.deviation, dt, steps, reference[asset], m);
  });
}
