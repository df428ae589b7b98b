/**
 * The distribution of the gas prices paid by the transactions mined in a stretch of time, as
 * public data give it: a few percentiles (the 35th, 60th and 90th of every mined transaction in
 * ten minutes, say) or a mean (Etherscan's daily average gas price).
 *
 * Representation: log price as a piecewise-linear function of the standard normal score z,
 *     ln g(z) through the points (Φ⁻¹(p_i), ln g_i),
 * extended beyond the outer points along the nearest segment. Through two points this is a
 * lognormal; through more, a lognormal bent at each given percentile. It reproduces every given
 * percentile exactly, and its tails are the stated assumption: below the lowest percentile the
 * prices fall as the lowest segment's lognormal does. A lognormal from its mean m and log-sd σ
 * has median m·e^{−σ²/2}.
 */
import { normalCdf, normalQuantile } from '../../risk/distributions.js';

export class MinedGasPrices {
  /** Normal scores z_i (increasing) and log prices ln g_i (non-decreasing). */
  private readonly z: number[];
  private readonly lnG: number[];

  private constructor(z: number[], lnG: number[]) {
    this.z = z;
    this.lnG = lnG;
  }

  /** Through percentiles: `[probability, gwei]` pairs, probabilities in (0, 1) increasing, prices non-decreasing and positive. */
  static fromPercentiles(points: readonly (readonly [number, number])[]): MinedGasPrices {
    if (points.length < 2) throw new RangeError('need at least two percentiles');
    for (let i = 0; i < points.length; i++) {
      const [p, g] = points[i];
      if (!(p > 0 && p < 1)) throw new RangeError(`percentile probability must be in (0, 1), got ${p}`);
      if (!(g > 0)) throw new RangeError(`gas price must be positive, got ${g}`);
      if (i > 0 && !(p > points[i - 1][0])) throw new RangeError('percentile probabilities must increase');
      if (i > 0 && g < points[i - 1][1]) throw new RangeError(`gas prices must not fall with the percentile (${points[i - 1][1]} then ${g})`);
    }
    return new MinedGasPrices(
      points.map(([p]) => normalQuantile(p)),
      points.map(([, g]) => Math.log(g)),
    );
  }

  /** A lognormal with mean `mean` gwei and log-sd `logSd` (> 0). */
  static lognormal(mean: number, logSd: number): MinedGasPrices {
    if (!(mean > 0) || !(logSd > 0)) throw new RangeError(`lognormal gas prices need mean > 0 and logSd > 0, got ${mean}, ${logSd}`);
    const lnMedian = Math.log(mean) - (logSd * logSd) / 2;
    return new MinedGasPrices([0, 1], [lnMedian, lnMedian + logSd]);
  }

  /** Index of the segment used at score x: the one containing it, or the outer one beyond the ends. */
  private segmentAtZ(x: number): number {
    const n = this.z.length;
    let i = 0;
    while (i < n - 2 && x > this.z[i + 1]) i++;
    return i;
  }

  private lnAt(x: number): number {
    const i = this.segmentAtZ(x);
    const t = (x - this.z[i]) / (this.z[i + 1] - this.z[i]);
    return this.lnG[i] + t * (this.lnG[i + 1] - this.lnG[i]);
  }

  /** The price (gwei) below which a share q of the mined gas was paid. */
  quantile(q: number): number {
    if (!(q > 0 && q < 1)) throw new RangeError(`quantile must be in (0, 1), got ${q}`);
    return Math.exp(this.lnAt(normalQuantile(q)));
  }

  /** Share of the mined gas paid at a price at most `gwei`. */
  cdf(gwei: number): number {
    if (!(gwei > 0)) return 0;
    const y = Math.log(gwei);
    const n = this.z.length;
    // the segment whose log-price span holds y (outer segments extend to ±∞)
    let i = 0;
    while (i < n - 2 && y > this.lnG[i + 1]) i++;
    const dy = this.lnG[i + 1] - this.lnG[i];
    if (dy === 0) {
      // a flat segment: every price of it sits at one value (a mass point between its two scores)
      if (y < this.lnG[i]) return i === 0 ? 0 : normalCdf(this.z[i]);
      return normalCdf(this.z[i + 1]);
    }
    return normalCdf(this.z[i] + ((y - this.lnG[i]) / dy) * (this.z[i + 1] - this.z[i]));
  }

  /** The same distribution with every price × `factor` (a gas spike). */
  scaled(factor: number): MinedGasPrices {
    if (!(factor > 0)) throw new RangeError(`scale must be positive, got ${factor}`);
    const ln = Math.log(factor);
    return new MinedGasPrices(
      this.z,
      this.lnG.map((g) => g + ln),
    );
  }
}
