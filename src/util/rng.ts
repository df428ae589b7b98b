/**
 * Seeded pseudo-random numbers. Every random draw in Aftershock comes from an `Rng` passed in
 * explicitly; the platform's unseeded generator is never used, so a run is a pure function of
 * (scenario, seed).
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand),
 * 128 bits of state in four 32-bit words; it passes PractRand to several terabytes and
 * runs on plain 32-bit integer operations, which V8 executes without boxing.
 * Seeding and stream derivation use SplitMix64 (Steele, Lea & Flood 2014), a bijective
 * mixer, so nearby seeds or path indices give unrelated streams.
 */

const MASK64 = (1n << 64n) - 1n;

/** One SplitMix64 step: returns the mixed output for state `x` (already advanced by the caller). */
function splitmix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/**
 * Seed of stream `index` under master seed `seed`: a proper mix of both, so that results of
 * path i depend only on (seed, i), not on which worker ran it or in what order.
 */
export function deriveSeed(seed: number, ...indices: number[]): number {
  let h = splitmix64(BigInt.asUintN(64, BigInt(Math.trunc(seed))));
  for (const i of indices) h = splitmix64(h ^ BigInt.asUintN(64, BigInt(Math.trunc(i))));
  return Number(h & 0xffffffffffffn); // 48 bits: exact as a JS number, ample for a seed
}

export interface RngState {
  a: number;
  b: number;
  c: number;
  d: number;
}

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spare = NaN;

  constructor(seed: number) {
    let s = BigInt.asUintN(64, BigInt(Math.trunc(seed)));
    const w0 = splitmix64(s);
    s = (s + 0x9e3779b97f4a7c15n) & MASK64;
    const w1 = splitmix64(s);
    this.a = Number(w0 & 0xffffffffn) | 0;
    this.b = Number(w0 >> 32n) | 0;
    this.c = Number(w1 & 0xffffffffn) | 0;
    this.d = 1; // the counter word; sfc32 is seeded with counter 1
    for (let i = 0; i < 12; i++) this.nextU32(); // discard the warm-up outputs, as sfc32's author does
  }

  /** A uniform 32-bit unsigned integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1) with 32 bits of resolution. */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform on the open interval (0, 1): safe to take a logarithm of. */
  uniformOpen(): number {
    return (this.nextU32() + 0.5) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal by the Box–Muller transform, keeping the second variate for the next call. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniformOpen()));
    const theta = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Exponential with rate 1. */
  exponential(): number {
    return -Math.log(this.uniformOpen());
  }

  /** Gamma(shape k, scale 1) by Marsaglia & Tsang (2000), with the k < 1 boost u^(1/k). */
  gamma(k: number): number {
    if (k < 1) return this.gamma(k + 1) * Math.pow(this.uniformOpen(), 1 / k);
    const d = k - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformOpen();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Student-t with `nu` degrees of freedom (not rescaled to unit variance). */
  studentT(nu: number): number {
    return this.normal() / Math.sqrt((2 * this.gamma(nu / 2)) / nu);
  }

  /**
   * Poisson(lambda): Knuth's multiplication method for small means, a normal approximation
   * with continuity correction above 500 (where the relative error is far below sampling noise).
   */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 500) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    if (lambda > 30) {
      // split to keep exp(-lambda) far from underflow and the loop short
      const half = lambda / 2;
      return this.poisson(half) + this.poisson(lambda - half);
    }
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = this.uniformOpen();
    while (p > limit) {
      k++;
      p *= this.uniformOpen();
    }
    return k;
  }

  /** Lognormal with log-mean `mu` and log-sd `sigma`. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  getState(): RngState {
    return { a: this.a, b: this.b, c: this.c, d: this.d };
  }

  setState(s: RngState): void {
    this.a = s.a;
    this.b = s.b;
    this.c = s.c;
    this.d = s.d;
    this.spare = NaN;
  }
}
