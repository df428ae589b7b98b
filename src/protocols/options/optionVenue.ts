/**
 * An option-margin venue: listed calls and puts on one underlying, settled in cash in a USD
 * stablecoin (taken at par) at expiry, with accounts that hold positions and collateral (the
 * stablecoin or the underlying), marked every step from an implied-volatility surface
 * (surface.ts) and margined by the standard or the portfolio rule (margin.ts). An account whose
 * equity falls below its maintenance margin may be taken over, position by position and a share
 * at a time, by liquidators at a discount to the mark; they may hedge the delta they take on
 * through the venue's hedge route (a swap on a pool, in the same bundle). Market makers buy what
 * option vaults sell in the venue's sealed-bid auctions.
 *
 * It implements the simulator's protocol contract (src/sim/protocol.ts), with the parts in their
 * own files: `settlement.ts` (transactions), `expiry.ts` (cash settlement), `auctions.ts`,
 * `books.ts` (balance sheet, exploit, bad debt), `configure.ts` (governance), `optionTotals.ts`
 * (what it counts); `context.ts` declares what it uses of the simulator.
 *
 * Ledger: the venue's account holds every token its accounts hold; the book the scenario draws
 * is funded from `writers:<id>` (the collateral of the option sellers) and `buyers:<id>` (the
 * premium the counterparty pays), as a lending market's borrowers bring theirs. Its own books
 * keep, per asset, Σ accounts' balances = tokens held + what was written off or drained.
 */
import { bsm } from '../../models/options/blackScholes.js';
import { OptionAccounts } from './accounts.js';
import { SeriesList } from './series.js';
import { VolSurface, type SurfaceParams } from './surface.js';
import { scenarioCount, scenarioOf, shortInitialMargin, shortMaintenanceMargin, volFactor, contractValue, type PortfolioGrid, type StandardRule } from './margin.js';
import { newOptionTotals, type OptionTotals } from './optionTotals.js';
import type { LedgerContext, LedgerLike, StepContext, TxContext } from './context.js';
import type { OptionTransaction } from './transactions.js';
import { applyOptionTx, optionTxSubject } from './settlement.js';
import { settleExpiries } from './expiry.js';
import { AuctionBook } from './auctions.js';
import { drainOptionVenue, optionBalanceSheet, optionObligations, recogniseBadDebt } from './books.js';
import { checkVenueChange, venueParameters } from './configure.js';

const SECONDS_PER_YEAR = 365 * 86400;

export type MarginRuleName = 'standard' | 'portfolio';

export interface OptionVenueParams {
  /** World asset indices and ids. */
  underlying: number;
  underlyingId: string;
  settlement: number;
  settlementId: string;
  /** World oracle index of the underlying's index price. */
  oracle: number;
  /** Listed strikes (USD) and expiries (seconds from the start). */
  strikes: number[];
  expiries: number[];
  /** Continuously compounded rate in the marks. */
  rate: number;
  rule: MarginRuleName;
  standard: StandardRule;
  grid: PortfolioGrid;
  /** A liquidator takes a short at mark × (1 + discount) and a long at mark × (1 − discount). */
  discount: number;
  /** Most of a position one take-over moves; a position of at most `minContracts` goes whole. */
  maxShare: number;
  minContracts: number;
  surface: SurfaceParams;
  /** Seconds per step (the forecast's decay). */
  dt: number;
}

/** The starting book: one account per row, short `contracts` of `series`, collateral in cash or coin. */
export interface OptionBookRows {
  series: number[];
  contracts: number[];
  /** 1: collateral in the underlying; 0: in the settlement asset. */
  coin: number[];
  /** Equity / maintenance margin at the start. */
  healthFactor: number[];
}

/**
 * A drawn health factor no amount of collateral reaches: under the portfolio rule, coin collateral
 * adds to the loss it must cover (its own fall), so above 1 / (maintenanceFactor × priceRange) more
 * coin raises the requirement as fast as the equity.
 */
export class UnreachableHealthFactor extends Error {
  constructor(
    /** Row of the starting book. */
    readonly row: number,
    readonly healthFactor: number,
  ) {
    super(`no collateral gives a health factor of ${healthFactor}`);
  }
}

