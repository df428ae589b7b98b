import type { Venue } from './venue.js';
import { amountInForMarginalRate, getAmountOut } from '../../models/amm/constantProduct.js';

/** A Uniswap v2 pool of two assets with a fee; k = x·y never decreases. */
export class ConstantProductVenue implements Venue {
  readonly kind = 'constant-product' as const;
  readonly holdsTokens = true;
  readonly assets: readonly number[];
  /** Reserves aligned with `assets`: [base, quote]. */
  readonly reserves: Float64Array;

  constructor(
    readonly id: string,
    base: number,
    quote: number,
    reserves: [number, number],
    readonly feeBps: number,
  ) {
    this.assets = [base, quote];
    this.reserves = Float64Array.from(reserves);
  }

  private side(asset: number): number {
    const i = this.assets.indexOf(asset);
    if (i < 0) throw new Error(`venue ${this.id} does not trade asset ${asset}`);
    return i;
  }

  price(base: number, quote: number): number {
    return this.reserves[this.side(quote)] / this.reserves[this.side(base)];
  }

  quote(assetIn: number, assetOut: number, amountIn: number): number {
    return getAmountOut(amountIn, this.reserves[this.side(assetIn)], this.reserves[this.side(assetOut)], this.feeBps);
  }

  swap(assetIn: number, assetOut: number, amountIn: number): number {
    const i = this.side(assetIn);
    const o = this.side(assetOut);
    const out = getAmountOut(amountIn, this.reserves[i], this.reserves[o], this.feeBps);
    this.reserves[i] += amountIn;
    this.reserves[o] -= out;
    return out;
  }

  amountInForRate(assetIn: number, assetOut: number, rate: number): number {
    return amountInForMarginalRate(rate, this.reserves[this.side(assetIn)], this.reserves[this.side(assetOut)], this.feeBps);
  }

  withdraw(keep: number): [number, number][] {
    const removed: [number, number][] = [];
    for (let i = 0; i < 2; i++) {
      const r = this.reserves[i] * (1 - keep);
      this.reserves[i] -= r;
      removed.push([this.assets[i], r]);
    }
    return removed;
  }

  holdings(): [number, number][] {
    return [
      [this.assets[0], this.reserves[0]],
      [this.assets[1], this.reserves[1]],
    ];
  }

  depthUsd(reference: Float64Array): number {
    return this.reserves[0] * reference[this.assets[0]] + this.reserves[1] * reference[this.assets[1]];
  }

  tick(): void {
    // a pool moves only when someone trades with it
  }
}
