/**
 * A lending market's starting debt in USD, for the liquidations-at-risk constraint (LaR as a share
 * of debt). Results files do not carry it, so it is read from path 0's world as the cell's
 * scenario builds it (the same seed as the sweep's path 0): the book a cell starts from.
 */
import type { LoadedScenario } from '../../scenario/load.js';
import { buildWorld } from '../../sim/world.js';
import { InputError } from '../../util/errors.js';

export function startingDebtUsd(loaded: LoadedScenario, seed: number, protocol: string): number {
  const w = buildWorld(loaded, { seed, path: 0, recordEvents: false });
  const market = w.protocols.find((p) => p.id === protocol);
  if (!market) throw new InputError(`liquidationsAtRisk.maxShareOfDebt needs a lending market; ${protocol} is not one`, undefined, undefined, 'constraints.liquidationsAtRisk');
  // priced at the reference prices of step 0 (oracles have published nothing yet when a world is built)
  return market.reserves.reduce((v, r) => v + r.totalScaledDebt * r.borrowIndex * w.basePaths[r.asset][0], 0);
}
