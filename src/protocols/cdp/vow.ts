/**
 * The system's own stablecoin accounts (Maker's Vow, with the Vat's debt and vice): what it
 * owes, its surplus, the debt it took over from bitten vaults, and the debt auctions that mint
 * the governance token when the surplus cannot cover that debt.
 *
 * Reference: makerdao/dss Vat (debt, vice, suck), Vow (fess, flog, heal, flop) and Flopper
 * (Rain 2018); the rules are read there, the code is written here.
 *  - supply (Vat.debt) is Σ vault debt + sin (Vat.vice). Stability fees raise both supply and
 *    the surplus joy; keeper incentives are new stablecoin owed by the system (suck).
 *  - auction proceeds arrive as joy; heal burns joy against sin. Sin of running auctions is
 *    waiting for their proceeds; what is left uncovered once they end is the deficit:
 *    max(0, sin − sin on auction − joy).
 *  - debt auctions (Flopper), simplified: once a deficit has waited `delay`, it is sold in lots
 *    of `lot` stablecoin; bidders pay the stablecoin from outside the modelled world and take
 *    newly minted governance tokens at the token's reference price × (1 − discount). A lot
 *    needing more than its cap `maxMint` (Maker's `dump`, 250 MKR for 50,000 DAI in March
 *    2020) finds no bidder; it is offered again after `retry` with the cap × `pad` (Maker's
 *    re-initialisation with 20 % more MKR after three days). Maker's reverse auction, in which
 *    bidders lower the MKR they accept, is replaced by this competitive-price fill.
 */
import type { LedgerLike } from './context.js';
import type { CdpEvent, CdpTotals } from './cdpTotals.js';

export interface DebtAuctionParams {
  delay: number;
  lot: number;
  maxMint: number;
  discount: number;
  retry: number;
  pad: number;
}

export class Vow {
  /** Vat.debt: stablecoin the system owes, Σ art × rate + sin. */
  supply = 0;
  /** Surplus: stablecoin held by the system (equals its ledger balance). */
  joy = 0;
  /** System debt taken over from vaults (Vat.vice). */
  sin = 0;
  /** The part of sin whose auctions are still running. */
  sinOnAuction = 0;
  /** Time the current deficit appeared (NaN when there is none). */
  private deficitSince = NaN;
  private flopCap: number;
  private flopRetryAt = -Infinity;

  constructor(
    /** World asset index of the stablecoin. */
    readonly stablecoin: number,
    /** World asset index of the governance token, or −1. */
    readonly governanceToken: number,
    /** Ledger account of the system: it holds the surplus. */
    readonly account: number,
    /** Outside bidders in debt auctions. */
    readonly flopAccount: number,
    readonly debtAuction: DebtAuctionParams | null,
    private readonly totals: CdpTotals,
  ) {
    this.flopCap = debtAuction?.maxMint ?? Infinity;
  }

  /** A stability fee's new debt (Vat.fold): minted to the system as surplus. */
  collectFee(amount: number, ledger: LedgerLike): void {
    ledger.mint(this.account, this.stablecoin, amount);
    this.supply += amount;
    this.joy += amount;
  }

  /** Vat.grab + Vow.fess: a bitten vault's debt becomes system debt, waiting for its auction. */
  fess(debt: number): void {
    this.sin += debt;
    this.sinOnAuction += debt;
  }

  /** An auction ended: its debt no longer waits for proceeds (Vow.flog). */
  flog(debt: number, noneRunning: boolean): void {
    this.sinOnAuction -= debt;
    if (noneRunning) this.sinOnAuction = 0; // no rounding residue once nothing is on auction
  }

  /** Vat.suck: new stablecoin for a keeper incentive, owed by the system (sin). */
  suck(to: number, amount: number, ledger: LedgerLike): void {
    if (!(amount > 0)) return;
    ledger.mint(to, this.stablecoin, amount);
    this.supply += amount;
    this.sin += amount;
    this.totals.incentives += amount;
  }

  /**
   * Burns surplus against system debt that is not waiting for auction proceeds (Vow.heal). Done
   * whenever stablecoin comes in, so that surplus and such debt never stand side by side.
   */
  heal(ledger: LedgerLike): void {
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

  /**
   * End of step at `now` (step number `step`), after collateral auctions were dealt: heal, start
   * or stop the deficit's clock, and sell a deficit that has waited long enough.
   */
  settle(now: number, step: number, ledger: LedgerLike, reference: Float64Array, events: CdpEvent[]): void {
    this.heal(ledger);
    const deficit = this.deficit();
    if (deficit > 0) {
      if (Number.isNaN(this.deficitSince)) this.deficitSince = now;
      if (this.totals.firstDeficitStep < 0) this.totals.firstDeficitStep = step;
    } else this.deficitSince = NaN;
    if (deficit > 0 && this.debtAuction) this.flop(now, ledger, reference, events);
  }

  /** Debt auctions: lots of `lot` stablecoin bought with newly minted governance tokens. */
  private flop(now: number, ledger: LedgerLike, reference: Float64Array, events: CdpEvent[]): void {
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
}
