/**
 * An Aave-like lending market: reserves with LTV, liquidation threshold, bonus, caps and a
 * utilisation rate curve; positions in a typed-array book; the per-step health scan; and the
 * settlement of liquidation calls, top-ups and repayments that agents submit. It moves tokens
 * only through the ledger, so every change of a balance has two sides.
 *
 * It implements the simulator's protocol contract (src/sim/protocol.ts) with the parts in their
 * own files: `settlement.ts` (transactions), `books.ts` (balance sheet, exploit), `configure.ts`
 * (governance changes), `lendingTotals.ts` (what it counts); `context.ts` declares what it uses
 * of the simulator.
 */
import { borrowRate, utilisation, type RateCurve } from './interestRate.js';
import { LiquidationIndex, liquidationKey, type Zone } from './liquidationIndex.js';
import type { Candidates } from './candidates.js';
import { liquidationAmounts, type LiquidationAmounts, type LiquidationTerms } from './liquidationCall.js';
import { PositionBook, type PositionRows } from './positions.js';
import { storageOrder } from './storageOrder.js';
import type { LedgerContext, LedgerLike, StepContext, TxContext } from './context.js';
import type { LendingTransaction } from './transactions.js';
import { applyLendingTx, lendingTxSubject } from './settlement.js';
import { drainLending, lendingBalanceSheet, lendingObligations } from './books.js';
import { checkReserveChange, reserveParameters } from './configure.js';
import { newLendingTotals, type LendingTotals } from './lendingTotals.js';
import { CrossMarginedAccounts, type LendingRules } from './accounts/crossMarginedAccounts.js';
import type { AccountRows } from './accounts/accountRows.js';

const SECONDS_PER_YEAR = 365 * 86400;
/**
 * The most ids whose slots a market remembers (a power of two): a crash step at 3M positions
 * names more than 8,192 positions between the agents' turns and settlement, which overwrote
 * remembered pairs before they were read; with 65,536 the −40 % crash at 3M took 1–8 % less CPU
 * in four paired runs. A smaller book remembers as many as it has positions, rounded up.
 */
const MOST_RECENT = 65536;

/** The power of two at least n (and at least 16), at most MOST_RECENT. */
function recentSize(n: number): number {
  let size = 16;
  while (size < n && size < MOST_RECENT) size *= 2;
  return size;
}

export interface ReserveParams {
  /** World asset index. */
  asset: number;
  assetId: string;
  /** World oracle index. */
  oracle: number;
  ltv: number;
  liquidationThreshold: number;
  liquidationBonus: number;
  supply: number;
  supplyCap?: number;
  borrowCap?: number;
  rate: RateCurve;
}

export interface ReserveState extends ReserveParams {
  /** Collateral tokens held for positions. */
  totalCollateral: number;
  /** Σ scaled debt of positions borrowing this asset. */
  totalScaledDebt: number;
  borrowIndex: number;
  /** Tokens of this asset held by the market and not lent out. */
  cash: number;
  /** Debt tokens written off as bad debt. */
  badDebt: number;
  /** Cash drained by exploits: still owed to the lenders. */
  drained: number;
  /**
   * The largest the collateral and scaled-debt totals have been: running totals carry rounding
   * of that order after many updates, so the books are compared at that scale.
   */
  peakCollateral: number;
  peakScaledDebt: number;
}

/**
 * A reserve's state at the start, every field named (not spread from the parameters): each
 * path's worlds then build their reserves with one object shape, and the engine's compiled code,
 * which checks that shape, is not thrown away and compiled again for every new world.
 */
function reserveState(r: ReserveParams): ReserveState {
  return {
    asset: r.asset,
    assetId: r.assetId,
    oracle: r.oracle,
    ltv: r.ltv,
    liquidationThreshold: r.liquidationThreshold,
    liquidationBonus: r.liquidationBonus,
    supply: r.supply,
    supplyCap: r.supplyCap,
    borrowCap: r.borrowCap,
    rate: r.rate,
    totalCollateral: 0,
    totalScaledDebt: 0,
    borrowIndex: 1,
    cash: 0,
    badDebt: 0,
    drained: 0,
    peakCollateral: 0,
    peakScaledDebt: 0,
  };
}

/**
 * A collateral reserve's liquidation terms, its fields always written in one order: a spread
 * (`{ ...terms, liquidationBonus }`) gave each path's objects a hidden class of their own, and
 * every liquidation priced against a new one threw V8's optimised code away.
 */
function reserveTerms(terms: Omit<LiquidationTerms, 'liquidationBonus'>, liquidationBonus: number): LiquidationTerms {
  return { closeFactor: terms.closeFactor, closeFactorHealthFactor: terms.closeFactorHealthFactor, liquidationBonus };
}

export interface LiquidationResult {
  debtRepaid: number;
  collateralSeized: number;
  /** USD value of debt booked as bad debt by this call (0 if none). */
  badDebtUsd: number;
}

