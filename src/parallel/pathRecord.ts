/**
 * The compact record of one simulated path: the per-run figures of `summary.json` (see
 * report/summary.ts for their definitions) without the world behind them, so that workers send
 * back a few hundred bytes per path, checkpoints stay small, and `paths.csv` has one row per path.
 *
 * Records are normalised by a JSON round trip at birth, so a record computed in this process, in a
 * worker thread, on another machine or read back from a checkpoint is the same value bit for bit.
 *
 * The figures only some scenarios have are only in their records: a CDP system's `deficit`,
 * `auctions` and `governanceMinted` under its protocol entry, and `contagion` (the worst step's
 * DebtRank systemic loss) when the scenario measures contagion, and `hedgingCaused` (top level
 * and per protocol) when it measures what hedging caused. A lending-only record is as it was.
 */
import type { LoadedScenario } from '../scenario/load.js';
import type { PathResult } from '../sim/run.js';
import { summarise } from '../report/summary.js';
import { deriveSeed } from '../util/rng.js';

export interface ProtocolPathFigures {
  liquidatedValue: number;
  liquidations: number;
  badDebt: number;
  peakLiquidatableDebt: number;
  /** Seconds from the start to the protocol's first bad debt; null if none. */
  timeToFirstBadDebt: number | null;
  /** Null when unbounded (the counterfactual liquidated nothing) or not measured. */
  amplification: number | null;
  /** CDP systems only: stablecoin deficit after collateral auctions, before debt auctions. */
  deficit?: number;
  /** CDP systems only: finished collateral auctions, those won with a zero bid, and the USD value sold in them. */
  auctions?: CdpAuctionFigures;
  /** CDP systems only: governance tokens minted by debt auctions. */
  governanceMinted?: number;
  /** With options.hedgeAttribution: liquidated value the hedges caused (with − without them). */
  hedgingCaused?: number;
}

export interface CdpAuctionFigures {
  count: number;
  zeroBidWins: number;
  collateralSoldAtZero: number;
}

export interface ContagionPathFigures {
  /** DebtRank systemic loss at the worst measured step: share of the protocols' initial equity lost (0–1). */
  systemicLoss: number;
}

export interface PathRecord {
  /** Path index within the run. */
  path: number;
  /** The path's own seed, deriveSeed(run seed, path): every random stream of the path derives from it. */
  pathSeed: number;
  liquidatedValue: number;
  liquidations: number;
  badDebt: number;
  amplification: number | null;
  timeToFirstBadDebt: number | null;
  peakLiquidatableDebt: number;
  maxOracleDeviation: number;
  /** Drawn shock magnitudes/levels/factors, in the scenario's shock order (null where fixed). */
  shocks: (number | null)[];
  /** The drawn value of each declared-uncertain input, in the scenario's order (only when it declares some). */
  uncertain?: number[];
  protocols: Record<string, ProtocolPathFigures>;
  /** Only when the scenario measures contagion (two protocols or more). */
  contagion?: ContagionPathFigures;
  /** Only with options.hedgeAttribution: liquidated value the hedges caused, USD. */
  hedgingCaused?: number;
}

/** The record of a finished path (`seed` is the run's seed, `path` the path index). */
export function toPathRecord(loaded: LoadedScenario, result: PathResult, seed: number, path: number): PathRecord {
  const s = summarise(loaded, result);
  const protocols: Record<string, ProtocolPathFigures> = {};
  for (const [id, p] of Object.entries(s.protocols)) {
    protocols[id] = {
      liquidatedValue: p.liquidatedValue,
      liquidations: p.liquidations,
      badDebt: p.badDebt,
      peakLiquidatableDebt: p.peakLiquidatableDebt,
      timeToFirstBadDebt: p.timeToFirstBadDebt,
      amplification: p.amplification,
    };
    if (p.deficit !== undefined && p.auctions && p.governanceMinted !== undefined) {
      const a = p.auctions;
      Object.assign(protocols[id], {
        deficit: p.deficit,
        auctions: { count: a.count, zeroBidWins: a.zeroBidWins, collateralSoldAtZero: a.collateralSoldAtZero },
        governanceMinted: p.governanceMinted,
      });
    }
    if (p.hedging) protocols[id].hedgingCaused = p.hedging.caused;
  }
  const record: PathRecord = {
    path,
    pathSeed: deriveSeed(seed, path),
    liquidatedValue: s.liquidatedValue,
    liquidations: s.liquidations,
    badDebt: s.badDebt,
    amplification: s.amplification,
    timeToFirstBadDebt: s.timeToFirstBadDebt,
    peakLiquidatableDebt: s.peakLiquidatableDebt,
    maxOracleDeviation: s.maxOracleDeviation.value,
    shocks: s.shocks.map((x) => x.drawn),
    protocols,
  };
  if (s.uncertain) record.uncertain = s.uncertain.map((u) => u.value);
  if (s.contagion) record.contagion = { systemicLoss: s.contagion.systemicLoss };
  if (s.hedging) record.hedgingCaused = s.hedging.caused;
  return normaliseRecord(record);
}

/** The record as it survives JSON (−0 becomes 0, non-finite numbers null): one canonical form. */
export function normaliseRecord(record: PathRecord): PathRecord {
  return JSON.parse(JSON.stringify(record)) as PathRecord;
}

/** Checks that a value read from a checkpoint or a queue is a well-formed record. */
export function isPathRecord(x: unknown): x is PathRecord {
  if (!x || typeof x !== 'object') return false;
  const r = x as Record<string, unknown>;
  return (
    Number.isInteger(r.path) &&
    typeof r.pathSeed === 'number' &&
    typeof r.liquidatedValue === 'number' &&
    typeof r.badDebt === 'number' &&
    typeof r.liquidations === 'number' &&
    !!r.protocols &&
    typeof r.protocols === 'object' &&
    Object.values(r.protocols).every(isProtocolFigures) &&
    Array.isArray(r.shocks) &&
    (r.uncertain === undefined || (Array.isArray(r.uncertain) && r.uncertain.every((v) => typeof v === 'number'))) &&
    (r.contagion === undefined || (!!r.contagion && typeof (r.contagion as Record<string, unknown>).systemicLoss === 'number')) &&
    (r.hedgingCaused === undefined || typeof r.hedgingCaused === 'number')
  );
}

function isProtocolFigures(x: unknown): boolean {
  if (!x || typeof x !== 'object') return false;
  const p = x as Record<string, unknown>;
  if (typeof p.badDebt !== 'number') return false;
  if (p.hedgingCaused !== undefined && typeof p.hedgingCaused !== 'number') return false;
  const cdpKeys = [p.deficit, p.auctions, p.governanceMinted].filter((v) => v !== undefined).length;
  if (cdpKeys === 0) return true;
  // a CDP entry has all of its figures or is not a record this version wrote
  const a = p.auctions as Record<string, unknown> | undefined;
  return (
    cdpKeys === 3 &&
    typeof p.deficit === 'number' &&
    typeof p.governanceMinted === 'number' &&
    !!a &&
    typeof a.count === 'number' &&
    typeof a.zeroBidWins === 'number' &&
    typeof a.collateralSoldAtZero === 'number'
  );
}
