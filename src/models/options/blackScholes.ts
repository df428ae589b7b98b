/**
 * The generalised Black–Scholes–Merton formula with a cost of carry b (Haug, *The Complete Guide
 * to Option Pricing Formulas*, 2nd ed., §1.1.6): b = r gives Black–Scholes on a non-dividend
 * asset, b = r − q Merton's with a continuous yield q, b = 0 Black-76 on a future, b = r − r_f
 * Garman–Kohlhagen on a currency. One formula, so that every variant shares its Greeks.
 *
 *   c = S e^{(b−r)T} N(d1) − K e^{−rT} N(d2),   p = K e^{−rT} N(−d2) − S e^{(b−r)T} N(−d1)
 *   d1 = (ln(S/K) + (b + σ²/2)T) / (σ√T),       d2 = d1 − σ√T
 *
 * Greeks are analytic, per unit of the underlying and per unit (not per cent) of volatility and
 * rate; theta is ∂V/∂t in calendar time (per year, negative for a long option that decays), the
 * sign convention of Haug and Hull. Rho is the sensitivity to r with b held fixed, except that for
 * b = r (the default, carry following the rate) it moves with r as Hull's ρ does.
 */
import { normalCdf, normalPdf } from '../../risk/distributions.js';

export type OptionType = 'call' | 'put';

export interface BsmInput {
  type: OptionType;
  /** Spot price of the underlying (the forward, for Black-76: use `black76`). */
  spot: number;
  strike: number;
  /** Years to expiry. */
  expiry: number;
  /** Continuously compounded risk-free rate. */
  rate: number;
  /** Annualised volatility (0.2 for 20 %). */
  vol: number;
  /** Cost of carry b (default: the rate, i.e. no yield). */
  carry?: number;
}

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

function checkInput(x: BsmInput): void {
  if (!(x.spot > 0 && Number.isFinite(x.spot))) throw new RangeError(`spot: expected a positive number, got ${x.spot}`);
  if (!(x.strike > 0 && Number.isFinite(x.strike))) throw new RangeError(`strike: expected a positive number, got ${x.strike}`);
  if (!(x.expiry > 0 && Number.isFinite(x.expiry))) throw new RangeError(`expiry: expected a positive number of years, got ${x.expiry}`);
  if (!(x.vol > 0 && Number.isFinite(x.vol))) throw new RangeError(`vol: expected a positive number, got ${x.vol}`);
  if (!Number.isFinite(x.rate)) throw new RangeError(`rate: expected a finite number, got ${x.rate}`);
  if (x.carry !== undefined && !Number.isFinite(x.carry)) throw new RangeError(`carry: expected a finite number, got ${x.carry}`);
}

/** Price and Greeks of a European option under generalised Black–Scholes–Merton. */
export function bsm(x: BsmInput): Greeks {
  checkInput(x);
  const { spot: S, strike: K, expiry: T, rate: r, vol: v } = x;
  const carryFollowsRate = x.carry === undefined;
  const b = x.carry ?? r;
  const sqrtT = Math.sqrt(T);
  const d1 = (Math.log(S / K) + (b + 0.5 * v * v) * T) / (v * sqrtT);
  const d2 = d1 - v * sqrtT;
  const carryDiscount = Math.exp((b - r) * T);
  const discount = Math.exp(-r * T);
  const pdf = normalPdf(d1);
  const gamma = (carryDiscount * pdf) / (S * v * sqrtT);
  const vega = S * carryDiscount * pdf * sqrtT;
  const decay = -(S * carryDiscount * pdf * v) / (2 * sqrtT);
  if (x.type === 'call') {
    const nd1 = normalCdf(d1);
    const nd2 = normalCdf(d2);
    const price = S * carryDiscount * nd1 - K * discount * nd2;
    // with b = r the carry factor e^{(b−r)T} does not move with r, leaving only the strike's discounting
    const rho = carryFollowsRate ? K * T * discount * nd2 : K * T * discount * nd2 - T * S * carryDiscount * nd1;
    return {
      price,
      delta: carryDiscount * nd1,
      gamma,
      vega,
      theta: decay - (b - r) * S * carryDiscount * nd1 - r * K * discount * nd2,
      rho,
    };
  }
  const nmd1 = normalCdf(-d1);
  const nmd2 = normalCdf(-d2);
  const price = K * discount * nmd2 - S * carryDiscount * nmd1;
  const rho = carryFollowsRate ? -K * T * discount * nmd2 : -K * T * discount * nmd2 + T * S * carryDiscount * nmd1;
  return {
    price,
    delta: -carryDiscount * nmd1,
    gamma,
    vega,
    theta: decay + (b - r) * S * carryDiscount * nmd1 + r * K * discount * nmd2,
    rho,
  };
}

/** Price only (the hot path of a margin engine or a surface mark). */
export function bsmPrice(x: BsmInput): number {
  return bsm(x).price;
}
