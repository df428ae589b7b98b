/**
 * The result of one liquidation call under either protocol's rules, filled in place so that a
 * liquidator scanning many (debt, collateral) pairs reuses one object.
 */

/**
 * Why a call repays nothing, or 'ok'. The names follow the contracts' errors:
 * 'healthy'                Aave HEALTH_FACTOR_NOT_BELOW_THRESHOLD; Compound INSUFFICIENT_SHORTFALL
 * 'collateral-not-enabled' Aave COLLATERAL_CANNOT_BE_LIQUIDATED (not used as collateral, zero threshold, or no balance)
 * 'no-debt'                Aave SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER; Compound repays nothing
 * 'too-much-repay'         Compound TOO_MUCH_REPAY (repay above closeFactor · borrow balance)
 * 'seize-too-much'         Compound LIQUIDATE_SEIZE_TOO_MUCH (seize above the borrower's cToken balance)
 * 'invalid-amount'         Compound INVALID_CLOSE_AMOUNT_REQUESTED (a repayment of zero)
 */
export type LiquidationStatus = 'ok' | 'healthy' | 'collateral-not-enabled' | 'no-debt' | 'too-much-repay' | 'seize-too-much' | 'invalid-amount';

export interface LiquidationOutcome {
  status: LiquidationStatus;
  /** The account's health factor before the call (the one the contract compares with its thresholds). */
  healthFactor: number;
  /** Share of the debt asset's balance the call could repay at most (Aave 0.5 or 1; Compound its close factor). */
  closeFactor: number;
  /** Debt tokens the liquidator repays. */
  debtRepaid: number;
  /** Collateral tokens that leave the account: the liquidator's plus the protocol's. */
  collateralSeized: number;
  /** Collateral tokens the liquidator receives. */
  liquidatorCollateral: number;
  /** Collateral tokens the protocol keeps (Aave's liquidation protocol fee; Compound's protocol seize share). */
  protocolFee: number;
}

export function newLiquidationOutcome(): LiquidationOutcome {
  return { status: 'ok', healthFactor: Infinity, closeFactor: 0, debtRepaid: 0, collateralSeized: 0, liquidatorCollateral: 0, protocolFee: 0 };
}

/** A call that repays nothing, for `status`. */
export function refuse(out: LiquidationOutcome, status: LiquidationStatus, healthFactor: number, closeFactor = 0): LiquidationOutcome {
  out.status = status;
  out.healthFactor = healthFactor;
  out.closeFactor = closeFactor;
  out.debtRepaid = 0;
  out.collateralSeized = 0;
  out.liquidatorCollateral = 0;
  out.protocolFee = 0;
  return out;
}

/** A call that goes through: `seized` leaves the account, `protocolFee` of it stays with the protocol. */
export function accept(out: LiquidationOutcome, healthFactor: number, closeFactor: number, repaid: number, seized: number, protocolFee: number): LiquidationOutcome {
  out.status = 'ok';
  out.healthFactor = healthFactor;
  out.closeFactor = closeFactor;
  out.debtRepaid = repaid;
  out.collateralSeized = seized;
  out.liquidatorCollateral = seized - protocolFee;
  out.protocolFee = protocolFee;
  return out;
}

/** Copies `from` into `to` (returned). */
export function copyOutcome(from: LiquidationOutcome, to: LiquidationOutcome): LiquidationOutcome {
  to.status = from.status;
  to.healthFactor = from.healthFactor;
  to.closeFactor = from.closeFactor;
  to.debtRepaid = from.debtRepaid;
  to.collateralSeized = from.collateralSeized;
  to.liquidatorCollateral = from.liquidatorCollateral;
  to.protocolFee = from.protocolFee;
  return to;
}
