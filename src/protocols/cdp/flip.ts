/**
 * Maker's English collateral auction, the Flipper of multi-collateral Dai as it ran in
 * March 2020.
 *
 * Reference: makerdao/dss `src/flip.sol` (Rain, 2018) and Maker's "Flipper detailed
 * documentation"; rules read there, code written here.
 *  - kick: `lot` collateral is put up to raise `tab` stablecoin (debt + liquidation penalty);
 *    the auction ends at the latest at `end = now + tau`; no bid yet (`tic = 0`).
 *  - tend (phase 1): a bid for the whole lot, raising the stablecoin offered, at most `tab`,
 *    and at least `beg` × the current bid unless it reaches `tab`. The new bidder refunds the
 *    previous bidder's bid and the increase goes to the system (the `gal`, Maker's Vow).
 *  - dent (phase 2, once the bid equals `tab`): a bid for less collateral at the same `tab`,
 *    at most the current lot / `beg`; the collateral given up goes back to the vault owner
 *    (`usr`) and the new bidder refunds the previous one.
 *  - every accepted bid sets the bid expiry `tic = now + ttl`; a bid is accepted only while
 *    tic > now (or no bid yet) and end > now.
 *  - deal: once a bid exists and tic < now or end < now, the high bidder takes the lot.
 *  - tick: an auction with no bid past its end is restarted with end = now + tau.
 *
 * One deliberate difference: dss requires every tend to be strictly above the current bid,
 * which starts at zero, so on chain the "zero bids" of 12–13 March 2020 were bids of a dust
 * amount of Dai. Here the first tend may be exactly 0 stablecoin, and it wins if nothing else
 * is accepted before its `tic`; later tends must still be strictly higher and ≥ beg × bid.
 *
 * Comparisons use floating point; `beg` tests carry a 1e-12 relative allowance so a bid of
 * exactly beg × bid (as a keeper would compute it) is not lost to rounding.
 *
 * Nothing here moves balances: each accepted call returns the transfers it implies, and the
 * CDP protocol applies them (decide, then apply).
 */

export interface FlipParams {
  /** Minimum bid increase / lot decrease factor, e.g. 1.03 (3 %). */
  beg: number;
  /** Bid lifetime in seconds (600 in March 2020). */
  ttl: number;
  /** Maximum auction length in seconds (21,600 in March 2020). */
  tau: number;
}

export interface FlipAuction {
  id: number;
  /** Current bid (stablecoin). */
  bid: number;
  /** Collateral for sale. */
  lot: number;
  /** High bidder; null before the first bid. */
  guy: string | null;
  /** Bid expiry (seconds); 0 while there is no bid. */
  tic: number;
  /** Auction end (seconds). */
  end: number;
  /** Vault owner: receives collateral given up in the dent phase. */
  usr: string;
  /** Stablecoin to raise: debt + penalty. */
  tab: number;
  /** Collateral at kick. */
  initialLot: number;
  /** Collateral already returned to usr during dent. */
  returnedToUsr: number;
  kickedAt: number;
  /** Number of accepted tend/dent bids. */
  bids: number;
  /** Number of restarts by tick. */
  restarts: number;
}

export type FlipRejection =
  | 'unknown-auction'
  | 'already-finished-tic'
  | 'already-finished-end'
  | 'lot-not-matching'
  | 'higher-than-tab'
  | 'bid-not-higher'
  | 'insufficient-increase'
  | 'not-matching-bid'
  | 'tend-not-finished'
  | 'lot-not-lower'
  | 'insufficient-decrease'
  | 'not-finished'
  | 'bid-already-placed'
  | 'invalid-amount';

export type Rejected = { ok: false; reason: FlipRejection };

/** Transfers implied by an accepted tend. */
export interface TendResult {
  ok: true;
  phase: 'tend';
  /** Bidder pays `refund + toGal` stablecoin. */
  payer: string;
  /** Previous high bidder, refunded its bid (null for the first bid). */
  refundTo: string | null;
  refund: number;
  /** Increase paid to the system surplus account. */
  toGal: number;
  tic: number;
}

/** Transfers implied by an accepted dent. */
export interface DentResult {
  ok: true;
  phase: 'dent';
  /** Bidder pays `refund` (= tab) stablecoin to the previous high bidder. */
  payer: string;
  refundTo: string;
  refund: number;
  /** Collateral returned from the auction to the vault owner. */
  collateralToUsr: number;
  usr: string;
  tic: number;
}

export interface DealResult {
  ok: true;
  id: number;
  winner: string;
  /** Collateral the winner receives. */
  lot: number;
  /** Stablecoin raised for the system (= the winning bid). */
  raised: number;
  tab: number;
  /** tab − raised: what the auction failed to cover. */
  shortfall: number;
  /** Total collateral returned to the vault owner during dent. */
  returnedToUsr: number;
  usr: string;
  /** A winning bid of zero stablecoin. */
  zeroBid: boolean;
  /** Ended because the bid expired (`tic`) rather than the auction length (`end`). */
  byTic: boolean;
}

const BEG_ALLOWANCE = 1e-12;

function checkFlipParams(params: FlipParams): void {
  if (!(params.beg >= 1)) throw new RangeError(`beg must be at least 1, got ${params.beg}`);
  if (!(params.ttl > 0)) throw new RangeError(`ttl must be positive, got ${params.ttl}`);
  if (!(params.tau > 0)) throw new RangeError(`tau must be positive, got ${params.tau}`);
}

export class Flipper {
  private readonly auctions = new Map<number, FlipAuction>();
  private kicks = 0;

  constructor(readonly params: FlipParams) {
    checkFlipParams(params);
  }