export class LendingMarket {
  readonly kind = 'lending' as const;
  readonly reserves: ReserveState[];
  readonly book: PositionBook;
  readonly account: number;
  /** The borrowers' own wallets: where borrowed tokens go and top-ups come from. */
  readonly borrowersAccount: number;
  /** Positions by liquidation price: which are liquidatable, or under the watch level, and since when. */
  readonly index: LiquidationIndex;
  private readonly liquidatableZone: Zone;
  private readonly watchZone: Zone;
  /** Per reserve, refreshed by `mark`: the oracle price. */
  readonly price: Float64Array;
  /** The step being simulated (set by `mark`), stamped on zone entries caused by settlement. */
  private step = 0;
  /** False until the first `mark`: before it there are no prices to check the index against. */
  private pricesMarked = false;
  /** Where `liquidate` has its amounts computed, one object for every call. */
  private readonly amounts: LiquidationAmounts = { debtRepaid: 0, collateralSeized: 0 };
  /** Liquidation terms per collateral reserve (close factor and that reserve's bonus). */
  private readonly reserveTerms: LiquidationTerms[];
  /** What it has counted over the run and in the current step. */
  readonly totals: LendingTotals = newLendingTotals();
  /**
   * Ids recently named by `positionId` and their slots, direct-mapped by the id's low bits: a
   * crash settles thousands of transactions a step, each naming its position by id, and the
   * whole map is megabytes that the position's own data is not near. Slots never change, so a
   * remembered pair is always right.
   */
  private readonly recentId: Int32Array;
  private readonly recentSlot: Int32Array;
  /** recentId's length − 1: an id's entry is `id & recentMask`. */
  private readonly recentMask: number;
  /** Seconds of interest accrued so far (the sum of `accrue`'s steps). */
  private clock = 0;
  /**
   * Per reserve, the time its borrow index was last brought up to (Aave's lastUpdateTimestamp):
   * equal to `clock` unless a rate change accrued it mid-step.
   */
  private readonly accruedTo: Float64Array;
  /** Per reserve, the time of its last applied `configure` (−∞ if never). */
  private readonly configuredAt: Float64Array;
  /**
   * Lenders' shares per reserve: the passive lenders hold `supply` shares from the start, agents
   * that supply buy more at the share price (cash + debt) / shares, so interest raises a share's
   * value and bad debt or a drain lowers it (lenders bear them).
   */
  readonly lenderShares: Float64Array;
  /** Shares of each agent that supplied, by its ledger account. */
  private readonly deposits = new Map<number, Float64Array>();
  /** Cross-margined accounts (accounts/), or null when the market has none. */
  readonly accounts: CrossMarginedAccounts | null;

  constructor(
    readonly id: string,
    reserves: ReserveParams[],
    rows: PositionRows,
    readonly terms: Omit<LiquidationTerms, 'liquidationBonus'>,
    /** Collateral worth less than this (USD) counts as none left. */
    readonly dust: number,
    /** The highest health factor at which some borrower cohort reacts (1 when none). */
    readonly watchLevel: number,
    ledger: LedgerLike,
    /** Cross-margined accounts, and whose rules liquidate them. */
    accountRows: AccountRows | null = null,
    rules: LendingRules = 'aave-v3',
  ) {
    this.account = ledger.account(`protocol:${id}`);
    this.borrowersAccount = ledger.account(`borrowers:${id}`);
    const n = rows.collateral.length;
    const byId = new Float64Array(n);
    for (let i = 0; i < n; i++) byId[i] = liquidationKey(rows.collateral[i], rows.debt[i], reserves[rows.collateralReserve[i]].liquidationThreshold);
    const b = (this.book = new PositionBook(n));
    this.recentId = new Int32Array(recentSize(n)).fill(-1);
    this.recentSlot = new Int32Array(this.recentId.length);
    this.recentMask = this.recentId.length - 1;
    b.id.set(storageOrder(rows.collateralReserve, rows.debtReserve, byId));
    const keys = new Float64Array(n);
    for (let s = 0; s < n; s++) {
      const id = b.id[s];
      b.slot[id] = s;
      b.collateralReserve[s] = rows.collateralReserve[id];
      b.debtReserve[s] = rows.debtReserve[id];
      b.collateral[s] = rows.collateral[id];
      b.scaledDebt[s] = rows.debt[id]; // the borrow index starts at 1
      if (rows.owner) b.owner[s] = rows.owner[id];
      keys[s] = byId[id];
    }
    this.reserves = reserves.map(reserveState);
    for (let i = 0; i < n; i++) {
      this.reserves[rows.collateralReserve[i]].totalCollateral += rows.collateral[i];
      this.reserves[rows.debtReserve[i]].totalScaledDebt += rows.debt[i];
    }
    this.reserveTerms = reserves.map((r) => reserveTerms(terms, r.liquidationBonus));
    this.price = new Float64Array(reserves.length);
    this.accounts = accountRows ? new CrossMarginedAccounts(accountRows, this.reserves, this.price, this.totals, this.account, dust, rules, terms) : null;
    this.accruedTo = new Float64Array(reserves.length);
    this.configuredAt = new Float64Array(reserves.length).fill(-Infinity);
    this.lenderShares = Float64Array.from(reserves, (r) => r.supply);
    this.index = new LiquidationIndex(b.collateralReserve, b.debtReserve, watchLevel, b.cohort);
    // linked in id order, so that each bucket lists its positions as it did before positions had slots
    this.index.build(keys, b.scaledDebt, b.slot);
    [this.liquidatableZone, this.watchZone] = this.index.zones;
    // the opening balance sheet: lenders supply, borrowers deposit collateral and draw their loans
    for (const r of this.reserves) {
      r.peakCollateral = r.totalCollateral;
      r.peakScaledDebt = r.totalScaledDebt;
      const supply = r.supply;
      ledger.mint(this.account, r.asset, supply);
      ledger.mint(this.borrowersAccount, r.asset, r.totalCollateral);
      ledger.transfer(this.borrowersAccount, this.account, r.asset, r.totalCollateral);
      ledger.transfer(this.account, this.borrowersAccount, r.asset, r.totalScaledDebt);
      r.cash = supply - r.totalScaledDebt;
    }
  }

