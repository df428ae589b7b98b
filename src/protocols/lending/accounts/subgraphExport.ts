/**
 * From a lending protocol's public data to the account snapshot CSV (snapshotFile.ts): the rows of
 * an Aave v3 subgraph `userReserves` export or a Compound v2 subgraph `accountCTokens` export,
 * each turned into `account,asset,collateral,debt,usedAsCollateral` in tokens. The README section
 * "Accounts from a protocol snapshot" gives the queries and the formulas; this is their code, with
 * no network: the export is a file the user fetched.
 *
 * Aave v3 (aave/protocol-subgraphs, entity UserReserve): integer strings in the reserve's smallest
 * unit, so the conversion is exact decimal arithmetic on strings (a float would round 10^24 wei):
 *   collateral = currentATokenBalance / 10^reserve.decimals
 *   debt       = (currentVariableDebt + currentStableDebt) / 10^reserve.decimals
 *   usedAsCollateral = usageAsCollateralEnabledOnUser
 * Compound v2 (compound-finance/compound-v2-subgraph, entity AccountCToken): decimal strings in
 * tokens already (the subgraph's BigDecimal), so a product of two of them is a float product:
 *   collateral = cTokenBalance × market.exchangeRate
 *   debt       = storedBorrowBalance × market.borrowIndex / accountBorrowIndex (interest since the
 *                account's last action; storedBorrowBalance alone when either index is absent)
 *   usedAsCollateral = enteredMarket
 *
 * Amounts are written with at most 15 decimals: dust below 1e-15 tokens (a few wei) becomes 0, as
 * the snapshot reader accepts no smaller magnitude. Rows are sorted by account, then asset, so the
 * same export gives the same file byte for byte.
 */
import { InputError } from '../../../util/errors.js';
import type { AccountSnapshotRow } from './snapshotFile.js';

export type ExportFormat = 'aave-v3' | 'compound-v2';

/** A converted row with its amounts as exact decimal strings (what the CSV gets). */
export interface ExportRow {
  account: string;
  asset: string;
  collateral: string;
  debt: string;
  usedAsCollateral: boolean;
}

type Json = unknown;

function isObject(x: Json): x is Record<string, Json> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * The entity rows of an export: `{data: {<entity>: [...]}}` as The Graph answers, a list of such
 * answers (one per page), or the bare list of rows.
 */
function entityRows(doc: Json, entity: string, file: string): { rows: Json[]; paths: string[] } {
  const pages = Array.isArray(doc) && doc.length > 0 && isObject(doc[0]) && 'data' in doc[0] ? doc : Array.isArray(doc) ? null : [doc];
  if (pages === null) return { rows: doc as Json[], paths: (doc as Json[]).map((_, i) => `[${i}]`) };
  const rows: Json[] = [];
  const paths: string[] = [];
  pages.forEach((page, p) => {
    const prefix = pages.length > 1 || Array.isArray(doc) ? `[${p}].` : '';
    const list = isObject(page) && isObject(page.data) ? page.data[entity] : undefined;
    if (!Array.isArray(list)) throw new InputError(`expected {"data": {"${entity}": [...]}} as the subgraph answers, got no such list`, file, undefined, `${prefix}data.${entity}`);
    list.forEach((row, i) => {
      rows.push(row);
      paths.push(`${prefix}data.${entity}[${i}]`);
    });
  });
  return { rows, paths };
}

function field(row: Json, path: string[], file: string, where: string): Json {
  let x: Json = row;
  for (const key of path) {
    if (!isObject(x) || !(key in x)) throw new InputError(`expected the field ${path.join('.')}, got none`, file, undefined, where);
    x = x[key];
  }
  return x;
}

function text(row: Json, path: string[], file: string, where: string): string {
  const x = field(row, path, file, where);
  if (typeof x !== 'string' || x === '') throw new InputError(`expected a non-empty string, got ${JSON.stringify(x)}`, file, undefined, `${where}.${path.join('.')}`);
  return x;
}

function flag(row: Json, path: string[], file: string, where: string): boolean {
  const x = field(row, path, file, where);
  if (typeof x !== 'boolean') throw new InputError(`expected true or false, got ${JSON.stringify(x)}`, file, undefined, `${where}.${path.join('.')}`);
  return x;
}

/** An unsigned integer string of base units as a decimal string of tokens, cut to 15 decimals. */
export function unitsToTokens(units: string, decimals: number): string {
  const digits = units.replace(/^0+(?=\d)/, '');
  const padded = digits.padStart(decimals + 1, '0');
  const whole = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals, padded.length - decimals + 15).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

function integerUnits(row: Json, name: string, file: string, where: string, optional = false): bigint {
  if (optional && isObject(row) && !(name in row)) return 0n;
  const x = field(row, [name], file, where);
  const s = typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? String(x) : x;
  if (typeof s !== 'string' || !/^\d+$/.test(s)) throw new InputError(`expected an unsigned integer string (base units), got ${JSON.stringify(x)}`, file, undefined, `${where}.${name}`);
  return BigInt(s);
}

