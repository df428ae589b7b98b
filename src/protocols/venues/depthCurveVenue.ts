import type { Venue } from './venue.js';
import { bookDensity, buyCost, sellProceeds, sizeForSellPrice, type DepthCurve } from '../../models/amm/depthCurve.js';

/**
 * A centralised order book described by its ±2 % depth. Its liquidity belongs to market makers
 * outside the modelled world, so trades with it are mints and burns in the ledger. Unlike a pool,
 * a book is refilled by its market makers: after a trade the mid price relaxes back toward the
 * reference price at `resilience` per second (an exponential recovery, the usual transient-impact
 * picture of Obizhaeva & Wang 2013), which is why no arbitrageur is needed to keep it in line.
 */
export class DepthCurveVenue implements Venue {
  readonly kind = 'depth-curve' as const;
  readonly holdsTokens = false;
  readonly assets: readonly number[];
  /** Mid price of base in quote units. */
  mid: number;

  constructor(
    readonly id: string,
    base: number,
    quote: number,
    initialMid: number,
    public depth2pct: number,
    readonly resilience: number,
  ) {
    this.assets = [base, quote];
    this.mid = initialMid;
  }

  private curve(): DepthCurve {
    return { mid: this.mid, depth2pct: this.depth2pct };
  }

  price(base: number, quote: number): number {
    return base === this.assets[0] && quote === this.assets[1] ? this.mid : 1 / this.mid;
  }

  quote(assetIn: number, _assetOut: number, amountIn: number): number {
    if (!(amountIn > 0)) return 0;
    const c = this.curve();
    if (assetIn === this.assets[0]) return sellProceeds(c, amountIn);
    // buying base with `amountIn` quote: invert cost(q) = κm(e^{q/κ} − 1)
    const k = bookDensity(c);
    return k * Math.log1p(amountIn / (k * this.mid));
  }

  swap(assetIn: number, assetOut: number, amountIn: number): number {
    const out = this.quote(assetIn, assetOut, amountIn);
    const k = bookDensity(this.curve());
    // the fill walks the book: the new mid is the last filled price
    this.mid = assetIn === this.assets[0] ? this.mid * Math.exp(-amountIn / k) : this.mid * Math.exp(out / k);
    return out;
  }

  amountInForRate(assetIn: number, _assetOut: number, rate: number): number {
    const c = this.curve();
    if (assetIn === this.assets[0]) return rate < this.mid ? sizeForSellPrice(c, rate) : 0;
    // buying: marginal base per quote is 1/price; reach price 1/rate
    const target = 1 / rate;
    if (target <= this.mid) return 0;
    const k = bookDensity(c);
    return buyCost(c, k * Math.log(target / this.mid));
  }

  withdraw(keep: number): [number, number][] {
    this.depth2pct *= keep;
    return [];
  }

  holdings(): [number, number][] {
    return [];
  }

  depthUsd(reference: Float64Array): number {
    return this.depth2pct * reference[this.assets[1]];
  }

  tick(dt: number, reference: Float64Array): void {
    const target = reference[this.assets[0]] / reference[this.assets[1]];
    const w = 1 - Math.exp(-this.resilience * dt);
    this.mid *= Math.exp(w * Math.log(target / this.mid));
  }
}