  /**
   * The id (row among the drawn or read positions) of the position at slot i: what transactions
   * and outputs name. The pair is remembered (recentId), so that settling the transaction an agent
   * is naming it for finds its slot without a trip into the whole id → slot map.
   */
  positionId(i: number): number {
    const id = this.book.id[i];
    const h = id & this.recentMask;
    this.recentId[h] = id;
    this.recentSlot[h] = i;
    return id;
  }

  /**
   * The slot of position `id`: where the book's arrays, the index and the zone lists hold it. An id
   * the market does not have is an agent's bug, refused by name: −1 used to find the empty
   * remembered entries (ids −1, slots 0) and settle on the position at slot 0.
   */
  slotOf(id: number): number {
    if (!((id | 0) === id && id >= 0 && id < this.book.count)) throw new Error(`lending market ${this.id} has no position ${id} (ids run from 0 to ${this.book.count - 1})`);
    const h = id & this.recentMask;
    return this.recentId[h] === id ? this.recentSlot[h] : this.book.slot[id];
  }

  debtTokens(i: number): number {
    return this.book.scaledDebt[i] * this.reserves[this.book.debtReserve[i]].borrowIndex;
  }

  healthFactor(i: number): number {
    const b = this.book;
    const c = this.reserves[b.collateralReserve[i]];
    const debtUsd = this.debtTokens(i) * this.price[b.debtReserve[i]];
    return debtUsd > 0 ? (b.collateral[i] * this.price[b.collateralReserve[i]] * c.liquidationThreshold) / debtUsd : Infinity;
  }

  /**
   * Interest for one step: each reserve's borrow index grows at its utilisation-dependent rate,
   * over the step, or over what is left of it when a rate change accrued the reserve mid-step.
   */
  accrue(ctx: Pick<StepContext, 'dt'>): void {
    const dt = ctx.dt;
    const now = this.clock + dt;
    for (let k = 0; k < this.reserves.length; k++) {
      // the common case takes `dt` itself, so runs without rate changes keep their exact numbers
      const elapsed = this.accruedTo[k] === this.clock ? dt : now - this.accruedTo[k];
      this.accrueReserve(k, elapsed);
      this.accruedTo[k] = now;
    }
    this.clock = now;
  }

  private accrueReserve(k: number, elapsed: number): void {
    const r = this.reserves[k];
    const debt = r.totalScaledDebt * r.borrowIndex;
    r.borrowIndex *= 1 + (borrowRate(r.rate, utilisation(debt, r.cash)) * elapsed) / SECONDS_PER_YEAR;
  }

  /** Liquidatable positions (health factor < 1) after the last mark: the first `liquidatableCount` entries. */
  get liquidatable(): Int32Array {
    return this.liquidatableZone.list;
  }

  get liquidatableCount(): number {
    return this.liquidatableZone.count;
  }

  /** Positions a borrower cohort looks after, under the watch level (the highest level a cohort acts at). */
  get watch(): Int32Array {
    return this.watchZone.list;
  }

  get watchCount(): number {
    return this.watchZone.count;
  }

  /**
   * Beside each of the first `liquidatableCount` entries of `liquidatable`, what liquidators read
   * of every candidate, in list order (candidates.ts).
   */
  get liquidatableEntries(): Candidates {
    return this.liquidatableZone.entries!;
  }

  /** Step at which a liquidatable position became so (valid while it is a member). */
  get liquidatableSince(): Int32Array {
    return this.liquidatableZone.since;
  }

  get watchSince(): Int32Array {
    return this.watchZone.since;
  }

