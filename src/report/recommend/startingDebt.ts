/**
 * A lending market's starting debt in USD, for the liquidations-at-risk constraint (LaR as a share
 * of debt). Results files do not carry it, so it is read from path 0's world as the cell's
 * scenario builds it (the same seed as the sweep's path 0): the book a cell starts from.
 */
import type { LoadedScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/schema.js';
import { buildWorld } from '../../sim/world.js';
import type { AgentFactory } from '../../sim/agent.js';
import { asLendingMarket } from '../../protocols/kinds.js';
import { InputError } from '../../util/errors.js';

/** `book`: the scenario whose parameters drew the loan book, for a sweep whose cells shared one (sweep.json `loanBook: shared`). */
export function startingDebtUsd(loaded: LoadedScenario, seed: number, protocol: string, createAgent: AgentFactory, book?: Scenario): number {
  const w = buildWorld(loaded, { createAgent, seed, path: 0, recordEvents: false, book });
  const found = w.protocols.find((p) => p.id === protocol && p.kind === 'lending');
  const market = found && asLendingMarket(found);
  if (!market) throw new InputError(`liquidationsAtRisk.maxShareOfDebt needs a lending market; ${protocol} is not one`, undefined, undefined, 'constraints.liquidationsAtRisk');
  // priced at the reference prices of step 0 (oracles have published nothing yet when a world is built)
  return market.reserves.reduce((v, r) => v + r.totalScaledDebt * r.borrowIndex * w.basePaths[r.asset][0], 0);
}
