/**
 * A CDP system's vaults as a struct of typed arrays (one array per field), like the lending
 * market's positions: collateral `ink` in tokens and normalised debt `art`, whose stablecoin
 * value is art × the vault type's rate accumulator (dss Vat: debt = art · rate), so stability
 * fees accrue in O(1) per vault type, not per vault.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../util/errors.js';
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

/** Reads vaults from a CSV with header `ilk,collateral,debt` (vault type id, tokens, stablecoin). */
export function readVaultsCsv(file: string, baseDir: string, ilkOf: (id: string) => number | undefined, out: VaultRows): void {
  const lines = readFileSync(resolve(baseDir, file), 'utf8').split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const want = ['ilk', 'collateral', 'debt'];
  const col = want.map((w) => header.indexOf(w));
  if (col.some((c) => c < 0)) throw new InputError(`expected the header ${want.join(',')}`, file, 1);
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((c) => c.trim());
    const ilk = ilkOf(cells[col[0]]);
    if (ilk === undefined) throw new InputError(`expected a vault type of this protocol, got "${cells[col[0]]}"`, file, i + 1, 'ilk');
    const amounts = [col[1], col[2]].map((c) => Number(cells[c]));
    for (let j = 0; j < 2; j++) {
      if (!(amounts[j] >= 0) || cells[col[j + 1]] === '') throw new InputError(`expected a non-negative number, got "${cells[col[j + 1]]}"`, file, i + 1, want[j + 1]);
    }
    out.ilk.push(ilk);
    out.collateral.push(amounts[0]);
    out.debt.push(amounts[1]);
  }
}