  isWatched(i: number): boolean {
    return this.watchZone.member[i] === 1;
  }

  /** Append-only log of (position, step) pairs entering the watch zone (cohorts' positions only), for event-driven agents. */
  get watchLog(): { log: Int32Array; length: number } {
    return { log: this.watchZone.log, length: this.watchZone.logLength };
  }

  /**
   * With this step's oracle prices (indexed by world oracle), moves each (collateral, debt)
   * pair's market level; the index updates only the positions whose zone that changes. Marking
   * opens the step, so the step's liquidation tallies start again here.
   */
  mark(ctx: Pick<StepContext, 'step' | 'oraclePrices'>): void {
    const { step, oraclePrices } = ctx;
    this.step = step;
    this.pricesMarked = true;
    this.totals.stepLiquidations = 0;
    this.totals.stepLiquidatedUsd = 0;
    for (let r = 0; r < this.reserves.length; r++) this.price[r] = oraclePrices[this.reserves[r].oracle];
    this.relevel();
    this.liquidatableZone.entries!.tighten(this.liquidatableZone.count);
    this.accounts?.mark(step);
  }

  /** Each pair's market level P_c / (P_d · borrow index) at the marked prices and current indices. */
  private relevel(): void {
    // loops, not forEach: these run several times a step, and each callback was an allocation
    const pairs = this.index.pairs;
    for (let p = 0; p < pairs.length; p++) {
      const pair = pairs[p];
      const debtValue = this.price[pair.debt] * this.reserves[pair.debt].borrowIndex;
      this.index.setLevel(p, this.price[pair.collateral] / debtValue, this.step);
    }
  }

  /** USD debt (at oracle prices) of the positions liquidatable now: O(pairs), from the zone's sums. */
  get liquidatableDebtUsd(): number {
    let usd = 0;
    const pairs = this.index.pairs;
    for (let p = 0; p < pairs.length; p++) {
      const pair = pairs[p];
      usd += this.liquidatableZone.scaledDebt[p] * this.price[pair.debt] * this.reserves[pair.debt].borrowIndex;
    }
    if (this.accounts) usd += this.accounts.liquidatableDebtUsd;
    return usd;
  }

  /** Re-files position i in the index after its collateral or debt changed (its scaled debt was `scaledDebtBefore`). */
  private reindex(i: number, scaledDebtBefore: number): void {
    const b = this.book;
    this.index.update(i, liquidationKey(b.collateral[i], b.scaledDebt[i], this.reserves[b.collateralReserve[i]].liquidationThreshold), scaledDebtBefore, this.step);
  }

  /**
   * Collateral a liquidation asking to repay `requested` debt tokens would seize, at current oracle
   * prices; written into `out` when given (a bot previews thousands of calls a step), else a new object.
   */
  previewLiquidation(i: number, requested = Infinity, out?: LiquidationAmounts): LiquidationAmounts {
    const b = this.book;
    const cr = b.collateralReserve[i];
    return liquidationAmounts(b.collateral[i], this.price[cr], this.reserves[cr].liquidationThreshold, this.debtTokens(i), this.price[b.debtReserve[i]], this.reserveTerms[cr], requested, out);
  }

  /**
   * Settles a liquidation call by `liquidator` (a ledger account) on position i. The repayment is
   * limited by the close factor, the collateral left and the liquidator's balance; a position left
   * with debt and no collateral has its debt booked as bad debt, once. What happened is written
   * into `out` when given (settlement passes the same object for every call), else a new object.
   */
  liquidate(i: number, requested: number, liquidator: number, ledger: LedgerLike, out: LiquidationResult = { debtRepaid: 0, collateralSeized: 0, badDebtUsd: 0 }): LiquidationResult {
    const b = this.book;
    out.debtRepaid = 0;
    out.collateralSeized = 0;
    out.badDebtUsd = 0;
    if (b.closed[i]) return out;
    const cr = b.collateralReserve[i];
    const dr = b.debtReserve[i];
    const debtRes = this.reserves[dr];
    const collRes = this.reserves[cr];
    const balance = ledger.balance(liquidator, debtRes.asset);
    const { debtRepaid, collateralSeized } = this.previewLiquidation(i, Math.min(requested, balance), this.amounts);
    if (!(debtRepaid > 0)) return out;
    const scaledDebtBefore = b.scaledDebt[i];
    ledger.transfer(liquidator, this.account, debtRes.asset, debtRepaid);
    ledger.transfer(this.account, liquidator, collRes.asset, collateralSeized);
    const scaled = Math.min(b.scaledDebt[i], debtRepaid / debtRes.borrowIndex);
    b.scaledDebt[i] -= scaled;
    debtRes.totalScaledDebt -= scaled;
    debtRes.cash += debtRepaid;
    b.collateral[i] -= collateralSeized;
    collRes.totalCollateral -= collateralSeized;
    if (b.collateral[i] < 1e-12 * collateralSeized) {
      // rounding must not leave a sliver of collateral that keeps the position alive
      collRes.totalCollateral -= b.collateral[i];
      ledger.transfer(this.account, liquidator, collRes.asset, b.collateral[i]);
      b.collateral[i] = 0;
    }
    this.totals.liquidations++;
    const badDebtUsd = this.recogniseBadDebt(i);
    this.reindex(i, scaledDebtBefore);
    out.debtRepaid = debtRepaid;
    out.collateralSeized = collateralSeized;
    out.badDebtUsd = badDebtUsd;
    return out;
  }

