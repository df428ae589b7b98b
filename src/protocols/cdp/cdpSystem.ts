/**
 * A Maker-like CDP system: vault types (ilks) with a liquidation ratio, stability fee, penalty
 * and debt ceiling; vaults in typed arrays; collateral auctions (English `flip.ts` or Dutch
 * `clip.ts`) started by keepers' `bite`; a system surplus/deficit account (the Vow); and debt
 * auctions that mint the governance token to cover a deficit.
 *
 * Reference: makerdao/dss (Vat, Cat/Dog, Vow, Flopper; Rain 2018, MIP45) and its detailed
 * documentation; the rules are read there, the code is written here.
 *  - Vat: a vault's debt is art × rate; the system's stablecoin liability (`supply`, Vat.debt)
 *    is Σ vault debt + sin (Vat.vice, debt taken over from bitten vaults). Stability fees raise
 *    rate and credit the surplus: supply and joy grow by Art × Δrate.
 *  - bite (Cat, English): an unsafe vault (ink × price < art × rate × mat) gives up
 *    min(ink, lump) collateral and the matching share of its debt; the debt goes to sin, and an
 *    auction raises up to tab = debt × (1 + penalty). bark (Dog, Dutch): the whole vault; the
 *    keeper is paid tip + chip × tab, newly minted and added to sin (Vat.suck).
 *  - Vow: auction proceeds arrive as surplus (joy); heal burns joy against sin. Sin of running
 *    auctions is waiting for their proceeds; what is left uncovered once they end is the
 *    deficit: max(0, sin − sin on auction − joy).
 *  - debt auctions (Flopper), simplified: once a deficit has waited `delay`, it is sold in lots
 *    of `lot` stablecoin; bidders pay the stablecoin from outside the modelled world and take
 *    newly minted governance tokens at the token's reference price × (1 − discount). A lot
 *    needing more than its cap `maxMint` (Maker's `dump`, 250 MKR for 50,000 DAI in March
 *    2020) finds no bidder; it is offered again after `retry` with the cap × `pad` (Maker's
 *    re-initialisation with 20 % more MKR after three days). Maker's reverse auction, in which
 *    bidders lower the MKR they accept, is replaced by this competitive-price fill.
 *
 * Every token movement goes through the ledger; this module books the system's side.
 */
import type { Ledger } from '../../sim/ledger.js';
import { Flipper, type FlipParams } from './flip.js';
import { Clipper } from './clip.js';
import type { Abacus } from './abaci.js';
import { VaultBook, type VaultRows } from './vaults.js';

const SECONDS_PER_YEAR = 365 * 86400;

export type AuctionParams =
  | ({ kind: 'english'; lump?: number } & FlipParams)
  | { kind: 'dutch'; buf: number; tail: number; cusp: number; tip: number; chip: number; chost: number; calc: Abacus };

export interface IlkParams {
  id: string;
  /** World asset index of the collateral. */
  asset: number;
  /** World oracle index. */
  oracle: number;
  /** Liquidation ratio (dss mat), e.g. 1.5. */
  mat: number;
  /** Annual stability fee. */
  fee: number;
  /** 1 + liquidation penalty (dss chop). */
  chop: number;
  /** Debt ceiling in stablecoin (dss line); Infinity when none. */
  line: number;
  /** Null: vaults of this type are never liquidated. */
  auction: AuctionParams | null;
}

export interface Ilk extends IlkParams {
  /** Σ art of its vaults. */
  Art: number;
  /** Σ ink of its vaults. */
  ink: number;
  /** Rate accumulator: stablecoin debt per unit of art. */
  rate: number;
  /** Oracle price at the last mark. */
  price: number;
  flipper: Flipper | null;
  clipper: Clipper | null;
}

export interface DebtAuctionParams {
  delay: number;
  lot: number;
  maxMint: number;
  discount: number;
  retry: number;
  pad: number;
}

