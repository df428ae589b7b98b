/**
 * The checks shared by the CSV files that list holdings (a lending market's positions, a CDP
 * system's vaults): exactly the expected columns, and amounts that are plain decimal numbers in
 * the input range, quoted back as written when they are not.
 */
import { InputError } from './errors.js';
import { parseDecimal, type CsvTable } from './priceCsv.js';
import { AMOUNT_MAX, MAGNITUDE_MIN, formatBound } from './bounds.js';

/**
 * Index of each wanted column (any order), then of each optional one (−1 when absent); an unknown
 * or missing column is refused at the header.
 */
export function columnsOf(table: CsvTable, want: string[], optional: string[] = []): number[] {
  const expected = `expected the header ${want.join(',')}${optional.length ? ` (optionally ${optional.join(',')})` : ''} (in any order)`;
  const unknown = table.header.find((h) => !want.includes(h) && !optional.includes(h));
  if (unknown !== undefined) throw new InputError(`${expected}, got the unknown column "${unknown}"`, table.file, table.headerLine);
  const cols = [...want, ...optional].map((w) => table.header.indexOf(w));
  const missing = want.find((_, i) => cols[i] < 0);
  if (missing !== undefined) throw new InputError(`${expected}, without "${missing}"`, table.file, table.headerLine);
  if (new Set(table.header).size !== table.header.length) throw new InputError(`${expected}, each once`, table.file, table.headerLine);
  return cols;
}

/** A token amount or USD value: 0, or a decimal number from MAGNITUDE_MIN to AMOUNT_MAX. */
export function amountCell(cell: string, file: string, line: number, field: string): number {
  const x = parseDecimal(cell);
  if (!(x === 0 || (x >= MAGNITUDE_MIN && x <= AMOUNT_MAX))) {
    throw new InputError(`expected 0 or a decimal number from ${formatBound(MAGNITUDE_MIN)} to ${formatBound(AMOUNT_MAX)}, got "${cell}"`, file, line, field);
  }
  return x;
}
