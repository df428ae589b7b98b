import type { Venue } from './venue.js';
import { amountInForMarginalRate, getDy, spotPrice } from '../../models/amm/stableswap.js';

/** A Curve StableSwap pool of n assets with amplification A. */
export class StableswapVenue implements Venue {
  readonly kind = 'stableswap' as const;
  readonly holdsTokens = true;
  readonly balances: Float64Array;

  constructor(
    readonly id: string,
    readonly assets: readonly number[],
    balances: number[],
    readonly amplification: number,
    readonly feeBps: number,
  ) {
    this.balances = Float64Array.from(balances);
  }

  private side(asset: number): number {
    const i = this.assets.indexOf(asset);
    if (i < 0) throw new Error(`venue ${this.id} does not trade asset ${asset}`);
    return i;
  }

  price(base: number, quote: number): number {
    return spotPrice(this.side(base), this.side(quote), this.balances, this.amplification);
  }

  quote(assetIn: number, assetOut: number, amountIn: number): number {
    if (!(amountIn > 0)) return 0;
    return getDy(this.side(assetIn), this.side(assetOut), amountIn, this.balances, this.amplification, this.feeBps);
  }

  swap(assetIn: number, assetOut: number, amountIn: number): number {
    const out = this.quote(assetIn, assetOut, amountIn);
    this.balances[this.side(assetIn)] += amountIn;
    this.balances[this.side(assetOut)] -= out;
    return out;
  }

  amountInForRate(assetIn: number, assetOut: number, rate: number): number {
    return amountInForMarginalRate(rate, this.side(assetIn), this.side(assetOut), this.balances, this.amplification, this.feeBps, 1e-9);
  }

  withdraw(keep: number): [number, number][] {
    return this.assets.map((a, i) => {
      const r = this.balances[i] * (1 - keep);
      this.balances[i] -= r;
      return [a, r] as [number, number];
    });
  }

  holdings(): [number, number][] {
    return this.assets.map((a, i) => [a, this.balances[i]] as [number, number]);
  }

  depthUsd(reference: Float64Array): number {
    let v = 0;
    for (let i = 0; i < this.assets.length; i++) v += this.balances[i] * reference[this.assets[i]];
    return v;
  }

  tick(): void {
    // a pool moves only when someone trades with it
  }
}
