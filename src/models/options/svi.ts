/**
 * Gatheral's raw SVI parameterisation of one expiry's implied total variance (Gatheral, "A
 * parsimonious arbitrage-free implied volatility parameterization", Global Derivatives 2004;
 * Gatheral & Jacquier, "Arbitrage-free SVI volatility surfaces", Quantitative Finance 14(1), 2014,
 * eq. 3.1):
 *
 *   w(k) = a + b(ρ(k − m) + √((k − m)² + σ²)),    k = ln(K/F), w = σ_BS²·T,
 *
 * admissible when b ≥ 0, |ρ| < 1, σ > 0 and a + bσ√(1 − ρ²) ≥ 0 (the minimum of w is then ≥ 0).
 *
 * Butterfly arbitrage (GJ 2014, Lemma 2.2): a slice is free of it iff w > 0 and
 *   g(k) = (1 − k w′/(2w))² − (w′²/4)(1/w + 1/4) + w″/2 ≥ 0   for all k
 * (the risk-neutral density is g(k)/√(2πw)·exp(−d₂²/2), d₂ = −k/√w − √w/2), together with
 * d₊(k) = −k/√w + √w/2 → −∞ as k → ∞ (call prices vanish at large strikes). SVI's wings are
 * asymptotically linear with slopes b(1 − ρ) (left) and b(1 + ρ) (right); Lee's moment formula
 * bounds both by 2, and a right slope above 2 breaks the limit of d₊ (and makes g negative far out
 * on that wing, beyond any finite grid). `butterflyCheck` scans a grid, reports each k-interval
 * where g < 0 with its ends refined by bisection, and reports the wing slopes against Lee's bound.
 *
 * Calendar arbitrage (GJ 2014, Lemma 2.1, for zero or proportional dividends): total variance must
 * not decrease with maturity at any fixed forward log-moneyness k. `calendarCheck` compares each
 * pair of consecutive slices on a grid and reports where the later one lies below.
 */

export interface SviParams {
  a: number;
  b: number;
  rho: number;
  m: number;
  sigma: number;
}

/** Why parameters are not an admissible raw SVI slice, or null when they are. */
export function sviParamsProblem(p: SviParams): string | null {
  for (const [name, v] of Object.entries(p)) if (!Number.isFinite(v)) return `${name} must be a finite number, got ${v}`;
  if (p.b < 0) return `b must be >= 0, got ${p.b}`;
  if (!(Math.abs(p.rho) < 1)) return `|rho| must be < 1, got ${p.rho}`;
  if (!(p.sigma > 0)) return `sigma must be > 0, got ${p.sigma}`;
  const minimum = p.a + p.b * p.sigma * Math.sqrt(1 - p.rho * p.rho);
  if (minimum < 0) return `a + b·sigma·sqrt(1 - rho²) must be >= 0 (the smallest total variance), got ${minimum}`;
  return null;
}

/** Total implied variance w(k). */
export function sviTotalVariance(p: SviParams, k: number): number {
  const d = k - p.m;
  return p.a + p.b * (p.rho * d + Math.sqrt(d * d + p.sigma * p.sigma));
}

/** w′(k). */
export function sviSlope(p: SviParams, k: number): number {
  const d = k - p.m;
  return p.b * (p.rho + d / Math.sqrt(d * d + p.sigma * p.sigma));
}

/** w″(k). */
export function sviCurvature(p: SviParams, k: number): number {
  const d = k - p.m;
  const r = d * d + p.sigma * p.sigma;
  return (p.b * p.sigma * p.sigma) / (r * Math.sqrt(r));
}

/** Implied volatility √(w(k)/T) of a slice with T years to expiry. */
export function sviImpliedVol(p: SviParams, k: number, expiry: number): number {
  return Math.sqrt(sviTotalVariance(p, k) / expiry);
}

/** Gatheral–Jacquier's density function g(k); negative where the slice admits a butterfly arbitrage. */
export function sviDensityFactor(p: SviParams, k: number): number {
  const w = sviTotalVariance(p, k);
  const w1 = sviSlope(p, k);
  const w2 = sviCurvature(p, k);
  const t = 1 - (k * w1) / (2 * w);
  return t * t - ((w1 * w1) / 4) * (1 / w + 0.25) + w2 / 2;
}

export interface ArbitrageRegion {
  /** Ends of a k-interval where the condition fails. */
  from: number;
  to: number;
  /** The worst value inside it: g's minimum (butterfly) or the largest fall in w (calendar, negative). */
  worst: number;
  /** Where the worst value is. */
  at: number;
}