  /** Books the debt of a position with no collateral left as bad debt: once, then closes it. */
  private recogniseBadDebt(i: number): number {
    const b = this.book;
    if (b.closed[i] || b.scaledDebt[i] <= 0) return 0;
    const cr = b.collateralReserve[i];
    if (b.collateral[i] > 0 && b.collateral[i] * this.price[cr] >= this.dust) return 0;
    const dr = b.debtReserve[i];
    const res = this.reserves[dr];
    const tokens = b.scaledDebt[i] * res.borrowIndex;
    const usd = tokens * this.price[dr];
    res.totalScaledDebt -= b.scaledDebt[i];
    res.badDebt += tokens;
    b.scaledDebt[i] = 0;
    b.closed[i] = 1;
    this.totals.badDebtUsd += usd;
    return usd;
  }

  /**
   * A borrower adds collateral (capped by the supply cap): from outside the modelled world, or,
   * for a position an agent owns, from that agent's account `from` (no one else may).
   */
  topUp(i: number, amount: number, ledger: LedgerLike, from = -1): number {
    const b = this.book;
    if (b.closed[i] || !(amount > 0)) return 0;
    const owner = b.owner[i];
    if (owner >= 0 && from !== owner) return 0;
    const res = this.reserves[b.collateralReserve[i]];
    const headroom = res.supplyCap === undefined ? Infinity : res.supplyCap - res.totalCollateral - res.supply;
    const wallet = owner >= 0 ? ledger.balance(owner, res.asset) : Infinity;
    const added = Math.max(0, Math.min(amount, headroom, wallet));
    if (added <= 0) return 0;
    if (owner >= 0) ledger.transfer(owner, this.account, res.asset, added);
    else ledger.mintThrough(this.borrowersAccount, this.account, res.asset, added);
    b.collateral[i] += added;
    res.totalCollateral += added;
    res.peakCollateral = Math.max(res.peakCollateral, res.totalCollateral);
    this.reindex(i, b.scaledDebt[i]);
    return added;
  }

  /** A borrower repays debt: with tokens from outside the world, or from the owning agent's account `from`. */
  repay(i: number, amount: number, ledger: LedgerLike, from = -1): number {
    const b = this.book;
    if (b.closed[i] || !(amount > 0)) return 0;
    const owner = b.owner[i];
    if (owner >= 0 && from !== owner) return 0;
    const res = this.reserves[b.debtReserve[i]];
    const wallet = owner >= 0 ? ledger.balance(owner, res.asset) : Infinity;
    const repaid = Math.min(amount, this.debtTokens(i), wallet);
    if (owner >= 0 && !(repaid > 0)) return 0;
    if (owner >= 0) ledger.transfer(owner, this.account, res.asset, repaid);
    else ledger.mintThrough(this.borrowersAccount, this.account, res.asset, repaid);
    const scaledDebtBefore = b.scaledDebt[i];
    const scaled = Math.min(scaledDebtBefore, repaid / res.borrowIndex);
    b.scaledDebt[i] -= scaled;
    res.totalScaledDebt -= scaled;
    res.cash += repaid;
    this.reindex(i, scaledDebtBefore);
    return repaid;
  }

  /**
   * Collateral the owner of position i may withdraw now: all of it without debt, else as much as
   * leaves the health factor at 1 at the marked oracle prices (Aave's Pool refuses a withdrawal
   * that would make the position liquidatable).
   */
  withdrawable(i: number): number {
    const b = this.book;
    if (b.closed[i]) return 0;
    const debtUsd = this.debtTokens(i) * this.price[b.debtReserve[i]];
    if (!(debtUsd > 0)) return b.collateral[i];
    const cr = b.collateralReserve[i];
    const backing = this.price[cr] * this.reserves[cr].liquidationThreshold;
    return backing > 0 ? Math.max(0, b.collateral[i] - debtUsd / backing) : 0;
  }

