/**
 * The venues where assets trade, as the simulator sees them: a small interface over the pure
 * pricing math in constantProduct.ts, stableswap.ts and depthCurve.ts. Assets are the world's
 * asset indices. A venue applies swaps to its own state; it never moves ledger balances (the
 * settlement code does that, so that every transfer has two sides in one place).
 */
export interface Venue {
  readonly id: string;
  readonly kind: 'constant-product' | 'stableswap' | 'depth-curve';
  /** World asset indices this venue trades. */
  readonly assets: readonly number[];
  /** True when the venue's tokens are held in the ledger (pools); false for an external order book. */
  readonly holdsTokens: boolean;
  /** Fee-free price of `base` in units of `quote`. */
  price(base: number, quote: number): number;
  /** Output of selling `amountIn` of `assetIn` for `assetOut`, without changing state. */
  quote(assetIn: number, assetOut: number, amountIn: number): number;
  /** Executes a swap and returns the output. */
  swap(assetIn: number, assetOut: number, amountIn: number): number;
  /** Input of `assetIn` that brings the marginal rate (out per in, fee included) down to `rate`. */
  amountInForRate(assetIn: number, assetOut: number, rate: number): number;
  /** Keeps `keep` (0..1) of the liquidity; returns what was removed, per asset index. */
  withdraw(keep: number): [asset: number, amount: number][];
  /** Tokens the venue holds, per asset index (empty for an order book). */
  holdings(): [asset: number, amount: number][];
  /** Liquidity in USD at the given reference prices: pool value, or the book's ±2 % depth. */
  depthUsd(reference: Float64Array): number;
  /** Once per step, before anybody trades: an order book refills toward the reference price. */
  tick(dt: number, reference: Float64Array): void;
}