/** What the system records about each auction it started. */
export interface AuctionRecord {
  ilk: number;
  /** Debt taken from the vault into sin (excludes the penalty). */
  debt: number;
  tab: number;
  lot: number;
  vault: number;
  kickedAt: number;
}

export interface CdpTotals {
  bites: number;
  /** USD value at reference prices of collateral put up for auction. */
  auctionedUsd: number;
  /** Stablecoin debt taken from vaults into auctions. */
  debtAuctioned: number;
  /** Finished auctions. */
  auctions: number;
  zeroBidWins: number;
  /** USD value (reference price at the end) of collateral won with a bid of zero. */
  collateralSoldAtZeroUsd: number;
  /** Stablecoin raised by collateral auctions. */
  raised: number;
  /** Deficit covered by debt auctions, stablecoin. */
  deficitCovered: number;
  governanceMinted: number;
  governanceMintedUsd: number;
  debtAuctions: number;
  /** Stablecoin paid as keeper incentives (Dutch kick and redo). */
  incentives: number;
  /** Peak debt (stablecoin) of unsafe vaults at one step. */
  peakUnsafeDebt: number;
  /** First step with a deficit, −1 if none. */
  firstDeficitStep: number;
}

export type BidResult = { ok: true } | { ok: false; reason: string };

export class CdpSystem {
  readonly kind = 'cdp' as const;
  readonly ilks: Ilk[];
  readonly vaults: VaultBook;
  /** Ledger account of the system (collateral in vaults and auctions, the surplus). */
  readonly account: number;
  /** The vault owners' wallets (where minted stablecoin and returned collateral go). */
  readonly ownersAccount: number;
  /** Outside bidders in debt auctions. */
  readonly flopAccount: number;
  /** Vat.debt: stablecoin the system owes, Σ art × rate + sin. */
  supply = 0;
  /** Surplus: stablecoin held by the system (equals its ledger balance). */
  joy = 0;
  /** System debt taken over from vaults (Vat.vice). */
  sin = 0;
  /** The part of sin whose auctions are still running. */
  sinOnAuction = 0;
  /** Collateral held for running auctions, per ilk. */
  readonly inAuction: Float64Array;
  readonly auctions = new Map<string, AuctionRecord>();
  readonly totals: CdpTotals = {
    bites: 0,
    auctionedUsd: 0,
    debtAuctioned: 0,
    auctions: 0,
    zeroBidWins: 0,
    collateralSoldAtZeroUsd: 0,
    raised: 0,
    deficitCovered: 0,
    governanceMinted: 0,
    governanceMintedUsd: 0,
    debtAuctions: 0,
    incentives: 0,
    peakUnsafeDebt: 0,
    firstDeficitStep: -1,
  };
  /** Vaults unsafe at the last mark: the first `unsafeCount` entries. */
  readonly unsafe: Int32Array;
  unsafeCount = 0;
  /** Step at which each vault became unsafe (−1 while safe). */
  readonly unsafeSince: Int32Array;
  /** Debt (stablecoin) of unsafe vaults at the last mark. */
  unsafeDebt = 0;
  /** Time the current deficit appeared (NaN when there is none). */
  private deficitSince = NaN;
  private flopCap: number;
  private flopRetryAt = -Infinity;
  private step = 0;

