/**
 * Permanent price impact of net order flow on a market described by its ±2 % depth D (the quote
 * volume resting within 2 % of the mid on one side, depthCurve.ts).
 *
 * Peak impact of a net flow X (quote units, buys positive), as a log-price move, a power law
 *   I(X) = 0.02 · sign(X) · (|X| / D)^δ,
 * through the book's stated point (a flow of D moves the price by 2 %):
 *   δ = 1:   linear, the book's own walk (depthCurve.ts: Δln m = 0.02·X/D; Kyle 1985's λ), the
 *            impact of one order that sweeps the book;
 *   δ = 1/2: the square-root law of metaorders, orders executed over time while the book refills
 *            (Tóth et al. 2011; Bouchaud, Bonart, Donier & Gould 2018, ch. 12, who report δ
 *            between about 0.4 and 0.7 across markets).
 * For δ < 1 the law is concave: small flows move the price more than the linear walk, large less.
 *
 * Permanent part: a share of the peak stays after the flow stops. Farmer, Gerig, Lillo &
 * Waelbroeck (2013, "How efficiency shapes market impact", Quantitative Finance 13) derive from
 * fair pricing that a square-root metaorder's impact relaxes to 2/3 of its peak, the value
 * measured by Bershova & Rakhlin (2013) and others: the default share here.
 */

/** Default permanent share of the peak impact (Farmer et al. 2013). */
export const PERMANENT_SHARE = 2 / 3;

/** Peak log-price impact of net flow `flow` (quote units, buys positive) on a market of ±2 % depth `depth2pct`, exponent δ. */
export function peakImpact(exponent: number, flow: number, depth2pct: number): number {
  if (!(depth2pct > 0)) throw new RangeError(`depth must be positive, got ${depth2pct}`);
  if (!(exponent > 0 && exponent <= 1)) throw new RangeError(`impact exponent must be in (0, 1], got ${exponent}`);
  const x = flow / depth2pct;
  return 0.02 * Math.sign(x) * Math.abs(x) ** exponent;
}

/** The permanent multiplier of the price: exp(share · peak impact). */
export function permanentFactor(exponent: number, flow: number, depth2pct: number, share = PERMANENT_SHARE): number {
  return Math.exp(share * peakImpact(exponent, flow, depth2pct));
}