  /**
   * dss `file`: a new beg, ttl or tau for the bids and kicks that follow; running auctions keep
   * the bid expiry and end they were given.
   */
  file(what: keyof FlipParams, data: number): void {
    checkFlipParams({ ...this.params, [what]: data });
    this.params[what] = data;
  }

  get(id: number): Readonly<FlipAuction> | undefined {
    return this.auctions.get(id);
  }

  /** Auctions not yet dealt, in kick order. */
  active(): Readonly<FlipAuction>[] {
    return [...this.auctions.values()];
  }

  get count(): number {
    return this.auctions.size;
  }

  /** Start an auction of `lot` collateral for `tab` stablecoin; returns its id. */
  kick(args: { lot: number; tab: number; usr: string; now: number }): number {
    const { lot, tab, usr, now } = args;
    if (!(lot > 0) || !(tab > 0)) throw new RangeError('flip kick needs a positive lot and tab');
    const id = ++this.kicks;
    this.auctions.set(id, {
      id,
      bid: 0,
      lot,
      guy: null,
      tic: 0,
      end: now + this.params.tau,
      usr,
      tab,
      initialLot: lot,
      returnedToUsr: 0,
      kickedAt: now,
      bids: 0,
      restarts: 0,
    });
    return id;
  }

  private live(a: FlipAuction, now: number): Rejected | null {
    if (!(a.tic > now || a.tic === 0)) return { ok: false, reason: 'already-finished-tic' };
    if (!(a.end > now)) return { ok: false, reason: 'already-finished-end' };
    return null;
  }

  /** Phase-1 bid: `bid` stablecoin for the whole `lot`. */
  tend(id: number, bidder: string, lot: number, bid: number, now: number): TendResult | Rejected {
    const a = this.auctions.get(id);
    if (!a) return { ok: false, reason: 'unknown-auction' };
    if (!(bid >= 0) || !Number.isFinite(bid)) return { ok: false, reason: 'invalid-amount' };
    const dead = this.live(a, now);
    if (dead) return dead;
    if (lot !== a.lot) return { ok: false, reason: 'lot-not-matching' };
    if (bid > a.tab) return { ok: false, reason: 'higher-than-tab' };
    const first = a.guy === null;
    if (!first && !(bid > a.bid)) return { ok: false, reason: 'bid-not-higher' };
    if (!first && bid !== a.tab && bid < this.params.beg * a.bid * (1 - BEG_ALLOWANCE)) return { ok: false, reason: 'insufficient-increase' };
    const refundTo = a.guy;
    const refund = first ? 0 : a.bid;
    const toGal = bid - refund;
    a.guy = bidder;
    a.bid = bid;
    a.tic = now + this.params.ttl;
    a.bids++;
    return { ok: true, phase: 'tend', payer: bidder, refundTo, refund, toGal, tic: a.tic };
  }

  /** Phase-2 bid: accept only `lot` collateral for the full tab. */
  dent(id: number, bidder: string, lot: number, bid: number, now: number): DentResult | Rejected {
    const a = this.auctions.get(id);
    if (!a) return { ok: false, reason: 'unknown-auction' };
    if (!(lot >= 0) || !Number.isFinite(lot)) return { ok: false, reason: 'invalid-amount' };
    const dead = this.live(a, now);
    if (dead) return dead;
    if (bid !== a.bid) return { ok: false, reason: 'not-matching-bid' };
    if (bid !== a.tab || a.guy === null) return { ok: false, reason: 'tend-not-finished' };
    if (!(lot < a.lot)) return { ok: false, reason: 'lot-not-lower' };
    if (this.params.beg * lot * (1 - BEG_ALLOWANCE) > a.lot) return { ok: false, reason: 'insufficient-decrease' };
    const refundTo = a.guy;
    const collateralToUsr = a.lot - lot;
    a.returnedToUsr += collateralToUsr;
    a.guy = bidder;
    a.lot = lot;
    a.tic = now + this.params.ttl;
    a.bids++;
    return {
      ok: true,
      phase: 'dent',
      payer: bidder,
      refundTo,
      refund: bid,
      collateralToUsr,
      usr: a.usr,
      tic: a.tic,
    };
  }

  /** Can `deal` settle this auction at `now`? */
  canDeal(id: number, now: number): boolean {
    const a = this.auctions.get(id);
    return !!a && a.tic !== 0 && (a.tic < now || a.end < now);
  }

  /** Does this auction need a `tick` (past its end with no bid)? */
  needsTick(id: number, now: number): boolean {
    const a = this.auctions.get(id);
    return !!a && a.end < now && a.tic === 0;
  }

  /** Settle: the high bidder takes the lot; the auction is removed. */
  deal(id: number, now: number): DealResult | Rejected {
    const a = this.auctions.get(id);
    if (!a) return { ok: false, reason: 'unknown-auction' };
    if (!this.canDeal(id, now) || a.guy === null) return { ok: false, reason: 'not-finished' };
    this.auctions.delete(id);
    return {
      ok: true,
      id,
      winner: a.guy,
      lot: a.lot,
      raised: a.bid,
      tab: a.tab,
      shortfall: a.tab - a.bid,
      returnedToUsr: a.returnedToUsr,
      usr: a.usr,
      zeroBid: a.bid === 0,
      byTic: a.tic < now,
    };
  }

  /** Restart an auction that reached its end without a bid. */
  tick(id: number, now: number): { ok: true; end: number } | Rejected {
    const a = this.auctions.get(id);
    if (!a) return { ok: false, reason: 'unknown-auction' };
    if (!(a.end < now)) return { ok: false, reason: 'not-finished' };
    if (a.tic !== 0) return { ok: false, reason: 'bid-already-placed' };
    a.end = now + this.params.tau;
    a.restarts++;
    return { ok: true, end: a.end };
  }
}