  constructor(
    readonly id: string,
    /** World asset index of the stablecoin. */
    readonly stablecoin: number,
    /** World asset index of the governance token, or −1. */
    readonly governanceToken: number,
    ilks: IlkParams[],
    rows: VaultRows,
    surplus: number,
    readonly debtAuction: DebtAuctionParams | null,
    ledger: Ledger,
  ) {
    this.account = ledger.account(`protocol:${id}`);
    this.ownersAccount = ledger.account(`borrowers:${id}`);
    this.flopAccount = ledger.account(`flop-bidders:${id}`);
    this.ilks = ilks.map((p) => ({
      ...p,
      Art: 0,
      ink: 0,
      rate: 1,
      price: NaN,
      flipper: p.auction?.kind === 'english' ? new Flipper({ beg: p.auction.beg, ttl: p.auction.ttl, tau: p.auction.tau }) : null,
      clipper:
        p.auction?.kind === 'dutch'
          ? new Clipper({ buf: p.auction.buf, tail: p.auction.tail, cusp: p.auction.cusp, tip: p.auction.tip, chip: p.auction.chip, chost: p.auction.chost, calc: p.auction.calc })
          : null,
    }));
    const n = rows.ilk.length;
    this.vaults = new VaultBook(n);
    this.vaults.ilk.set(rows.ilk);
    this.vaults.ink.set(rows.collateral);
    this.vaults.art.set(rows.debt); // rate starts at 1
    this.unsafe = new Int32Array(n);
    this.unsafeSince = new Int32Array(n).fill(-1);
    this.inAuction = new Float64Array(ilks.length);
    for (let v = 0; v < n; v++) {
      const ilk = this.ilks[rows.ilk[v]];
      ilk.ink += rows.collateral[v];
      ilk.Art += rows.debt[v];
    }
    this.flopCap = debtAuction?.maxMint ?? Infinity;
    // the opening balance sheet: owners lock collateral and draw the stablecoin; the surplus is
    // stablecoin the system earned before the start (part of the vaults' debt)
    for (const ilk of this.ilks) {
      ledger.mint(this.ownersAccount, ilk.asset, ilk.ink);
      ledger.transfer(this.ownersAccount, this.account, ilk.asset, ilk.ink);
      this.supply += ilk.Art;
    }
    const surplusHeld = Math.min(surplus, this.supply);
    ledger.mint(this.ownersAccount, stablecoin, this.supply - surplusHeld);
    ledger.mint(this.account, stablecoin, surplusHeld);
    this.joy = surplusHeld;
  }

  debt(v: number): number {
    return this.vaults.art[v] * this.ilks[this.vaults.ilk[v]].rate;
  }

  /** Collateral value at the oracle price / debt: the vault's collateralisation. */
  collateralisation(v: number): number {
    const d = this.debt(v);
    return d > 0 ? (this.vaults.ink[v] * this.ilks[this.vaults.ilk[v]].price) / d : Infinity;
  }

  /** Below its liquidation ratio and of a type that is liquidated (one without auctions never is). */
  isUnsafe(v: number): boolean {
    const ilk = this.ilks[this.vaults.ilk[v]];
    const art = this.vaults.art[v];
    return ilk.auction !== null && art > 0 && this.vaults.ink[v] * ilk.price < art * ilk.rate * ilk.mat;
  }

  /** Stability fees for one step: each rate grows; the new debt is minted to the surplus. */
  accrue(dt: number, ledger: Ledger): void {
    for (const ilk of this.ilks) {
      if (!(ilk.fee > 0) || !(ilk.Art > 0)) continue;
      const next = ilk.rate * Math.pow(1 + ilk.fee, dt / SECONDS_PER_YEAR);
      const minted = ilk.Art * (next - ilk.rate);
      ilk.rate = next;
      ledger.mint(this.account, this.stablecoin, minted);
      this.supply += minted;
      this.joy += minted;
    }
  }

  /** Reads this step's oracle prices and lists the unsafe vaults (a full scan of the book). */
  mark(step: number, oraclePrices: Float64Array): void {
    this.step = step;
    for (const ilk of this.ilks) ilk.price = oraclePrices[ilk.oracle];
    const b = this.vaults;
    let count = 0;
    let debt = 0;
    for (let v = 0; v < b.count; v++) {
      if (this.isUnsafe(v)) {
        this.unsafe[count++] = v;
        debt += this.debt(v);
        if (this.unsafeSince[v] < 0) this.unsafeSince[v] = step;
      } else this.unsafeSince[v] = -1;
    }
    this.unsafeCount = count;
    this.unsafeDebt = debt;
    if (debt > this.totals.peakUnsafeDebt) this.totals.peakUnsafeDebt = debt;
  }

