/**
 * Implied volatility of a European option under generalised Black–Scholes–Merton (and so of
 * Black-76 and inverse options), robust from an hour to years and from deep in to deep out of the
 * money.
 *
 * Method (after the analysis in P. Jäckel, "Let's be rational", Wilmott 2015, §2–3, written here
 * from the paper's formulas, not its code). Everything is reduced to the *normalised* price of an
 * out-of-the-money call on a forward:
 *
 *   F = S e^{bT}, x = −|ln(F/K)| ≤ 0, s = σ√T,
 *   β = (undiscounted time value)/√(FK),    b(x, s) = e^{x/2} Φ(x/s + s/2) − e^{−x/2} Φ(x/s − s/2),
 *
 * (by put–call parity the time value of an in-the-money option is the price of the out-of-the-money
 * one, and b(x, s) for a put is b(−x, s) for a call), which rises from 0 to e^{x/2} as s goes from
 * 0 to ∞ and has a single inflection at s_c = √(2|x|). Below the inflection b is tiny and
 * exponentially flat in 1/s, so Newton on b itself creeps; above it b saturates at e^{x/2}. So the
 * equation is solved as
 *   lower branch (β < b(x, s_c)):  ln b(x, s) = ln β,
 *   upper branch:                  ln(e^{x/2} − b(x, s)) = ln(e^{x/2} − β),
 * both close to linear in s on their side, by Halley's method with analytic derivatives
 * (∂b/∂s = e^{x/2}φ(x/s + s/2), ∂²b/∂s² = ∂b/∂s·(x²/s³ − s/4)), kept inside a bracket that shrinks
 * with every evaluation (bisection whenever a step leaves it), so it always converges. e^{x/2} − b is
 * computed as e^{x/2}Φ(−d1) + e^{−x/2}Φ(d2), a sum of positive terms, so the upper branch loses
 * nothing to cancellation.
 *
 * No-arbitrage bounds: a call's price lies in (e^{−rT}max(F − K, 0), e^{−rT}F), a put's in
 * (e^{−rT}max(K − F, 0), e^{−rT}K). A price outside them, or on them, has no implied volatility:
 * `ArbitrageBoundsError` says which bound and gives both.
 *
 * Attainable accuracy. The price is a double computed from terms of size
 * M = S e^{(b−r)T} + K e^{−rT}, so it is known to about ε·M (ε = 2^−52), and the volatility only to
 * `ivResolution` = ε·M/vega. Where that is far below 1e-8 the solver recovers σ to 1e-8 (the tests
 * check it); where it is not (deep in the money with little time value, or far out of the money at
 * short expiry, where vega vanishes), no method can, and the solver returns a volatility whose
 * price equals the given one to within rounding, or reports the price as at its bound when rounding
 * has erased the time value altogether.
 */
import { normalCdf, normalQuantile } from '../../risk/distributions.js';
import type { BsmInput, OptionType } from './blackScholes.js';
import { bsm } from './blackScholes.js';
import type { Black76Input } from './black76.js';

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
const EPS = 2 ** -52;

/** A price on or outside the no-arbitrage bounds of its option: no volatility reproduces it. */
export class ArbitrageBoundsError extends RangeError {
  constructor(
    message: string,
    readonly price: number,
    readonly lower: number,
    readonly upper: number,
  ) {
    super(message);
    this.name = 'ArbitrageBoundsError';
  }
}

export interface ImpliedVolInput {
  type: OptionType;
  /** The option's price (in the currency of spot and strike). */
  price: number;
  spot: number;
  strike: number;
  /** Years to expiry. */
  expiry: number;
  rate: number;
  /** Cost of carry b (default: the rate). */
  carry?: number;
}

export interface PriceBounds {
  /** The discounted intrinsic value of the forward: the price at zero volatility. */
  lower: number;
  /** The discounted forward (call) or discounted strike (put): the price at infinite volatility. */
  upper: number;
}

function checkPositive(name: string, v: number): void {
  if (!(v > 0 && Number.isFinite(v))) throw new RangeError(`${name}: expected a positive number, got ${v}`);
}

/** The open interval of arbitrage-free prices of a European option. */
export function priceBounds(x: Omit<ImpliedVolInput, 'price'>): PriceBounds {
  const b = x.carry ?? x.rate;
  const discount = Math.exp(-x.rate * x.expiry);
  const forward = x.spot * Math.exp(b * x.expiry);
  if (x.type === 'call') return { lower: discount * Math.max(forward - x.strike, 0), upper: discount * forward };
  return { lower: discount * Math.max(x.strike - forward, 0), upper: discount * x.strike };
}

