/**
 * Per-path rows of a many-path run: `paths.csv` and `paths.arrow` (an Arrow IPC file, which
 * pandas `read_feather`/pyarrow and polars `read_ipc` open). Same columns in both, one row per
 * path, sorted by path index; a missing value (no bad debt, unbounded amplification, a shock whose
 * size is fixed) is an empty CSV field and an Arrow null.
 *
 * Columns: path, pathSeed, liquidatedValue, liquidations, badDebt, amplification,
 * timeToFirstBadDebt (s), peakLiquidatableDebt, maxOracleDeviation, shocks[k].drawn per shock,
 * uncertain.<field> per declared-uncertain input (its drawn value), then <protocol>.liquidatedValue, .liquidations, .badDebt, .amplification,
 * .timeToFirstBadDebt, .peakLiquidatableDebt per protocol, followed for a CDP system by
 * <cdp>.deficit, .auctions.count, .auctions.zeroBidWins, .auctions.collateralSoldAtZero,
 * .governanceMinted; then contagion.systemicLoss when the scenario measures contagion; then, with
 * options.hedgeAttribution, hedgingCaused and <protocol>.hedgingCaused.
 * Each name is the field's path in a single run's summary.json (`protocols.` left out), so a
 * row and the summary.json of `run --path i` read alike.
 */
import { Float64, Int32, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import type { Scenario } from '../scenario/schema.js';
import type { PathRecord, ProtocolPathFigures } from '../parallel/pathRecord.js';
import { measuresContagion } from '../sim/contagion.js';
import { formatNumber } from '../sim/metrics.js';

interface Column {
  name: string;
  integer?: boolean;
  get: (r: PathRecord) => number | null;
}

/** What decides the columns: the scenario's protocols (and which are CDP systems), its shocks, and contagion. */
export interface PathsLayout {
  protocols: { id: string; cdp: boolean }[];
  shocks: number;
  /** The fields of the declared-uncertain inputs (scenario `uncertain`), in order. */
  uncertain?: string[];
  contagion: boolean;
  /** options.hedgeAttribution (absent: false). */
  hedging?: boolean;
}

export function pathsLayout(scenario: Scenario): PathsLayout {
  return {
    protocols: scenario.protocols.map((p) => ({ id: p.id, cdp: p.kind === 'cdp' })),
    shocks: scenario.shocks.length,
    ...(scenario.uncertain?.length ? { uncertain: scenario.uncertain.map((u) => u.field) } : {}),
    contagion: measuresContagion(scenario),
    hedging: scenario.options.hedgeAttribution === true,
  };
}

const PROTOCOL_FIELDS: ('liquidatedValue' | 'liquidations' | 'badDebt' | 'amplification' | 'timeToFirstBadDebt' | 'peakLiquidatableDebt')[] = [
  'liquidatedValue',
  'liquidations',
  'badDebt',
  'amplification',
  'timeToFirstBadDebt',
  'peakLiquidatableDebt',
];
const CDP_FIELDS: [string, (p: ProtocolPathFigures) => number | undefined][] = [
  ['deficit', (p) => p.deficit],
  ['auctions.count', (p) => p.auctions?.count],
  ['auctions.zeroBidWins', (p) => p.auctions?.zeroBidWins],
  ['auctions.collateralSoldAtZero', (p) => p.auctions?.collateralSoldAtZero],
  ['governanceMinted', (p) => p.governanceMinted],
];

export function pathColumns(layout: PathsLayout): Column[] {
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
  for (let k = 0; k < layout.shocks; k++) cols.push({ name: `shocks[${k}].drawn`, get: (r) => r.shocks[k] ?? null });
  (layout.uncertain ?? []).forEach((field, k) => cols.push({ name: `uncertain.${field}`, get: (r) => r.uncertain?.[k] ?? null }));
  for (const { id, cdp } of layout.protocols) {
    for (const f of PROTOCOL_FIELDS) cols.push({ name: `${id}.${f}`, get: (r) => r.protocols[id]?.[f] ?? null });
    if (!cdp) continue;
    for (const [f, get] of CDP_FIELDS) {
      cols.push({
        name: `${id}.${f}`,
        get: (r) => {
          const p = r.protocols[id];
          return p ? (get(p) ?? null) : null;
        },
      });
    }
  }
  if (layout.contagion) cols.push({ name: 'contagion.systemicLoss', get: (r) => r.contagion?.systemicLoss ?? null });
  if (layout.hedging) {
    cols.push({ name: 'hedgingCaused', get: (r) => r.hedgingCaused ?? null });
    for (const { id } of layout.protocols) cols.push({ name: `${id}.hedgingCaused`, get: (r) => r.protocols[id]?.hedgingCaused ?? null });
  }
  return cols;
}

function csvField(name: string): string {
  return /[",\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

export function pathsCsv(records: PathRecord[], layout: PathsLayout): string {
  const cols = pathColumns(layout);
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

export function pathsArrow(records: PathRecord[], layout: PathsLayout): Uint8Array {
  const cols = pathColumns(layout);
  const vectors: Record<string, ReturnType<typeof vectorFromArray>> = {};
  for (const c of cols) {
    const values = records.map((r) => c.get(r));
    vectors[c.name] = c.integer ? vectorFromArray(values, new Int32()) : vectorFromArray(values, new Float64());
  }
  return tableToIPC(new Table(vectors), 'file');
}
