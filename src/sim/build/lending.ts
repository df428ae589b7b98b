/**
 * Lending markets from their scenario specs: positions drawn from the scenario's distributions
 * (or read from CSV) on the path's positions stream, reserves supplied so that the draws fit
 * (checked against caps, with the field named when they do not), and each borrower cohort given
 * its share of the positions not already watched by an earlier cohort of the same market. The
 * empty positions agents own come last, so that they shift no draw of the others.
 */
import type { BorrowerCohortSpec, LendingSpec } from '../../scenario/schema.js';
import type { Rng } from '../../util/rng.js';
import { InputError } from '../../util/errors.js';
import { LendingMarket } from '../../protocols/lending/lendingMarket.js';
import { generatePositions, readPositionsCsv, type PositionRows } from '../../protocols/lending/positions.js';
import { STREAM } from './context.js';
import { AccountRows } from '../../protocols/lending/accounts/accountRows.js';
import { generateAccounts } from '../../protocols/lending/accounts/generateAccounts.js';
import { readAccountFile, isAccountSnapshot } from '../../protocols/lending/accounts/accountFile.js';
import type { BuiltProtocols, ProtocolBuildContext } from './protocols.js';

export function buildLendingMarkets(specs: { spec: LendingSpec; specIndex: number }[], ctx: ProtocolBuildContext): BuiltProtocols {
  const positionsRng = ctx.stream(STREAM.positions);
  const cohortTags = new Map<string, number>();
  const protocols: LendingMarket[] = [];
  // a loop over a module-level builder, not a closure made afresh for each path: V8 kept
  // re-optimising that closure (a 10,000-position loop, 40-65 ms of compiling each time) on
  // the other core, time a second worker thread needs for its own paths
  for (const { spec, specIndex } of specs) protocols.push(buildLendingMarket(spec, specIndex, ctx, positionsRng, cohortTags));
  return { protocols, cohortTags };
}