export interface GridOptions {
  /** Lowest and highest log-moneyness scanned (default −3 and 3). */
  from?: number;
  to?: number;
  /** Grid points (default 6001: steps of 0.001 on the default range). */
  points?: number;
}

function grid(opts: GridOptions): Float64Array {
  const from = opts.from ?? -3;
  const to = opts.to ?? 3;
  const n = opts.points ?? 6001;
  if (!(to > from) || !(n >= 2)) throw new RangeError(`grid: expected from < to and at least 2 points, got ${from}, ${to}, ${n}`);
  const ks = new Float64Array(n);
  for (let i = 0; i < n; i++) ks[i] = from + ((to - from) * i) / (n - 1);
  return ks;
}

/** Bisects for the root of f between a (f(a) ≥ 0 side) and b. */
function crossing(f: (k: number) => number, a: number, b: number): number {
  const sa = f(a) < 0;
  let lo = a;
  let hi = b;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0 === sa) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** The k-intervals of the grid where f < 0, with ends refined by bisection. */
function negativeRegions(f: (k: number) => number, ks: Float64Array): ArbitrageRegion[] {
  const out: ArbitrageRegion[] = [];
  let open: ArbitrageRegion | null = null;
  let prev = NaN;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    const v = f(k);
    const bad = v < 0 || Number.isNaN(v);
    if (bad && !open) {
      open = { from: i === 0 ? k : crossing(f, prev, k), to: k, worst: v, at: k };
    } else if (bad && open) {
      if (v < open.worst || Number.isNaN(v)) {
        open.worst = v;
        open.at = k;
      }
    } else if (!bad && open) {
      open.to = crossing(f, prev, k);
      out.push(open);
      open = null;
    }
    prev = k;
  }
  if (open) {
    open.to = ks[ks.length - 1];
    out.push(open);
  }
  return out;
}

export interface ButterflyCheck {
  /** True when g(k) ≥ 0 (and w > 0) at every grid point and both wing slopes are within Lee's bound of 2. */
  arbitrageFree: boolean;
  /** The k-intervals where g(k) < 0 or w(k) ≤ 0. */
  regions: ArbitrageRegion[];
  /** The smallest g on the grid, and where. */
  minG: number;
  minGAt: number;
  range: [number, number];
  /** Asymptotic slopes of w: b(1 − ρ) as k → −∞ and b(1 + ρ) as k → ∞; Lee's bound is 2. */
  wingSlopes: { left: number; right: number };
}

/** Butterfly-arbitrage check of one slice by g(k) ≥ 0 on a grid. */
export function butterflyCheck(p: SviParams, opts: GridOptions = {}): ButterflyCheck {
  const ks = grid(opts);
  // where w ≤ 0 there is no implied volatility at all: count it as a failure of the density
  const f = (k: number) => (sviTotalVariance(p, k) > 0 ? sviDensityFactor(p, k) : -Infinity);
  let minG = Infinity;
  let minGAt = NaN;
  for (const k of ks) {
    const g = f(k);
    if (g < minG) {
      minG = g;
      minGAt = k;
    }
  }
  const regions = negativeRegions(f, ks);
  const wingSlopes = { left: p.b * (1 - p.rho), right: p.b * (1 + p.rho) };
  const wingsOk = wingSlopes.left <= 2 && wingSlopes.right <= 2;
  return { arbitrageFree: regions.length === 0 && wingsOk, regions, minG, minGAt, range: [ks[0], ks[ks.length - 1]], wingSlopes };
}

export interface SviSlice {
  /** Years to expiry. */
  expiry: number;
  params: SviParams;
}

export interface CalendarViolation {
  /** Expiries of the earlier and the later slice. */
  earlier: number;
  later: number;
  /** Where w(k, later) < w(k, earlier); `worst` is the most negative difference. */
  regions: ArbitrageRegion[];
}

export interface CalendarCheck {
  arbitrageFree: boolean;
  violations: CalendarViolation[];
  range: [number, number];
}

/** Calendar-spread check: total variance non-decreasing in maturity at each k, slice pair by slice pair. */
export function calendarCheck(slices: SviSlice[], opts: GridOptions = {}): CalendarCheck {
  const ks = grid(opts);
  const sorted = [...slices].sort((x, y) => x.expiry - y.expiry);
  const violations: CalendarViolation[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const early = sorted[i - 1];
    const late = sorted[i];
    const f = (k: number) => sviTotalVariance(late.params, k) - sviTotalVariance(early.params, k);
    const regions = negativeRegions(f, ks);
    if (regions.length > 0) violations.push({ earlier: early.expiry, later: late.expiry, regions });
  }
  return { arbitrageFree: violations.length === 0, violations, range: [ks[0], ks[ks.length - 1]] };
}
