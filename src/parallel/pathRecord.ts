/**
 * The compact record of one simulated path: the per-run figures of `summary.json` (see
 * report/summary.ts for their definitions) without the world behind them, so that workers send
 * back a few hundred bytes per path, checkpoints stay small, and `paths.csv` has one row per path.
 *
 * Records are normalised by a JSON round trip at birth, so a record computed in this process, in a
 * worker thread, on another machine or read back from a checkpoint is the same value bit for bit.
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
  protocols: Record<string, ProtocolPathFigures>;
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
    Array.isArray(r.shocks)
  );
}
