/**
 * A lending market's starting debt in USD, for the liquidations-at-risk constraint (LaR as a share
 * of debt): the book a cell starts from, path 0's at the sweep's seed. A sweep folder carries it
 * in start.json (recordedStartingDebts); a folder written before start.json existed has it
 * rebuilt from the cell's scenario (startingDebtUsd).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Each cell's starting debt of `protocol` from the sweep folder's start.json (cell → USD), or
 * undefined when the folder has none (written before it existed) and the worlds must be rebuilt.
 */
export function recordedStartingDebts(dir: string, listed: string[], protocol: string): number[] | undefined {
  const file = join(dir, 'start.json');
  if (!listed.includes('start.json') || !existsSync(file)) return undefined;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { cells?: { cell: number; start: { protocols: Record<string, { kind: string; debtUsd: number }> } }[] };
  const out: number[] = [];
  for (const c of doc.cells ?? []) {
    const p = c.start.protocols[protocol];
    if (p?.kind !== 'lending') throw new InputError(`liquidationsAtRisk.maxShareOfDebt needs a lending market; ${protocol} is not one`, undefined, undefined, 'constraints.liquidationsAtRisk');
    out[c.cell] = p.debtUsd;
  }
  return out;
}