  /**
   * Debt tokens the owner of position i may still borrow: its collateral at the oracle price × the
   * reserve's LTV less its debt (Aave's borrowing power), within the reserve's cash and borrow cap.
   */
  borrowable(i: number): number {
    const b = this.book;
    if (b.closed[i]) return 0;
    const cr = b.collateralReserve[i];
    const dr = b.debtReserve[i];
    const res = this.reserves[dr];
    const power = (b.collateral[i] * this.price[cr] * this.reserves[cr].ltv) / this.price[dr] - this.debtTokens(i);
    const capRoom = res.borrowCap === undefined ? Infinity : res.borrowCap - res.totalScaledDebt * res.borrowIndex;
    const room = Math.min(power, res.cash, capRoom);
    return this.pricesMarked && room > 0 ? room : 0;
  }

  /** The owner `to` takes up to `amount` collateral tokens out of its position i (see `withdrawable`). */
  withdraw(i: number, amount: number, to: number, ledger: LedgerLike): number {
    const b = this.book;
    if (b.owner[i] < 0 || to !== b.owner[i] || !(amount > 0)) return 0;
    const taken = Math.min(amount, this.withdrawable(i));
    if (!(taken > 0)) return 0;
    const res = this.reserves[b.collateralReserve[i]];
    b.collateral[i] -= taken;
    res.totalCollateral -= taken;
    ledger.transfer(this.account, to, res.asset, taken);
    this.reindex(i, b.scaledDebt[i]);
    return taken;
  }

  /** The owner `to` borrows up to `amount` debt tokens against its position i (see `borrowable`). */
  borrow(i: number, amount: number, to: number, ledger: LedgerLike): number {
    const b = this.book;
    if (b.owner[i] < 0 || to !== b.owner[i] || !(amount > 0)) return 0;
    const lent = Math.min(amount, this.borrowable(i));
    if (!(lent > 0)) return 0;
    const res = this.reserves[b.debtReserve[i]];
    const scaled = lent / res.borrowIndex;
    const scaledDebtBefore = b.scaledDebt[i];
    b.scaledDebt[i] += scaled;
    res.totalScaledDebt += scaled;
    res.peakScaledDebt = Math.max(res.peakScaledDebt, res.totalScaledDebt);
    res.cash -= lent;
    ledger.transfer(this.account, to, res.asset, lent);
    this.reindex(i, scaledDebtBefore);
    return lent;
  }

  /** Value of one lender share of reserve k, in tokens: (cash + debt) / shares (1 at the start). */
  sharePrice(k: number): number {
    const r = this.reserves[k];
    const shares = this.lenderShares[k];
    return shares > 0 ? (r.cash + r.totalScaledDebt * r.borrowIndex) / shares : 1;
  }

  /** Tokens of reserve k that ledger account `lender` may claim (its shares at the share price). */
  supplied(k: number, lender: number): number {
    const d = this.deposits.get(lender);
    return d ? d[k] * this.sharePrice(k) : 0;
  }

  /** A lender supplies up to `amount` tokens of reserve k (its balance, the supply cap); returns what it supplied. */
  supply(k: number, amount: number, lender: number, ledger: LedgerLike): number {
    const r = this.reserves[k];
    if (!r || !(amount > 0)) return 0;
    const headroom = r.supplyCap === undefined ? Infinity : r.supplyCap - r.totalCollateral - r.supply;
    const x = Math.max(0, Math.min(amount, ledger.balance(lender, r.asset), headroom));
    if (!(x > 0)) return 0;
    const shares = x / this.sharePrice(k);
    ledger.transfer(lender, this.account, r.asset, x);
    r.cash += x;
    r.supply += x;
    this.lenderShares[k] += shares;
    let d = this.deposits.get(lender);
    if (!d) {
      d = new Float64Array(this.reserves.length);
      this.deposits.set(lender, d);
    }
    d[k] += shares;
    return x;
  }

  /** A lender redeems (withdraws) up to `amount` tokens of reserve k: at most its claim and the reserve's cash; returns what it withdrew. */
  redeem(k: number, amount: number, lender: number, ledger: LedgerLike): number {
    const r = this.reserves[k];
    const d = this.deposits.get(lender);
    if (!r || !d || !(amount > 0)) return 0;
    const price = this.sharePrice(k);
    const x = Math.max(0, Math.min(amount, d[k] * price, r.cash));
    if (!(x > 0)) return 0;
    const shares = Math.min(d[k], x / price);
    d[k] -= shares;
    this.lenderShares[k] -= shares;
    r.cash -= x;
    r.supply = Math.max(0, r.supply - x);
    ledger.transfer(this.account, lender, r.asset, x);
    return x;
  }

  collateralUsd(): number {
    let v = 0;
    for (let r = 0; r < this.reserves.length; r++) v += this.reserves[r].totalCollateral * this.price[r];
    return v;
  }

  debtUsd(): number {
    let v = 0;
    for (let r = 0; r < this.reserves.length; r++) v += this.reserves[r].totalScaledDebt * this.reserves[r].borrowIndex * this.price[r];
    return v;
  }

  /** Applies a liquidation call, top-up, repayment, supply or withdrawal (settlement.ts). */
  apply(tx: LendingTransaction, ctx: TxContext): void {
    applyLendingTx(this, tx, ctx);
  }

