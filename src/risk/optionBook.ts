/**
 * A book of European options on one underlying (plus a holding of the underlying itself, a delta
 * hedge), valued by generalised Black–Scholes–Merton at each position's own implied volatility, and
 * its aggregate Greeks. The valuation the options VaR revalues along its scenarios.
 *
 * After `elapsed` years an option with expiry T has T − elapsed left; one that has expired in the
 * meantime is worth its intrinsic value at the scenario's spot (it settled at that price, the best
 * guess a one-step scenario allows).
 */
import { bsm, type OptionType } from '../models/options/blackScholes.js';

export interface OptionPosition {
  type: OptionType;
  strike: number;
  /** Years to expiry today. */
  expiry: number;
  /** Number of options held (negative: written). */
  quantity: number;
  /** The position's implied volatility today. */
  vol: number;
}

export interface OptionBook {
  spot: number;
  rate: number;
  /** Cost of carry b (default: the rate). */
  carry?: number;
  positions: OptionPosition[];
  /** Units of the underlying held (negative: short), e.g. a delta hedge. */
  underlying?: number;
}

export interface BookGreeks {
  value: number;
  /** ∂V/∂S, the underlying holding included. */
  delta: number;
  gamma: number;
  /** Σ q·vega, per unit of volatility (for a parallel shift of every position's volatility by the same amount). */
  vega: number;
  /** ∂V/∂t per year. */
  theta: number;
}

/** Why a book cannot be valued, or null. */
export function bookProblem(book: OptionBook): string | null {
  if (!(book.spot > 0 && Number.isFinite(book.spot))) return `spot must be a positive number, got ${book.spot}`;
  if (!Number.isFinite(book.rate)) return `rate must be a finite number, got ${book.rate}`;
  if (book.underlying !== undefined && !Number.isFinite(book.underlying)) return `underlying must be a finite number, got ${book.underlying}`;
  for (const [i, p] of book.positions.entries()) {
    if (p.type !== 'call' && p.type !== 'put') return `positions[${i}].type must be call or put, got ${p.type}`;
    if (!(p.strike > 0 && Number.isFinite(p.strike))) return `positions[${i}].strike must be a positive number, got ${p.strike}`;
    if (!(p.expiry > 0 && Number.isFinite(p.expiry))) return `positions[${i}].expiry must be a positive number of years, got ${p.expiry}`;
    if (!Number.isFinite(p.quantity)) return `positions[${i}].quantity must be a finite number, got ${p.quantity}`;
    if (!(p.vol > 0 && Number.isFinite(p.vol))) return `positions[${i}].vol must be a positive number, got ${p.vol}`;
  }
  return null;
}

/**
 * Value of the book at spot `spot`, each position's volatility multiplied by `volFactor`, after
 * `elapsed` years.
 */
export function bookValue(book: OptionBook, spot = book.spot, volFactor = 1, elapsed = 0): number {
  let v = (book.underlying ?? 0) * spot;
  for (const p of book.positions) {
    const left = p.expiry - elapsed;
    if (left <= 0) {
      v += p.quantity * Math.max(p.type === 'call' ? spot - p.strike : p.strike - spot, 0);
      continue;
    }
    v += p.quantity * bsm({ type: p.type, spot, strike: p.strike, expiry: left, rate: book.rate, carry: book.carry, vol: p.vol * volFactor }).price;
  }
  return v;
}

/** Value and Greeks of the book today. */
export function bookGreeks(book: OptionBook): BookGreeks {
  const g: BookGreeks = { value: (book.underlying ?? 0) * book.spot, delta: book.underlying ?? 0, gamma: 0, vega: 0, theta: 0 };
  for (const p of book.positions) {
    const x = bsm({ type: p.type, spot: book.spot, strike: p.strike, expiry: p.expiry, rate: book.rate, carry: book.carry, vol: p.vol });
    g.value += p.quantity * x.price;
    g.delta += p.quantity * x.delta;
    g.gamma += p.quantity * x.gamma;
    g.vega += p.quantity * x.vega;
    g.theta += p.quantity * x.theta;
  }
  return g;
}

/** Each position's vega times its quantity, for a shock that moves volatilities proportionally. */
export function positionVegas(book: OptionBook): Float64Array {
  return Float64Array.from(book.positions.map((p) => p.quantity * bsm({ type: p.type, spot: book.spot, strike: p.strike, expiry: p.expiry, rate: book.rate, carry: book.carry, vol: p.vol }).vega));
}
