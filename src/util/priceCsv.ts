/**
 * Reading price and return series from CSV files.
 *
 * Accepted layouts (header names are matched case-insensitively):
 *  - `timestamp,price` or `date,close` (the project's own files),
 *  - Yahoo Finance exports `Date,Open,High,Low,Close,Adj Close,Volume`,
 *  - Gemini/CryptoDataDownload hourly exports (`timestamp,open,high,low,close`, or the original
 *    `Unix Timestamp,Date,Symbol,Open,High,Low,Close,Volume ...` with its leading URL line),
 *  - one-column return files such as `return_pct` (the DEM/GBP benchmark), read by `readReturnsCsv`.
 *
 * Times may be ISO dates (`2020-03-12`, taken as 00:00 UTC), ISO date-times (with `Z` or an offset;
 * without a zone they are read as UTC), unix seconds or unix milliseconds (a number above 1e11 is
 * milliseconds: 1e11 seconds lies in the year 5138). All times are returned as unix seconds UTC.
 *
 * Every problem is an `InputError` naming the file, the 1-based line and the column.
 */
import { InputError } from './errors.js';
import { readInputFile } from './inputFile.js';
import { PRICE_MAX, PRICE_MIN, formatBound } from './bounds.js';

export interface PriceSeries {
  file: string;
  /** Name of the price column as written in the header. */
  column: string;
  /** Observation times, unix seconds UTC, strictly increasing. */
  times: Float64Array;
  prices: Float64Array;
}

export interface ReturnSeries {
  file: string;
  column: string;
  /** Observation times when the file has a time column, else null. */
  times: Float64Array | null;
  returns: Float64Array;
}

export interface PriceCsvOptions {
  /** The column to read (case-insensitive); default: the first of price, adj close, close. */
  column?: string;
  /** Accept intervals longer than 1.5x the median interval instead of failing. */
  allowGaps?: boolean;
}

const TIME_NAMES = ['timestamp', 'unix timestamp', 'unix', 'time', 'datetime', 'date'];
export const PRICE_NAMES = ['price', 'adj close', 'adj_close', 'adjclose', 'close'];
const RETURN_NAME = /(^|[^a-z])(r|ret|rets|returns?|log_?ret(urns?)?|return_pct|pct_?ret(urns?)?)($|[^a-z])/i;

/** A table read from a CSV file: header cells and data rows, each with its 1-based file line. */
export interface CsvTable {
  file: string;
  header: string[];
  headerLine: number;
  rows: string[][];
  lines: number[];
}

/** Splits one CSV line, honouring double quotes (`"a,b"` and `""` inside quotes). */
function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',').map((s) => s.trim());
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * Reads a CSV file into header + rows, skipping blank lines and a leading URL banner line. Only a
 * regular file within the input size limit is read (util/inputFile.ts). `display` is how messages
 * name the file (default: `path`).
 */
export function readCsvTable(path: string, display: string = path): CsvTable {
  const file = display;
  let text = readInputFile(path, 'data', display);
  if (text.includes('\u0000')) throw new InputError('not a text file; expected CSV', file);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark from spreadsheet exports
  const raw = text.split(/\r?\n/);
  let header: string[] | null = null;
  let headerLine = 0;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i].trim();
    if (line === '') continue;
    if (header === null) {
      // CryptoDataDownload files open with a line holding only their URL
      if (/^https?:\/\//i.test(line) && !line.includes(',')) continue;
      // a scenario or other YAML/JSON file given where a price CSV belongs fails later with a
      // puzzling field count: say what the file is not, and what its header must be
      if (/\.(ya?ml|json)$/i.test(file) || /^(#|---|\{|\[)/.test(line) || /^[A-Za-z_][\w-]*:(\s|$)/.test(line)) {
        throw new InputError(
          `not a price CSV: expected a header line such as timestamp,price or date,close (or a returns column such as return_pct), got ${JSON.stringify(line.length > 40 ? `${line.slice(0, 40)}…` : line)}`,
          file,
          i + 1,
        );
      }
      header = splitCsvLine(line).map((h) => h.replace(/^\uFEFF/, ''));
      headerLine = i + 1;
      continue;
    }
    const cells = splitCsvLine(line);
    if (cells.length !== header.length) {
      throw new InputError(`expected ${header.length} fields as in the header, found ${cells.length}`, file, i + 1);
    }
    rows.push(cells);
    lines.push(i + 1);
  }
  if (header === null) throw new InputError('file is empty: expected a header line and data rows', file);
  if (rows.length === 0) throw new InputError('no data rows after the header', file, headerLine);
  return { file, header, headerLine, rows, lines };
}

