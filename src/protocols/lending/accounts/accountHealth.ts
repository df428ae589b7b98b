/**
 * An account's health factor over the CSR book, as Aave v3's GenericLogic computes it:
 *   HF = Σ collateral · P · LT (entries used as collateral) / Σ debt · P
 * with the per-reserve products precomputed once per step: `collateralWeight[r]` = P_r · LT_r
 * (Compound v2: the collateral factor in place of LT) and `debtWeight[r]` = P_r · borrow index_r
 * (the book's debt is scaled). Infinity without debt (Aave's type(uint256).max).
 */
import type { AccountBook } from './accountBook.js';

export function accountHealth(book: AccountBook, a: number, collateralWeight: Float64Array, debtWeight: Float64Array): number {
  let backing = 0;
  let owed = 0;
  for (let k = book.start[a], end = book.start[a + 1]; k < end; k++) {
    const r = book.reserve[k];
    if (book.usedAsCollateral[k] === 1) backing += book.collateral[k] * collateralWeight[r];
    owed += book.scaledDebt[k] * debtWeight[r];
  }
  return owed > 0 ? backing / owed : Infinity;
}

/** The account's debt in USD: Σ scaled debt · P · borrow index. */
export function accountDebtUsd(book: AccountBook, a: number, debtWeight: Float64Array): number {
  let owed = 0;
  for (let k = book.start[a], end = book.start[a + 1]; k < end; k++) owed += book.scaledDebt[k] * debtWeight[book.reserve[k]];
  return owed;
}