function decimalField(row: Json, path: string[], file: string, where: string): number {
  const x = field(row, path, file, where);
  const s = typeof x === 'number' ? String(x) : x;
  if (typeof s !== 'string' || !/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    throw new InputError(`expected a non-negative decimal number, got ${JSON.stringify(x)}`, file, undefined, `${where}.${path.join('.')}`);
  }
  return Number(s);
}

/**
 * A float amount as the CSV writes it: plain decimal (no exponent), 16 significant digits (a
 * double's 15.95, so no invented digits), at most 15 decimals (dust below 1e-15 becomes 0).
 */
function formatTokens(x: number): string {
  if (!Number.isFinite(x) || x < 0 || x >= 1e21) throw new RangeError(`amount ${x} is not a finite non-negative number below 1e21`);
  const intDigits = x >= 1 ? Math.floor(Math.log10(x)) + 1 : 0;
  const fixed = x.toFixed(Math.max(0, Math.min(15, 16 - intDigits)));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

function assetOf(symbol: string, rename: ReadonlyMap<string, string>): string {
  return rename.get(symbol) ?? symbol;
}

/**
 * Converts a subgraph export (its JSON text) to snapshot rows. `rename` maps the export's symbols
 * to the scenario's asset ids (`WETH` → `ETH`). `file` names the export in messages.
 */
export function convertExport(jsonText: string, format: ExportFormat, file: string, rename: ReadonlyMap<string, string> = new Map()): ExportRow[] {
  let doc: Json;
  try {
    doc = JSON.parse(jsonText);
  } catch (e) {
    throw new InputError(`expected JSON as the subgraph answers, got a parse error (${(e as Error).message})`, file);
  }
  const out: ExportRow[] = [];
  if (format === 'aave-v3') {
    const { rows, paths } = entityRows(doc, 'userReserves', file);
    rows.forEach((row, i) => {
      const where = paths[i];
      const decimals = field(row, ['reserve', 'decimals'], file, where);
      const d = typeof decimals === 'string' ? Number(decimals) : decimals;
      if (typeof d !== 'number' || !Number.isInteger(d) || d < 0 || d > 36)
        throw new InputError(`expected an integer from 0 to 36, got ${JSON.stringify(decimals)}`, file, undefined, `${where}.reserve.decimals`);
      const supplied = integerUnits(row, 'currentATokenBalance', file, where);
      const owed = integerUnits(row, 'currentVariableDebt', file, where) + integerUnits(row, 'currentStableDebt', file, where, true);
      out.push({
        account: text(row, ['user', 'id'], file, where).toLowerCase(),
        asset: assetOf(text(row, ['reserve', 'symbol'], file, where), rename),
        collateral: unitsToTokens(supplied.toString(), d),
        debt: unitsToTokens(owed.toString(), d),
        usedAsCollateral: flag(row, ['usageAsCollateralEnabledOnUser'], file, where),
      });
    });
  } else {
    const { rows, paths } = entityRows(doc, 'accountCTokens', file);
    rows.forEach((row, i) => {
      const where = paths[i];
      const cTokens = decimalField(row, ['cTokenBalance'], file, where);
      const rate = decimalField(row, ['market', 'exchangeRate'], file, where);
      let debt = decimalField(row, ['storedBorrowBalance'], file, where);
      const market = isObject(row) ? row.market : undefined;
      if (isObject(row) && 'accountBorrowIndex' in row && isObject(market) && 'borrowIndex' in market) {
        const accountIndex = decimalField(row, ['accountBorrowIndex'], file, where);
        if (accountIndex > 0) debt = (debt * decimalField(row, ['market', 'borrowIndex'], file, where)) / accountIndex;
      }
      out.push({
        account: text(row, ['account', 'id'], file, where).toLowerCase(),
        asset: assetOf(text(row, ['market', 'underlyingSymbol'], file, where), rename),
        collateral: formatTokens(cTokens * rate),
        debt: formatTokens(debt),
        usedAsCollateral: flag(row, ['enteredMarket'], file, where),
      });
    });
  }
  out.sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
  for (let i = 1; i < out.length; i++) {
    if (out[i].account === out[i - 1].account && out[i].asset === out[i - 1].asset) {
      throw new InputError(`expected one row per account and asset, got two ${out[i].asset} rows for ${out[i].account} (overlapping pages?)`, file);
    }
  }
  return out;
}

/** The snapshot CSV text of converted rows (header included, one row per line). */
export function snapshotCsv(rows: readonly ExportRow[]): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['account,asset,collateral,debt,usedAsCollateral'];
  for (const r of rows) lines.push(`${quote(r.account)},${quote(r.asset)},${r.collateral},${r.debt},${r.usedAsCollateral}`);
  return `${lines.join('\n')}\n`;
}

/** Rows as the reader returns them, for callers that skip the file (tests, the library). */
export function toSnapshotRows(rows: readonly ExportRow[]): AccountSnapshotRow[] {
  return rows
    .map((r) => ({ account: r.account, asset: r.asset, collateral: Number(r.collateral), debt: Number(r.debt), usedAsCollateral: r.usedAsCollateral }))
    .filter((r) => r.collateral > 0 || r.debt > 0);
}
