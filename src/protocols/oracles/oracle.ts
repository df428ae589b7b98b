/**
 * A price oracle: what a protocol believes an asset is worth. Each step it observes its source
 * (the reference price, a venue's spot price, a venue TWAP, or the median of several), keeps the
 * history so that it can publish with a delay (Maker's OSM publishes the price of one hour ago),
 * and publishes Chainlink-style: when the heartbeat has elapsed or the candidate price deviates
 * from the last published one by more than the deviation threshold. Shocks can freeze it, change
 * its delay, or manipulate what it observes (see OracleManipulation).
 */
export type SourceReader = (step: number) => number;

/** Marks a manipulation that applies to every observation of the oracle, whatever venue it reads. */
export const ANY_VENUE = -1;

/**
 * The price manipulations an oracle's sources see: each raw observation (a reference read, a
 * venue's spot price, each sample a TWAP takes) made while a manipulation lasts is × its factor.
 * They act on the leaves of the source tree, not on the published value, because that is where an
 * attacker acts: a TWAP then only moves by the share of its window that was manipulated, and a
 * median over several venues ignores one pushed venue but not a majority of them. Manipulations of
 * different venues, or overlapping ones of the same venue, apply together (their factors multiply).
 */
export class OracleManipulation {
  private readonly active: { factor: number; until: number; venue: number }[] = [];

  /** Starts a manipulation of `venue`'s observations (ANY_VENUE: all of them) until time `until`. */
  add(factor: number, until: number, venue: number): void {
    this.active.push({ factor, until, venue });
  }

  /** Multiplier for an observation at time t (seconds) of `venue` (ANY_VENUE for a reference read). */
  scale(t: number, venue: number): number {
    let f = 1;
    for (const m of this.active) if (t < m.until && (m.venue === ANY_VENUE || m.venue === venue)) f *= m.factor;
    return f;
  }
}

export class Oracle {
  /** Raw source observations in USD, one per step (index = step). */
  private readonly observed: Float64Array;
  published: number;
  lastPublishedAt: number;
  frozenUntil = -Infinity;

  constructor(
    readonly id: string,
    /** World index of the asset this oracle prices. */
    readonly asset: number,
    /** Reads the (possibly manipulated) source; see OracleManipulation. */
    private readonly source: SourceReader,
    /** Publication delay in seconds. */
    public delay: number,
    readonly heartbeat: number,
    readonly deviation: number,
    readonly dt: number,
    steps: number,
    initialPrice: number,
    /** Shared with the source readers, which apply it at each observation. */
    readonly manipulation: OracleManipulation = new OracleManipulation(),
  ) {
    this.observed = new Float64Array(steps + 1);
    this.published = initialPrice;
    this.lastPublishedAt = 0;
  }

  /** Observes the source and publishes by the oracle's rule; returns the published price. */
  update(step: number): number {
    const t = step * this.dt;
    this.observed[step] = this.source(step);
    if (t < this.frozenUntil) return this.published;
    const lag = Math.round(this.delay / this.dt);
    const candidate = this.observed[Math.max(0, step - lag)];
    const stale = t - this.lastPublishedAt >= this.heartbeat;
    const moved = Math.abs(candidate / this.published - 1) > this.deviation;
    if (step === 0 || stale || moved) {
      this.published = candidate;
      this.lastPublishedAt = t;
    }
    return this.published;
  }
}

/** Time-weighted average of a per-step series over the last `window` seconds (step sampling). */
export function twapReader(spot: SourceReader, window: number, dt: number, steps: number): SourceReader {
  const history = new Float64Array(steps + 1);
  const n = Math.max(1, Math.round(window / dt));
  let sum = 0;
  let filled = -1;
  return (step: number) => {
    // each step is observed once, in order; a sliding sum keeps the TWAP O(1) per step
    while (filled < step) {
      filled++;
      history[filled] = spot(filled);
      sum += history[filled];
      if (filled - n >= 0) sum -= history[filled - n];
    }
    return sum / Math.min(n, step + 1);
  };
}

export function medianReader(sources: SourceReader[]): SourceReader {
  const values = new Float64Array(sources.length);
  return (step: number) => {
    for (let i = 0; i < sources.length; i++) values[i] = sources[i](step);
    values.sort();
    const m = values.length >> 1;
    return values.length % 2 ? values[m] : 0.5 * (values[m - 1] + values[m]);
  };
}
