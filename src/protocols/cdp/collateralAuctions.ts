/**
 * The system's side of its collateral auctions: what it booked for each auction it started, the
 * collateral it holds for them, and the keeper-facing calls (English tend and dent, Dutch take
 * and redo) with the end-of-step dealing of English auctions. The auction rules themselves are
 * in `flip.ts` (English, Maker's Flipper) and `clip.ts` (Dutch, Maker's Clipper); they decide,
 * and this module applies the transfers they name to the ledger and to the Vow's books.
 *
 * Reference: makerdao/dss Flipper and Clipper, with the Vow as their `gal`/`vow`: every
 * stablecoin an auction raises goes to the surplus, which then heals the system debt.
 */
import type { LedgerLike } from './context.js';
import type { Ilk } from './ilks.js';
import type { Vow } from './vow.js';
import type { CdpEvent, CdpTotals } from './cdpTotals.js';

/** What the system records about each auction it started. */
export interface AuctionRecord {
  ilk: number;
  /** The auction's id in its vault type's flipper or clipper. */
  id: number;
  /** Debt taken from the vault into sin (excludes the penalty). */
  debt: number;
  tab: number;
  lot: number;
  vault: number;
  kickedAt: number;
}

export type BidResult = { ok: true } | { ok: false; reason: string };

export class CollateralAuctions {
  /** Running auctions, keyed `ilk:id` (auction ids count per vault type). */
  readonly records = new Map<string, AuctionRecord>();
  /** Collateral held for running auctions, per ilk. */
  readonly inAuction: Float64Array;

  constructor(
    private readonly ilks: Ilk[],
    private readonly vow: Vow,
    /** World asset index of the stablecoin. */
    private readonly stablecoin: number,
    /** Ledger account of the system: it holds the collateral on auction. */
    private readonly account: number,
    /** The vault owners' wallets: collateral an auction does not need goes back there. */
    private readonly ownersAccount: number,
    private readonly totals: CdpTotals,
  ) {
    this.inAuction = new Float64Array(ilks.length);
  }

  private key(ilk: number, id: number): string {
    return `${ilk}:${id}`;
  }

  get(ilk: number, id: number): AuctionRecord | undefined {
    return this.records.get(this.key(ilk, id));
  }

  /**
   * Puts `lot` collateral of vault `v` (type `k`) up to raise `tab`, its `debt` having gone to
   * sin already. A Dutch kick pays the `keeper` account its incentive. Returns the auction id.
   */
  kick(k: number, v: number, lot: number, debt: number, tab: number, keeper: number, now: number, ledger: LedgerLike): number {
    const ilk = this.ilks[k];
    this.inAuction[k] += lot;
    let id: number;
    if (ilk.flipper) id = ilk.flipper.kick({ lot, tab, usr: String(v), now });
    else {
      const r = ilk.clipper!.kick({ tab, lot, usr: String(v), keeper: String(keeper), oraclePrice: ilk.price, now });
      id = r.id;
      this.vow.suck(keeper, r.coin, ledger);
    }
    this.records.set(this.key(k, id), { ilk: k, id, debt, tab, lot, vault: v, kickedAt: now });
    return id;
  }

  /** English phase-1 bid by ledger account `bidder`: `bid` stablecoin for the whole lot. */
  tend(ilk: number, id: number, bidder: number, lot: number, bid: number, now: number, ledger: LedgerLike): BidResult {
    const f = this.ilks[ilk].flipper;
    const a = f?.get(id);
    if (!f || !a) return { ok: false, reason: 'unknown-auction' };
    const same = a.guy === String(bidder);
    const needed = same ? bid - a.bid : bid;
    if (ledger.balance(bidder, this.stablecoin) < needed) return { ok: false, reason: 'insufficient-balance' };
    const r = f.tend(id, String(bidder), lot, bid, now);
    if (!r.ok) return r;
    if (r.refundTo !== null && !same) ledger.transfer(bidder, Number(r.refundTo), this.stablecoin, r.refund);
    ledger.transfer(bidder, this.account, this.stablecoin, r.toGal);
    this.vow.joy += r.toGal;
    this.vow.heal(ledger);
    return { ok: true };
  }

  /** English phase-2 bid: take only `lot` collateral for the full tab. */
  dent(ilk: number, id: number, bidder: number, lot: number, bid: number, now: number, ledger: LedgerLike): BidResult {
    const f = this.ilks[ilk].flipper;
    const a = f?.get(id);
    if (!f || !a) return { ok: false, reason: 'unknown-auction' };
    const same = a.guy === String(bidder);
    if (!same && ledger.balance(bidder, this.stablecoin) < bid) return { ok: false, reason: 'insufficient-balance' };
    const r = f.dent(id, String(bidder), lot, bid, now);
    if (!r.ok) return r;
    if (!same) ledger.transfer(bidder, Number(r.refundTo), this.stablecoin, r.refund);
    ledger.transfer(this.account, this.ownersAccount, this.ilks[ilk].asset, r.collateralToUsr);
    this.inAuction[ilk] -= r.collateralToUsr;
    return { ok: true };
  }