function findColumn(table: CsvTable, names: string[]): number {
  const lower = table.header.map((h) => h.toLowerCase());
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** Index of the time column, or -1 when the file has none. */
export function timeColumnIndex(table: CsvTable): number {
  return findColumn(table, TIME_NAMES);
}

/** Index of the value column: the one asked for, else the first of `defaults`. */
export function valueColumnIndex(table: CsvTable, column: string | undefined, defaults: string[]): number {
  if (column !== undefined) {
    const i = findColumn(table, [column.toLowerCase()]);
    if (i < 0) {
      throw new InputError(`no column named ${JSON.stringify(column)}; columns are ${table.header.join(', ')}`, table.file, table.headerLine, '--column');
    }
    return i;
  }
  const i = findColumn(table, defaults);
  if (i >= 0) return i;
  throw new InputError(`no ${defaults.join('/')} column; columns are ${table.header.join(', ')} (pick one with --column)`, table.file, table.headerLine);
}

/** True when the column's name says it holds returns rather than prices (`return_pct`, `ret`, `log_return`, ...). */
export function isReturnColumnName(name: string): boolean {
  return RETURN_NAME.test(name.trim());
}

/**
 * Parses one time cell to unix seconds UTC, or returns NaN when it is not a time.
 */
export function parseTime(cell: string): number {
  const s = cell.trim();
  if (s === '') return NaN;
  if (/^[+-]?\d+(\.\d+)?$/.test(s)) {
    const x = Number(s);
    return Math.abs(x) > 1e11 ? x / 1000 : x;
  }
  // YYYY-MM-DD, optionally followed by T or space and hh:mm[:ss[.fff]] and a zone
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, hh, mi, ss, frac, zone] = m;
  const Y = Number(y);
  const M = Number(mo);
  const D = Number(d);
  const h = hh === undefined ? 0 : Number(hh);
  const min = mi === undefined ? 0 : Number(mi);
  const sec = ss === undefined ? 0 : Number(ss);
  if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || min > 59 || sec > 60) return NaN;
  const ms = Date.UTC(Y, M - 1, D, h, min, sec);
  // Date.UTC rolls 2021-02-30 over into March: reject dates that do not exist
  const check = new Date(ms);
  if (check.getUTCFullYear() !== Y || check.getUTCMonth() !== M - 1 || check.getUTCDate() !== D) return NaN;
  let t = ms / 1000 + (frac ? Number(frac) : 0);
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const offset = (Number(z[2]) * 60 + Number(z[3])) * 60;
    t -= z[1] === '+' ? offset : -offset;
  }
  return t;
}