/** One lending market: its positions (drawn or read), reserves supplied to fit them, and its cohorts' shares. */
function buildLendingMarket(p: LendingSpec, pi: number, ctx: ProtocolBuildContext, positionsRng: Rng, cohortTags: Map<string, number>): LendingMarket {
  const { loaded, reference, assetIndex } = ctx;
  const rows: PositionRows = { collateralReserve: [], debtReserve: [], collateral: [], debt: [] };
  // positions are drawn at the book scenario's thresholds (a sweep's file), so a cell's own threshold changes the protocol, not the borrowers
  const bookSpec = ctx.book.protocols.find((q) => q.id === p.id && q.kind === 'lending') as LendingSpec | undefined;
  const bookThreshold = (asset: string, own: number) => bookSpec?.reserves.find((r) => r.asset === asset)?.liquidationThreshold ?? own;
  const reserveOf = (asset: string) => {
    const r = p.reserves.findIndex((x) => x.asset === asset);
    return r < 0 ? undefined : r;
  };
  // cross-margined accounts: read from snapshots (a positions file with an `account` column), then drawn
  let accounts: AccountRows | null = null;
  for (const spec of p.positions) {
    if ('owner' in spec) continue;
    if ('file' in spec) {
      if (isAccountSnapshot(spec.file, loaded.baseDir)) {
        accounts ??= new AccountRows();
        readAccountFile(
          spec,
          loaded.baseDir,
          p.reserves.map((r) => r.asset),
          accounts,
        );
      } else readPositionsCsv(spec.file, loaded.baseDir, reserveOf, rows);
      continue;
    }
    const c = reserveOf(spec.collateral)!;
    const d = reserveOf(spec.debt)!;
    generatePositions(
      { count: spec.count, collateral: c, debt: d, size: spec.size, healthFactor: spec.healthFactor },
      reference[assetIndex(spec.collateral)],
      bookThreshold(spec.collateral, p.reserves[c].liquidationThreshold),
      reference[assetIndex(spec.debt)],
      positionsRng,
      rows,
    );
  }
  // drawn after the positions, so that those draw what they always have
  if (p.accounts && p.accounts.length > 0) {
    accounts ??= new AccountRows();
    const startPrice = p.reserves.map((r) => reference[assetIndex(r.asset)]);
    const startThreshold = p.reserves.map((r) => bookThreshold(r.asset, r.liquidationThreshold));
    for (const group of p.accounts) {
      const assets = group.assets.map((a) => ({ reserve: reserveOf(a.asset)!, collateral: a.collateral, debt: a.debt, usedAsCollateral: a.usedAsCollateral ?? true }));
      generateAccounts({ count: group.count, assets, size: group.size, healthFactor: group.healthFactor }, startPrice, startThreshold, positionsRng, accounts);
    }
  }
  const owned = p.positions.filter((spec) => 'owner' in spec);
  if (owned.length > 0) {
    rows.owner = rows.collateral.map(() => -1);
    for (const spec of owned) {
      rows.collateralReserve.push(reserveOf(spec.collateral)!);
      rows.debtReserve.push(reserveOf(spec.debt)!);
      rows.collateral.push(0);
      rows.debt.push(0);
      rows.owner.push(ctx.ledger.account(`agent:${spec.owner}`));
    }
  }
  const borrowed = new Float64Array(p.reserves.length);
  const deposited = new Float64Array(p.reserves.length);
  // loops: a callback returning each sum boxed it, a number allocated per position
  for (let i = 0; i < rows.debtReserve.length; i++) borrowed[rows.debtReserve[i]] += rows.debt[i];
  for (let i = 0; i < rows.collateralReserve.length; i++) deposited[rows.collateralReserve[i]] += rows.collateral[i];
  if (accounts) {
    for (let k = 0; k < accounts.rows; k++) {
      borrowed[accounts.reserve[k]] += accounts.debt[k];
      deposited[accounts.reserve[k]] += accounts.collateral[k];
    }
  }
  const reserves = p.reserves.map((r, ri) => {
    const supply = r.supply ?? borrowed[ri] / 0.8;
    const field = `protocols[${pi}].reserves[${ri}]`;
    if (borrowed[ri] > supply * (1 + 1e-12)) {
      throw new InputError(`positions borrow ${borrowed[ri].toPrecision(6)} ${r.asset} but only ${supply} is supplied`, loaded.file, undefined, `${field}.supply`);
    }
    if (r.borrowCap !== undefined && borrowed[ri] > r.borrowCap) {
      throw new InputError(`positions borrow ${borrowed[ri].toPrecision(6)} ${r.asset}, above the borrow cap ${r.borrowCap}`, loaded.file, undefined, `${field}.borrowCap`);
    }
    if (r.supplyCap !== undefined && deposited[ri] + supply > r.supplyCap) {
      throw new InputError(`collateral and supply of ${(deposited[ri] + supply).toPrecision(6)} ${r.asset} exceed the supply cap ${r.supplyCap}`, loaded.file, undefined, `${field}.supplyCap`);
    }
    return {
      asset: assetIndex(r.asset),
      assetId: r.asset,
      oracle: ctx.oracleIndex(r.oracle),
      ltv: r.ltv,
      liquidationThreshold: r.liquidationThreshold,
      liquidationBonus: r.liquidationBonus,
      supply,
      supplyCap: r.supplyCap,
      borrowCap: r.borrowCap,
      rate: r.rate,
    };
  });
  const own = ctx.scenario.agents.filter((a): a is BorrowerCohortSpec => a.kind === 'borrower-cohort' && a.protocol === p.id);
  const watchLevel = Math.max(1, ...own.map((c) => c.alertHealthFactor));
  // Compound v2 has no full close: its close factor applies at any health factor
  const rules = p.rules ?? 'aave-v3';
  const terms = { closeFactor: p.closeFactor, closeFactorHealthFactor: rules === 'compound-v2' ? 0 : p.closeFactorHealthFactor };
  const m = new LendingMarket(p.id, reserves, rows, terms, p.dust, watchLevel, ctx.ledger, accounts, rules);
  // each cohort takes its share of the positions not already watched by an earlier one
  for (let k = 0; k < own.length; k++) {
    cohortTags.set(own[k].id, k + 1);
    assignCohort(m, k + 1, own[k].share, positionsRng);
  }
  return m;
}

/** Gives cohort `tag` each position no earlier cohort watches, with probability `share`. */
function assignCohort(m: LendingMarket, tag: number, share: number, rng: Rng): void {
  const b = m.book;
  // in id order, so that each position draws the same number as it always has
  for (let id = 0; id < b.count; id++) if (b.cohort[b.slot[id]] === 0 && b.owner[b.slot[id]] < 0 && rng.uniform() < share) b.cohort[b.slot[id]] = tag;
}