  /** Dutch purchase of up to `amount` collateral at the current price if it is ≤ maxPrice. */
  take(ilk: number, id: number, amount: number, maxPrice: number, taker: number, now: number, ledger: LedgerLike, reference: Float64Array): BidResult {
    const c = this.ilks[ilk].clipper;
    if (!c?.get(id)) return { ok: false, reason: 'unknown-auction' };
    const price = c.price(id, now);
    // the taker pays what it holds, no more (dss reverts on an overdraft; a keeper sizes its take)
    const affordable = price > 0 ? Math.min(amount, ledger.balance(taker, this.stablecoin) / price) : amount;
    if (!(affordable > 0)) return { ok: false, reason: 'insufficient-balance' };
    const r = c.take(id, affordable, maxPrice, String(taker), now);
    if (!r.ok) return r;
    const asset = this.ilks[ilk].asset;
    ledger.transfer(taker, this.account, this.stablecoin, r.owe);
    this.vow.joy += r.owe;
    this.totals.raised += r.owe;
    ledger.transfer(this.account, taker, asset, r.slice);
    this.inAuction[ilk] -= r.slice;
    if (r.finished) {
      if (r.returnedToUsr > 0) ledger.transfer(this.account, this.ownersAccount, asset, r.returnedToUsr);
      this.inAuction[ilk] -= r.returnedToUsr;
      this.finish(ilk, id, r.owe === 0 && r.slice > 0, r.slice * reference[asset]);
    }
    this.vow.heal(ledger);
    return { ok: true };
  }

  /** Restarts a stale Dutch auction at the current oracle price; the keeper may earn an incentive. */
  redo(ilk: number, id: number, keeper: number, now: number, ledger: LedgerLike): BidResult {
    const c = this.ilks[ilk].clipper;
    if (!c?.get(id)) return { ok: false, reason: 'unknown-auction' };
    const r = c.redo(id, String(keeper), this.ilks[ilk].price, now);
    if (!r.ok) return r;
    this.vow.suck(keeper, r.coin, ledger);
    return { ok: true };
  }

  /**
   * English auctions at the end of a step at `now`: those whose bid expired or that ran out of
   * time are dealt to their high bidder, those nobody bid on are restarted. Dealt auctions are
   * added to `events`. (Dutch auctions end inside `take`.)
   */
  deal(now: number, ledger: LedgerLike, reference: Float64Array, events: CdpEvent[]): void {
    this.ilks.forEach((ilk, k) => {
      if (!ilk.flipper) return;
      for (const a of ilk.flipper.active()) {
        if (ilk.flipper.needsTick(a.id, now)) {
          ilk.flipper.tick(a.id, now);
          continue;
        }
        if (!ilk.flipper.canDeal(a.id, now)) continue;
        const d = ilk.flipper.deal(a.id, now);
        if (!d.ok) continue;
        ledger.transfer(this.account, Number(d.winner), ilk.asset, d.lot);
        this.inAuction[k] -= d.lot;
        this.totals.raised += d.raised;
        const valueUsd = d.lot * reference[ilk.asset];
        this.finish(k, a.id, d.zeroBid, valueUsd);
        events.push({ type: 'auction-dealt', ilk: ilk.id, auction: a.id, winner: d.winner, lot: d.lot, raised: d.raised, tab: d.tab, shortfall: d.shortfall, zeroBid: d.zeroBid, valueUsd });
      }
    });
  }

  /** An auction is over: its debt leaves "on auction"; proceeds are already in the surplus. */
  private finish(ilk: number, id: number, zeroBid: boolean, zeroBidValueUsd: number): void {
    const key = this.key(ilk, id);
    const rec = this.records.get(key)!;
    this.records.delete(key);
    this.vow.flog(rec.debt, this.records.size === 0);
    this.totals.auctions++;
    if (zeroBid) {
      this.totals.zeroBidWins++;
      this.totals.collateralSoldAtZeroUsd += zeroBidValueUsd;
    }
  }

  /**
   * What a running auction can still repay, in USD with the stablecoin at `par`: its tab still
   * to raise, but no more than its lot is worth at the oracle price.
   */
  recoverableUsd(rec: AuctionRecord, par: number): number {
    const ilk = this.ilks[rec.ilk];
    if (ilk.flipper) {
      const a = ilk.flipper.get(rec.id)!;
      return Math.min((a.tab - a.bid) * par, a.lot * ilk.price);
    }
    const s = ilk.clipper!.get(rec.id)!;
    return Math.min(s.tab * par, s.lot * ilk.price);
  }
}