  private auctionKey(ilk: number, id: number): string {
    return `${ilk}:${id}`;
  }

  auction(ilk: number, id: number): AuctionRecord | undefined {
    return this.auctions.get(this.auctionKey(ilk, id));
  }

  /**
   * Starts an auction on an unsafe vault at `now` (English: bite, up to `lump` collateral; Dutch:
   * bark, the whole vault). `keeper` is the caller's ledger account (paid the Dutch incentive).
   * Returns false when the vault is not (or no longer) liquidatable.
   */
  bite(v: number, keeper: number, now: number, ledger: Ledger, reference: Float64Array): boolean {
    const b = this.vaults;
    const k = b.ilk[v];
    const ilk = this.ilks[k];
    if (!ilk.auction || !this.isUnsafe(v)) return false;
    const ink = b.ink[v];
    const art = b.art[v];
    const dink = ilk.auction.kind === 'english' && ilk.auction.lump !== undefined ? Math.min(ink, ilk.auction.lump) : ink;
    const dart = dink === ink ? art : (art * dink) / ink;
    if (!(dink > 0) || !(dart > 0)) return false;
    b.ink[v] = dink === ink ? 0 : ink - dink;
    b.art[v] = dart === art ? 0 : art - dart;
    ilk.ink -= dink;
    ilk.Art -= dart;
    const debt = dart * ilk.rate;
    const tab = debt * ilk.chop;
    this.sin += debt;
    this.sinOnAuction += debt;
    this.inAuction[k] += dink;
    let id: number;
    if (ilk.flipper) id = ilk.flipper.kick({ lot: dink, tab, usr: String(v), now });
    else {
      const r = ilk.clipper!.kick({ tab, lot: dink, usr: String(v), keeper: String(keeper), oraclePrice: ilk.price, now });
      id = r.id;
      this.suck(keeper, r.coin, ledger);
    }
    this.auctions.set(this.auctionKey(k, id), { ilk: k, debt, tab, lot: dink, vault: v, kickedAt: now });
    this.totals.bites++;
    this.totals.auctionedUsd += dink * reference[ilk.asset];
    this.totals.debtAuctioned += debt;
    if (!this.isUnsafe(v)) this.unsafeSince[v] = -1;
    return true;
  }

  /** Vat.suck: new stablecoin for a keeper incentive, owed by the system (sin). */
  private suck(to: number, amount: number, ledger: Ledger): void {
    if (!(amount > 0)) return;
    ledger.mint(to, this.stablecoin, amount);
    this.supply += amount;
    this.sin += amount;
    this.totals.incentives += amount;
  }

  /** English phase-1 bid by ledger account `bidder`: `bid` stablecoin for the whole lot. */
  tend(ilk: number, id: number, bidder: number, lot: number, bid: number, now: number, ledger: Ledger): BidResult {
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
    this.joy += r.toGal;
    this.heal(ledger);
    return { ok: true };
  }