/** Parses a numeric cell strictly: the whole cell a decimal number (no hex, no Infinity), finite, else NaN. */
export function parseDecimal(cell: string): number {
  const s = cell.trim();
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

function formatDuration(seconds: number): string {
  const units: [number, string][] = [
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  for (const [u, name] of units) {
    if (seconds >= u && Math.abs(seconds / u - Math.round(seconds / u)) < 1e-9) {
      const k = Math.round(seconds / u);
      return `${k} ${name}${k === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}

function isoOf(t: number): string {
  const d = new Date(t * 1000);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().replace('.000Z', 'Z');
}

const DAY = 86400;

/** Weekdays (Mon–Fri) strictly after day a up to and including day b, both UTC midnights. */
function weekdaysBetween(a: number, b: number): number {
  let count = 0;
  for (let t = a + DAY; t <= b + 1e-6; t += DAY) {
    const dow = new Date(t * 1000).getUTCDay();
    if (dow !== 0 && dow !== 6) count++;
  }
  return count;
}

/**
 * Rejects gaps: an interval longer than 1.5x the median interval. Daily series that never
 * fall on a Saturday or Sunday (stock and FX exports) are measured in weekdays, so weekends
 * are not gaps.
 */
function checkGaps(file: string, field: string, times: Float64Array, lines: number[]): void {
  const n = times.length;
  if (n < 3) return;
  const median = medianInterval(times);
  const weekdaysOnly = isWeekdayDaily(times);
  for (let i = 1; i < n; i++) {
    const interval = times[i] - times[i - 1];
    if (weekdaysOnly) {
      const k = weekdaysBetween(times[i - 1], times[i]);
      if (k > 1.5) {
        throw new InputError(`gap of ${k} weekdays between ${isoOf(times[i - 1])} and ${isoOf(times[i])} (the series is daily on weekdays; use --allow-gaps to accept gaps)`, file, lines[i], field);
      }
    } else if (interval > 1.5 * median) {
      throw new InputError(
        `gap of ${formatDuration(interval)} between ${isoOf(times[i - 1])} and ${isoOf(times[i])}, more than 1.5x the median interval of ${formatDuration(median)} (use --allow-gaps to accept gaps)`,
        file,
        lines[i],
        field,
      );
    }
  }
}

/** Parses and checks the time column: every cell a time, strictly increasing. */
function readTimes(table: CsvTable, col: number): Float64Array {
  const { rows, lines, file } = table;
  const field = table.header[col];
  const times = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const t = parseTime(rows[i][col]);
    if (!Number.isFinite(t)) {
      throw new InputError(`cannot read ${JSON.stringify(rows[i][col])} as a time (expected an ISO date/date-time or unix seconds/milliseconds)`, file, lines[i], field);
    }
    if (i > 0 && t <= times[i - 1]) {
      const what = t === times[i - 1] ? `duplicate time ${rows[i][col]}` : `time ${rows[i][col]} is earlier than the previous row's ${rows[i - 1][col]}`;
      throw new InputError(`${what}: rows must be sorted oldest first with distinct times`, file, lines[i], field);
    }
    times[i] = t;
  }
  return times;
}

/**
 * Reads a price series. Prices must be finite and positive; times strictly increasing and
 * without gaps unless `allowGaps`.
 */
export function readPriceCsv(file: string, opts: PriceCsvOptions = {}): PriceSeries {
  return pricesFromTable(readCsvTable(file), opts);
}

/** `readPriceCsv` on a table already read (so a caller can look at the header first). */
export function pricesFromTable(table: CsvTable, opts: PriceCsvOptions = {}): PriceSeries {
  const { file } = table;
  const tcol = timeColumnIndex(table);
  if (tcol < 0) {
    throw new InputError(`no time column (expected one of ${TIME_NAMES.join(', ')}); columns are ${table.header.join(', ')}`, file, table.headerLine);
  }
  const pcol = valueColumnIndex(table, opts.column, PRICE_NAMES);
  if (pcol === tcol) throw new InputError('the price column cannot be the time column', file, table.headerLine, '--column');
  const field = table.header[pcol];
  const { rows, lines } = table;
  const prices = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i][pcol];
    if (cell.trim() === '') throw new InputError('empty price', file, lines[i], field);
    const p = parseDecimal(cell);
    if (!Number.isFinite(p)) throw new InputError(`price ${JSON.stringify(cell)} is not a number`, file, lines[i], field);
    if (p <= 0) throw new InputError(`price ${cell} is not positive`, file, lines[i], field);
    if (p < PRICE_MIN || p > PRICE_MAX) throw new InputError(`expected a price from ${formatBound(PRICE_MIN)} to ${formatBound(PRICE_MAX)}, got ${cell.trim()}`, file, lines[i], field);
    prices[i] = p;
  }
  const times = readTimes(table, tcol);
  if (!opts.allowGaps) checkGaps(file, table.header[tcol], times, lines);
  return { file, column: field, times, prices };
}

