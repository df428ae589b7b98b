/**
 * Price-decrease functions of Maker's Dutch collateral auctions (Liquidations 2.0).
 *
 * Reference: makerdao/dss `src/abaci.sol` and MIP45 (Liquidations 2.0); rules read there,
 * code written here. Each maps the starting price `top` and the seconds `dur` since the
 * auction (re)started to the current price:
 *  - LinearDecrease(tau):                  top × (tau − dur) / tau, and 0 once dur ≥ tau;
 *  - StairstepExponentialDecrease(step, cut): top × cut^⌊dur / step⌋;
 *  - ExponentialDecrease(cut):             top × cut^dur (per-second factor).
 * `cut` is the multiplicative factor kept per step (0.99 = a 1 % drop), as in dss after its
 * audit (an earlier draft stored 1 − cut).
 */

export interface Abacus {
  readonly kind: 'linear' | 'stairstep' | 'exponential';
  price(top: number, dur: number): number;
}

export function linearDecrease(tau: number): Abacus {
  if (!(tau > 0)) throw new RangeError(`LinearDecrease tau must be positive, got ${tau}`);
  return {
    kind: 'linear',
    price: (top, dur) => (dur >= tau ? 0 : (top * (tau - dur)) / tau),
  };
}

export function stairstepExponentialDecrease(step: number, cut: number): Abacus {
  if (!(step > 0)) throw new RangeError(`StairstepExponentialDecrease step must be positive, got ${step}`);
  if (!(cut >= 0 && cut <= 1)) throw new RangeError(`StairstepExponentialDecrease cut must be in [0, 1], got ${cut}`);
  return {
    kind: 'stairstep',
    price: (top, dur) => top * Math.pow(cut, Math.floor(dur / step)),
  };
}

export function exponentialDecrease(cut: number): Abacus {
  if (!(cut >= 0 && cut <= 1)) throw new RangeError(`ExponentialDecrease cut must be in [0, 1], got ${cut}`);
  return {
    kind: 'exponential',
    price: (top, dur) => top * Math.pow(cut, dur),
  };
}