  /** English phase-2 bid: take only `lot` collateral for the full tab. */
  dent(ilk: number, id: number, bidder: number, lot: number, bid: number, now: number, ledger: Ledger): BidResult {
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
  take(ilk: number, id: number, amount: number, maxPrice: number, taker: number, now: number, ledger: Ledger, reference: Float64Array): BidResult {
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
    this.joy += r.owe;
    this.totals.raised += r.owe;
    ledger.transfer(this.account, taker, asset, r.slice);
    this.inAuction[ilk] -= r.slice;
    if (r.finished) {
      if (r.returnedToUsr > 0) ledger.transfer(this.account, this.ownersAccount, asset, r.returnedToUsr);
      this.inAuction[ilk] -= r.returnedToUsr;
      this.finish(ilk, id, r.owe === 0 && r.slice > 0, r.slice * reference[asset]);
    }
    this.heal(ledger);
    return { ok: true };
  }

  /** Restarts a stale Dutch auction at the current oracle price; the keeper may earn an incentive. */
  redo(ilk: number, id: number, keeper: number, now: number, ledger: Ledger): BidResult {
    const c = this.ilks[ilk].clipper;
    if (!c?.get(id)) return { ok: false, reason: 'unknown-auction' };
    const r = c.redo(id, String(keeper), this.ilks[ilk].price, now);
    if (!r.ok) return r;
    this.suck(keeper, r.coin, ledger);
    return { ok: true };
  }

  /** An auction is over: its debt leaves "on auction"; proceeds are already in the surplus. */
  private finish(ilk: number, id: number, zeroBid: boolean, zeroBidValueUsd: number): void {
    const key = this.auctionKey(ilk, id);
    const rec = this.auctions.get(key)!;
    this.auctions.delete(key);
    this.sinOnAuction -= rec.debt;
    if (this.auctions.size === 0) this.sinOnAuction = 0; // no rounding residue once nothing is on auction
    this.totals.auctions++;
    if (zeroBid) {
      this.totals.zeroBidWins++;
      this.totals.collateralSoldAtZeroUsd += zeroBidValueUsd;
    }
  }

  /**
   * End-of-step settlement at `now`: English auctions whose bid expired or that ran out of time
   * are dealt (or restarted when nobody bid), the surplus heals the system debt, and a deficit
   * old enough goes to debt auctions. Returns the events worth recording.
   */
  settle(now: number, ledger: Ledger, reference: Float64Array): CdpEvent[] {
    const events: CdpEvent[] = [];
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
    this.heal(ledger);
    const deficit = this.deficit();
    if (deficit > 0) {
      if (Number.isNaN(this.deficitSince)) this.deficitSince = now;
      if (this.totals.firstDeficitStep < 0) this.totals.firstDeficitStep = this.step;
    } else this.deficitSince = NaN;
    if (deficit > 0 && this.debtAuction) this.flop(now, ledger, reference, events);
    return events;
  }

  /**
   * Burns surplus against system debt that is not waiting for auction proceeds (Vow.heal). Done
   * whenever stablecoin comes in, so that surplus and such debt never stand side by side.
   */
  private heal(ledger: Ledger): void {
    const x = Math.min(this.joy, this.sin - this.sinOnAuction);
    if (!(x > 0)) return;
    ledger.burn(this.account, this.stablecoin, x);
    this.joy -= x;
    this.sin -= x;
    this.supply -= x;
  }

  /** Stablecoin debt no auction will cover any more and the surplus does not: the deficit. */
  deficit(): number {
    return Math.max(0, this.sin - this.sinOnAuction - this.joy);
  }

  /** Debt auctions: lots of `lot` stablecoin bought with newly minted governance tokens. */
  private flop(now: number, ledger: Ledger, reference: Float64Array, events: CdpEvent[]): void {
    const p = this.debtAuction!;
    if (now - this.deficitSince < p.delay || now < this.flopRetryAt) return;
    const govPrice = reference[this.governanceToken] * (1 - p.discount);
    const dust = 1e-9 * Math.max(1, this.supply);
    for (let deficit = this.deficit(); deficit > dust; deficit = this.deficit()) {
      const lot = Math.min(p.lot, deficit);
      const minted = lot / govPrice;
      if (!(minted <= this.flopCap * (lot / p.lot))) {
        // no bidder takes the lot within its cap: offered again later with a larger cap
        this.flopRetryAt = now + p.retry;
        this.flopCap *= p.pad;
        events.push({ type: 'debt-auction-unsold', lot, cap: this.flopCap / p.pad, governancePrice: govPrice });
        return;
      }
      ledger.mint(this.flopAccount, this.stablecoin, lot);
      ledger.transfer(this.flopAccount, this.account, this.stablecoin, lot);
      this.joy += lot;
      ledger.mint(this.flopAccount, this.governanceToken, minted);
      this.heal(ledger);
      this.totals.deficitCovered += lot;
      this.totals.governanceMinted += minted;
      this.totals.governanceMintedUsd += minted * reference[this.governanceToken];
      this.totals.debtAuctions++;
      events.push({ type: 'debt-auction', lot, minted, governancePrice: govPrice });
    }
  }

  /** A vault owner adds collateral brought from outside the modelled world. */
  topUp(v: number, amount: number, ledger: Ledger): number {
    const ilk = this.ilks[this.vaults.ilk[v]];
    if (!(amount > 0) || !(this.vaults.art[v] > 0)) return 0;
    ledger.mint(this.ownersAccount, ilk.asset, amount);
    ledger.transfer(this.ownersAccount, this.account, ilk.asset, amount);
    this.vaults.ink[v] += amount;
    ilk.ink += amount;
    return amount;
  }

  /** A vault owner repays debt with stablecoin from the owners' wallets (it is burnt). */
  repay(v: number, amount: number, ledger: Ledger): number {
    const ilk = this.ilks[this.vaults.ilk[v]];
    const debt = this.debt(v);
    const paid = Math.min(amount, debt, ledger.balance(this.ownersAccount, this.stablecoin));
    if (!(paid > 0)) return 0;
    ledger.burn(this.ownersAccount, this.stablecoin, paid);
    const dart = paid === debt ? this.vaults.art[v] : paid / ilk.rate;
    this.vaults.art[v] -= dart;
    ilk.Art -= dart;
    this.supply -= paid;
    return paid;
  }

  /** An exploit drains `share` of the collateral of `asset` (all collateral when −1) from every vault. */
  drain(share: number, asset: number, to: number, ledger: Ledger): { asset: number; amount: number }[] {
    const b = this.vaults;
    const out: { asset: number; amount: number }[] = [];
    this.ilks.forEach((ilk, k) => {
      if (asset >= 0 && ilk.asset !== asset) return;
      let taken = 0;
      for (let v = 0; v < b.count; v++) {
        if (b.ilk[v] !== k) continue;
        const x = b.ink[v] * share;
        b.ink[v] -= x;
        taken += x;
      }
      ilk.ink -= taken;
      ledger.transfer(this.account, to, ilk.asset, taken);
      out.push({ asset: ilk.asset, amount: taken });
    });
    return out;
  }

  /** Σ vault debt (stablecoin). */
  vaultDebt(): number {
    let d = 0;
    for (const ilk of this.ilks) d += ilk.Art * ilk.rate;
    return d;
  }

  collateralUsd(): number {
    let v = 0;
    for (const ilk of this.ilks) v += ilk.ink * ilk.price;
    return v;
  }

  /**
   * The system's balance sheet in USD at its oracle prices, the stablecoin counted at `par` USD:
   * assets are what vaults and running auctions can still repay (a vault no more than its
   * collateral is worth, an auction no more than its lot), liabilities the stablecoin outside
   * the system.
   */
  balanceSheet(par: number): { assets: number; liabilities: number } {
    const b = this.vaults;
    let assets = 0;
    for (let v = 0; v < b.count; v++) {
      const art = b.art[v];
      if (!(art > 0)) continue;
      const ilk = this.ilks[b.ilk[v]];
      assets += Math.min(art * ilk.rate * par, b.ink[v] * ilk.price);
    }
    for (const [key, rec] of this.auctions) {
      const ilk = this.ilks[rec.ilk];
      const id = Number(key.slice(key.indexOf(':') + 1));
      if (ilk.flipper) {
        const a = ilk.flipper.get(id)!;
        assets += Math.min((a.tab - a.bid) * par, a.lot * ilk.price);
      } else {
        const s = ilk.clipper!.get(id)!;
        assets += Math.min(s.tab * par, s.lot * ilk.price);
      }
    }
    return { assets, liabilities: (this.supply - this.joy) * par };
  }

  /** Invariant violations of the system's books against the ledger (empty when all hold). */
  checkInvariants(ledger: Ledger): string[] {
    const problems: string[] = [];
    const b = this.vaults;
    const ink = new Float64Array(this.ilks.length);
    const art = new Float64Array(this.ilks.length);
    for (let v = 0; v < b.count; v++) {
      if (b.ink[v] < 0 || b.art[v] < 0) problems.push(`${this.id}: vault ${v} has ink ${b.ink[v]}, art ${b.art[v]}`);
      ink[b.ilk[v]] += b.ink[v];
      art[b.ilk[v]] += b.art[v];
      if (problems.length > 5) return problems;
    }
    const close = (a: number, c: number, scale = 1) => Math.abs(a - c) <= 1e-9 * Math.max(scale, Math.abs(a), Math.abs(c));
    const heldPerAsset = new Map<number, number>();
    let vaultDebt = 0;
    this.ilks.forEach((ilk, k) => {
      if (!close(ink[k], ilk.ink)) problems.push(`${this.id}.${ilk.id}: ink ${ilk.ink} ≠ Σ vaults ${ink[k]}`);
      if (!close(art[k], ilk.Art)) problems.push(`${this.id}.${ilk.id}: Art ${ilk.Art} ≠ Σ vaults ${art[k]}`);
      if (this.inAuction[k] < -1e-9 * Math.max(1, ilk.ink)) problems.push(`${this.id}.${ilk.id}: negative collateral on auction ${this.inAuction[k]}`);
      heldPerAsset.set(ilk.asset, (heldPerAsset.get(ilk.asset) ?? 0) + ilk.ink + this.inAuction[k]);
      vaultDebt += ilk.Art * ilk.rate;
    });
    for (const [asset, expected] of heldPerAsset) {
      const held = ledger.balance(this.account, asset);
      if (!close(held, expected)) problems.push(`${this.id}: holds ${held} of asset ${asset}, vaults and auctions ${expected}`);
    }
    const scale = Math.max(1, this.supply);
    if (!close(ledger.balance(this.account, this.stablecoin), this.joy, scale)) problems.push(`${this.id}: surplus ${this.joy} ≠ stablecoin held ${ledger.balance(this.account, this.stablecoin)}`);
    if (!close(this.supply, vaultDebt + this.sin, scale)) problems.push(`${this.id}: stablecoin owed ${this.supply} ≠ Σ vault debt ${vaultDebt} + system debt ${this.sin}`);
    let onAuction = 0;
    for (const rec of this.auctions.values()) onAuction += rec.debt;
    if (!close(onAuction, this.sinOnAuction, scale)) problems.push(`${this.id}: debt on auction ${this.sinOnAuction} ≠ Σ running auctions ${onAuction}`);
    if (this.sinOnAuction > this.sin * (1 + 1e-9) + 1e-9) problems.push(`${this.id}: debt on auction ${this.sinOnAuction} exceeds system debt ${this.sin}`);
    if (Math.min(this.joy, this.sin - this.sinOnAuction) > 1e-9 * scale) problems.push(`${this.id}: surplus ${this.joy} and unhealed debt ${this.sin - this.sinOnAuction} coexist`);
    const active = this.ilks.reduce((n, ilk) => n + (ilk.flipper?.count ?? 0) + (ilk.clipper?.count ?? 0), 0);
    if (active !== this.auctions.size || this.totals.auctions + active !== this.totals.bites) {
      problems.push(`${this.id}: ${this.totals.bites} auctions started, ${this.totals.auctions} finished, ${active} running (${this.auctions.size} booked)`);
    }
    return problems;
  }
}

export type CdpEvent = { type: string; [key: string]: unknown };