/** b(x, s) for x ≤ 0: the normalised out-of-the-money call. */
function normalisedCall(x: number, s: number): number {
  const d1 = x / s + s / 2;
  const ex = Math.exp(x / 2);
  return ex * normalCdf(d1) - normalCdf(d1 - s) / ex;
}

/** e^{x/2} − b(x, s), as a sum of positive terms. */
function normalisedCallComplement(x: number, s: number): number {
  const d1 = x / s + s / 2;
  const ex = Math.exp(x / 2);
  return ex * normalCdf(-d1) + normalCdf(d1 - s) / ex;
}

/** ∂b/∂s = e^{x/2}φ(d1) = φ(x/s)e^{−s²/8}, written so that it neither overflows nor underflows early. */
function normalisedVega(x: number, s: number): number {
  return INV_SQRT_TWO_PI * Math.exp(-(x * x) / (2 * s * s) - (s * s) / 8);
}

/** Solves b(x, s) = beta for s > 0, given x ≤ 0 and 0 < beta < e^{x/2}. */
export function normalisedImpliedVol(beta: number, x: number): number {
  const bmax = Math.exp(x / 2);
  if (!(beta > 0 && beta < bmax)) throw new RangeError(`normalised price ${beta} outside (0, ${bmax})`);
  if (x === 0) {
    // at the money b = 2Φ(s/2) − 1 has a closed-form inverse; the lower-tail form keeps small β exact
    return -2 * normalQuantile((1 - beta) / 2);
  }
  const sc = Math.sqrt(-2 * x);
  const bc = normalisedCall(x, sc);
  if (beta < bc) return solveLower(beta, x, sc);
  return solveUpper(beta, x, bmax, sc);
}

const MAX_ITERATIONS = 100;

/**
 * Lower branch: f(s) = ln b(s) − ln β, increasing on (0, s_c]. Starting point from the small-s
 * asymptote ln b ≈ −x²/(2s²) + 3 ln s − 2 ln|x| − ln√(2π).
 */
function solveLower(beta: number, x: number, sc: number): number {
  const lnBeta = Math.log(beta);
  const ax = -x;
  let s = sc;
  for (let i = 0; i < 3; i++) {
    const q = 2 * (3 * Math.log(s) - 2 * Math.log(ax) - Math.log(Math.sqrt(2 * Math.PI)) - lnBeta);
    s = q > 0 ? Math.min(sc, ax / Math.sqrt(q)) : sc / 2;
  }
  let lo = 0;
  let hi = sc;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const b = normalisedCall(x, s);
    if (!(b > 0)) {
      // underflowed: s is certainly too small
      lo = s;
      s = 0.5 * (lo + hi);
      continue;
    }
    const f = Math.log(b) - lnBeta;
    if (f === 0) return s;
    if (f < 0) lo = s;
    else hi = s;
    const v = normalisedVega(x, s);
    const d1 = v / b; // f'
    const d2 = (v * ((x * x) / (s * s * s) - s / 4)) / b - d1 * d1; // f''
    const next = halleyStep(s, f, d1, d2, lo, hi);
    if (Math.abs(next - s) <= 4 * EPS * s) return next;
    s = next;
  }
  return s;
}

/**
 * Upper branch: F(s) = ln(e^{x/2} − β) − ln(e^{x/2} − b(s)), increasing on [s_c, ∞). Starting point
 * from e^{x/2} − b ≈ (e^{x/2} + e^{−x/2})Φ(−s/2) for large s.
 */
function solveUpper(beta: number, x: number, bmax: number, sc: number): number {
  const target = bmax - beta;
  const lnTarget = Math.log(target);
  const guess = -2 * normalQuantile(Math.min(0.5, target / (bmax + 1 / bmax)));
  let s = Math.max(sc, Number.isFinite(guess) ? guess : sc);
  let lo = sc;
  let hi = Infinity;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const u = normalisedCallComplement(x, s);
    if (!(u > 0)) {
      // the complement underflowed: s is certainly too large
      hi = s;
      s = 0.5 * (lo + hi);
      continue;
    }
    const F = lnTarget - Math.log(u);
    if (F === 0) return s;
    if (F < 0) lo = s;
    else hi = s;
    const v = normalisedVega(x, s);
    const d1 = v / u; // F'
    const d2 = (v * ((x * x) / (s * s * s) - s / 4)) / u + d1 * d1; // F''
    const next = halleyStep(s, F, d1, d2, lo, hi);
    if (Math.abs(next - s) <= 4 * EPS * s) return next;
    s = next;
  }
  return s;
}

