/**
 * A lending protocol's accounts at one block, read from a long-form CSV: one row per (account,
 * asset) with the tokens the account supplies and owes in that reserve,
 *
 *     account,asset,collateral,debt[,usedAsCollateral]
 *
 * so an account that supplies DAI and USDC and borrows both takes two rows. Long form because
 * that is what public exports give (an Aave subgraph's `userReserves`, Compound's per-cToken
 * account balances; README "Accounts from a protocol snapshot" maps both), and because a wide file
 * would need one column pair per asset and change shape with the market.
 *
 * `usedAsCollateral` (true/false, 1/0; default true) is Aave's per-user flag: a supply that does
 * not back the account's debt (Compound's counterpart is not having entered the market). Amounts
 * are tokens, not wei; 0 or a decimal number in the input range. A row with nothing on either side
 * is dropped (exports list every reserve an account ever touched), but still counts for duplicates.
 * The reserve totals are checked against the scenario's figures by `checkReserveTotals`, so a
 * snapshot cut from a different block, or with a reserve left out, is caught before a run.
 */
import { resolve } from 'node:path';
import { InputError } from '../../../util/errors.js';
import { readCsvTable } from '../../../util/priceCsv.js';
import { displayPath } from '../../../util/inputFile.js';
import { amountCell, columnsOf } from '../../../util/amountCsv.js';

export interface AccountSnapshotRow {
  account: string;
  asset: string;
  /** Tokens supplied to the reserve. */
  collateral: number;
  /** Tokens owed to the reserve. */
  debt: number;
  /** Whether the supply counts towards the account's health factor. */
  usedAsCollateral: boolean;
}

/** The reserve figures a snapshot's rows must add up to (tokens). */
export interface ReserveTotals {
  asset: string;
  supply: number;
  borrow: number;
}

const FLAGS: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

/**
 * Reads an account snapshot. `path` is absolute or relative to the working folder; messages name
 * it as the user can open it from there. `assets` are the reserves the market has: any other
 * asset is refused, as are duplicate (account, asset) rows, since a merge of two exports that
 * overlap would otherwise double an account.
 */
export function readAccountSnapshot(path: string, assets: readonly string[]): AccountSnapshotRow[] {
  const absolute = resolve(path);
  const table = readCsvTable(absolute, displayPath(absolute));
  const shown = table.file;
  const [ac, sc, cc, dc, fc] = columnsOf(table, ['account', 'asset', 'collateral', 'debt'], ['usedAsCollateral']);
  const known = new Set(assets);
  const seen = new Map<string, number>();
  const rows: AccountSnapshotRow[] = [];
  table.rows.forEach((cells, i) => {
    const line = table.lines[i];
    const account = cells[ac];
    if (account === '') throw new InputError('expected an account identifier (an address or a name), got an empty cell', shown, line, 'account');
    const asset = cells[sc];
    if (!known.has(asset)) {
      throw new InputError(`expected one of the market's assets (${assets.join(', ')}), got "${asset}"`, shown, line, 'asset');
    }
    // the key cannot be forged by a comma in the account: the asset is one of ours and has none
    const key = `${account},${asset}`;
    const first = seen.get(key);
    if (first !== undefined) throw new InputError(`expected one row per account and asset, got a second ${asset} row for ${account} (first at line ${first})`, shown, line, 'asset');
    seen.set(key, line);
    const collateral = amountCell(cells[cc], shown, line, 'collateral');
    const debt = amountCell(cells[dc], shown, line, 'debt');
    let usedAsCollateral = true;
    if (fc >= 0) {
      const flag = FLAGS[cells[fc].toLowerCase()];
      if (flag === undefined) throw new InputError(`expected true, false, 1 or 0, got "${cells[fc]}"`, shown, line, 'usedAsCollateral');
      usedAsCollateral = flag;
    }
    if (collateral === 0 && debt === 0) return;
    rows.push({ account, asset, collateral, debt, usedAsCollateral });
  });
  return rows;
}

/** Share of `expected` by which `actual` differs from it (Infinity when only `expected` is 0). */
function relativeGap(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return expected === 0 ? Infinity : Math.abs(actual - expected) / expected;
}

function percent(x: number): string {
  return `${Number((x * 100).toPrecision(3))} %`;
}

/**
 * Checks that each reserve's rows add up to the scenario's supply and borrow figures within
 * `relativeTolerance` (0.01 = 1 %): one `InputError` naming the first reserve and side that
 * disagree, with both numbers. A reserve with no rows sums to 0. Supply counts every row's
 * collateral, flagged or not: an unflagged supply is still lent out.
 */
export function checkReserveTotals(rows: readonly AccountSnapshotRow[], reserves: readonly ReserveTotals[], relativeTolerance: number, file: string): void {
  const supplied = new Map<string, number>();
  const owed = new Map<string, number>();
  for (const r of rows) {
    supplied.set(r.asset, (supplied.get(r.asset) ?? 0) + r.collateral);
    owed.set(r.asset, (owed.get(r.asset) ?? 0) + r.debt);
  }
  for (const reserve of reserves) {
    const sides: [string, string, number, number][] = [
      ['collateral', 'supply', supplied.get(reserve.asset) ?? 0, reserve.supply],
      ['debt', 'borrow', owed.get(reserve.asset) ?? 0, reserve.borrow],
    ];
    for (const [column, figure, sum, expected] of sides) {
      const gap = relativeGap(sum, expected);
      if (gap > relativeTolerance) {
        throw new InputError(
          `expected the ${reserve.asset} rows' ${column} to add up to the scenario's ${reserve.asset} ${figure} of ${expected} within ${percent(relativeTolerance)}, got ${sum} (${Number.isFinite(gap) ? `${percent(gap)} off` : 'the scenario says 0'})`,
          file,
          undefined,
          column,
        );
      }
    }
  }
}