export class OptionVenue {
  readonly kind = 'options' as const;
  readonly account: number;
  readonly writersAccount: number;
  readonly buyersAccount: number;
  readonly series: SeriesList;
  readonly accounts: OptionAccounts;
  readonly surface: VolSurface;
  readonly auctions = new AuctionBook();
  readonly totals: OptionTotals = newOptionTotals();
  /** Venue account of the counterparty of the starting book (always long). */
  readonly counterparty = 0;
  /** Venue accounts of the starting book: [firstBook, firstBook + bookCount). */
  readonly firstBook = 1;
  readonly bookCount: number;
  /** Per series, refreshed by `mark`: mark, delta, implied volatility, per-contract short margins. */
  readonly marks: Float64Array;
  readonly deltas: Float64Array;
  readonly vols: Float64Array;
  readonly shortInitial: Float64Array;
  readonly shortMaintenance: Float64Array;
  /** Per series × scenario: value change of one contract (portfolio rule only). */
  private readonly scenarioPnl: Float64Array;
  private readonly scenarioMove: Float64Array;
  /** Per scenario: −1 volatility down, 0 unchanged, +1 up. */
  private readonly scenarioVol: Int8Array;
  private readonly scratch: Float64Array;
  /** 1 once a series has been cash-settled, at this index price. */
  readonly settled: Uint8Array;
  readonly settlementPrice: Float64Array;
  /** The underlying's index price (oracle) at the last mark. */
  spot = 0;
  /** Seconds since the start at the last mark. */
  now = 0;
  step = 0;
  /** Accounts under maintenance since the last mark (check `accounts.underMaintenance`: some may have recovered). */
  readonly liquidatableList: Int32Array;
  liquidatableCount = 0;
  private readonly listed: Uint8Array;
  /** Settlement tokens written off (bad debt) or drained: Σ cash = tokens held + this. */
  writtenOff = 0;
  /** Underlying drained: Σ coin = tokens held + this. */
  drainedCoin = 0;
  /** What exploits drained, USD when drained (a booked loss). */
  drainedUsd = 0;
  /** Largest the books have been, the scale their rounding is judged at. */
  peakCash = 0;
  peakCoin = 0;
  /** Venue account of each ledger account (−1: none). */
  private readonly byLedger: Int32Array;
  private configuredAt = -Infinity;

  constructor(
    readonly id: string,
    readonly params: OptionVenueParams,
    rows: OptionBookRows,
    /** Ledger accounts of the agents that hold accounts here (liquidators, vaults, market makers). */
    agentLedgerAccounts: readonly number[],
    /** The underlying's price at the start (reference), which the starting book is drawn at. */
    startSpot: number,
    ledger: LedgerLike,
    ledgerAccountCount: number,
  ) {
    this.account = ledger.account(`protocol:${id}`);
    this.writersAccount = ledger.account(`writers:${id}`);
    this.buyersAccount = ledger.account(`buyers:${id}`);
    this.series = new SeriesList(params.strikes, params.expiries);
    const n = this.series.count;
    this.bookCount = rows.series.length;
    const caps = [n, ...rows.series.map(() => 1), ...agentLedgerAccounts.map(() => n)];
    this.accounts = new OptionAccounts(caps);
    this.byLedger = new Int32Array(ledgerAccountCount).fill(-1);
    agentLedgerAccounts.forEach((l, k) => (this.byLedger[l] = this.firstBook + this.bookCount + k));
    this.surface = new VolSurface(params.surface, params.dt);
    this.marks = new Float64Array(n);
    this.deltas = new Float64Array(n);
    this.vols = new Float64Array(n);
    this.shortInitial = new Float64Array(n);
    this.shortMaintenance = new Float64Array(n);
    const J = scenarioCount(params.grid);
    this.scenarioPnl = new Float64Array(params.rule === 'portfolio' ? n * J : 0);
    this.scenarioMove = Float64Array.from({ length: J }, (_, j) => scenarioOf(params.grid, j).spotMove);
    this.scenarioVol = Int8Array.from({ length: J }, (_, j) => scenarioOf(params.grid, j).vol);
    this.scratch = new Float64Array(J);
    this.settled = new Uint8Array(n);
    this.settlementPrice = new Float64Array(n);
    this.liquidatableList = new Int32Array(this.accounts.count);
    this.listed = new Uint8Array(this.accounts.count);
    this.openBook(rows, startSpot, ledger);
    // the books before the first step (a start.json, a balance sheet) read the accounts as drawn
    this.assessAll();
  }

