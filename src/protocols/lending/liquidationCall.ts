/**
 * Aave v3's health factor and liquidation call, for one collateral and one debt asset.
 *
 *   health factor  HF = collateral · P_c · LT / (debt · P_d)          (liquidatable when HF < 1)
 *   close factor   at most `closeFactor` (50 %) of the debt per call, all of it when HF is below
 *                  `closeFactorHealthFactor` (0.95) — Aave v3's CLOSE_FACTOR_HF_THRESHOLD
 *   seized         debtToCover · P_d · (1 + bonus) / P_c, capped at the collateral available, in
 *                  which case the debt covered shrinks to what that collateral pays for
 * (Aave v3 LiquidationLogic.executeLiquidationCall and _calculateAvailableCollateralToLiquidate.)
 */
export function healthFactor(collateral: number, collateralPrice: number, liquidationThreshold: number, debt: number, debtPrice: number): number {
  const d = debt * debtPrice;
  return d > 0 ? (collateral * collateralPrice * liquidationThreshold) / d : Infinity;
}

export interface LiquidationTerms {
  closeFactor: number;
  /** At or below this health factor the whole debt may be repaid. */
  closeFactorHealthFactor: number;
  liquidationBonus: number;
}

export interface LiquidationAmounts {
  /** Debt tokens repaid by the liquidator. */
  debtRepaid: number;
  /** Collateral tokens the liquidator receives. */
  collateralSeized: number;
}

/**
 * Amounts of a liquidation call asking to repay `requested` debt tokens (Infinity: as much as
 * allowed), written into `out` when given (the simulator prices thousands of calls a step: no new
 * object for each), else into a new object.
 */
export function liquidationAmounts(
  collateral: number,
  collateralPrice: number,
  liquidationThreshold: number,
  debt: number,
  debtPrice: number,
  terms: LiquidationTerms,
  requested = Infinity,
  out: LiquidationAmounts = { debtRepaid: 0, collateralSeized: 0 },
): LiquidationAmounts {
  const hf = healthFactor(collateral, collateralPrice, liquidationThreshold, debt, debtPrice);
  if (!(hf < 1)) {
    out.debtRepaid = 0;
    out.collateralSeized = 0;
    return out;
  }
  const maxClose = hf <= terms.closeFactorHealthFactor ? 1 : terms.closeFactor; // Aave: 50 % only while HF > 0.95
  let debtRepaid = Math.min(requested, debt * maxClose);
  let collateralSeized = (debtRepaid * debtPrice * (1 + terms.liquidationBonus)) / collateralPrice;
  if (collateralSeized > collateral) {
    collateralSeized = collateral;
    debtRepaid = (collateral * collateralPrice) / (debtPrice * (1 + terms.liquidationBonus));
  }
  out.debtRepaid = debtRepaid;
  out.collateralSeized = collateralSeized;
  return out;
}
