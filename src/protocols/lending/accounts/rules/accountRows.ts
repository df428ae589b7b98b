/**
 * What the liquidation rules read of one cross-margined account and of the market's reserves.
 *
 * An account is a run of entries `from ≤ e < to` in parallel arrays (CSR rows of a book: the
 * engine passes its typed arrays and the account's offsets, so a call allocates nothing). Each
 * entry is one reserve the account touches, with its supplied and borrowed balances in tokens.
 * Reserve terms are arrays indexed by reserve. `ArrayLike<number>` lets the engine pass typed
 * arrays and a test pass plain arrays.
 *
 * These files import nothing of the simulator: they are the rules of Aave v3 and Compound v2 as
 * pure functions over balances, prices and parameters.
 */

export interface AccountEntries {
  /** Reserve index of each entry (into the arrays of `ReserveTerms`). */
  readonly reserve: ArrayLike<number>;
  /** Supplied tokens (Aave: aToken balance; Compound: cToken balance in underlying, exchange rate taken as 1). */
  readonly collateral: ArrayLike<number>;
  /** Borrowed tokens (principal and interest). */
  readonly debt: ArrayLike<number>;
  /**
   * 1 when the supply counts toward the health factor: Aave's per-user "using as collateral" bit,
   * Compound's "entered market" (Comptroller.enterMarkets). 0 otherwise.
   */
  readonly usedAsCollateral: ArrayLike<number>;
}

export interface ReserveTerms {
  /** Oracle price in USD per token. */
  readonly price: ArrayLike<number>;
  /** Aave: liquidation threshold; Compound: the collateral factor (Compound has no separate threshold). */
  readonly liquidationThreshold: ArrayLike<number>;
  /** Maximum loan-to-value (Aave's `ltv`; Compound: the collateral factor again). */
  readonly ltv: ArrayLike<number>;
  /** Aave: the bonus of this collateral reserve as a fraction (0.05 = 105 % in Aave's configuration). Compound ignores it: its incentive is comptroller-wide. */
  readonly liquidationBonus: ArrayLike<number>;
  /** Aave v3 `liquidationProtocolFee` of this collateral reserve: the treasury's share of the bonus part of the seized collateral (0.1 = 10 %). */
  readonly protocolFee: ArrayLike<number>;
}

/** An account's sums over its entries, in USD. */
export interface AccountTotals {
  /** Σ collateral · price over entries used as collateral with a non-zero threshold. */
  collateralValue: number;
  /** Σ collateral · price · liquidation threshold over the same entries. */
  thresholdValue: number;
  /** Σ collateral · price · ltv over the same entries. */
  ltvValue: number;
  /** Σ debt · price over all entries. */
  debtValue: number;
}

export function newAccountTotals(): AccountTotals {
  return { collateralValue: 0, thresholdValue: 0, ltvValue: 0, debtValue: 0 };
}

/**
 * The account's sums, written into `out` (returned). A supply counts only where the account uses
 * it as collateral and the reserve's threshold is non-zero, as in Aave v3
 * GenericLogic.calculateUserAccountData (and Compound's getHypotheticalAccountLiquidityInternal,
 * which loops over entered markets only).
 */
export function accountTotals(entries: AccountEntries, from: number, to: number, terms: ReserveTerms, out: AccountTotals): AccountTotals {
  let collateralValue = 0;
  let thresholdValue = 0;
  let ltvValue = 0;
  let debtValue = 0;
  for (let e = from; e < to; e++) {
    const r = entries.reserve[e];
    const price = terms.price[r];
    const debt = entries.debt[e];
    if (debt > 0) debtValue += debt * price;
    const lt = terms.liquidationThreshold[r];
    if (entries.usedAsCollateral[e] !== 0 && lt > 0) {
      const value = entries.collateral[e] * price;
      collateralValue += value;
      thresholdValue += value * lt;
      ltvValue += value * terms.ltv[r];
    }
  }
  out.collateralValue = collateralValue;
  out.thresholdValue = thresholdValue;
  out.ltvValue = ltvValue;
  out.debtValue = debtValue;
  return out;
}

/** Health factor from sums: threshold-weighted collateral over debt; Infinity without debt. */
export function healthFactorOf(totals: AccountTotals): number {
  return totals.debtValue > 0 ? totals.thresholdValue / totals.debtValue : Infinity;
}

const scratch = newAccountTotals();

/**
 * The account's health factor HF = Σ collateral·price·LT / Σ debt·price (the sum above over entries
 * used as collateral), Infinity without debt. Liquidatable when HF < 1. For Compound, with the
 * collateral factor as LT, HF < 1 exactly when the account has a shortfall.
 */
export function healthFactor(entries: AccountEntries, from: number, to: number, terms: ReserveTerms): number {
  return healthFactorOf(accountTotals(entries, from, to, terms, scratch));
}
