/**
 * Black's (1976) formula for a European option on a forward or futures price F (Haug, *The Complete
 * Guide to Option Pricing Formulas*, 2nd ed., §1.1.3): generalised Black–Scholes–Merton with the
 * forward in place of the spot and a cost of carry b = 0, because holding a future costs nothing:
 *
 *   c = e^{−rT}[F N(d1) − K N(d2)],   p = e^{−rT}[K N(−d2) − F N(−d1)],
 *   d1 = (ln(F/K) + σ²T/2)/(σ√T),     d2 = d1 − σ√T.
 *
 * Greeks are those of `bsm` with b = 0 held fixed: delta and gamma are with respect to F, rho is
 * −T·V (F does not move with r), theta is calendar-time decay per year.
 */
import { bsm, type Greeks, type OptionType } from './blackScholes.js';

export interface Black76Input {
  type: OptionType;
  /** Forward (or futures) price for delivery at expiry. */
  forward: number;
  strike: number;
  /** Years to expiry. */
  expiry: number;
  /** Continuously compounded risk-free rate (discounts the payoff). */
  rate: number;
  /** Annualised volatility of the forward. */
  vol: number;
}

/** Price and Greeks of a European option on a forward under Black-76. */
export function black76(x: Black76Input): Greeks {
  if (!(x.forward > 0 && Number.isFinite(x.forward))) throw new RangeError(`forward: expected a positive number, got ${x.forward}`);
  return bsm({ type: x.type, spot: x.forward, strike: x.strike, expiry: x.expiry, rate: x.rate, vol: x.vol, carry: 0 });
}

/** Price only. */
export function black76Price(x: Black76Input): number {
  return black76(x).price;
}
