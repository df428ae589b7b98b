/**
 * Which cross-margined accounts are liquidatable, exactly, without computing every account's
 * health factor every step.
 *
 * A single-asset position's health moves with one price ratio, so it can be filed by the price at
 * which it breaks (liquidationIndex.ts). An account's health factor mixes several prices, so no
 * one key orders the accounts. What does hold: with HF0 the account's health factor at reference
 * weights (per reserve, w_c = P_c · LT_c for collateral and w_d = P_d · borrow index_d for debt),
 * each collateral term has since been scaled by w_c / w0_c and each debt term by w_d / w0_d, so
 *
 *     HF0 · ρ  ≤  HF  ≤  HF0 · R,     ρ = min_c(w_c / w0_c) / max_d(w_d / w0_d),
 *                                     R = max_c(w_c / w0_c) / min_d(w_d / w0_d)
 *
 * (the minimum and maximum over the reserves that hold some account's collateral, or debt). An
 * account with HF0 < 1 / R is liquidatable, one with HF0 ≥ 1 / ρ is not, and only those between,
 * the band, need their health factor computed. Accounts are filed by HF0 in log buckets (0.1 %
 * wide, as the single-asset index's), so when the band moves each step only the buckets between
 * its old and new edges and the band itself are visited: an account outside both stays in the
 * class it was in. The edges are widened by 1e-9 so that rounding in HF0 cannot misfile an account.
 *
 * The band widens as prices drift from the reference. Re-referencing (HF0 := HF at the current
 * weights for every account, one pass over the book) narrows it to a point; it is done when the
 * exact checks made since the last one reach the number of accounts (the rent-or-buy rule: the
 * checks spent on a wide band never exceed what one re-reference costs, so the index does at most
 * about twice the work of the better of the two), when the weights leave the range where the
 * ratios are defined (a zero weight), and when a liquidation threshold changes (HF0 contains it).
 * An account whose balances change is re-filed: its HF0 at the reference weights, and its class
 * from its health factor now.
 */
import { bucketOf } from '../liquidationIndex.js';
import type { AccountBook } from './accountBook.js';
import { accountHealth } from './accountHealth.js';
import { AccountZone } from './accountZone.js';

const NEXT = 0;
const PREV = 1;
const BUCKET = 2;
const BUCKETS = 60001;
/** Relative widening of the band's edges: far above the rounding of a health factor's sums. */
const EDGE = 1e-9;

export class AccountIndex {
  /** Each account's health factor at the reference weights. */
  readonly hf0: Float64Array;
  /** Per account [next, prev, bucket] of its bucket list. */
  private readonly links: Int32Array;
  private readonly heads = new Int32Array(BUCKETS).fill(-1);
  private readonly refCollateral: Float64Array;
  private readonly refDebt: Float64Array;
  /** Per reserve: 1 when some account holds collateral used as collateral there (or debt). */
  private readonly holdsCollateral: Uint8Array;
  private readonly owesDebt: Uint8Array;
  private referenced = false;
  /** The band [lo, hi) of HF0 where accounts are checked one by one. */
  private lo = 1;
  private hi = 1;
  /** Exact checks since the last re-reference. */
  private checked = 0;
  /** Over the run: re-references and exact checks (for the benchmark and tests). */
  references = 0;
  exactChecks = 0;
  readonly zone: AccountZone;

  constructor(
    private readonly book: AccountBook,
    reserves: number,
  ) {
    this.hf0 = new Float64Array(book.count);
    this.links = new Int32Array(3 * book.count).fill(-1);
    this.refCollateral = new Float64Array(reserves);
    this.refDebt = new Float64Array(reserves);
    this.holdsCollateral = new Uint8Array(reserves);
    this.owesDebt = new Uint8Array(reserves);
    for (let k = 0; k < book.entries; k++) {
      if (book.usedAsCollateral[k] === 1 && book.collateral[k] > 0) this.holdsCollateral[book.reserve[k]] = 1;
      if (book.scaledDebt[k] > 0) this.owesDebt[book.reserve[k]] = 1;
    }
    this.zone = new AccountZone(book, reserves);
  }

  /** The band's edges now (for tests): accounts with HF0 in [lo, hi) are checked one by one. */
  get band(): [number, number] {
    return [this.lo, this.hi];
  }

  private link(a: number): void {
    const b = bucketOf(this.hf0[a]);
    const l = this.links;
    l[3 * a + BUCKET] = b;
    l[3 * a + PREV] = -1;
    l[3 * a + NEXT] = this.heads[b];
    if (this.heads[b] >= 0) l[3 * this.heads[b] + PREV] = a;
    this.heads[b] = a;
  }

