/**
 * What liquidators read of every liquidatable position before they look closer, kept by the
 * liquidatable zone beside each entry of its list (liquidationIndex.ts): the member's key, scaled
 * debt, entry step and pair, and its backing, scaled debt / key = collateral · LT, the collateral
 * (in tokens, weighted by the threshold) that pays for whatever a liquidation can repay. In list
 * order these are one sequential sweep however scattered the members are in the book, and every
 * liquidator of the market reads the same copy.
 *
 * Entries are also grouped in blocks of BLOCK consecutive list entries, each with upper bounds on
 * its members' backing, scaled debt and key. A liquidator for whom even that much cannot pay for
 * gas passes a whole block over (agents/liquidator.ts): the list fills with positions too small to
 * be worth the gas (in a deep crash, positions under water whose collateral is too small), and
 * they stay there step after step. The bounds are raised at once whenever an entry is written, so
 * they are always upper bounds; they can be left too high when members leave, which only lets
 * fewer blocks be passed over, and `tighten` (once a step, from the market's mark) recomputes the
 * blocks written to since.
 */

/** Entries per block. */
export const BLOCK = 64;
const SHIFT = 6;

export class Candidates {
  key: Float64Array;
  scaledDebt: Float64Array;
  since: Int32Array;
  pair: Uint16Array;
  /** Scaled debt / key: collateral · liquidation threshold, in collateral tokens. */
  backing: Float64Array;
  /** Per block of BLOCK entries: at least the largest backing, scaled debt and key among its members. */
  blockBacking: Float64Array;
  blockScaledDebt: Float64Array;
  blockKey: Float64Array;
  /** Blocks written to since the last `tighten`, flagged and listed. */
  private dirty: Uint8Array;
  private dirtyList: Int32Array;
  private dirtyCount = 0;
  /** Members per pair. */
  readonly perPair: Int32Array;

  constructor(
    capacity: number,
    pairs: number,
    /** The most entries there can be (the positions). */
    private readonly limit: number,
  ) {
    this.key = new Float64Array(capacity);
    this.scaledDebt = new Float64Array(capacity);
    this.since = new Int32Array(capacity);
    this.pair = new Uint16Array(capacity);
    this.backing = new Float64Array(capacity);
    this.blockBacking = new Float64Array(Math.ceil(capacity / BLOCK));
    this.blockScaledDebt = new Float64Array(this.blockBacking.length);
    this.blockKey = new Float64Array(this.blockBacking.length);
    this.dirty = new Uint8Array(this.blockBacking.length);
    this.dirtyList = new Int32Array(this.blockBacking.length);
    this.perPair = new Int32Array(pairs);
  }

  private grow(): void {
    const capacity = Math.min(this.limit, 2 * this.key.length);
    const copy = <T extends Float64Array | Int32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T, n = capacity): T => {
      const g = make(n);
      g.set(a);
      return g;
    };
    this.key = copy(this.key, (n) => new Float64Array(n));
    this.scaledDebt = copy(this.scaledDebt, (n) => new Float64Array(n));
    this.since = copy(this.since, (n) => new Int32Array(n));
    this.pair = copy(this.pair, (n) => new Uint16Array(n));
    this.backing = copy(this.backing, (n) => new Float64Array(n));
    const blocks = Math.ceil(capacity / BLOCK);
    this.blockBacking = copy(this.blockBacking, (n) => new Float64Array(n), blocks);
    this.blockScaledDebt = copy(this.blockScaledDebt, (n) => new Float64Array(n), blocks);
    this.blockKey = copy(this.blockKey, (n) => new Float64Array(n), blocks);
    this.dirty = copy(this.dirty, (n) => new Uint8Array(n), blocks);
    this.dirtyList = copy(this.dirtyList, (n) => new Int32Array(n), blocks);
  }

  private soil(k: number): void {
    const b = k >> SHIFT;
    if (this.dirty[b]) return;
    this.dirty[b] = 1;
    this.dirtyList[this.dirtyCount++] = b;
  }

  /** Raises entry k's block bounds to cover what it holds now. */
  private raise(k: number): void {
    const b = k >> SHIFT;
    if (this.backing[k] > this.blockBacking[b]) this.blockBacking[b] = this.backing[k];
    if (this.scaledDebt[k] > this.blockScaledDebt[b]) this.blockScaledDebt[b] = this.scaledDebt[k];
    if (this.key[k] > this.blockKey[b]) this.blockKey[b] = this.key[k];
  }

  /** A new member at entry k (the end of the list). */
  append(k: number, key: number, scaled: number, step: number, pair: number): void {
    if (k >= this.key.length) this.grow();
    this.key[k] = key;
    this.scaledDebt[k] = scaled;
    this.since[k] = step;
    this.pair[k] = pair;
    this.backing[k] = scaled / key;
    this.raise(k);
    this.perPair[pair]++;
  }

  /** The member at entry k left, and the last entry (`last`) moved into its place. */
  remove(k: number, last: number): void {
    this.perPair[this.pair[k]]--;
    this.key[k] = this.key[last];
    this.scaledDebt[k] = this.scaledDebt[last];
    this.since[k] = this.since[last];
    this.pair[k] = this.pair[last];
    this.backing[k] = this.backing[last];
    // the departed backing may have been its block's largest; the moved one is not new to the bound
    this.soil(k);
    this.soil(last);
    this.raise(k);
  }

  /** The member at entry k has a new key and scaled debt. */
  rewrite(k: number, key: number, scaled: number): void {
    this.key[k] = key;
    this.scaledDebt[k] = scaled;
    this.backing[k] = scaled / key;
    this.soil(k);
    this.raise(k);
  }

  /** Recomputes the bound of every block written to since the last call, over the first `count` entries. */
  tighten(count: number): void {
    for (let d = 0; d < this.dirtyCount; d++) {
      const b = this.dirtyList[d];
      this.dirty[b] = 0;
      let backing = 0;
      let scaled = 0;
      let key = 0;
      for (let k = b * BLOCK, end = Math.min(count, k + BLOCK); k < end; k++) {
        if (this.backing[k] > backing) backing = this.backing[k];
        if (this.scaledDebt[k] > scaled) scaled = this.scaledDebt[k];
        if (this.key[k] > key) key = this.key[k];
      }
      this.blockBacking[b] = backing;
      this.blockScaledDebt[b] = scaled;
      this.blockKey[b] = key;
    }
    this.dirtyCount = 0;
  }
}
