/**
 * A CDP system's vaults as a struct of typed arrays (one array per field), like the lending
 * market's positions: collateral `ink` in tokens and normalised debt `art`, whose stablecoin
 * value is art × the vault type's rate accumulator (dss Vat: debt = art · rate), so stability
 * fees accrue in O(1) per vault type, not per vault.
 */
import { resolve } from 'node:path';
import { InputError } from '../../util/errors.js';
import { readCsvTable } from '../../util/priceCsv.js';
import { displayPath } from '../../util/inputFile.js';
import { amountCell, columnsOf } from '../../util/amountCsv.js';
import type { Rng } from '../../util/rng.js';
import { draw, type NumberOrDistribution } from '../../scenario/distribution.js';

export class VaultBook {
  /** Vault type (index into the system's ilks). */
  readonly ilk: Uint8Array;
  /** Collateral in tokens. */
  readonly ink: Float64Array;
  /** Normalised debt: stablecoin debt / the vault type's rate. */
  readonly art: Float64Array;
  /** The vault-owners cohort that watches this vault (its tag), or 0. */
  readonly owners: Uint8Array;

  constructor(readonly count: number) {
    this.ilk = new Uint8Array(count);
    this.ink = new Float64Array(count);
    this.art = new Float64Array(count);
    this.owners = new Uint8Array(count);
  }
}

/** Vaults as rows of (vault type, collateral tokens, stablecoin debt). */
export interface VaultRows {
  ilk: number[];
  collateral: number[];
  debt: number[];
}

export interface GeneratedVaults {
  ilk: number;
  count: number;
  /** Collateral value in USD at the start. */
  size: NumberOrDistribution;
  /** Collateral value / debt value at the start. */
  collateralisation: NumberOrDistribution;
}

/**
 * Draws vaults: collateral worth `size` USD at the initial collateral price, and debt such that
 * the initial collateral value / debt value is the drawn collateralisation.
 */
export function generateVaults(spec: GeneratedVaults, collateralPrice: number, stablecoinPrice: number, rng: Rng, out: VaultRows): void {
  for (let k = 0; k < spec.count; k++) {
    const sizeUsd = draw(spec.size, rng);
    const ratio = draw(spec.collateralisation, rng);
    if (!(sizeUsd > 0) || !(ratio > 0)) continue; // a normal tail below zero is no vault
    out.ilk.push(spec.ilk);
    out.collateral.push(sizeUsd / collateralPrice);
    out.debt.push(sizeUsd / ratio / stablecoinPrice);
  }
}

/**
 * Reads vaults from a CSV with header `ilk,collateral,debt` (vault type id, tokens, stablecoin;
 * columns in any order, no others); amounts are decimal numbers from 0 to 1e15.
 */
export function readVaultsCsv(file: string, baseDir: string, ilkOf: (id: string) => number | undefined, out: VaultRows): void {
  const path = resolve(baseDir, file);
  const table = readCsvTable(path, displayPath(path));
  const shown = table.file;
  const [ic, cc, dc] = columnsOf(table, ['ilk', 'collateral', 'debt']);
  table.rows.forEach((cells, i) => {
    const line = table.lines[i];
    const ilk = ilkOf(cells[ic]);
    if (ilk === undefined) throw new InputError(`expected a vault type of this protocol, got "${cells[ic]}"`, shown, line, 'ilk');
    const collateral = amountCell(cells[cc], shown, line, 'collateral');
    const debt = amountCell(cells[dc], shown, line, 'debt');
    out.ilk.push(ilk);
    out.collateral.push(collateral);
    out.debt.push(debt);
  });
}