  /**
   * The opening balance sheet: each drawn account sells its contracts to the counterparty at the
   * mark, with collateral such that equity / maintenance margin is its drawn health factor; the
   * sellers bring the collateral and the counterparty the premium from outside the world.
   */
  private openBook(rows: OptionBookRows, S0: number, ledger: LedgerLike): void {
    this.spot = S0;
    this.markSeries();
    const acc = this.accounts;
    let cash = 0;
    let coin = 0;
    let premium = 0;
    for (let k = 0; k < this.bookCount; k++) {
      const a = this.firstBook + k;
      const s = rows.series[k];
      const q = rows.contracts[k];
      acc.add(a, s, -q);
      acc.add(this.counterparty, s, q);
      premium += q * this.marks[s];
      acc.cash[a] = q * this.marks[s];
      // collateral c with equity = hf · MM; with coin under the portfolio rule MM moves with c, a
      // contraction for any sane hf (the coin's own loss is at most 16 % of it), so iterate
      let c = 0;
      let converged = false;
      for (let it = 0; it < 200 && !converged; it++) {
        if (rows.coin[k]) acc.coin[a] = c;
        else acc.cash[a] = q * this.marks[s] + c;
        this.evaluate(a);
        const next = (rows.healthFactor[k] * this.evaluated.maintenance) / (rows.coin[k] ? S0 : 1);
        converged = Math.abs(next - c) <= 1e-12 * Math.max(1, next);
        c = next;
      }
      if (!converged || !Number.isFinite(c)) throw new UnreachableHealthFactor(k, rows.healthFactor[k]);
      if (rows.coin[k]) {
        acc.coin[a] = c;
        coin += c;
      } else {
        acc.cash[a] = q * this.marks[s] + c;
        cash += c;
      }
    }
    const U = this.params.underlying;
    const Z = this.params.settlement;
    ledger.mint(this.writersAccount, Z, cash);
    ledger.mint(this.writersAccount, U, coin);
    ledger.mint(this.buyersAccount, Z, premium);
    ledger.transfer(this.writersAccount, this.account, Z, cash);
    ledger.transfer(this.writersAccount, this.account, U, coin);
    ledger.transfer(this.buyersAccount, this.account, Z, premium);
    this.peakCash = cash + premium;
    this.peakCoin = coin;
  }

  /** The venue account of a ledger account (an agent's), or −1 when it has none here. */
  accountOf(ledgerAccount: number): number {
    return ledgerAccount >= 0 && ledgerAccount < this.byLedger.length ? this.byLedger[ledgerAccount] : -1;
  }

  /** Years from now to series s's expiry. */
  yearsLeft(s: number): number {
    return (this.series.expiry[s] - this.now) / SECONDS_PER_YEAR;
  }

  /** Marks every series at the current spot and time; with the portfolio rule, the grid too. */
  private markSeries(): void {
    const sr = this.series;
    const S = this.spot;
    const { rate, rule, standard, grid } = this.params;
    const J = this.scenarioMove.length;
    for (let s = 0; s < sr.count; s++) {
      const type = sr.type(s);
      const K = sr.strike[s];
      const T = this.yearsLeft(s);
      let m: number;
      if (T > 0) {
        const v = this.surface.vol(S, K, T);
        const g = bsm({ type, spot: S, strike: K, expiry: T, rate, vol: v });
        m = g.price;
        this.deltas[s] = g.delta;
        this.vols[s] = v;
      } else {
        m = type === 'call' ? Math.max(S - K, 0) : Math.max(K - S, 0);
        this.deltas[s] = m > 0 ? (type === 'call' ? 1 : -1) : 0;
        this.vols[s] = 0;
      }
      this.marks[s] = m;
      this.shortInitial[s] = shortInitialMargin(type, S, K, m, standard);
      this.shortMaintenance[s] = shortMaintenanceMargin(type, S, K, m, standard);
      if (rule === 'portfolio') {
        for (let j = 0; j < J; j++) {
          const v1 = T > 0 ? this.vols[s] * volFactor(grid, this.scenarioVol[j] as -1 | 0 | 1, T) : 0;
          this.scenarioPnl[s * J + j] = contractValue(type, S * (1 + this.scenarioMove[j]), K, T, rate, v1) - m;
        }
      }
    }
  }

  /** What `evaluate` found for the account it was last asked about (no array is written). */
  readonly evaluated = { equity: 0, initial: 0, maintenance: 0, worst: -1 };

