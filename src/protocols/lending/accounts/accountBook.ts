/**
 * A lending market's cross-margined accounts in compressed rows (CSR): account a's entries are
 * `start[a]` to `start[a + 1]`, one per reserve it holds, each with the reserve, the collateral
 * tokens supplied, the debt scaled by the reserve's borrow index (Aave's scaled balances, as
 * positions.ts keeps them: interest accrues in O(1) per reserve) and whether the supply counts as
 * collateral (Aave's per-user flag; a supply that does not is neither in the health factor nor
 * seizable). An account's entries are contiguous, so its health factor is one short sweep.
 *
 * Accounts keep their place (their id: their order among the accounts drawn or read); entries
 * never move, since balances only change within an entry.
 */
import type { AccountRows } from './accountRows.js';

export class AccountBook {
  readonly count: number;
  readonly start: Int32Array;
  readonly reserve: Uint8Array;
  /** Collateral in tokens. */
  readonly collateral: Float64Array;
  /** Debt in tokens divided by the reserve's borrow index. */
  readonly scaledDebt: Float64Array;
  readonly usedAsCollateral: Uint8Array;
  /** 1 once bad debt has been booked for the account: it is closed for good. */
  readonly closed: Uint8Array;
  /** Names as outputs give them (a snapshot's addresses), or null: outputs give the id. */
  readonly names: string[] | null;

  /** The rows, with the debt tokens stored scaled at a borrow index of 1 (the market's start). */
  constructor(rows: AccountRows) {
    this.count = rows.accounts;
    const n = rows.rows;
    this.start = rows.start.slice(0, this.count + 1);
    this.reserve = rows.reserve.slice(0, n);
    this.collateral = rows.collateral.slice(0, n);
    this.scaledDebt = rows.debt.slice(0, n);
    this.usedAsCollateral = rows.usedAsCollateral.slice(0, n);
    this.closed = new Uint8Array(this.count);
    this.names = rows.names;
  }

  get entries(): number {
    return this.start[this.count];
  }

  /** What outputs call account a. */
  name(a: number): string | number {
    return this.names ? this.names[a] : a;
  }

  /** The entry of account a in reserve r, or −1. */
  entryOf(a: number, r: number): number {
    for (let k = this.start[a], end = this.start[a + 1]; k < end; k++) if (this.reserve[k] === r) return k;
    return -1;
  }
}