  transactionKey(tx: LendingTransaction): string {
    return lendingTxSubject(tx);
  }

  /** Nothing falls due in a lending market; the step's end is where its peak is measured. */
  settleDue(): void {
    const t = this.totals;
    t.peakLiquidatableDebtUsd = Math.max(t.peakLiquidatableDebtUsd, this.liquidatableDebtUsd);
  }

  balanceSheet(): { assets: number; liabilities: number; booked: number } {
    return lendingBalanceSheet(this);
  }

  obligations(): { liabilities: number; booked: number } {
    return lendingObligations(this);
  }

  drain(exploit: { share: number; asset: number; to: number }, ctx: LedgerContext): { asset: number; amount: number }[] {
    return drainLending(this, exploit.share, exploit.asset, exploit.to, ctx.ledger);
  }

  /** Index of the reserve of asset `target` (its id), or an Error naming what exists. */
  private reserveIndex(target: string): number {
    const k = this.reserves.findIndex((r) => r.assetId === target);
    if (k < 0) throw new Error(`unknown reserve "${target}" of ${this.id} (expected one of ${this.reserves.map((r) => r.assetId).join(', ')})`);
    return k;
  }

  /** The reserve's configurable parameters (configure.ts); caps without a limit read Infinity. */
  parameters(target: string): Record<string, number> {
    return reserveParameters(this.reserves[this.reserveIndex(target)]);
  }

  /** Time (seconds) of the last change applied to the reserve, −∞ if none. */
  lastConfiguredAt(target: string): number {
    return this.configuredAt[this.reserveIndex(target)];
  }

  /**
   * Applies a governance change to the reserve of asset `target` at time `ctx.now` (Aave's
   * PoolConfigurator): LTV, liquidation threshold and bonus, caps, the rate curve. Throws,
   * changing nothing, when the change is invalid (configure.ts). A new rate curve applies from
   * `now`: the reserve's interest is accrued to `now` at the old one first. A new threshold
   * moves every position against this collateral to its new key L = scaled debt / (collateral ·
   * LT), at the step last marked, so the liquidation index stays exact (one pass over the book:
   * governance changes are rare).
   */
  configure(target: string, params: Record<string, number>, ctx: Pick<StepContext, 'now'>): void {
    const now = ctx.now;
    const k = this.reserveIndex(target);
    const r = this.reserves[k];
    const next = checkReserveChange(r, params);
    if (Object.keys(params).some((key) => key.startsWith('rate.')) && now > this.accruedTo[k]) {
      this.accrueReserve(k, now - this.accruedTo[k]);
      this.accruedTo[k] = now;
      if (this.pricesMarked) this.relevel();
    }
    const thresholdChanged = next.liquidationThreshold !== r.liquidationThreshold;
    r.ltv = next.ltv;
    r.liquidationThreshold = next.liquidationThreshold;
    r.liquidationBonus = next.liquidationBonus;
    r.supplyCap = next.supplyCap === Infinity ? undefined : next.supplyCap;
    r.borrowCap = next.borrowCap === Infinity ? undefined : next.borrowCap;
    r.rate = { base: next['rate.base'], slope1: next['rate.slope1'], slope2: next['rate.slope2'], optimalUtilisation: next['rate.optimalUtilisation'] };
    this.reserveTerms[k] = reserveTerms(this.terms, r.liquidationBonus);
    if (thresholdChanged) {
      const b = this.book;
      // in id order: re-filing links each position to the front of its bucket
      for (let id = 0; id < b.count; id++) if (b.collateralReserve[b.slot[id]] === k) this.reindex(b.slot[id], b.scaledDebt[b.slot[id]]);
    }
    // accounts' health factors weigh every reserve's threshold: a new one re-references their index
    if (this.accounts && this.pricesMarked) this.accounts.mark(this.step, thresholdChanged);
    this.configuredAt[k] = now;
  }

  /**
   * The timeseries.csv columns of a lending market:
   *   <id>.collateralUsd          collateral held, at the market's oracle prices
   *   <id>.debtUsd                debt outstanding, at oracle prices
   *   <id>.liquidatableDebtUsd    debt of positions with health factor < 1 at the end of the step
   *   <id>.liquidations           liquidation calls settled this step
   *   <id>.liquidatedUsd          collateral seized this step, at reference prices
   *   <id>.badDebtUsd             bad debt booked so far (cumulative), USD at booking
   */
  metrics(): { column: string; read(): number }[] {
    const t = this.totals;
    return [
      { column: `${this.id}.collateralUsd`, read: () => this.collateralUsd() },
      { column: `${this.id}.debtUsd`, read: () => this.debtUsd() },
      { column: `${this.id}.liquidatableDebtUsd`, read: () => this.liquidatableDebtUsd },
      { column: `${this.id}.liquidations`, read: () => t.stepLiquidations },
      { column: `${this.id}.liquidatedUsd`, read: () => t.stepLiquidatedUsd },
      { column: `${this.id}.badDebtUsd`, read: () => t.badDebtUsd },
    ];
  }