  private unlink(a: number): void {
    const l = this.links;
    const p = l[3 * a + PREV];
    const nx = l[3 * a + NEXT];
    if (p >= 0) l[3 * p + NEXT] = nx;
    else this.heads[l[3 * a + BUCKET]] = nx;
    if (nx >= 0) l[3 * nx + PREV] = p;
  }

  /**
   * The step's weights (per reserve: collateral P · LT, debt P · borrow index): the liquidatable
   * set follows. `thresholdsChanged` forces a re-reference (HF0 holds the old thresholds).
   */
  setWeights(collateralWeight: Float64Array, debtWeight: Float64Array, step: number, thresholdsChanged = false): void {
    if (!this.referenced || thresholdsChanged) {
      this.rereference(collateralWeight, debtWeight, step);
      return;
    }
    let cMin = Infinity;
    let cMax = 0;
    let dMin = Infinity;
    let dMax = 0;
    for (let r = 0; r < collateralWeight.length; r++) {
      if (this.holdsCollateral[r] === 1) {
        const x = collateralWeight[r] / this.refCollateral[r];
        if (x < cMin) cMin = x;
        if (x > cMax) cMax = x;
      }
      if (this.owesDebt[r] === 1) {
        const x = debtWeight[r] / this.refDebt[r];
        if (x < dMin) dMin = x;
        if (x > dMax) dMax = x;
      }
    }
    if (cMax === 0) cMin = cMax = 1; // no collateral anywhere: every debtor's HF is 0 whatever the prices
    if (dMax === 0) dMin = dMax = 1;
    const lo = (1 - EDGE) / (cMax / dMin);
    const hi = (1 + EDGE) / (cMin / dMax);
    // a ratio that is not a positive finite number (a zero or infinite weight) bounds nothing
    if (!(lo > 0 && hi < Infinity && hi >= lo) || this.checked >= this.book.count) {
      this.rereference(collateralWeight, debtWeight, step);
      return;
    }
    const from = bucketOf(Math.min(lo, this.lo));
    const to = bucketOf(Math.max(hi, this.hi));
    this.lo = lo;
    this.hi = hi;
    const zone = this.zone;
    for (let b = from; b <= to; b++) {
      for (let a = this.heads[b]; a >= 0; a = this.links[3 * a + NEXT]) {
        const h = this.hf0[a];
        let inside: boolean;
        if (h < lo) inside = true;
        else if (h >= hi) inside = false;
        else {
          this.checked++;
          inside = accountHealth(this.book, a, collateralWeight, debtWeight) < 1;
        }
        if (inside !== (zone.member[a] === 1)) zone.set(a, inside, step);
      }
    }
  }

  /** Every account's HF0 from the current weights: the band shrinks to HF = 1. */
  private rereference(collateralWeight: Float64Array, debtWeight: Float64Array, step: number): void {
    this.exactChecks += this.checked + this.book.count;
    this.references++;
    this.referenced = true;
    this.checked = 0;
    this.refCollateral.set(collateralWeight);
    this.refDebt.set(debtWeight);
    this.lo = 1 - EDGE;
    this.hi = 1 + EDGE;
    this.heads.fill(-1);
    const zone = this.zone;
    // linked from the last account, so each bucket lists its accounts in ascending id order
    for (let a = this.book.count - 1; a >= 0; a--) {
      const h = accountHealth(this.book, a, collateralWeight, debtWeight);
      this.hf0[a] = h;
      this.link(a);
      if (h < 1 !== (zone.member[a] === 1)) zone.set(a, h < 1, step);
    }
  }

  /** Account a's balances changed: it is re-filed by its HF0, and classed by its health factor now. */
  refile(a: number, collateralWeight: Float64Array, debtWeight: Float64Array, step: number): void {
    if (!this.referenced) return; // before the first prices nothing is filed
    const b = this.book;
    for (let k = b.start[a], end = b.start[a + 1]; k < end; k++) {
      if (b.usedAsCollateral[k] === 1 && b.collateral[k] > 0) this.holdsCollateral[b.reserve[k]] = 1;
      if (b.scaledDebt[k] > 0) this.owesDebt[b.reserve[k]] = 1;
    }
    this.unlink(a);
    this.hf0[a] = accountHealth(b, a, this.refCollateral, this.refDebt);
    this.link(a);
    this.zone.set(a, accountHealth(b, a, collateralWeight, debtWeight) < 1, step);
  }

  /** Exact checks over the run so far, re-references' passes included. */
  get work(): number {
    return this.exactChecks + this.checked;
  }
}
