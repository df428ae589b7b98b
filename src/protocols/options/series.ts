/**
 * The option series a venue lists: every listed strike × expiry, a call and a put of each, fixed
 * when the venue is built (as a venue lists its strikes ahead). A series is its index in the
 * list; its fields are typed arrays so that marking every series each step reads contiguous
 * memory. Expiries are seconds from the start of the run.
 */
import type { OptionType } from '../../models/options/blackScholes.js';

/** Index of the series of strike k (its position in the strikes) at expiry e (its position in the expiries). */
export function seriesIndex(strikeCount: number, k: number, e: number, put: boolean): number {
  return (e * strikeCount + k) * 2 + (put ? 1 : 0);
}

export class SeriesList {
  readonly count: number;
  /** 0 call, 1 put. */
  readonly isPut: Uint8Array;
  readonly strike: Float64Array;
  /** Seconds from the start. */
  readonly expiry: Float64Array;

  constructor(strikes: readonly number[], expiries: readonly number[]) {
    this.count = strikes.length * expiries.length * 2;
    this.isPut = new Uint8Array(this.count);
    this.strike = new Float64Array(this.count);
    this.expiry = new Float64Array(this.count);
    expiries.forEach((e, ei) =>
      strikes.forEach((k, ki) => {
        for (const put of [false, true]) {
          const s = seriesIndex(strikes.length, ki, ei, put);
          this.isPut[s] = put ? 1 : 0;
          this.strike[s] = k;
          this.expiry[s] = e;
        }
      }),
    );
  }

  type(s: number): OptionType {
    return this.isPut[s] ? 'put' : 'call';
  }

  /** Index of the series (type, strike, expiry), or −1. */
  find(type: OptionType, strike: number, expiry: number): number {
    const put = type === 'put' ? 1 : 0;
    for (let s = 0; s < this.count; s++) if (this.isPut[s] === put && this.strike[s] === strike && this.expiry[s] === expiry) return s;
    return -1;
  }

  /** A series' name in events: `put-1800@2d` (expiry in hours or days from the start). */
  label(s: number): string {
    const e = this.expiry[s];
    const when = e % 86400 === 0 ? `${e / 86400}d` : e % 3600 === 0 ? `${e / 3600}h` : `${e}s`;
    return `${this.type(s)}-${this.strike[s]}@${when}`;
  }
}
