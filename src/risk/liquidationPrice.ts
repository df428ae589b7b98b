/**
 * The price at which a collateralised loan becomes liquidatable. A position with `collateral`
 * units of an asset at price P and `debt` in the numéraire is liquidatable when
 * debt ≥ collateral × P × LT (its health factor collateral·P·LT/debt falls to 1; the Aave v2/v3
 * and Compound v3 rule, Aave Protocol Whitepaper v2, 2020, §"Health factor"), hence
 *   P_liq = debt / (collateral × LT).
 * Written with the loan-to-value LTV = debt / (collateral × P_0) now: P_liq / P_0 = LTV / LT.
 */
export function liquidationPrice(collateral: number, debt: number, liquidationThreshold: number): number {
  if (!(collateral > 0)) throw new RangeError(`collateral must be positive, got ${collateral}`);
  if (!(debt >= 0)) throw new RangeError(`debt must be non-negative, got ${debt}`);
  if (!(liquidationThreshold > 0 && liquidationThreshold <= 1)) throw new RangeError(`liquidation threshold must be in (0, 1], got ${liquidationThreshold}`);
  return debt / (collateral * liquidationThreshold);
}

/** P_liq / P_0 for a position with loan-to-value `ltv` now and liquidation threshold `threshold`. */
export function liquidationPriceRatio(ltv: number, threshold: number): number {
  return ltv / threshold;
}
