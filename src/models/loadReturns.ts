/**
 * Turns a user's CSV file into the return series the risk models fit, deciding whether the file
 * holds prices or returns:
 *
 * - a file whose chosen column (or, without `--column`, any column) is named like a return
 *   (`return`, `returns`, `ret`, `return_pct`, `log_return`, ...) is a **returns file**: default
 *   kind 'raw' (the values as they are);
 * - anything else is a **price file** (`price`, `adj close`, `close`, or `--column`): default kind
 *   'log', i.e. 100·Δln price.
 *
 * `kind` overrides the default: 'log'/'pct' read the column as prices, 'raw' takes it as it is.
 * The result keeps the times of the returns (when the file has them) and the sampling frequency,
 * for annualising volatility.
 */
import { InputError } from '../util/errors.js';
import {
  readCsvTable,
  isReturnColumnName,
  valueColumnIndex,
  PRICE_NAMES,
  pricesFromTable,
  returnsFromTable,
  medianInterval,
  isWeekdayDaily,
  timeColumnIndex,
  type CsvTable,
} from '../util/priceCsv.js';
import { toReturns, type ReturnKind } from './returns.js';

export interface LoadedReturns {
  file: string;
  column: string;
  /** What was done to the column: 'log'/'pct' from prices, 'raw' as is. */
  kind: ReturnKind;
  /** Whether the file was read as prices (true) or returns (false). */
  fromPrices: boolean;
  returns: Float64Array;
  /** Time of each return (the later of its two prices), or null when the file has no times. */
  times: Float64Array | null;
  /** Median interval between observations in seconds, NaN without times. */
  intervalSeconds: number;
  /** Periods per year for annualising (365.25 days of calendar time; 252 for weekday-only daily data), NaN without times. */
  periodsPerYear: number;
}

export interface LoadReturnsOptions {
  column?: string;
  kind?: ReturnKind;
  allowGaps?: boolean;
}

const SECONDS_PER_YEAR = 365.25 * 86400;

/** True when the column that would be read is named like a return. */
export function looksLikeReturnsFile(table: CsvTable, column?: string): boolean {
  if (column !== undefined) return isReturnColumnName(table.header[valueColumnIndex(table, column, [])]);
  return table.header.some((h) => isReturnColumnName(h));
}

export function loadReturns(file: string, opts: LoadReturnsOptions = {}): LoadedReturns {
  const table = readCsvTable(file);
  const returnsFile = looksLikeReturnsFile(table, opts.column);
  const kind: ReturnKind = opts.kind ?? (returnsFile ? 'raw' : 'log');
  const hasTimes = timeColumnIndex(table) >= 0;
  let values: Float64Array;
  let times: Float64Array | null;
  let column: string;
  if (kind === 'raw' || !hasTimes) {
    // the column as numbers, in file order; the price column of a price file unless told
    const col = opts.column ?? (returnsFile || !hasTimes ? undefined : table.header[valueColumnIndex(table, undefined, PRICE_NAMES)]);
    const s = returnsFromTable(table, { column: col });
    if (kind !== 'raw') {
      for (let i = 0; i < s.returns.length; i++) {
        if (!(s.returns[i] > 0)) {
          throw new InputError(`price ${s.returns[i]} is not positive (if the column holds returns, use --returns raw)`, file, table.lines[i], s.column);
        }
      }
    }
    values = s.returns;
    times = s.times;
    column = s.column;
  } else {
    const s = pricesFromTable(table, { column: opts.column, allowGaps: opts.allowGaps });
    values = s.prices;
    times = s.times;
    column = s.column;
  }
  const returns = toReturns(values, kind);
  const retTimes = times && kind !== 'raw' ? times.slice(1) : times;
  const intervalSeconds = times ? medianInterval(times) : NaN;
  const periodsPerYear = !times ? NaN : isWeekdayDaily(times) ? 252 : SECONDS_PER_YEAR / intervalSeconds;
  if (returns.length < 2) throw new InputError(`only ${returns.length} returns: need more rows`, file);
  return { file, column, kind, fromPrices: kind !== 'raw', returns, times: retTimes, intervalSeconds, periodsPerYear };
}
