/**
 * Cross-margined accounts as they are read or drawn, before the market stores them: rows of
 * (account, reserve, collateral tokens, debt tokens, used as collateral), appended account by
 * account into growable typed arrays. A million generated accounts of three assets each are three
 * million rows: as objects they would cost hundreds of megabytes and seconds of garbage
 * collection, as columns they cost what the book itself costs.
 *
 * Rows of one account are contiguous (the book's CSR layout keeps them so); a reserve named twice
 * for one account adds up (a snapshot may list a supply and a borrow of one asset on two lines).
 */
export class AccountRows {
  /** Accounts so far; `start[a]` is account a's first row, and `start[accounts]` the rows' end. */
  accounts = 0;
  rows = 0;
  start = new Int32Array(16);
  reserve = new Uint8Array(16);
  collateral = new Float64Array(16);
  debt = new Float64Array(16);
  usedAsCollateral = new Uint8Array(16);
  /** Names of the accounts (a snapshot's addresses), or null when they are numbered only. */
  names: string[] | null = null;

  /** Opens a new account; the rows added next are its own. */
  open(name?: string): void {
    if (name !== undefined) {
      if (this.names === null) this.names = Array.from({ length: this.accounts }, (_, a) => String(a));
      this.names.push(name);
    } else if (this.names !== null) this.names.push(String(this.accounts));
    if (this.accounts + 2 > this.start.length) this.start = grow(this.start, new Int32Array(2 * this.start.length));
    this.start[this.accounts++] = this.rows;
    this.start[this.accounts] = this.rows;
  }

  /** Adds a balance of the open account in reserve r (merged with a row of the same reserve). */
  add(r: number, collateral: number, debt: number, usedAsCollateral: boolean): void {
    for (let k = this.start[this.accounts - 1]; k < this.rows; k++) {
      if (this.reserve[k] !== r) continue;
      this.collateral[k] += collateral;
      this.debt[k] += debt;
      if (!usedAsCollateral) this.usedAsCollateral[k] = 0;
      return;
    }
    if (this.rows === this.reserve.length) {
      const n = 2 * this.rows;
      this.reserve = grow(this.reserve, new Uint8Array(n));
      this.collateral = grow(this.collateral, new Float64Array(n));
      this.debt = grow(this.debt, new Float64Array(n));
      this.usedAsCollateral = grow(this.usedAsCollateral, new Uint8Array(n));
    }
    const k = this.rows++;
    this.reserve[k] = r;
    this.collateral[k] = collateral;
    this.debt[k] = debt;
    this.usedAsCollateral[k] = usedAsCollateral ? 1 : 0;
    this.start[this.accounts] = this.rows;
  }

  /** Drops the open account (one whose draws gave nothing to hold). */
  discard(): void {
    this.accounts--;
    this.rows = this.start[this.accounts];
    this.names?.pop();
  }
}

function grow<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
