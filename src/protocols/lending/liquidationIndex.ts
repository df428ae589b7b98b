/**
 * An index of positions by liquidation price, so that a step costs work in proportion to the
 * positions whose state changes, not to all positions.
 *
 * For a position with one collateral and one debt reserve, HF < 1 ⟺ coll·P_c·LT < scaled·P_d·idx ⟺
 * L > x, where the position's key L = scaled / (coll·LT) changes only when the position does
 * (liquidation, top-up, repayment, borrowing, withdrawal, a new threshold), and the pair's market
 * level x = P_c / (P_d·idx) moves with prices and interest. A zone "HF < level" is likewise
 * L > x / level. Keys live in log-spaced buckets (width 0.1 % in L) per (collateral, debt) pair, as
 * doubly linked lists, so moving a position is O(1); when x moves, only the buckets between its
 * old and new value are visited, and each position in them has crossed the boundary (but for the
 * two boundary buckets). Each zone keeps its members in a dense list (O(1) add and swap-remove),
 * the step each member entered and the sum of members' scaled debt per pair; the watch zone also
 * keeps an append-only log of entries that event-driven agents (borrower cohorts) read with their
 * own cursor.
 *
 * The watch zone holds only the positions some borrower cohort looks after (a non-zero tag),
 * when the market gives their tags: nothing else reads it, and in a deep crash the others would
 * be most of its entries, exits and log.
 */

import { Candidates } from './candidates.js';

const BUCKET_WIDTH = Math.log(1.001);
const NEXT = 0;
const PREV = 1;
const BUCKET = 2;
const BUCKETS = 60001; // ln L from −30 to +30: far beyond any real position; the ends clamp
const OFFSET = 30000;
/** Buckets a pair's window of heads reaches beyond the keys it holds when it grows (a factor e^0.5 in key). */
const WINDOW_ROOM = 512;

export function bucketOf(key: number): number {
  if (!(key > 0)) return 0;
  if (key === Infinity) return BUCKETS - 1;
  const b = Math.floor(Math.log(key) / BUCKET_WIDTH) + OFFSET;
  return b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b;
}

/**
 * One zone: the positions whose key exceeds the pair's boundary (of those it admits, when it is
 * given which). The liquidatable zone also keeps,
 * beside each entry of its list, what liquidators read of every candidate (candidates.ts).
 */
export class Zone {
  readonly member: Uint8Array;
  readonly list: Int32Array;
  /** Where each member is in `list`. */
  private readonly place: Int32Array;
  count = 0;
  /** Step at which each member last entered. */
  readonly since: Int32Array;
  /** Σ scaled debt of members, per pair. */
  readonly scaledDebt: Float64Array;
  /** Boundary per pair (admitted positions with key > boundary are members). */
  readonly boundary: Float64Array;
  /**
   * Append-only log of entries (position, step entered), when the zone keeps one: the watch zone's
   * is what borrower cohorts read; the liquidatable zone's had no reader, and through the 60 %
   * crash at 3M positions it grew to 2.9M entries in 32 MB.
   */
  log: Int32Array;
  logLength = 0;
  /** Per entry of `list`, when the zone keeps them. */
  readonly entries: Candidates | null;

  constructor(
    positions: number,
    pairs: number,
    withEntries: boolean,
    private readonly keepsLog: boolean,
    /** Positions the zone may hold: those with a non-zero value here (null: all). */
    readonly admits: Uint8Array | null = null,
  ) {
    this.member = new Uint8Array(positions);
    this.list = new Int32Array(positions);
    this.place = new Int32Array(positions);
    this.since = new Int32Array(positions).fill(-1);
    this.scaledDebt = new Float64Array(pairs);
    this.boundary = new Float64Array(pairs).fill(Infinity);
    this.entries = withEntries ? new Candidates(Math.min(positions, 1024), pairs, positions) : null;
    this.log = new Int32Array(keepsLog ? 1024 : 0);
  }

  /** Whether position i may be a member (the watch zone: a cohort looks after it). */
  admitted(i: number): boolean {
    return this.admits === null || this.admits[i] !== 0;
  }

