/**
 * Per-step measurements, kept as one Float64Array per column (no objects per step), and the
 * per-run figures derived from them. Column names are stable: `timeseries.csv` uses them as its
 * header and scripts rely on them.
 */
export class StepMetrics {
  readonly columns: string[] = [];
  readonly data: Float64Array[] = [];
  private readonly byName = new Map<string, number>();

  constructor(readonly steps: number) {}

  /** Declares a column and returns its index. */
  column(name: string): number {
    const i = this.columns.length;
    this.columns.push(name);
    this.data.push(new Float64Array(this.steps));
    this.byName.set(name, i);
    return i;
  }

  set(column: number, step: number, value: number): void {
    this.data[column][step] = value;
  }

  series(name: string): Float64Array {
    const i = this.byName.get(name);
    if (i === undefined) throw new Error(`no metric column ${name}`);
    return this.data[i];
  }

  /** The whole table as CSV with a header; numbers in shortest round-trip form, so equal runs give equal bytes. */
  toCsv(): string {
    const lines = [this.columns.join(',')];
    const row: string[] = new Array(this.columns.length);
    for (let s = 0; s < this.steps; s++) {
      for (let c = 0; c < this.columns.length; c++) row[c] = formatNumber(this.data[c][s]);
      lines.push(row.join(','));
    }
    return `${lines.join('\n')}\n`;
  }
}

/** 12 significant digits: ample for risk figures, and free of float noise in the last digits. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '' : x > 0 ? 'inf' : '-inf';
  return String(Number(x.toPrecision(12)));
}

/** Rounds every number in a JSON-able value to 12 significant digits (for summary.json). */
export function roundDeep<T>(value: T): T {
  if (typeof value === 'number') return (Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(12)) : value) as T;
  if (Array.isArray(value)) return value.map(roundDeep) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = roundDeep(v);
    return out as T;
  }
  return value;
}
