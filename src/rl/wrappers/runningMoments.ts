/**
 * Running mean and variance of a vector stream, per coordinate, as count, mean and M2 (the sum of
 * squared deviations from the mean).
 *
 * One sample at a time by Welford's update (1962); two summaries of disjoint samples combine by
 * Chan, Golub & LeVeque's pairwise formula (1979):
 *
 *   n = n_a + n_b,  δ = μ_b − μ_a,  μ = μ_a + δ·n_b/n,  M2 = M2_a + M2_b + δ²·n_a·n_b/n
 *
 * which is what lets statistics gathered by several rollout workers be merged, in rollout order,
 * into the same summary that one pass over all the samples would give (up to rounding). The count
 * may be fractional: Gymnasium's and Stable-Baselines3's RunningMeanStd start from a pseudo-prior of
 * count 1e-4, mean 0, variance 1, which `prior` reproduces.
 */

/** A plain-JSON form (saved with a policy). */
export interface MomentsJson {
  count: number;
  mean: number[];
  m2: number[];
}

export class RunningMoments {
  constructor(
    public count: number,
    readonly mean: Float64Array,
    readonly m2: Float64Array,
  ) {
    if (mean.length !== m2.length) throw new RangeError('running moments: mean and M2 differ in length');
  }

  /** No samples yet. */
  static empty(size: number): RunningMoments {
    return new RunningMoments(0, new Float64Array(size), new Float64Array(size));
  }

  /** Gymnasium's starting point: count 1e-4, mean 0, variance 1 (keeps the first normalisations finite). */
  static prior(size: number): RunningMoments {
    return new RunningMoments(1e-4, new Float64Array(size), new Float64Array(size).fill(1e-4));
  }

  get size(): number {
    return this.mean.length;
  }

  /** Adds one sample (Welford). */
  push(x: ArrayLike<number>): void {
    if (x.length !== this.mean.length) throw new RangeError(`running moments: expected ${this.mean.length} values, got ${x.length}`);
    const n = this.count + 1;
    for (let i = 0; i < x.length; i++) {
      const delta = x[i] - this.mean[i];
      this.mean[i] += delta / n;
      this.m2[i] += delta * (x[i] - this.mean[i]);
    }
    this.count = n;
  }

  /** Folds in the summary of other, disjoint samples (Chan et al.). */
  merge(other: RunningMoments): void {
    if (other.size !== this.size) throw new RangeError(`running moments: cannot merge ${other.size} values into ${this.size}`);
    if (other.count === 0) return;
    const n = this.count + other.count;
    for (let i = 0; i < this.size; i++) {
      const delta = other.mean[i] - this.mean[i];
      this.mean[i] += (delta * other.count) / n;
      this.m2[i] += other.m2[i] + (delta * delta * this.count * other.count) / n;
    }
    this.count = n;
  }

  /** Population variance of coordinate i (M2 / count), 0 with no samples. */
  variance(i: number): number {
    return this.count > 0 ? this.m2[i] / this.count : 0;
  }

  clone(): RunningMoments {
    return new RunningMoments(this.count, this.mean.slice(), this.m2.slice());
  }

  toJSON(): MomentsJson {
    return { count: this.count, mean: Array.from(this.mean), m2: Array.from(this.m2) };
  }

  static fromJSON(j: MomentsJson): RunningMoments {
    return new RunningMoments(j.count, Float64Array.from(j.mean), Float64Array.from(j.m2));
  }
}
