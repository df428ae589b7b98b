/**
 * A lending market's positions as a struct of typed arrays: one Float64Array per field, so a
 * million positions cost tens of megabytes and the health scan runs over contiguous memory.
 * Each position has one collateral and one debt reserve (a market's asset mix is the mix of
 * pairs across its positions). Debt is stored scaled by the reserve's borrow index at the time
 * (Aave's scaled balances), so interest accrues in O(1) per reserve, not per position.
 *
 * The arrays are indexed by slot, the position's place in memory (storageOrder.ts chooses it);
 * a position's id is its row among the positions drawn or read, and is what transactions and
 * every output name. `id[slot]` and `slot[id]` map one to the other.
 */
import { resolve } from 'node:path';
import { InputError } from '../../util/errors.js';
import { readCsvTable } from '../../util/priceCsv.js';
import { displayPath } from '../../util/inputFile.js';
import { amountCell, columnsOf } from '../../util/amountCsv.js';
import type { Rng } from '../../util/rng.js';
import { draw, type NumberOrDistribution } from '../../scenario/distribution.js';

export class PositionBook {
  readonly collateralReserve: Uint8Array;
  readonly debtReserve: Uint8Array;
  /** Collateral in tokens. */
  readonly collateral: Float64Array;
  /** Debt in tokens divided by the debt reserve's borrow index. */
  readonly scaledDebt: Float64Array;
  /** Borrower cohort that watches this position (its index + 1), or 0. */
  readonly cohort: Uint8Array;
  /** 1 once bad debt has been booked for it: it is closed for good. */
  readonly closed: Uint8Array;
  /**
   * Ledger account of the agent that owns it and manages it from its own wallet (deposits,
   * loans, repayments, withdrawals), or −1 for the borrowers outside the modelled world.
   */
  readonly owner: Int32Array;
  /** The id of the position stored at each slot. */
  readonly id: Int32Array;
  /** The slot of each position id. */
  readonly slot: Int32Array;

  constructor(readonly count: number) {
    this.id = new Int32Array(count);
    this.slot = new Int32Array(count);
    this.collateralReserve = new Uint8Array(count);
    this.debtReserve = new Uint8Array(count);
    this.collateral = new Float64Array(count);
    this.scaledDebt = new Float64Array(count);
    this.cohort = new Uint8Array(count);
    this.closed = new Uint8Array(count);
    this.owner = new Int32Array(count).fill(-1);
  }
}

export interface GeneratedPositions {
  count: number;
  collateral: number;
  debt: number;
  size: NumberOrDistribution;
  healthFactor: NumberOrDistribution;
}

/** Positions described by rows of (collateral reserve, debt reserve, collateral tokens, debt tokens). */
export interface PositionRows {
  collateralReserve: number[];
  debtReserve: number[];
  collateral: number[];
  debt: number[];
  /** The owning agent's ledger account per row (−1: outside borrowers); absent: none is owned. */
  owner?: number[];
}

/**
 * Draws positions from the scenario's distributions: collateral worth `size` USD at the initial
 * price, and debt such that the initial health factor is the drawn value.
 */
export function generatePositions(spec: GeneratedPositions, collateralPrice: number, collateralThreshold: number, debtPrice: number, rng: Rng, out: PositionRows): void {
  for (let k = 0; k < spec.count; k++) {
    const sizeUsd = draw(spec.size, rng);
    const hf = draw(spec.healthFactor, rng);
    if (!(sizeUsd > 0) || !(hf > 0)) continue; // a normal tail below zero is no position at all
    const collateral = sizeUsd / collateralPrice;
    const debtUsd = (sizeUsd * collateralThreshold) / hf;
    out.collateralReserve.push(spec.collateral);
    out.debtReserve.push(spec.debt);
    out.collateral.push(collateral);
    out.debt.push(debtUsd / debtPrice);
  }
}

/**
 * Reads positions from a CSV with header `collateral,debt,collateralAmount,debtAmount` (asset
 * ids and token amounts, columns in any order, no others). Every row has exactly those cells;
 * amounts are decimal numbers from 0 to 1e15; a position's collateral and debt are different assets.
 */
export function readPositionsCsv(file: string, baseDir: string, reserveOf: (asset: string) => number | undefined, out: PositionRows): void {
  const path = resolve(baseDir, file);
  const table = readCsvTable(path, displayPath(path));
  const shown = table.file;
  const [cc, dc, cac, dac] = columnsOf(table, ['collateral', 'debt', 'collateralAmount', 'debtAmount']);
  table.rows.forEach((cells, i) => {
    const line = table.lines[i];
    const c = reserveOf(cells[cc]);
    const d = reserveOf(cells[dc]);
    if (c === undefined) throw new InputError(`expected an asset with a reserve, got "${cells[cc]}"`, shown, line, 'collateral');
    if (d === undefined) throw new InputError(`expected an asset with a reserve, got "${cells[dc]}"`, shown, line, 'debt');
    if (c === d) throw new InputError(`expected a debt asset different from the collateral, got "${cells[dc]}" for both`, shown, line, 'debt');
    const ca = amountCell(cells[cac], shown, line, 'collateralAmount');
    const da = amountCell(cells[dac], shown, line, 'debtAmount');
    // a loan with nothing behind it is bad debt before anything happens: not a position to simulate
    if (ca === 0 && da > 0) throw new InputError('expected collateral for a position with debt, got 0', shown, line, 'collateralAmount');
    out.collateralReserve.push(c);
    out.debtReserve.push(d);
    out.collateral.push(ca);
    out.debt.push(da);
  });
}