  /** Equity, initial and maintenance margin of account a at the last marks, into `evaluated`. */
  evaluate(a: number): void {
    const acc = this.accounts;
    const S = this.spot;
    let equity = acc.cash[a] + acc.coin[a] * S;
    const start = acc.legStart[a];
    const end = start + acc.legCount[a];
    let im = 0;
    let mm = 0;
    let worst = -1;
    for (let l = start; l < end; l++) equity += acc.legSize[l] * this.marks[acc.legSeries[l]];
    if (this.params.rule === 'standard') {
      for (let l = start; l < end; l++) {
        const q = acc.legSize[l];
        if (q >= 0) continue;
        const s = acc.legSeries[l];
        im -= q * this.shortInitial[s];
        mm -= q * this.shortMaintenance[s];
      }
    } else {
      const J = this.scenarioMove.length;
      const pnl = this.scratch;
      const coinUsd = acc.coin[a] * S;
      for (let j = 0; j < J; j++) pnl[j] = coinUsd * this.scenarioMove[j];
      for (let l = start; l < end; l++) {
        const q = acc.legSize[l];
        const base = acc.legSeries[l] * J;
        for (let j = 0; j < J; j++) pnl[j] += q * this.scenarioPnl[base + j];
      }
      let loss = 0;
      for (let j = 0; j < J; j++) {
        if (-pnl[j] > loss) {
          loss = -pnl[j];
          worst = j;
        }
      }
      im = loss;
      mm = this.params.grid.maintenanceFactor * loss;
    }
    const e = this.evaluated;
    e.equity = equity;
    e.initial = im;
    e.maintenance = mm;
    e.worst = worst;
  }

  /**
   * Whether account a can carry what it holds after a trade that took its cash from `cashBefore`:
   * equity at or above its initial margin, and what it paid paid from cash it has (longs and coin
   * are bought with cash, not on credit: Deribit asks the premium up front).
   */
  canCarry(a: number, cashBefore: number): boolean {
    this.evaluate(a);
    const cash = this.accounts.cash[a];
    return this.evaluated.equity >= this.evaluated.initial && (cash >= 0 || cash >= cashBefore);
  }

  /**
   * Stores account a's equity and margins at the last marks, and whether it is under maintenance
   * (entering the list when it newly is).
   */
  assess(a: number): void {
    this.evaluate(a);
    const acc = this.accounts;
    const e = this.evaluated;
    acc.equity[a] = e.equity;
    acc.initial[a] = e.initial;
    acc.maintenance[a] = e.maintenance;
    acc.worst[a] = e.worst;
    const under = e.equity < e.maintenance ? 1 : 0;
    if (under && !acc.underMaintenance[a]) acc.since[a] = this.step;
    acc.underMaintenance[a] = under;
    if (under && !this.listed[a]) {
      this.listed[a] = 1;
      this.liquidatableList[this.liquidatableCount++] = a;
    }
  }

  /** Assesses every account and rebuilds the list of those under maintenance. */
  assessAll(): void {
    this.listed.fill(0);
    this.liquidatableCount = 0;
    for (let a = 0; a < this.accounts.count; a++) this.assess(a);
  }

  /** Nothing accrues: no funding, no interest on cash (the marks carry time decay). */
  accrue(): void {}

  /**
   * The step's marks: the surface observes the underlying's reference price (its forecast and
   * drawdown move), every series is marked at the index price (the venue's oracle), and every
   * account is assessed. Marking opens the step, so the step's tallies start again here.
   */
  mark(ctx: Pick<StepContext, 'now' | 'step' | 'oraclePrices' | 'reference'>): void {
    this.now = ctx.now;
    this.step = ctx.step;
    this.totals.stepLiquidations = 0;
    this.totals.stepLiquidatedUsd = 0;
    this.surface.observe(ctx.reference[this.params.underlying]);
    this.spot = ctx.oraclePrices[this.params.oracle];
    this.markSeries();
    this.assessAll();
    const t = this.totals;
    t.peakAtmVol = Math.max(t.peakAtmVol, this.surface.atmVol(0));
    t.peakSkew = Math.max(t.peakSkew, this.surface.skewSlope);
  }

  /** Liabilities of the accounts under maintenance: Σ short contracts × mark, USD. */
  get liquidatableDebtUsd(): number {
    const acc = this.accounts;
    let usd = 0;
    for (let k = 0; k < this.liquidatableCount; k++) {
      const a = this.liquidatableList[k];
      if (!acc.underMaintenance[a]) continue;
      const start = acc.legStart[a];
      for (let l = start; l < start + acc.legCount[a]; l++) if (acc.legSize[l] < 0) usd -= acc.legSize[l] * this.marks[acc.legSeries[l]];
    }
    return usd;
  }

