/**
 * Observations: a fixed-length numeric vector of named features that an agent (a learned policy
 * above all) reads from the world. `buildObservation` takes the declarative feature specs
 * (`spec.ts`) and the world, validates them, resolves every id to an index once, and returns an
 * `Observation` whose length and names never change afterwards.
 *
 * Reading changes nothing in the world, and features keep no state that depends on when they
 * were read (history comes from the world's record: `history.ts`), so the same seed gives the
 * same vector at a step whatever the decision interval. The one exception is a cache of fitted
 * GARCH parameters, keyed by the step they were fitted at, which changes cost, not values.
 *
 * An observation belongs to the world it was built for (its indices and history are that
 * world's); a new world, even of the same scenario, needs its own (building one is cheap).
 */
import type { WorldView } from '../sim/agent.js';
import type { Feature } from './feature.js';
import { Resolver, type ObservedWorld } from './resolve.js';
import { parseFeatureSpecs, type FeatureSpec, type FeatureSpecInput, type SpecOrigin } from './spec.js';
import { ewmaVolatility, garchVolatility } from './features/volatility.js';
import { referencePrice, venuePrice } from './features/prices.js';
import { trend } from './features/trend.js';
import { slippage, venueDepth } from './features/liquidity.js';
import { debtNearLiquidation, healthHistogram, utilisation } from './features/credit.js';
import { gasPrice } from './features/chain.js';
import { oracleDeviation, oraclePrice } from './features/oracles.js';
import { timeSinceConfigured } from './features/governance.js';
import { InputError } from '../util/errors.js';
import { formatPath } from '../scenario/fieldPath.js';

export interface Observation {
  /** One name per value, in the order `read` writes them. */
  readonly names: readonly string[];
  /** names.length: the length of every vector. */
  readonly size: number;
  /** The validated specs it was built from (durations in seconds, defaults filled in). */
  readonly specs: readonly FeatureSpec[];
  /** Writes the features for the world's current state into `out` (of length `size`). */
  read(view: WorldView, out: Float32Array): void;
}

function featureFor(spec: FeatureSpec, r: Resolver): Feature {
  switch (spec.feature) {
    case 'ewma-volatility':
      return ewmaVolatility(spec, r);
    case 'garch-volatility':
      return garchVolatility(spec, r);
    case 'drawdown':
    case 'log-return':
    case 'realised-volatility':
      return trend(spec.feature, spec, r);
    case 'reference-price':
      return referencePrice(spec, r);
    case 'venue-price':
      return venuePrice(spec, r);
    case 'venue-depth':
      return venueDepth(spec, r);
    case 'slippage':
      return slippage(spec, r);
    case 'utilisation':
      return utilisation(spec, r);
    case 'debt-near-liquidation':
      return debtNearLiquidation(spec, r);
    case 'health-histogram':
      return healthHistogram(spec, r);
    case 'gas-price':
      return gasPrice(spec);
    case 'oracle-price':
      return oraclePrice(spec, r);
    case 'oracle-deviation':
      return oracleDeviation(spec, r);
    case 'time-since-configured':
      return timeSinceConfigured(spec, r);
  }
}

/**
 * Builds the observation of `world` described by `specs`. Bad specs, ids the world does not have
 * and duplicate names throw an `InputError` naming the field (`observation[3].venue: expected a
 * venue of the world (…), got "x"`); `origin` says which file and list the specs came from.
 */
export function buildObservation(specs: readonly FeatureSpecInput[], world: ObservedWorld, origin: SpecOrigin = {}): Observation {
  const parsed = parseFeatureSpecs(specs, origin);
  const listField = origin.field ?? 'observation';
  const features = parsed.map((spec, i) => featureFor(spec, new Resolver(world, origin.file, [listField, i])));
  const names: string[] = [];
  const seen = new Map<string, number>();
  features.forEach((f, i) => {
    for (const name of f.names) {
      const first = seen.get(name);
      if (first !== undefined) {
        throw new InputError(`duplicate feature name "${name}" (also ${formatPath([listField, first])}); give one of them a name`, origin.file, undefined, formatPath([listField, i]));
      }
      seen.set(name, i);
      names.push(name);
    }
  });
  const offsets = features.map((_, i) => features.slice(0, i).reduce((n, f) => n + f.names.length, 0));
  const size = names.length;
  return {
    names,
    size,
    specs: parsed,
    read(view: WorldView, out: Float32Array): void {
      if (view !== world.view) throw new Error('this observation was built for another world: build one for each world');
      if (out.length !== size) throw new RangeError(`observation has ${size} values, got an array of ${out.length}`);
      for (let i = 0; i < features.length; i++) features[i].read(view, out, offsets[i]);
    },
  };
}
