/**
 * Inverse (coin-settled) European options, as listed on Deribit: the contract is on one coin, its
 * premium is paid in the coin and it settles in the coin. A call struck at K pays
 * max(S_T − K, 0)/S_T coin at expiry, which is worth exactly max(S_T − K, 0) dollars then; so its
 * dollar value today is the ordinary (linear) option's, V_usd, and its coin value today is
 * V_usd/S, with S today's coin price in dollars (Deribit's "premium in BTC = USD price / index").
 * Deribit quotes with the forward as the underlying and zero rates: call `inverseOption` with
 * spot = the forward, rate 0 and carry 0 to reproduce that convention.
 *
 * Greeks in coin, with V_c = V_usd/S (derivatives of the coin value; S does not depend on σ, t, r):
 *   delta_c = S·∂V_c/∂S = Δ_usd − V_usd/S   (N(d1) − C/S for a call on a non-dividend asset:
 *             the position's exposure in coins; a long call's coin delta is below its USD delta
 *             because the premium itself is held in coin),
 *   gamma_c = ∂delta_c/∂S = Γ_usd − Δ_usd/S + V_usd/S²   (change of the coin delta per dollar of S),
 *   vega_c = vega_usd/S, theta_c = theta_usd/S, rho_c = rho_usd/S.
 */
import { bsm, type BsmInput, type Greeks, type OptionType } from './blackScholes.js';

export interface InverseGreeks {
  /** Premium and Greeks in coin (see the module comment for what each means). */
  coin: Greeks;
  /** The same option's dollar premium and Greeks (the linear option's). */
  usd: Greeks;
}

/** Premium and Greeks of an inverse option in coin and in dollars. */
export function inverseOption(x: BsmInput): InverseGreeks {
  const usd = bsm(x);
  const S = x.spot;
  const coin: Greeks = {
    price: usd.price / S,
    delta: usd.delta - usd.price / S,
    gamma: usd.gamma - usd.delta / S + usd.price / (S * S),
    vega: usd.vega / S,
    theta: usd.theta / S,
    rho: usd.rho / S,
  };
  return { coin, usd };
}

/**
 * What an inverse option pays at expiry, in coin: max(S_T − K, 0)/S_T for a call and
 * max(K − S_T, 0)/S_T for a put, S_T the settlement (index) price in dollars.
 */
export function inverseSettlement(type: OptionType, strike: number, settlementPrice: number): number {
  if (!(strike > 0 && Number.isFinite(strike))) throw new RangeError(`strike: expected a positive number, got ${strike}`);
  if (!(settlementPrice > 0 && Number.isFinite(settlementPrice))) throw new RangeError(`settlementPrice: expected a positive number, got ${settlementPrice}`);
  const intrinsic = type === 'call' ? settlementPrice - strike : strike - settlementPrice;
  return Math.max(intrinsic, 0) / settlementPrice;
}
