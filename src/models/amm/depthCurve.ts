/**
 * Order-book depth curve calibrated to the "±2 % depth" that market-data vendors report
 * (CoinGecko, Kaiko: the quote volume resting within 2 % of the mid).
 *
 * Model: a book whose resting quote volume per unit of price is constant, κ, on each side. Then
 * the quote volume within a relative distance δ of the mid m is κ·m·δ, linear in δ, and the
 * calibration depth2pct = κ·m·0.02 fixes κ = depth2pct / (0.02·m). This is the linear-depth
 * (uniform book density) reading of a ±2 % depth figure, the one behind the common rule of thumb
 * "selling X of quote volume moves the price by about 2 %·X/depth2pct" for small X; here the walk
 * along the book is done exactly instead of linearised (an order book's price impact as the
 * integral of its density: Bouchaud, Bonart, Donier & Gould 2018, "Trades, Quotes and Prices", ch. 3):
 *
 *   selling q units of the asset walks the bid side from m down to p, receiving κ(m − p) in quote
 *   for κ·ln(m/p) units, so      p(q) = m·e^{−q/κ},        proceeds(q) = κ·m·(1 − e^{−q/κ});
 *   buying q units walks the ask side from m up to p, paying κ(p − m) for κ·ln(p/m) units, so
 *                                  p(q) = m·e^{q/κ},         cost(q)     = κ·m·(e^{q/κ} − 1).
 *
 * Selling exactly depth2pct worth of quote volume (q₂ = κ·ln(1/0.98) units) leaves the price at
 * 0.98·m; proceeds are bounded by κ·m = 50·depth2pct (the whole bid side down to zero).
 * The curve is static: replenishment of the book over time is the simulator's business.
 * Prices are quote per asset unit; sizes are asset units unless a name says quote.
 */

export interface DepthCurve {
  /** Mid price, quote per asset unit. */
  mid: number;
  /** Quote volume within 2 % of the mid on one side; the same on both sides. */
  depth2pct: number;
}

/** The book's quote volume per unit of price, κ = depth2pct/(0.02·mid), in asset units. */
export function bookDensity(c: DepthCurve): number {
  if (!(c.mid > 0) || !(c.depth2pct > 0)) throw new RangeError(`depth curve needs mid > 0 and depth2pct > 0, got mid=${c.mid}, depth2pct=${c.depth2pct}`);
  return c.depth2pct / (0.02 * c.mid);
}

/** Marginal (last-filled) price after selling `size` asset units: m·e^{−q/κ}. */
export function priceAfterSell(c: DepthCurve, size: number): number {
  return c.mid * Math.exp(-Math.max(size, 0) / bookDensity(c));
}

/** Marginal price after buying `size` asset units: m·e^{q/κ}. */
export function priceAfterBuy(c: DepthCurve, size: number): number {
  return c.mid * Math.exp(Math.max(size, 0) / bookDensity(c));
}

/** Quote received for selling `size` asset units: κ·m·(1 − e^{−q/κ}). */
export function sellProceeds(c: DepthCurve, size: number): number {
  if (!(size > 0)) return 0;
  const k = bookDensity(c);
  return -k * c.mid * Math.expm1(-size / k);
}

/** Quote paid for buying `size` asset units: κ·m·(e^{q/κ} − 1). */
export function buyCost(c: DepthCurve, size: number): number {
  if (!(size > 0)) return 0;
  const k = bookDensity(c);
  return k * c.mid * Math.expm1(size / k);
}

/** Average execution price of a sale of `size`; the mid for an infinitesimal one. */
export function averageSellPrice(c: DepthCurve, size: number): number {
  if (!(size > 0)) return c.mid;
  return sellProceeds(c, size) / size;
}

/** Relative price impact 1 − p(q)/m of a sale of `size`: 1 − e^{−q/κ}. */
export function sellImpact(c: DepthCurve, size: number): number {
  return -Math.expm1(-Math.max(size, 0) / bookDensity(c));
}

/** Asset units whose sale moves the price down by `impact` (in [0, 1)): q = κ·ln(1/(1 − impact)). */
export function sizeForSellImpact(c: DepthCurve, impact: number): number {
  if (!(impact >= 0 && impact < 1)) throw new RangeError(`impact must be in [0, 1), got ${impact}`);
  return -bookDensity(c) * Math.log1p(-impact);
}

/** Asset units that bring the marginal price down to `price` (0 if it is at or above the mid). */
export function sizeForSellPrice(c: DepthCurve, price: number): number {
  if (!(price > 0)) return Infinity;
  if (price >= c.mid) return 0;
  return bookDensity(c) * Math.log(c.mid / price);
}

/** Asset units whose sale brings in `quote` (Infinity beyond the book's total bid volume κ·m). */
export function sizeForSellProceeds(c: DepthCurve, quote: number): number {
  if (!(quote > 0)) return 0;
  const k = bookDensity(c);
  const frac = quote / (k * c.mid);
  return frac >= 1 ? Infinity : -k * Math.log1p(-frac);
}
