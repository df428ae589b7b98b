/**
 * A Maker-like CDP system as the simulator sees it: vault types (ilks) with a liquidation ratio,
 * stability fee, penalty and debt ceiling; vaults in typed arrays; collateral auctions (English
 * `flip.ts` or Dutch `clip.ts`) started by keepers' `bite`; a system surplus/deficit account
 * (the Vow); and debt auctions that mint the governance token to cover a deficit.
 *
 * Reference: makerdao/dss (Vat, Cat/Dog, Vow, Flopper; Rain 2018, MIP45) and its detailed
 * documentation; the rules are read there, the code is written here. This module keeps the
 * vault book (Vat urns: a vault's debt is art × rate) and the vault owners' and an exploit's
 * changes to it, and puts the parts together:
 *  - `ilks.ts`: vault types, their rate accumulator and stability fee;
 *  - `liquidation.ts`: the unsafe vaults and bite/bark;
 *  - `collateralAuctions.ts`: auctions' books and the keepers' bids on them;
 *  - `vow.ts`: the system's stablecoin accounts, heal, the deficit and debt auctions;
 *  - `systemBooks.ts`: the balance sheet and the invariants over all of it;
 *  - `settlement.ts`: keepers' and vault owners' transactions;
 *  - `configure.ts`: governance changes to a vault type.
 * With them it implements the simulator's protocol contract (src/sim/protocol.ts); `context.ts`
 * declares what it uses of the simulator.
 *
 * Every token movement goes through the ledger; these modules book the system's side.
 */
import type { LedgerContext, LedgerLike, StepContext, TxContext } from './context.js';
import type { CdpTransaction } from './transactions.js';
import { applyCdpTx, cdpTxSubject } from './settlement.js';
import { checkIlkChange, fileIlkChange, ilkParameters } from './configure.js';
import { VaultBook, type VaultRows } from './vaults.js';
import { drip, openIlk, type Ilk, type IlkParams } from './ilks.js';
import { newCdpTotals, type CdpEvent, type CdpTotals } from './cdpTotals.js';
import { Vow, type DebtAuctionParams } from './vow.js';
import { CollateralAuctions, type AuctionRecord, type BidResult } from './collateralAuctions.js';
import { Liquidations } from './liquidation.js';
import { findInvariantViolations, readBalanceSheet } from './systemBooks.js';