/** One Halley step (Newton where Halley's correction is unreliable), replaced by bisection outside (lo, hi). */
function halleyStep(s: number, f: number, d1: number, d2: number, lo: number, hi: number): number {
  let step = f / d1;
  const correction = 1 - (f * d2) / (2 * d1 * d1);
  if (correction > 0.5 && correction < 2) step /= correction;
  const next = s - step;
  if (next > lo && next < hi && Number.isFinite(next)) return next;
  return Number.isFinite(hi) ? 0.5 * (lo + hi) : 2 * s;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(10))) : String(v);
}

/** Implied volatility (annualised) of a European option under generalised BSM. */
export function impliedVol(x: ImpliedVolInput): number {
  checkPositive('spot', x.spot);
  checkPositive('strike', x.strike);
  checkPositive('expiry', x.expiry);
  if (!Number.isFinite(x.rate)) throw new RangeError(`rate: expected a finite number, got ${x.rate}`);
  if (x.carry !== undefined && !Number.isFinite(x.carry)) throw new RangeError(`carry: expected a finite number, got ${x.carry}`);
  if (!Number.isFinite(x.price)) throw new RangeError(`price: expected a finite number, got ${x.price}`);
  const { lower, upper } = priceBounds(x);
  const P = x.price;
  const what = x.type === 'call' ? 'a call' : 'a put';
  const range = `an arbitrage-free price of ${what} lies strictly between ${fmt(lower)} and ${fmt(upper)}`;
  if (P < lower || (P === lower && lower > 0)) {
    throw new ArbitrageBoundsError(
      `${fmt(P)} is ${P < lower ? 'below' : 'at'} the no-arbitrage lower bound ${fmt(lower)} (the discounted intrinsic value e^(-rT)·max(${x.type === 'call' ? 'F - K' : 'K - F'}, 0)): no volatility gives it; ${range}`,
      P,
      lower,
      upper,
    );
  }
  if (P <= 0) throw new ArbitrageBoundsError(`${fmt(P)} is not a positive price: no volatility gives it; ${range}`, P, lower, upper);
  if (P >= upper) {
    throw new ArbitrageBoundsError(
      `${fmt(P)} is ${P > upper ? 'above' : 'at'} the no-arbitrage upper bound ${fmt(upper)} (${x.type === 'call' ? 'the discounted forward e^(-rT)·F' : 'the discounted strike e^(-rT)·K'}): no volatility gives it; ${range}`,
      P,
      lower,
      upper,
    );
  }
  const b = x.carry ?? x.rate;
  const T = x.expiry;
  const forward = x.spot * Math.exp(b * T);
  const undiscounted = P * Math.exp(x.rate * T);
  const intrinsic = Math.max(x.type === 'call' ? forward - x.strike : x.strike - forward, 0);
  const timeValue = undiscounted - intrinsic;
  const scale = Math.sqrt(forward * x.strike);
  const beta = timeValue / scale;
  const lnMoneyness = -Math.abs(Math.log(forward / x.strike));
  const bmax = Math.exp(lnMoneyness / 2);
  if (!(beta > 0)) {
    throw new ArbitrageBoundsError(`${fmt(P)} is at the no-arbitrage lower bound ${fmt(lower)} to within rounding (no time value left): its implied volatility is 0; ${range}`, P, lower, upper);
  }
  if (!(beta < bmax)) {
    throw new ArbitrageBoundsError(`${fmt(P)} is at the no-arbitrage upper bound ${fmt(upper)} to within rounding: its implied volatility is infinite; ${range}`, P, lower, upper);
  }
  return normalisedImpliedVol(beta, lnMoneyness) / Math.sqrt(T);
}

/** Implied volatility of an option on a forward (Black-76). */
export function black76ImpliedVol(x: Omit<Black76Input, 'vol'> & { price: number }): number {
  checkPositive('forward', x.forward);
  return impliedVol({ type: x.type, price: x.price, spot: x.forward, strike: x.strike, expiry: x.expiry, rate: x.rate, carry: 0 });
}

/** Implied volatility of an inverse option from its premium in coin (dollar premium = coin premium × spot). */
export function inverseImpliedVol(x: ImpliedVolInput): number {
  checkPositive('spot', x.spot);
  return impliedVol({ ...x, price: x.price * x.spot });
}

/**
 * The volatility resolution the price itself allows: ε·M/vega with M = S e^{(b−r)T} + K e^{−rT}
 * the size of the terms the price is computed from. Implied volatilities are meaningful to about
 * this, whatever the solver.
 */
export function ivResolution(x: BsmInput): number {
  const g = bsm(x);
  const b = x.carry ?? x.rate;
  const M = x.spot * Math.exp((b - x.rate) * x.expiry) + x.strike * Math.exp(-x.rate * x.expiry);
  return (EPS * M) / g.vega;
}
