/**
 * Per-path rows of a many-path run: `paths.csv` and `paths.arrow` (an Arrow IPC file, which
 * pandas `read_feather`/pyarrow and polars `read_ipc` open). Same columns in both, one row per
 * path, sorted by path index; a missing value (no bad debt, unbounded amplification, a shock whose
 * size is fixed) is an empty CSV field and an Arrow null.
 *
 * Columns: path, pathSeed, liquidatedValue, liquidations, badDebt, amplification,
 * timeToFirstBadDebt (s), peakLiquidatableDebt, maxOracleDeviation, shocks[k].drawn per shock,
 * then <protocol>.liquidatedValue, .liquidations, .badDebt, .amplification,
 * .timeToFirstBadDebt, .peakLiquidatableDebt per protocol.
 */
import { Float64, Int32, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { PathRecord, ProtocolPathFigures } from '../parallel/pathRecord.js';
import { formatNumber } from '../sim/metrics.js';

interface Column {
  name: string;
  integer?: boolean;
  get: (r: PathRecord) => number | null;
}

const PROTOCOL_FIELDS: (keyof ProtocolPathFigures)[] = ['liquidatedValue', 'liquidations', 'badDebt', 'amplification', 'timeToFirstBadDebt', 'peakLiquidatableDebt'];

export function pathColumns(protocolIds: string[], shockCount: number): Column[] {
  const cols: Column[] = [
    { name: 'path', integer: true, get: (r) => r.path },
    { name: 'pathSeed', get: (r) => r.pathSeed },
    { name: 'liquidatedValue', get: (r) => r.liquidatedValue },
    { name: 'liquidations', get: (r) => r.liquidations },
    { name: 'badDebt', get: (r) => r.badDebt },
    { name: 'amplification', get: (r) => r.amplification },
    { name: 'timeToFirstBadDebt', get: (r) => r.timeToFirstBadDebt },
    { name: 'peakLiquidatableDebt', get: (r) => r.peakLiquidatableDebt },
    { name: 'maxOracleDeviation', get: (r) => r.maxOracleDeviation },
  ];
  for (let k = 0; k < shockCount; k++) cols.push({ name: `shocks[${k}].drawn`, get: (r) => r.shocks[k] ?? null });
  for (const id of protocolIds) {
    for (const f of PROTOCOL_FIELDS) cols.push({ name: `${id}.${f}`, get: (r) => r.protocols[id]?.[f] ?? null });
  }
  return cols;
}

function csvField(name: string): string {
  return /[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

export function pathsCsv(records: PathRecord[], protocolIds: string[], shockCount: number): string {
  const cols = pathColumns(protocolIds, shockCount);
  const lines = [cols.map((c) => csvField(c.name)).join(',')];
  for (const r of records) {
    lines.push(
      cols
        .map((c) => {
          const v = c.get(r);
          return v === null ? '' : formatNumber(v);
        })
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function pathsArrow(records: PathRecord[], protocolIds: string[], shockCount: number): Uint8Array {
  const cols = pathColumns(protocolIds, shockCount);
  const vectors: Record<string, ReturnType<typeof vectorFromArray>> = {};
  for (const c of cols) {
    const values = records.map((r) => c.get(r));
    vectors[c.name] = c.integer ? vectorFromArray(values, new Int32()) : vectorFromArray(values, new Float64());
  }
  return tableToIPC(new Table(vectors), 'file');
}