export type { AuctionParams, IlkParams, Ilk } from './ilks.js';
export type { CdpTotals, CdpEvent } from './cdpTotals.js';
export type { DebtAuctionParams } from './vow.js';
export type { AuctionRecord, BidResult } from './collateralAuctions.js';

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
  readonly totals: CdpTotals = newCdpTotals();
  readonly vow: Vow;
  readonly collateralAuctions: CollateralAuctions;
  readonly liquidations: Liquidations;
  /** Running collateral auctions as the system booked them, keyed `ilk:id`. */
  readonly auctions: Map<string, AuctionRecord>;
  /** Collateral held for running auctions, per ilk. */
  readonly inAuction: Float64Array;
  /** Vaults unsafe at the last mark: the first `unsafeCount` entries. */
  readonly unsafe: Int32Array;
  /** Step at which each vault became unsafe (−1 while safe). */
  readonly unsafeSince: Int32Array;
  private step = 0;
  /** Seconds of stability fees accrued so far (the sum of `accrue`'s steps). */
  private clock = 0;
  /** Per vault type, the time its rate was last dripped to (dss Jug `rho`): `clock` unless a fee change dripped it mid-step. */
  private readonly rho: Float64Array;
  /** Per vault type, the time of its last applied `configure` (−∞ if never). */
  private readonly configuredAt: Float64Array;

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
    ledger: LedgerLike,
    /** USD value of one stablecoin at par (dss Spotter's par): its debts are valued at it. */
    readonly par: number,
  ) {
    this.account = ledger.account(`protocol:${id}`);
    this.ownersAccount = ledger.account(`borrowers:${id}`);
    this.flopAccount = ledger.account(`flop-bidders:${id}`);
    this.ilks = ilks.map(openIlk);
    this.rho = new Float64Array(ilks.length);
    this.configuredAt = new Float64Array(ilks.length).fill(-Infinity);
    const n = rows.ilk.length;
    this.vaults = new VaultBook(n);
    this.vaults.ilk.set(rows.ilk);
    this.vaults.ink.set(rows.collateral);
    this.vaults.art.set(rows.debt); // rate starts at 1
    for (let v = 0; v < n; v++) {
      const ilk = this.ilks[rows.ilk[v]];
      ilk.ink += rows.collateral[v];
      ilk.Art += rows.debt[v];
    }
    this.vow = new Vow(stablecoin, governanceToken, this.account, this.flopAccount, debtAuction, this.totals);
    this.collateralAuctions = new CollateralAuctions(this.ilks, this.vow, stablecoin, this.account, this.ownersAccount, this.totals);
    this.auctions = this.collateralAuctions.records;
    this.inAuction = this.collateralAuctions.inAuction;
    this.liquidations = new Liquidations(this);
    this.unsafe = this.liquidations.unsafe;
    this.unsafeSince = this.liquidations.unsafeSince;
    // the opening balance sheet: owners lock collateral and draw the stablecoin; the surplus is
    // stablecoin the system earned before the start (part of the vaults' debt)
    for (const ilk of this.ilks) {
      ledger.mint(this.ownersAccount, ilk.asset, ilk.ink);
      ledger.transfer(this.ownersAccount, this.account, ilk.asset, ilk.ink);
      this.vow.supply += ilk.Art;
    }
    const surplusHeld = Math.min(surplus, this.vow.supply);
    ledger.mint(this.ownersAccount, stablecoin, this.vow.supply - surplusHeld);
    ledger.mint(this.account, stablecoin, surplusHeld);
    this.vow.joy = surplusHeld;
  }

  /** Vat.debt: stablecoin the system owes, Σ art × rate + sin. */
  get supply(): number {
    return this.vow.supply;
  }
  /** Surplus: stablecoin held by the system (equals its ledger balance). */
  get joy(): number {
    return this.vow.joy;
  }
  /** System debt taken over from vaults (Vat.vice). */
  get sin(): number {
    return this.vow.sin;
  }
  /** The part of sin whose auctions are still running. */
  get sinOnAuction(): number {
    return this.vow.sinOnAuction;
  }
  get unsafeCount(): number {
    return this.liquidations.unsafeCount;
  }
  /** Debt (stablecoin) of unsafe vaults at the last mark. */
  get unsafeDebt(): number {
    return this.liquidations.unsafeDebt;
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

  /**
   * Stability fees for one step: each rate grows; the new debt is minted to the surplus. A vault
   * type whose fee changed mid-step is dripped for what is left of the step.
   */
  accrue(ctx: Pick<StepContext, 'dt' | 'ledger'>): void {
    const { dt, ledger } = ctx;
    const now = this.clock + dt;
    this.ilks.forEach((ilk, k) => {
      // the common case takes `dt` itself, so runs without fee changes keep their exact numbers
      const elapsed = this.rho[k] === this.clock ? dt : now - this.rho[k];
      this.rho[k] = now;
      if (!(ilk.fee > 0) || !(ilk.Art > 0) || !(elapsed > 0)) return;
      this.vow.collectFee(drip(ilk, elapsed), ledger);
    });
    this.clock = now;
  }

  /** Reads this step's oracle prices and lists the unsafe vaults (a full scan of the book). */
  mark(ctx: Pick<StepContext, 'step' | 'oraclePrices'>): void {
    const { step, oraclePrices } = ctx;
    this.step = step;
    for (const ilk of this.ilks) ilk.price = oraclePrices[ilk.oracle];
    this.liquidations.scan(step);
  }

  auction(ilk: number, id: number): AuctionRecord | undefined {
    return this.collateralAuctions.get(ilk, id);
  }

  /** Keeper calls, applied at their block's time `now` (see liquidation.ts and collateralAuctions.ts). */
  bite(v: number, keeper: number, now: number, ledger: LedgerLike, reference: Float64Array): boolean {
    return this.liquidations.bite(v, keeper, now, ledger, reference);
  }
  tend(ilk: number, id: number, bidder: number, lot: number, bid: number, now: number, ledger: LedgerLike): BidResult {
    return this.collateralAuctions.tend(ilk, id, bidder, lot, bid, now, ledger);
  }
  dent(ilk: number, id: number, bidder: number, lot: number, bid: number, now: number, ledger: LedgerLike): BidResult {
    return this.collateralAuctions.dent(ilk, id, bidder, lot, bid, now, ledger);
  }
  take(ilk: number, id: number, amount: number, maxPrice: number, taker: number, now: number, ledger: LedgerLike, reference: Float64Array): BidResult {
    return this.collateralAuctions.take(ilk, id, amount, maxPrice, taker, now, ledger, reference);
  }
  redo(ilk: number, id: number, keeper: number, now: number, ledger: LedgerLike): BidResult {
    return this.collateralAuctions.redo(ilk, id, keeper, now, ledger);
  }

  /**
   * End-of-step settlement at `now`: English auctions whose bid expired or that ran out of time
   * are dealt (or restarted when nobody bid), the surplus heals the system debt, and a deficit
   * old enough goes to debt auctions. Returns the events worth recording.
   */
  settle(now: number, ledger: LedgerLike, reference: Float64Array): CdpEvent[] {
    const events: CdpEvent[] = [];
    this.collateralAuctions.deal(now, ledger, reference, events);
    this.vow.settle(now, this.step, ledger, reference, events);
    return events;
  }

  /** The end of a step at `ctx.now`: `settle`, its events recorded under the system's id. */
  settleDue(ctx: StepContext): void {
    for (const e of this.settle(ctx.now, ctx.ledger, ctx.reference)) ctx.record(e.type, { cdp: this.id, ...e });
  }

  /** Applies a keeper's or vault owner's transaction (settlement.ts). */
  apply(tx: CdpTransaction, ctx: TxContext): void {
    applyCdpTx(this, tx, ctx);
  }

  transactionKey(tx: CdpTransaction): string {
    return cdpTxSubject(tx);
  }

  /** Stablecoin debt no auction will cover any more and the surplus does not: the deficit. */
  deficit(): number {
    return this.vow.deficit();
  }

  /** A vault owner adds collateral brought from outside the modelled world. */
  topUp(v: number, amount: number, ledger: LedgerLike): number {
    const ilk = this.ilks[this.vaults.ilk[v]];
    if (!(amount > 0) || !(this.vaults.art[v] > 0)) return 0;
    ledger.mintThrough(this.ownersAccount, this.account, ilk.asset, amount);
    this.vaults.ink[v] += amount;
    ilk.ink += amount;
    return amount;
  }

  /** A vault owner repays debt with stablecoin from the owners' wallets (it is burnt). */
  repay(v: number, amount: number, ledger: LedgerLike): number {
    const ilk = this.ilks[this.vaults.ilk[v]];
    const debt = this.debt(v);
    const paid = Math.min(amount, debt, ledger.balance(this.ownersAccount, this.stablecoin));
    if (!(paid > 0)) return 0;
    ledger.burn(this.ownersAccount, this.stablecoin, paid);
    const dart = paid === debt ? this.vaults.art[v] : paid / ilk.rate;
    this.vaults.art[v] -= dart;
    ilk.Art -= dart;
    this.vow.supply -= paid;
    return paid;
  }

  /** An exploit drains `share` of the collateral of `asset` (all collateral when −1) from every vault. */
  drain(exploit: { share: number; asset: number; to: number }, ctx: LedgerContext): { asset: number; amount: number }[] {
    const { share, asset, to } = exploit;
    const ledger = ctx.ledger;
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

  /** Debt of unsafe vaults at the last mark, USD at par. */
  get liquidatableDebtUsd(): number {
    return this.unsafeDebt * this.par;
  }

  /**
   * The balance sheet in USD at the oracle prices, the stablecoin at par (systemBooks.ts):
   * vaults and auctions worth no more than their collateral, liabilities the stablecoin outside
   * the system; the booked loss is the deficit.
   */
  balanceSheet(): { assets: number; liabilities: number; booked: number } {
    const { assets, liabilities } = readBalanceSheet(this, this.par);
    return { assets, liabilities, booked: this.deficit() * this.par };
  }

  /** Liabilities and booked loss without valuing the vaults. */
  obligations(): { liabilities: number; booked: number } {
    return { liabilities: (this.supply - this.joy) * this.par, booked: this.deficit() * this.par };
  }

  /** Index of vault type `target` (its id), or an Error naming those that exist. */
  private ilkIndex(target: string): number {
    const k = this.ilks.findIndex((i) => i.id === target);
    if (k < 0) throw new Error(`unknown vault type "${target}" of ${this.id} (expected one of ${this.ilks.map((i) => i.id).join(', ')})`);
    return k;
  }

  /** The vault type's configurable parameters (configure.ts), in the scenario's units. */
  parameters(target: string): Record<string, number> {
    return ilkParameters(this.ilks[this.ilkIndex(target)]);
  }

  /** Time (seconds) of the last change applied to the vault type, −∞ if none. */
  lastConfiguredAt(target: string): number {
    return this.configuredAt[this.ilkIndex(target)];
  }

  /**
   * Applies a governance change to vault type `target` at time `ctx.now` (dss `file` on Spotter,
   * Jug, Cat/Dog, Vat and the ilk's auction house; configure.ts). Throws, changing nothing, when
   * the change is invalid. A new stability fee applies from `now`: the rate is dripped to `now`
   * at the old fee first (as Maker's governance calls Jug.drip before Jug.file), the fee minted
   * to the surplus through `ctx.ledger`. Running auctions keep their tab; new parameters govern
   * what follows (flip.ts, clip.ts). The unsafe vaults are listed again, so a new liquidation
   * ratio shows at once.
   */
  configure(target: string, params: Record<string, number>, ctx: Pick<StepContext, 'now' | 'ledger'>): void {
    const { now, ledger } = ctx;
    const k = this.ilkIndex(target);
    const ilk = this.ilks[k];
    checkIlkChange(ilk, params);
    if ('stabilityFee' in params && now > this.rho[k]) {
      if (ilk.fee > 0 && ilk.Art > 0) this.vow.collectFee(drip(ilk, now - this.rho[k]), ledger);
      this.rho[k] = now;
    }
    fileIlkChange(ilk, params);
    this.configuredAt[k] = now;
    this.liquidations.scan(this.step);
  }

  /**
   * The timeseries.csv columns of a CDP system:
   *   <id>.collateralUsd              collateral in vaults, at the system's oracle prices
   *   <id>.debt                       stablecoin owed by vaults
   *   <id>.unsafeDebt                 debt of vaults below their liquidation ratio
   *   <id>.auctions                   collateral auctions running
   *   <id>.surplus, <id>.systemDebt   the Vow: stablecoin held, debt taken over from vaults
   *   <id>.deficit                    system debt no running auction or surplus covers
   *   <id>.governanceMinted           governance tokens minted by debt auctions so far
   */
  metrics(): { column: string; read(): number }[] {
    return [
      { column: `${this.id}.collateralUsd`, read: () => this.collateralUsd() },
      { column: `${this.id}.debt`, read: () => this.vaultDebt() },
      { column: `${this.id}.unsafeDebt`, read: () => this.unsafeDebt },
      { column: `${this.id}.auctions`, read: () => this.auctions.size },
      { column: `${this.id}.surplus`, read: () => this.joy },
      { column: `${this.id}.systemDebt`, read: () => this.sin },
      { column: `${this.id}.deficit`, read: () => this.deficit() },
      { column: `${this.id}.governanceMinted`, read: () => this.totals.governanceMinted },
    ];
  }

  /**
   * The run's figures as summary.json reads them for a CDP system: liquidations are auctions
   * started, the value liquidated the collateral put up for auction, bad debt the deficit after
   * collateral auctions (whether or not debt auctions covered it since), at par.
   */
  figures(): { liquidatedUsd: number; liquidations: number; debtRepaidUsd: number; badDebtUsd: number; peakLiquidatableDebtUsd: number; firstBadDebtStep: number; extra: Record<string, unknown> } {
    const t = this.totals;
    const par = this.par;
    const deficit = this.deficit() + t.deficitCovered;
    return {
      liquidatedUsd: t.auctionedUsd,
      liquidations: t.bites,
      debtRepaidUsd: t.raised * par,
      badDebtUsd: deficit * par,
      peakLiquidatableDebtUsd: t.peakUnsafeDebt * par,
      firstBadDebtStep: t.firstDeficitStep,
      extra: {
        deficit,
        auctions: { count: t.auctions, zeroBidWins: t.zeroBidWins, collateralSoldAtZero: t.collateralSoldAtZeroUsd, running: this.auctions.size },
        governanceMinted: t.governanceMinted,
        governanceMintedUsd: t.governanceMintedUsd,
        deficitCovered: t.deficitCovered,
        surplus: this.joy,
      },
    };
  }

  /** Invariant violations of the system's books against the ledger (empty when all hold). */
  checkInvariants(ledger: LedgerLike): string[] {
    return findInvariantViolations(this, ledger);
  }
}
