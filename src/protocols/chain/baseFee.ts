/**
 * The EIP-1559 base-fee update rule.
 *
 * Reference: V. Buterin, E. Conner, R. Dudley, M. Slipper, I. Norden, A. Bakhta,
 * "EIP-1559: Fee market change for ETH 1.0 chain" (2019), section "Specification":
 *   gas target  = gas limit / ELASTICITY_MULTIPLIER (= 2)
 *   next base   = parent base × (1 + (gas used − target) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR (= 8))
 * with the increase at least 1 wei when the parent block was above target, so a base fee
 * that fell to zero can recover. A full block therefore raises the base fee by exactly
 * 12.5 % and an empty one lowers it by 12.5 %.
 *
 * Units: fees in gwei (1 gwei = 1e-9 of the native asset), gas in gas units. The EIP works in
 * integer wei; here fees are floating point, which is ample for a simulator (relative error ~1e-16
 * a block) and keeps the rule a one-liner.
 */

export const ELASTICITY_MULTIPLIER = 2;
export const BASE_FEE_MAX_CHANGE_DENOMINATOR = 8;
/** One wei expressed in gwei: the EIP's minimum increase above target. */
export const ONE_WEI_IN_GWEI = 1e-9;
/** Gwei to the chain's native asset (ETH). */
export const GWEI = 1e-9;

/** Gas target of a block with gas limit `gasLimit` (EIP-1559: limit / elasticity multiplier). */
export function gasTarget(gasLimit: number, elasticity = ELASTICITY_MULTIPLIER): number {
  return gasLimit / elasticity;
}

/**
 * Base fee (gwei) of the block after one with base fee `baseFee`, `gasUsed` gas used and
 * gas target `target`. `denominator` is BASE_FEE_MAX_CHANGE_DENOMINATOR (8) unless a
 * scenario studies another chain.
 */
export function nextBaseFee(baseFee: number, gasUsed: number, target: number, denominator = BASE_FEE_MAX_CHANGE_DENOMINATOR): number {
  if (!(target > 0)) throw new RangeError(`gas target must be positive, got ${target}`);
  if (!(baseFee >= 0)) throw new RangeError(`base fee must be non-negative, got ${baseFee}`);
  if (!(gasUsed >= 0)) throw new RangeError(`gas used must be non-negative, got ${gasUsed}`);
  if (gasUsed === target) return baseFee;
  const delta = (baseFee * (gasUsed - target)) / target / denominator;
  if (gasUsed > target) return baseFee + Math.max(delta, ONE_WEI_IN_GWEI);
  return Math.max(0, baseFee + delta);
}

/**
 * Effective priority fee (gwei) a transaction pays when included at base fee `baseFee`:
 * min(max priority fee, max fee − base fee), EIP-1559 "Specification". Negative means the
 * transaction cannot be included at this base fee.
 */
export function effectivePriorityFee(maxFeePerGas: number, priorityFee: number, baseFee: number): number {
  return Math.min(priorityFee, maxFeePerGas - baseFee);
}

/** What a transaction costs in the native asset: gasUsed × (base + priority) gwei × 1e-9. */
export function gasCostNative(gasUsed: number, baseFee: number, priorityFee: number): number {
  return gasUsed * (baseFee + priorityFee) * GWEI;
}