  enter(i: number, pair: number, scaled: number, step: number, key: number): void {
    this.member[i] = 1;
    const k = this.count++;
    this.place[i] = k;
    this.list[k] = i;
    this.since[i] = step;
    this.scaledDebt[pair] += scaled;
    this.entries?.append(k, key, scaled, step, pair);
    if (!this.keepsLog) return;
    if (this.logLength + 2 > this.log.length) {
      const grown = new Int32Array(this.log.length * 2);
      grown.set(this.log);
      this.log = grown;
    }
    this.log[this.logLength++] = i;
    this.log[this.logLength++] = step;
  }

  leave(i: number, pair: number, scaled: number): void {
    this.member[i] = 0;
    const k = this.place[i];
    const lastAt = --this.count;
    const last = this.list[lastAt];
    this.list[k] = last;
    this.place[last] = k;
    this.scaledDebt[pair] -= scaled;
    this.entries?.remove(k, lastAt);
  }

  /** A member stays in with a new key and scaled debt (its entry step is kept). */
  refresh(i: number, pair: number, before: number, scaled: number, key: number): void {
    this.scaledDebt[pair] += scaled - before;
    this.entries?.rewrite(this.place[i], key, scaled);
  }
}

export class LiquidationIndex {
  readonly key: Float64Array;
  /**
   * Per position, its bucket list links side by side, [next, prev, bucket] at 3·i (NEXT, PREV,
   * BUCKET): re-filing a position reads and writes them together, in one cache line.
   */
  private readonly links: Int32Array;
  /**
   * The owner's scaled debt per position (the book's array, read and never written here): what a
   * position adds to its zones' sums. Every change to it is followed by `update`, which is told the
   * value it replaced; a copy of it here was one more random touch per re-filing, and at 3M
   * positions 24 MB.
   */
  private scaledDebt: Float64Array;
  readonly pairOf: Uint16Array;
  /**
   * Per pair, the first position of each bucket's list (−1: empty), over a window of buckets that
   * grows to take in every bucket a position is linked into: `heads[p][b − headBase[p]]`. A pair's
   * keys span a few thousand of the 60,001 buckets, and a window costs that, not a quarter of a
   * megabyte per pair written at every world built (a path builds two).
   */
  private readonly heads: Int32Array[];
  private readonly headBase: Int32Array;
  readonly pairs: { collateral: number; debt: number }[] = [];
  /** zones[0]: HF < 1 (liquidatable); zones[1]: HF < watch level, of the positions a cohort looks after. */
  readonly zones: [Zone, Zone];

