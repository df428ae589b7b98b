/**
 * Accounts from a snapshot file into the market's rows. A `positions: {file}` entry is a snapshot
 * when its header has an `account` column (long form: account,asset,collateral,debt[,usedAs
 * Collateral], snapshotFile.ts reads it); otherwise it is the single-asset positions CSV. The
 * snapshot's rows are grouped by account in order of each account's first row, and its sums per
 * reserve are checked against `reserveTotals` when the scenario gives them.
 */
import { resolve } from 'node:path';
import { readCsvTable } from '../../../util/priceCsv.js';
import { displayPath } from '../../../util/inputFile.js';
import { checkReserveTotals, readAccountSnapshot } from './snapshotFile.js';
import type { AccountRows } from './accountRows.js';

export function isAccountSnapshot(file: string, baseDir: string): boolean {
  const path = resolve(baseDir, file);
  return readCsvTable(path, displayPath(path)).header.includes('account');
}

export interface AccountFileSpec {
  file: string;
  reserveTotals?: Record<string, { supply: number; borrow: number }>;
  tolerance?: number;
}

/** Appends the snapshot's accounts to `out`; `assets` are the market's reserves' assets, by reserve. */
export function readAccountFile(spec: AccountFileSpec, baseDir: string, assets: readonly string[], out: AccountRows): void {
  const path = resolve(baseDir, spec.file);
  const rows = readAccountSnapshot(path, assets);
  if (spec.reserveTotals) {
    const totals = Object.entries(spec.reserveTotals).map(([asset, t]) => ({ asset, supply: t.supply, borrow: t.borrow }));
    checkReserveTotals(rows, totals, spec.tolerance ?? 0.01, displayPath(path));
  }
  const byAccount = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const list = byAccount.get(row.account);
    if (list) list.push(i);
    else byAccount.set(row.account, [i]);
  });
  for (const [account, list] of byAccount) {
    out.open(account);
    for (const i of list) out.add(assets.indexOf(rows[i].asset), rows[i].collateral, rows[i].debt, rows[i].usedAsCollateral);
  }
}