  /** Net delta of account a's positions and coin, in units of the underlying (its hedge route not included). */
  accountDelta(a: number): number {
    const acc = this.accounts;
    let d = acc.coin[a];
    const start = acc.legStart[a];
    for (let l = start; l < start + acc.legCount[a]; l++) d += acc.legSize[l] * this.deltas[acc.legSeries[l]];
    return d;
  }

  /** Total short contracts open (the open interest). */
  openInterest(): number {
    const acc = this.accounts;
    let oi = 0;
    for (let a = 0; a < acc.count; a++) {
      const start = acc.legStart[a];
      for (let l = start; l < start + acc.legCount[a]; l++) if (acc.legSize[l] < 0) oi -= acc.legSize[l];
    }
    return oi;
  }

  /** Tokens of collateral the venue holds, USD at the index price (the stablecoin at par). */
  collateralUsd(): number {
    const acc = this.accounts;
    let v = 0;
    for (let a = 0; a < acc.count; a++) v += acc.cash[a] + acc.coin[a] * this.spot;
    return v - this.writtenOff - this.drainedCoin * this.spot;
  }

  /**
   * Moves q contracts of series s from `from` to `to` (q > 0: `to` becomes longer by q) at
   * `price` per contract, paid by `to` to `from`.
   */
  trade(from: number, to: number, s: number, q: number, price: number): void {
    const acc = this.accounts;
    acc.add(from, s, -q);
    acc.add(to, s, q);
    acc.cash[from] += q * price;
    acc.cash[to] -= q * price;
  }

  /** Applies a deposit, withdrawal, take-over, hedge or auction transaction (settlement.ts). */
  apply(tx: OptionTransaction, ctx: TxContext): void {
    applyOptionTx(this, tx, ctx);
  }

  transactionKey(tx: OptionTransaction): string {
    return optionTxSubject(tx);
  }

  /**
   * At the end of a step: series that expired are settled at the index price, auctions that
   * ended are cleared, accounts left with debt and nothing else have it written off; then every
   * account is assessed again and the step's peak measured.
   */
  settleDue(ctx: StepContext): void {
    let changed = settleExpiries(this, ctx);
    changed = this.auctions.clearDue(this, ctx) || changed;
    changed = recogniseBadDebt(this, ctx) || changed;
    if (changed) this.assessAll();
    const t = this.totals;
    t.peakLiquidatableDebtUsd = Math.max(t.peakLiquidatableDebtUsd, this.liquidatableDebtUsd);
  }

  balanceSheet(): { assets: number; liabilities: number; booked: number } {
    return optionBalanceSheet(this);
  }

  obligations(): { liabilities: number; booked: number } {
    return optionObligations(this);
  }

  drain(exploit: { share: number; asset: number; to: number }, ctx: LedgerContext): { asset: number; amount: number }[] {
    return drainOptionVenue(this, exploit.share, exploit.asset, exploit.to, ctx.ledger);
  }

  private checkTarget(target: string): void {
    if (target !== this.params.underlyingId) throw new Error(`unknown target "${target}" of ${this.id} (expected its underlying, ${this.params.underlyingId})`);
  }

  /** The venue's configurable parameters (configure.ts), by its underlying's id. */
  parameters(target: string): Record<string, number> {
    this.checkTarget(target);
    return venueParameters(this.params);
  }

  lastConfiguredAt(target: string): number {
    this.checkTarget(target);
    return this.configuredAt;
  }

  /** Applies a governance change of the margin rule's shares or the liquidation terms; every account is assessed again. */
  configure(target: string, params: Record<string, number>, ctx: Pick<StepContext, 'now'>): void {
    this.checkTarget(target);
    const next = checkVenueChange(this.params, params);
    const p = this.params as { -readonly [K in keyof OptionVenueParams]: OptionVenueParams[K] };
    p.standard = { initial: next.initialMargin, initialFloor: next.initialMarginFloor, maintenance: next.maintenanceMargin };
    p.discount = next.liquidationDiscount;
    p.maxShare = next.maxLiquidationShare;
    this.markSeries();
    this.assessAll();
    this.configuredAt = ctx.now;
  }