  constructor(
    collateralReserve: Uint8Array,
    debtReserve: Uint8Array,
    /** The watch zone's health-factor level (≥ 1). */
    readonly watchLevel: number,
    /**
     * Per position, the borrower cohort looking after it (0: none), read at every entry into the
     * watch zone: tags given after the index is built count, as long as they are given before
     * any position enters (a member whose tag changed would stay); null: every position is watched.
     */
    cohort: Uint8Array | null = null,
  ) {
    const n = collateralReserve.length;
    this.key = new Float64Array(n);
    this.links = new Int32Array(3 * n).fill(-1);
    this.scaledDebt = new Float64Array(0); // the owner's, from `build`
    this.pairOf = new Uint16Array(n);
    const pairIndex = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const code = collateralReserve[i] * 256 + debtReserve[i];
      let p = pairIndex.get(code);
      if (p === undefined) {
        p = this.pairs.length;
        pairIndex.set(code, p);
        this.pairs.push({ collateral: collateralReserve[i], debt: debtReserve[i] });
      }
      this.pairOf[i] = p;
    }
    this.heads = this.pairs.map(() => new Int32Array(0));
    this.headBase = new Int32Array(this.pairs.length);
    this.zones = [new Zone(n, this.pairs.length, true, false), new Zone(n, this.pairs.length, false, true, cohort)];
  }

  private link(i: number): void {
    const b = bucketOf(this.key[i]);
    const pair = this.pairOf[i];
    let heads = this.heads[pair];
    let h = b - this.headBase[pair];
    if (h < 0 || h >= heads.length) {
      heads = this.widen(pair, b);
      h = b - this.headBase[pair];
    }
    const l = this.links;
    l[3 * i + BUCKET] = b;
    l[3 * i + PREV] = -1;
    l[3 * i + NEXT] = heads[h];
    if (heads[h] >= 0) l[3 * heads[h] + PREV] = i;
    heads[h] = i;
  }

  private unlink(i: number): void {
    const pair = this.pairOf[i];
    const heads = this.heads[pair];
    const l = this.links;
    const p = l[3 * i + PREV];
    const nx = l[3 * i + NEXT];
    if (p >= 0) l[3 * p + NEXT] = nx;
    else heads[l[3 * i + BUCKET] - this.headBase[pair]] = nx;
    if (nx >= 0) l[3 * nx + PREV] = p;
  }

  /** Grows pair p's window of bucket heads to take in bucket b (with room on both sides), keeping its lists. */
  private widen(p: number, b: number): Int32Array {
    const old = this.heads[p];
    const oldBase = this.headBase[p];
    const lo = old.length === 0 ? b : Math.min(b, oldBase);
    const hi = old.length === 0 ? b : Math.max(b, oldBase + old.length - 1);
    const room = Math.max(WINDOW_ROOM, old.length >> 1);
    const base = Math.max(0, lo - room);
    const end = Math.min(BUCKETS - 1, hi + room);
    const heads = new Int32Array(end - base + 1).fill(-1);
    if (old.length > 0) heads.set(old, oldBase - base);
    this.heads[p] = heads;
    this.headBase[p] = base;
    return heads;
  }

  /**
   * Places every position by its key, and takes `scaledDebt` as the owner's array of scaled debt,
   * which it reads from then on; zones start empty with infinite boundaries. Positions are
   * linked in the order given (`linkOrder[k]` is the k-th to link; by default 0, 1, 2, …): each
   * bucket lists the last linked first, and the order in which a boundary's move visits positions,
   * so the order in which they enter a zone, follows from it.
   */
  build(keys: Float64Array, scaledDebt: Float64Array, linkOrder?: Int32Array): void {
    this.key.set(keys);
    this.scaledDebt = scaledDebt;
    if (linkOrder) for (let k = 0; k < linkOrder.length; k++) this.link(linkOrder[k]);
    else for (let i = 0; i < keys.length; i++) this.link(i);
  }

  /**
   * Moves a pair's market level to x (boundaries x for HF < 1, x / watchLevel for the watch zone),
   * visiting only the buckets between each zone's old and new boundary.
   */
  setLevel(pair: number, x: number, step: number): void {
    if (Number.isNaN(x)) return; // both prices zero: no level to compare with; keep the last one
    this.moveBoundary(this.zones[0], pair, x, step);
    this.moveBoundary(this.zones[1], pair, x / this.watchLevel, step);
  }

  private moveBoundary(zone: Zone, pair: number, x1: number, step: number): void {
    const x0 = zone.boundary[pair];
    if (x1 === x0) return;
    zone.boundary[pair] = x1;
    const heads = this.heads[pair];
    const base = this.headBase[pair];
    // buckets outside the pair's window hold no position
    const lo = Math.max(bucketOf(Math.min(x0, x1)) - base, 0);
    const hi = Math.min(bucketOf(Math.max(x0, x1)) - base, heads.length - 1);
    for (let h = lo; h <= hi; h++) {
      for (let i = heads[h]; i >= 0; i = this.links[3 * i + NEXT]) {
        const inside = this.key[i] > x1;
        if (inside && !zone.member[i]) {
          if (zone.admitted(i)) zone.enter(i, pair, this.scaledDebt[i], step, this.key[i]);
        } else if (!inside && zone.member[i]) zone.leave(i, pair, this.scaledDebt[i]);
      }
    }
  }

  /**
   * Position i changed: its new key, and the scaled debt it had before (`before`; the owner's array
   * already holds the new one). Its bucket and zone memberships follow.
   */
  update(i: number, key: number, before: number, step: number): void {
    const pair = this.pairOf[i];
    const after = this.scaledDebt[i];
    this.unlink(i);
    this.key[i] = key;
    this.link(i);
    for (const z of this.zones) {
      const inside = key > z.boundary[pair];
      if (z.member[i] && inside)
        z.refresh(i, pair, before, after, key); // still in: keeps its `since`
      else if (z.member[i]) z.leave(i, pair, before);
      else if (inside && z.admitted(i)) z.enter(i, pair, after, step, key);
    }
  }
}

/** A position's key: scaled debt over (collateral · liquidation threshold); 0 without debt. */
export function liquidationKey(collateral: number, scaledDebt: number, liquidationThreshold: number): number {
  if (!(scaledDebt > 0)) return 0;
  return collateral > 0 ? scaledDebt / (collateral * liquidationThreshold) : Infinity;
}
