/**
 * What every part's builder reads: the scenario, the path's clock, its random streams and the
 * indices that turn the scenario's ids into the world's array positions.
 */
import type { LoadedScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/schema.js';
import { deriveSeed, Rng } from '../../util/rng.js';

/** Random streams of a path, one per purpose, so adding draws to one never shifts another. */
export const STREAM = { market: 1, positions: 2, shocks: 3, agentOrder: 4, chain: 5, vaults: 6, optionBooks: 7, agents: 100 } as const;

export interface BuildContext {
  readonly loaded: LoadedScenario;
  readonly scenario: Scenario;
  readonly dt: number;
  readonly steps: number;
  /** A fresh generator of the path's stream `k` (STREAM): (scenario seed, path index, purpose). */
  stream(k: number): Rng;
  assetIndex(id: string): number;
  venueIndex(id: string): number;
  oracleIndex(id: string): number;
}

/** Position of each id in `ids`; an unknown id is a bug (references were checked on loading). */
export function indexer(ids: string[], what: string): (id: string) => number {
  const m = new Map(ids.map((id, i) => [id, i]));
  return (id: string) => {
    const i = m.get(id);
    if (i === undefined) throw new Error(`unknown ${what} ${id}`);
    return i;
  };
}

export function buildContext(loaded: LoadedScenario, seed: number, path: number): BuildContext {
  const s = loaded.scenario;
  const pathSeed = deriveSeed(seed, path);
  return {
    loaded,
    scenario: s,
    dt: s.market.dt,
    steps: Math.max(1, Math.round(s.horizon / s.market.dt)),
    stream: (k) => new Rng(deriveSeed(pathSeed, k)),
    assetIndex: indexer(
      s.assets.map((a) => a.id),
      'asset',
    ),
    venueIndex: indexer(
      s.venues.map((v) => v.id),
      'venue',
    ),
    oracleIndex: indexer(
      s.oracles.map((o) => o.id),
      'oracle',
    ),
  };
}