  figures(): { liquidatedUsd: number; liquidations: number; debtRepaidUsd: number; badDebtUsd: number; peakLiquidatableDebtUsd: number; firstBadDebtStep: number } {
    const t = this.totals;
    return {
      liquidatedUsd: t.liquidatedUsd,
      liquidations: t.liquidations,
      debtRepaidUsd: t.debtRepaidUsd,
      badDebtUsd: t.badDebtUsd,
      peakLiquidatableDebtUsd: t.peakLiquidatableDebtUsd,
      firstBadDebtStep: t.firstBadDebtStep,
    };
  }

  /** Invariant violations of this market's books against the ledger (empty when all hold). */
  checkInvariants(ledger: LedgerLike): string[] {
    const problems: string[] = [];
    const b = this.book;
    const coll = new Float64Array(this.reserves.length);
    const debt = new Float64Array(this.reserves.length);
    // in id order, as the positions were drawn: the sums and the first problems named do not depend on the layout
    for (let id = 0; id < b.count; id++) {
      const i = b.slot[id];
      if (b.collateral[i] < 0) problems.push(`${this.id}: position ${id} has negative collateral ${b.collateral[i]}`);
      if (b.scaledDebt[i] < -1e-9) problems.push(`${this.id}: position ${id} has negative debt ${b.scaledDebt[i]}`);
      if (b.closed[i] && b.scaledDebt[i] !== 0) problems.push(`${this.id}: closed position ${id} still has debt`);
      coll[b.collateralReserve[i]] += b.collateral[i];
      debt[b.debtReserve[i]] += b.scaledDebt[i];
      if (problems.length > 5) return problems;
    }
    if (this.accounts) {
      this.accounts.addTotals(coll, debt);
      problems.push(...this.accounts.check(this.id, this.pricesMarked));
      if (problems.length > 5) return problems;
    }
    // the index must agree with a full scan of every position's health factor, and each zone's
    // sum of its members' scaled debt per pair with what they owe now (a re-filing told a wrong
    // `scaledDebtBefore` would leave it off)
    const pairs = this.index.pairs.length;
    const inZone = [new Float64Array(pairs), new Float64Array(pairs)];
    for (let id = 0; id < b.count; id++) {
      const i = b.slot[id];
      const q = this.index.pairOf[i];
      for (let z = 0; z < 2; z++) if (this.index.zones[z].member[i] === 1) inZone[z][q] += b.scaledDebt[i];
      const cr = b.collateralReserve[i];
      const lhs = b.collateral[i] * this.price[cr] * this.reserves[cr].liquidationThreshold;
      const rhs = b.scaledDebt[i] * this.price[b.debtReserve[i]] * this.reserves[b.debtReserve[i]].borrowIndex;
      const scanned = lhs < rhs;
      const borderline = Math.abs(lhs - rhs) <= 1e-9 * Math.max(lhs, rhs);
      if (scanned !== (this.liquidatableZone.member[i] === 1) && !borderline && this.pricesMarked) {
        problems.push(`${this.id}: position ${id} has HF ${lhs / rhs} but the index says ${scanned ? 'healthy' : 'liquidatable'}`);
        if (problems.length > 5) return problems;
      }
    }
    const close = (a: number, c: number, scale: number) => Math.abs(a - c) <= 1e-9 * Math.max(1, scale, Math.abs(a), Math.abs(c));
    for (let z = 0; z < 2; z++) {
      for (let q = 0; q < pairs; q++) {
        const held = this.index.zones[z].scaledDebt[q];
        // to rounding on the largest debt the sum has carried: what is left of it once members leave
        if (!close(held, inZone[z][q], this.reserves[this.index.pairs[q].debt].peakScaledDebt))
          problems.push(`${this.id}: the ${z === 0 ? 'liquidatable' : 'watch'} zone counts ${held} scaled debt on pair ${q}, its members owe ${inZone[z][q]}`);
      }
    }
    for (let r = 0; r < this.reserves.length; r++) {
      const res = this.reserves[r];
      if (!close(coll[r], res.totalCollateral, res.peakCollateral)) problems.push(`${this.id}.${res.assetId}: collateral ${res.totalCollateral} ≠ Σ positions ${coll[r]}`);
      if (!close(debt[r], res.totalScaledDebt, res.peakScaledDebt)) problems.push(`${this.id}.${res.assetId}: debt ${res.totalScaledDebt} ≠ Σ positions ${debt[r]}`);
      const held = ledger.balance(this.account, res.asset);
      if (!close(held, res.totalCollateral + res.cash, res.peakCollateral + res.supply)) problems.push(`${this.id}.${res.assetId}: holds ${held} tokens, books say ${res.totalCollateral + res.cash}`);
    }
    return problems;
  }
}
