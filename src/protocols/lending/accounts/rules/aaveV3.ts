/**
 * Aave v3's liquidation rules on a cross-margined account, as in @aave/core-v3 1.19
 * (GenericLogic.calculateUserAccountData, LiquidationLogic.executeLiquidationCall, _calculateDebt,
 * _calculateAvailableCollateralToLiquidate, ValidationLogic.validateLiquidationCall), in floating
 * point instead of wad/ray integers. E-mode is not modelled.
 *
 *   health factor  HF = Σ c·P·LT / Σ d·P over reserves used as collateral (accountRows.ts)
 *   liquidatable   HF < 1 (HEALTH_FACTOR_LIQUIDATION_THRESHOLD), the chosen collateral enabled
 *                  (used as collateral, threshold ≠ 0) and the chosen debt non-zero
 *   close factor   50 % of the chosen debt asset's balance while HF > 0.95, 100 % at or below
 *                  (`healthFactor > CLOSE_FACTOR_HF_THRESHOLD ? DEFAULT : MAX` in _calculateDebt)
 *   seized         repaid · P_d / P_c · (1 + bonus of the collateral reserve); if that exceeds the
 *                  balance, the whole balance, and the repayment shrinks to what it pays for
 *   protocol fee   (seized − seized / (1 + bonus)) · liquidationProtocolFee, taken out of the
 *                  seized collateral: the liquidator receives seized − fee, the account loses seized
 */
import { type AccountEntries, type AccountTotals, type ReserveTerms, accountTotals, newAccountTotals } from './accountRows.js';
import { accept, type LiquidationOutcome, refuse } from './outcome.js';

export interface AaveRules {
  readonly kind: 'aave-v3';
  /** DEFAULT_LIQUIDATION_CLOSE_FACTOR (0.5). */
  readonly closeFactor: number;
  /** CLOSE_FACTOR_HF_THRESHOLD (0.95): at or below it the whole debt asset's balance may be repaid. */
  readonly fullCloseHealthFactor: number;
  /**
   * Compute the health factor as the contract does, with the collateral-weighted average threshold
   * rounded down to whole basis points (calculateUserAccountData divides Σ value·LT_bps by Σ value
   * in integers). That rounding moves HF by up to 1/LT_bps (about 1.2e-4) when an account's
   * collateral mixes thresholds; false gives the exact Σ c·P·LT / Σ d·P.
   */
  readonly averageThresholdInBps: boolean;
}

export const AAVE_V3: AaveRules = { kind: 'aave-v3', closeFactor: 0.5, fullCloseHealthFactor: 0.95, averageThresholdInBps: false };

const totals = newAccountTotals();

/** Aave v3's health factor from an account's sums (Infinity without debt). */
export function aaveHealthFactorOf(t: AccountTotals, rules: AaveRules = AAVE_V3): number {
  if (!(t.debtValue > 0)) return Infinity;
  if (!rules.averageThresholdInBps) return t.thresholdValue / t.debtValue;
  if (!(t.collateralValue > 0)) return 0;
  // Σ value·LT_bps / Σ value, rounded down; the 1e-9 keeps an exact whole number (one collateral
  // reserve, or equal thresholds) from dropping a basis point through the float quotient's last bit
  const averageBps = Math.floor((t.thresholdValue * 1e4) / t.collateralValue + 1e-9);
  return (t.collateralValue * averageBps) / 1e4 / t.debtValue;
}

/** Aave v3's health factor of the account (Infinity without debt). */
export function aaveHealthFactor(entries: AccountEntries, from: number, to: number, terms: ReserveTerms, rules: AaveRules = AAVE_V3): number {
  return aaveHealthFactorOf(accountTotals(entries, from, to, terms, totals), rules);
}

/**
 * The amounts of `liquidationCall(collateral, debt, user, debtToCover)` once validated, from the
 * health factor and the two balances alone (the two-step strategy calls it on balances it has
 * moved itself). `debtToCover` Infinity asks for the most allowed (type(uint256).max).
 */
export function aaveLiquidationAmounts(
  healthFactor: number,
  debtBalance: number,
  debtPrice: number,
  collateralBalance: number,
  collateralPrice: number,
  liquidationBonus: number,
  protocolFeeShare: number,
  debtToCover: number,
  rules: AaveRules,
  out: LiquidationOutcome,
): LiquidationOutcome {
  const closeFactor = healthFactor > rules.fullCloseHealthFactor ? rules.closeFactor : 1;
  const toCover = Math.min(debtToCover, debtBalance * closeFactor);
  const multiplier = 1 + liquidationBonus;
  let seized = ((toCover * debtPrice) / collateralPrice) * multiplier;
  let repaid = toCover;
  if (seized > collateralBalance) {
    seized = collateralBalance;
    repaid = (collateralBalance * collateralPrice) / debtPrice / multiplier;
  }
  const fee = protocolFeeShare > 0 ? (seized - seized / multiplier) * protocolFeeShare : 0;
  return accept(out, healthFactor, closeFactor, repaid, seized, fee);
}

/**
 * Aave v3 `liquidationCall` on the account: repay up to `debtToCover` tokens of entry `debtAt`'s
 * reserve and seize entry `collateralAt`'s (absolute indices into `entries`, inside [from, to); the
 * two may be the same entry). Checks in the contract's order; writes into `out` and returns it.
 */
export function aaveLiquidationCall(
  entries: AccountEntries,
  from: number,
  to: number,
  terms: ReserveTerms,
  debtAt: number,
  collateralAt: number,
  debtToCover: number,
  out: LiquidationOutcome,
  rules: AaveRules = AAVE_V3,
): LiquidationOutcome {
  const hf = aaveHealthFactor(entries, from, to, terms, rules);
  if (!(hf < 1)) return refuse(out, 'healthy', hf);
  const c = entries.reserve[collateralAt];
  // a zero balance clears Aave's using-as-collateral bit, so it counts as not enabled
  if (entries.usedAsCollateral[collateralAt] === 0 || !(terms.liquidationThreshold[c] > 0) || !(entries.collateral[collateralAt] > 0)) {
    return refuse(out, 'collateral-not-enabled', hf);
  }
  if (!(entries.debt[debtAt] > 0)) return refuse(out, 'no-debt', hf);
  const d = entries.reserve[debtAt];
  return aaveLiquidationAmounts(hf, entries.debt[debtAt], terms.price[d], entries.collateral[collateralAt], terms.price[c], terms.liquidationBonus[c], terms.protocolFee[c], debtToCover, rules, out);
}
