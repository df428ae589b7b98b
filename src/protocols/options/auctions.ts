/**
 * The venue's sealed-bid auctions, where option vaults sell each round's options to market
 * makers (as Ribbon's vaults sold theirs through Gnosis batch auctions): a seller offers a number
 * of contracts of one series with a reserve price; bidders send (contracts, price); when the
 * auction ends, bids at or above the reserve are filled from the highest price down, everyone at
 * one clearing price, the lowest filled bid. A fill must leave the buyer and the seller at or
 * above their initial margin, the buyer paying from cash it has; one that would not is halved
 * until it does (or skipped). An
 * auction of a series that expires first is cancelled. Auctions are few (one per vault round),
 * so they are plain objects.
 */
import type { OptionVenue } from './optionVenue.js';
import type { StepContext } from './context.js';

export interface Bid {
  bidder: number;
  contracts: number;
  price: number;
  /** Arrival order: among equal prices the earlier bid is filled first. */
  seq: number;
}

export interface Auction {
  id: number;
  /** Venue account of the seller. */
  seller: number;
  series: number;
  contracts: number;
  minPrice: number;
  /** Seconds since the start when it clears. */
  end: number;
  open: boolean;
  bids: Bid[];
  /** Contracts sold and the clearing price, once cleared. */
  sold: number;
  price: number;
}

export class AuctionBook {
  readonly all: Auction[] = [];
  private seq = 0;

  open(seller: number, series: number, contracts: number, minPrice: number, end: number): number {
    const id = this.all.length;
    this.all.push({ id, seller, series, contracts, minPrice, end, open: true, bids: [], sold: 0, price: 0 });
    return id;
  }

  /** Records a bid (replacing the bidder's earlier one); false when the auction is closed, unknown or the bidder's own. */
  bid(id: number, bidder: number, contracts: number, price: number, now: number): boolean {
    const a = this.all[id];
    if (!a?.open || a.end < now || a.seller === bidder || !(contracts > 0) || !(price >= 0)) return false;
    a.bids = a.bids.filter((b) => b.bidder !== bidder);
    a.bids.push({ bidder, contracts, price, seq: this.seq++ });
    return true;
  }

  /** Open auctions, for bidders to find. */
  openAuctions(): Auction[] {
    return this.all.filter((a) => a.open);
  }

  cancelSeries(series: number): void {
    for (const a of this.all) if (a.open && a.series === series) a.open = false;
  }

  /** Clears the auctions that ended by `ctx.now`; returns whether any traded. */
  clearDue(v: OptionVenue, ctx: Pick<StepContext, 'now' | 'record'>): boolean {
    let traded = false;
    for (const a of this.all) {
      if (!a.open || a.end > ctx.now) continue;
      a.open = false;
      traded = clear(v, a, ctx) || traded;
    }
    return traded;
  }
}

/** Fills one auction at its clearing price; returns whether anything traded. */
function clear(v: OptionVenue, a: Auction, ctx: Pick<StepContext, 'record'>): boolean {
  const bids = a.bids.filter((b) => b.price >= a.minPrice).sort((x, y) => y.price - x.price || x.seq - y.seq);
  // the bids the offer reaches, and the lowest of their prices: everyone pays that
  let left = a.contracts;
  const reached: Bid[] = [];
  for (const b of bids) {
    if (left <= 0) break;
    reached.push(b);
    left -= b.contracts;
  }
  if (reached.length === 0) {
    ctx.record('option-auction-unsold', { protocol: v.id, auction: a.id, series: v.series.label(a.series), contracts: a.contracts });
    return false;
  }
  const price = reached[reached.length - 1].price;
  left = a.contracts;
  let sold = 0;
  for (const b of reached) {
    let q = Math.min(b.contracts, left);
    let fits = false;
    const buyerCash = v.accounts.cash[b.bidder];
    const sellerCash = v.accounts.cash[a.seller];
    for (let attempt = 0; attempt < 12 && q > 0 && !fits; attempt++) {
      v.trade(a.seller, b.bidder, a.series, q, price);
      fits = v.canCarry(b.bidder, buyerCash) && v.canCarry(a.seller, sellerCash);
      if (!fits) {
        v.trade(a.seller, b.bidder, a.series, -q, price);
        q /= 2;
      }
    }
    if (!fits) continue;
    sold += q;
    left -= q;
  }
  a.sold = sold;
  a.price = price;
  if (sold > 0) {
    const t = v.totals;
    t.auctionsCleared++;
    t.auctionContracts += sold;
    t.auctionPremiumUsd += sold * price;
  }
  ctx.record('option-auction-cleared', { protocol: v.id, auction: a.id, series: v.series.label(a.series), offered: a.contracts, sold, price, premiumUsd: sold * price });
  return sold > 0;
}
