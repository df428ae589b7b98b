/**
 * The liquidatable accounts (health factor < 1): a dense list (O(1) entry and swap-removal, in
 * the order they entered), the step each member entered, and per reserve the sum of the members'
 * scaled debt, so that the debt of liquidatable accounts is a sum over reserves, not over members.
 * Each entry's scaled debt is remembered as it was counted (`counted`), so that a member whose
 * balances changed leaves the sums with exactly what it put in.
 */
import type { AccountBook } from './accountBook.js';

export class AccountZone {
  readonly member: Uint8Array;
  readonly list: Int32Array;
  private readonly place: Int32Array;
  count = 0;
  /** Step at which each member last entered. */
  readonly since: Int32Array;
  /** Σ scaled debt of the members, per reserve. */
  readonly scaledDebt: Float64Array;
  private readonly counted: Float64Array;

  constructor(
    private readonly book: AccountBook,
    reserves: number,
  ) {
    this.member = new Uint8Array(book.count);
    this.list = new Int32Array(book.count);
    this.place = new Int32Array(book.count);
    this.since = new Int32Array(book.count).fill(-1);
    this.scaledDebt = new Float64Array(reserves);
    this.counted = new Float64Array(book.entries);
  }

  /** Account a is liquidatable (`inside`) or not, as of `step`; a member that stays keeps its entry step. */
  set(a: number, inside: boolean, step: number): void {
    if (inside === (this.member[a] === 1)) {
      if (inside) this.recount(a);
      return;
    }
    if (inside) {
      this.member[a] = 1;
      const k = this.count++;
      this.place[a] = k;
      this.list[k] = a;
      this.since[a] = step;
      this.count_(a, 1);
    } else {
      this.member[a] = 0;
      const k = this.place[a];
      const last = this.list[--this.count];
      this.list[k] = last;
      this.place[last] = k;
      this.count_(a, -1);
    }
  }

  /** A member's balances may have changed: its sums follow. */
  private recount(a: number): void {
    this.count_(a, -1);
    this.count_(a, 1);
  }

  private count_(a: number, sign: 1 | -1): void {
    const b = this.book;
    for (let k = b.start[a], end = b.start[a + 1]; k < end; k++) {
      if (sign > 0) this.counted[k] = b.scaledDebt[k];
      this.scaledDebt[b.reserve[k]] += sign * this.counted[k];
    }
  }
}
