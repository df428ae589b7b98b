/**
 * The first-price (pre-London) fee market: Ethereum before EIP-1559 (August 2021). There is no
 * base fee: a block is filled by its producer with the pending transactions that pay the highest
 * gas prices, and each pays exactly its own bid.
 *
 * Background. The rest of Ethereum fills every block; the gas prices its mined transactions paid
 * follow a sourced distribution over time G_t (gasPriceSeries.ts: percentiles every ten minutes,
 * or a lognormal of a daily average), × the active gas spikes. A simulated transaction bidding g
 * finds the background gas that outbid it, capacity × (1 − G_t(g)), ahead of it in the block
 * (mempool.ts orders by bid, as the producer does): it is included when that and the simulated
 * transactions bidding more leave room for it, that is when at least its own gas of the block was
 * mined below its bid. So a bid at the 10th percentile of what blocks were paying gets in (it
 * displaces cheaper background), one far below the cheapest mined prices waits, and is mined
 * later if prices fall before it expires; no floor holds it out by rule. Full blocks are the
 * stated simplification (blocks in March 2020 ran at their gas limit).
 *
 * What agents see as the gas price: `suggestedQuantile` of the current distribution (0.5: the
 * median mined price, the "standard" of gas trackers), or the chain's gas price without a series.
 */
import type { BackgroundLoad } from './mempool.js';
import type { GasSpike } from './congestion.js';
import type { GasPriceSeries } from './gasPriceSeries.js';
import type { MinedGasPrices } from './minedGasPrices.js';

export class FirstPriceBackground {
  private spikes: GasSpike[] = [];

  constructor(
    /** Null: no background (only the simulated agents compete). */
    private readonly series: GasPriceSeries | null,
    /** Gas price agents see without a series (gwei). */
    private readonly fallback: number,
    private readonly suggestedQuantile = 0.5,
  ) {
    if (!(suggestedQuantile > 0 && suggestedQuantile < 1)) throw new RangeError(`suggestedQuantile must be in (0, 1), got ${suggestedQuantile}`);
  }

  /** A gas spike: every background price × factor for start ≤ t < end (overlapping spikes multiply). */
  addSpike(spike: GasSpike): void {
    if (!(spike.factor > 0)) throw new RangeError('a first-price gas spike needs a positive factor');
    if (!(spike.end > spike.start)) throw new RangeError('spike end must be after its start');
    this.spikes.push(spike);
  }

  private multiplierAt(t: number): number {
    let m = 1;
    for (const s of this.spikes) if (t >= s.start && t < s.end) m *= s.factor;
    return m;
  }

  /** The mined gas-price distribution at time t, spikes included; undefined without a background. */
  distribution(t: number): MinedGasPrices | undefined {
    const g = this.series?.at(t);
    if (!g) return undefined;
    const m = this.multiplierAt(t);
    return m === 1 ? g : g.scaled(m);
  }

  /** The background of a block at time t with gas limit `capacity`, for Mempool.fill (base fee 0). */
  load(t: number, capacity: number): BackgroundLoad | undefined {
    const g = this.distribution(t);
    if (!g) return undefined;
    return { gas: capacity, gasAhead: (bid: number) => capacity * (1 - g.cdf(bid)) };
  }

  /** The gas price an agent sees at time t (gwei). */
  suggested(t: number): number {
    return this.distribution(t)?.quantile(this.suggestedQuantile) ?? this.fallback;
  }
}