  /**
   * The timeseries.csv columns of an option venue:
   *   <id>.collateralUsd       collateral tokens held, USD at the index price
   *   <id>.atmVol              implied volatility of an option expiring now (the forecast × premium)
   *   <id>.skew                the surface's skew slope
   *   <id>.openInterest        short contracts open
   *   <id>.underMaintenance    accounts whose equity is below their maintenance margin
   *   <id>.liquidatableDebtUsd mark value of their short positions
   *   <id>.liquidations        take-overs this step
   *   <id>.liquidatedUsd       paid to liquidators this step, USD
   *   <id>.badDebtUsd          written off so far (cumulative), USD
   */
  metrics(): { column: string; read(): number }[] {
    const t = this.totals;
    const acc = this.accounts;
    return [
      { column: `${this.id}.collateralUsd`, read: () => this.collateralUsd() },
      { column: `${this.id}.atmVol`, read: () => this.surface.atmVol(0) },
      { column: `${this.id}.skew`, read: () => this.surface.skewSlope },
      { column: `${this.id}.openInterest`, read: () => this.openInterest() },
      {
        column: `${this.id}.underMaintenance`,
        read: () => {
          let n = 0;
          for (let a = 0; a < acc.count; a++) n += acc.underMaintenance[a];
          return n;
        },
      },
      { column: `${this.id}.liquidatableDebtUsd`, read: () => this.liquidatableDebtUsd },
      { column: `${this.id}.liquidations`, read: () => t.stepLiquidations },
      { column: `${this.id}.liquidatedUsd`, read: () => t.stepLiquidatedUsd },
      { column: `${this.id}.badDebtUsd`, read: () => t.badDebtUsd },
    ];
  }

  figures(): {
    liquidatedUsd: number;
    liquidations: number;
    debtRepaidUsd: number;
    badDebtUsd: number;
    peakLiquidatableDebtUsd: number;
    firstBadDebtStep: number;
    extra: Record<string, unknown>;
  } {
    const t = this.totals;
    return {
      liquidatedUsd: t.liquidatedUsd,
      liquidations: t.liquidations,
      debtRepaidUsd: t.debtRepaidUsd,
      badDebtUsd: t.badDebtUsd,
      peakLiquidatableDebtUsd: t.peakLiquidatableDebtUsd,
      firstBadDebtStep: t.firstBadDebtStep,
      extra: {
        settledAtExpiry: t.settledUsd,
        expiries: t.expiries,
        auctions: { cleared: t.auctionsCleared, contracts: t.auctionContracts, premium: t.auctionPremiumUsd },
        hedged: { bought: t.hedgeBought, sold: t.hedgeSold },
        peakAtmVol: t.peakAtmVol,
        peakSkew: t.peakSkew,
      },
    };
  }

  /** Invariant violations of the venue's books against the ledger (empty when all hold). */
  checkInvariants(ledger: LedgerLike): string[] {
    const problems: string[] = [];
    const acc = this.accounts;
    const n = this.series.count;
    const open = new Float64Array(n);
    const gross = new Float64Array(n);
    let cash = 0;
    let coin = 0;
    for (let a = 0; a < acc.count; a++) {
      if (acc.coin[a] < -1e-9 * Math.max(1, this.peakCoin)) problems.push(`${this.id}: account ${a} holds ${acc.coin[a]} coin`);
      if (acc.legCount[a] > acc.legCap[a] || acc.legCount[a] < 0) problems.push(`${this.id}: account ${a} has ${acc.legCount[a]} legs`);
      cash += acc.cash[a];
      coin += acc.coin[a];
      const start = acc.legStart[a];
      for (let l = start; l < start + acc.legCount[a]; l++) {
        const s = acc.legSeries[l];
        if (this.settled[s]) problems.push(`${this.id}: account ${a} still holds settled series ${this.series.label(s)}`);
        open[s] += acc.legSize[l];
        gross[s] += Math.abs(acc.legSize[l]);
      }
      if (problems.length > 5) return problems;
    }
    // every long has its short: open interest nets to zero in each series
    for (let s = 0; s < n; s++) if (Math.abs(open[s]) > 1e-9 * Math.max(1, gross[s])) problems.push(`${this.id}: series ${this.series.label(s)} nets to ${open[s]} contracts`);
    const close = (x: number, y: number, scale: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, scale, Math.abs(x), Math.abs(y));
    const heldCash = ledger.balance(this.account, this.params.settlement);
    const heldCoin = ledger.balance(this.account, this.params.underlying);
    if (!close(heldCash + this.writtenOff, cash, this.peakCash)) problems.push(`${this.id}: holds ${heldCash} ${this.params.settlementId} + ${this.writtenOff} written off, accounts say ${cash}`);
    if (!close(heldCoin + this.drainedCoin, coin, this.peakCoin)) problems.push(`${this.id}: holds ${heldCoin} ${this.params.underlyingId} + ${this.drainedCoin} drained, accounts say ${coin}`);
    return problems;
  }
}
