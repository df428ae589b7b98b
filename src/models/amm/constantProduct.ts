/**
 * Constant-product market maker (Uniswap v2), pure math in floating point.
 *
 * Reference: Adams, Zinsmeister & Robinson (2020), "Uniswap v2 Core" whitepaper, §3.2.1 and the
 * `UniswapV2Library.getAmountOut/getAmountIn` contract functions; the optimal arbitrage trade is
 * from Angeris, Kao, Chiang, Noyes & Chitra (2019), "An analysis of Uniswap markets", §3.
 *
 * With reserves (x, y), fee f and γ = 1 − f, a trade of Δx in returns
 *     Δy = γΔx·y / (x + γΔx)
 * and the whole Δx (fee included) is added to the reserve, so k = x·y never decreases.
 * "Price" below always means units of the output asset per unit of the input asset.
 * Every function is a leaf: no state, no simulator imports.
 */

const BPS = 10_000;

function gammaOf(feeBps: number): number {
  if (!(feeBps >= 0 && feeBps < BPS)) throw new RangeError(`feeBps must be in [0, 10000), got ${feeBps}`);
  return 1 - feeBps / BPS;
}

/** Output for an exact input: γ·a·R_out / (R_in + γ·a). */
export function getAmountOut(amountIn: number, reserveIn: number, reserveOut: number, feeBps = 30): number {
  if (amountIn <= 0) return 0;
  const g = gammaOf(feeBps);
  const aIn = amountIn * g;
  return (aIn * reserveOut) / (reserveIn + aIn);
}

/** Input needed for an exact output: R_in·b / (γ·(R_out − b)); Infinity when b ≥ R_out. */
export function getAmountIn(amountOut: number, reserveIn: number, reserveOut: number, feeBps = 30): number {
  if (amountOut <= 0) return 0;
  if (amountOut >= reserveOut) return Infinity;
  const g = gammaOf(feeBps);
  return (reserveIn * amountOut) / (g * (reserveOut - amountOut));
}

/** Pool price of the input asset in output units, R_out / R_in (no fee). */
export function spotPrice(reserveIn: number, reserveOut: number): number {
  return reserveOut / reserveIn;
}

/** Reserves after swapping `amountIn` in: the full input (fee included) stays in the pool. */
export function reservesAfter(amountIn: number, reserveIn: number, reserveOut: number, feeBps = 30): { reserveIn: number; reserveOut: number; amountOut: number } {
  const amountOut = getAmountOut(amountIn, reserveIn, reserveOut, feeBps);
  return { reserveIn: reserveIn + Math.max(amountIn, 0), reserveOut: reserveOut - amountOut, amountOut };
}

/**
 * Marginal rate d(out)/d(in) after `amountIn` has been sold: γ·R_in·R_out / (R_in + γa)².
 * This is what the next infinitesimal unit fetches, fee included; at a = 0 it is γ·spot.
 */
export function marginalRate(amountIn: number, reserveIn: number, reserveOut: number, feeBps = 30): number {
  const g = gammaOf(feeBps);
  const d = reserveIn + g * Math.max(amountIn, 0);
  return (g * reserveIn * reserveOut) / (d * d);
}

/** Pool (fee-free) price after selling `amountIn`: (R_out − out)/(R_in + a). */
export function spotPriceAfter(amountIn: number, reserveIn: number, reserveOut: number, feeBps = 30): number {
  const r = reservesAfter(amountIn, reserveIn, reserveOut, feeBps);
  return r.reserveOut / r.reserveIn;
}

/**
 * Input that brings the marginal rate (fee included) down to `targetRate`: solving
 * γ·R_in·R_out/(R_in + γa)² = p gives a = (√(γ·R_in·R_out/p) − R_in)/γ; 0 if already at or below.
 * This is the profit-maximising trade of an arbitrageur facing an external price p (Angeris et al.).
 */
export function amountInForMarginalRate(targetRate: number, reserveIn: number, reserveOut: number, feeBps = 30): number {
  if (!(targetRate > 0)) return Infinity;
  const g = gammaOf(feeBps);
  const a = (Math.sqrt((g * reserveIn * reserveOut) / targetRate) - reserveIn) / g;
  return Math.max(a, 0);
}

/**
 * Input that brings the pool's fee-free spot price R_out/R_in down to `targetPrice`. After a trade a,
 * R_in' = R_in + a and R_out' = R_in·R_out/(R_in + γa), so the condition is the quadratic
 * γa² + R_in(1+γ)a + R_in² − R_in·R_out/p = 0, whose positive root is returned (0 if none).
 */
export function amountInForSpotPrice(targetPrice: number, reserveIn: number, reserveOut: number, feeBps = 30): number {
  if (!(targetPrice > 0)) return Infinity;
  const g = gammaOf(feeBps);
  const b = reserveIn * (1 + g);
  const c = reserveIn * reserveIn - (reserveIn * reserveOut) / targetPrice;
  if (c >= 0) return 0;
  // c < 0, so the positive root is (−b + √(b² − 4γc))/(2γ) = −2c/(b + √(b² − 4γc)) (no cancellation)
  return (-2 * c) / (b + Math.sqrt(b * b - 4 * g * c));
}

/**
 * Profit (in output units, valued at `externalPrice` output per input) of the optimal arbitrage that
 * sells the input asset into the pool when the pool's marginal rate exceeds the external price.
 */
export function arbitrage(externalPrice: number, reserveIn: number, reserveOut: number, feeBps = 30): { amountIn: number; amountOut: number; profit: number } {
  const amountIn = amountInForMarginalRate(externalPrice, reserveIn, reserveOut, feeBps);
  const amountOut = getAmountOut(amountIn, reserveIn, reserveOut, feeBps);
  return { amountIn, amountOut, profit: amountOut - amountIn * externalPrice };
}