/**
 * Reads a file that already holds returns (e.g. `return_pct` of the DEM/GBP benchmark). The
 * column is the one asked for, else the first column whose name says "return", else the only
 * non-time column. Values may be negative but must be finite numbers; times, when present, must
 * be strictly increasing (gaps are not checked: returns carry their own interval).
 */
export function readReturnsCsv(file: string, opts: { column?: string } = {}): ReturnSeries {
  return returnsFromTable(readCsvTable(file), opts);
}

/** Index of the column `readReturnsCsv` would read, or -1 when it cannot tell. */
export function returnColumnIndex(table: CsvTable, column?: string): number {
  if (column !== undefined) return valueColumnIndex(table, column, []);
  const col = table.header.findIndex((h) => isReturnColumnName(h));
  if (col >= 0) return col;
  const tcol = timeColumnIndex(table);
  const others = table.header.map((_, i) => i).filter((i) => i !== tcol);
  return others.length === 1 && findColumn(table, PRICE_NAMES) < 0 ? others[0] : -1;
}

/** `readReturnsCsv` on a table already read. */
export function returnsFromTable(table: CsvTable, opts: { column?: string } = {}): ReturnSeries {
  const { file } = table;
  const tcol = timeColumnIndex(table);
  const col = returnColumnIndex(table, opts.column);
  if (col < 0) {
    throw new InputError(`no returns column (a name like return, ret, log_return); columns are ${table.header.join(', ')} (pick one with --column)`, file, table.headerLine);
  }
  if (col === tcol) throw new InputError('the returns column cannot be the time column', file, table.headerLine, '--column');
  const field = table.header[col];
  const { rows, lines } = table;
  const returns = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cell = rows[i][col];
    if (cell.trim() === '') throw new InputError('empty return', file, lines[i], field);
    const r = parseDecimal(cell);
    if (!Number.isFinite(r)) throw new InputError(`return ${JSON.stringify(cell)} is not a number`, file, lines[i], field);
    returns[i] = r;
  }
  const times = tcol >= 0 ? readTimes(table, tcol) : null;
  return { file, column: field, times, returns };
}

/** Median spacing of `times` in seconds (NaN for fewer than two times). */
export function medianInterval(times: Float64Array): number {
  if (times.length < 2) return NaN;
  const dt = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) dt[i - 1] = times[i] - times[i - 1];
  dt.sort();
  const m = dt.length;
  return m % 2 ? dt[(m - 1) / 2] : (dt[m / 2 - 1] + dt[m / 2]) / 2;
}

/**
 * True for business-day data (stock and FX daily exports): every time is a UTC midnight on a
 * Monday–Friday and the median spacing, counted in weekdays, is one.
 */
export function isWeekdayDaily(times: Float64Array): boolean {
  const n = times.length;
  if (n < 2) return false;
  for (let i = 0; i < n; i++) {
    const dow = new Date(times[i] * 1000).getUTCDay();
    if (dow === 0 || dow === 6 || times[i] % DAY !== 0) return false;
  }
  const steps = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) steps[i - 1] = weekdaysBetween(times[i - 1], times[i]);
  steps.sort();
  const m = steps.length;
  const median = m % 2 ? steps[(m - 1) / 2] : (steps[m / 2 - 1] + steps[m / 2]) / 2;
  return median === 1;
}
