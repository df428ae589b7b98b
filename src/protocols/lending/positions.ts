/**
 * A lending market's positions as a struct of typed arrays: one Float64Array per field, so a
 * million positions cost tens of megabytes and the health scan runs over contiguous memory.
 * Each position has one collateral and one debt reserve (a market's asset mix is the mix of
 * pairs across its positions). Debt is stored scaled by the reserve's borrow index at the time
 * (Aave's scaled balances), so interest accrues in O(1) per reserve, not per position.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../util/errors.js';
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

  constructor(readonly count: number) {
    this.collateralReserve = new Uint8Array(count);
    this.debtReserve = new Uint8Array(count);
    this.collateral = new Float64Array(count);
    this.scaledDebt = new Float64Array(count);
    this.cohort = new Uint8Array(count);
    this.closed = new Uint8Array(count);
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
}

/**
 * Draws positions from the scenario's distributions: collateral worth `size` USD at the initial
 * price, and debt such that the initial health factor is the drawn value.
 */
export function generatePositions(
  spec: GeneratedPositions,
  collateralPrice: number,
  collateralThreshold: number,
  debtPrice: number,
  rng: Rng,
  out: PositionRows,
): void {
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
 * Reads positions from a CSV with header `collateral,debt,collateralAmount,debtAmount`
 * (asset ids and token amounts).
 */
export function readPositionsCsv(file: string, baseDir: string, reserveOf: (asset: string) => number | undefined, out: PositionRows): void {
  const path = resolve(baseDir, file);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const want = ['collateral', 'debt', 'collateralAmount', 'debtAmount'];
  const col = want.map((w) => header.indexOf(w));
  if (col.some((c) => c < 0)) throw new InputError(`expected the header ${want.join(',')}`, file, 1);
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((c) => c.trim());
    const c = reserveOf(cells[col[0]]);
    const d = reserveOf(cells[col[1]]);
    if (c === undefined) throw new InputError(`expected an asset with a reserve, got "${cells[col[0]]}"`, file, i + 1, 'collateral');
    if (d === undefined) throw new InputError(`expected an asset with a reserve, got "${cells[col[1]]}"`, file, i + 1, 'debt');
    const ca = Number(cells[col[2]]);
    const da = Number(cells[col[3]]);
    if (!(ca >= 0) || cells[col[2]] === '') throw new InputError(`expected a non-negative number, got "${cells[col[2]]}"`, file, i + 1, 'collateralAmount');
    if (!(da >= 0) || cells[col[3]] === '') throw new InputError(`expected a non-negative number, got "${cells[col[3]]}"`, file, i + 1, 'debtAmount');
    // a loan with nothing behind it is bad debt before anything happens: not a position to simulate
    if (ca === 0 && da > 0) throw new InputError('expected collateral for a position with debt, got 0', file, i + 1, 'collateralAmount');
    out.collateralReserve.push(c);
    out.debtReserve.push(d);
    out.collateral.push(ca);
    out.debt.push(da);
  }
}
