/**
 * An option venue's accounts as a struct of typed arrays. Each account holds settlement cash
 * (USD stablecoin; negative when it owes the venue), coin (the underlying, as collateral) and its
 * open positions as legs: (series, signed contracts), + long and − short. Legs live in one flat
 * pair of arrays, each account owning a slice of fixed capacity: an account drawn in the starting
 * book holds the one series it sold (liquidation only shrinks it), while the counterparty and
 * the agents' accounts may hold every listed series. A leg that reaches zero is removed, so a
 * scan over an account's legs sees open positions only.
 *
 * Per account the venue also keeps what it last computed: equity, initial and maintenance
 * margin, the worst portfolio scenario, and whether (and since when) it is under maintenance.
 */
export class OptionAccounts {
  readonly count: number;
  readonly cash: Float64Array;
  readonly coin: Float64Array;
  readonly legStart: Int32Array;
  readonly legCap: Int32Array;
  readonly legCount: Int32Array;
  readonly legSeries: Int32Array;
  readonly legSize: Float64Array;
  /** Last computed: cash + coin·S + Σ size·mark, USD. */
  readonly equity: Float64Array;
  readonly initial: Float64Array;
  readonly maintenance: Float64Array;
  /** Portfolio margin: index of the worst scenario (−1 with none losing, or under the standard rule). */
  readonly worst: Int32Array;
  /** 1 while equity < maintenance margin. */
  readonly underMaintenance: Uint8Array;
  /** Step at which it fell under maintenance (valid while it is). */
  readonly since: Int32Array;
  /** Underlying units bought (+) or sold (−) through the venue's hedge route by this account's owner. */
  readonly hedge: Float64Array;

  /** `capacities[a]`: most legs account a can hold at once. */
  constructor(capacities: readonly number[]) {
    const n = capacities.length;
    this.count = n;
    this.cash = new Float64Array(n);
    this.coin = new Float64Array(n);
    this.legStart = new Int32Array(n);
    this.legCap = Int32Array.from(capacities);
    this.legCount = new Int32Array(n);
    let total = 0;
    for (let a = 0; a < n; a++) {
      this.legStart[a] = total;
      total += capacities[a];
    }
    this.legSeries = new Int32Array(total);
    this.legSize = new Float64Array(total);
    this.equity = new Float64Array(n);
    this.initial = new Float64Array(n);
    this.maintenance = new Float64Array(n);
    this.worst = new Int32Array(n).fill(-1);
    this.underMaintenance = new Uint8Array(n);
    this.since = new Int32Array(n);
    this.hedge = new Float64Array(n);
  }

  /** Contracts account a holds of series s (0 if none). */
  position(a: number, s: number): number {
    const start = this.legStart[a];
    const end = start + this.legCount[a];
    for (let l = start; l < end; l++) if (this.legSeries[l] === s) return this.legSize[l];
    return 0;
  }

  /**
   * Adds `delta` contracts of series s to account a: a new leg, a changed one, or a leg removed
   * when it closes (|size| below 1e-12 of what it was). A new leg beyond the account's capacity
   * is a bug of the caller (the builder sized every account for what it may hold).
   */
  add(a: number, s: number, delta: number): void {
    const start = this.legStart[a];
    const end = start + this.legCount[a];
    for (let l = start; l < end; l++) {
      if (this.legSeries[l] !== s) continue;
      const before = this.legSize[l];
      const after = before + delta;
      if (Math.abs(after) <= 1e-12 * Math.max(Math.abs(before), Math.abs(delta))) this.removeLeg(a, l);
      else this.legSize[l] = after;
      return;
    }
    if (delta === 0) return;
    if (this.legCount[a] >= this.legCap[a]) throw new Error(`option account ${a} holds ${this.legCount[a]} series, its capacity`);
    this.legSeries[end] = s;
    this.legSize[end] = delta;
    this.legCount[a]++;
  }

  /** Removes leg l of account a (the last leg takes its place). */
  removeLeg(a: number, l: number): void {
    const last = this.legStart[a] + this.legCount[a] - 1;
    this.legSeries[l] = this.legSeries[last];
    this.legSize[l] = this.legSize[last];
    this.legCount[a]--;
  }
}
