/**
 * The cross-margined accounts of one lending market: their book (CSR rows, accountBook.ts), the
 * index that says which are liquidatable (accountIndex.ts), and the settlement of a liquidation
 * call on one (debt, collateral) pair under the market's rules (rules/: Aave v3 or Compound v2).
 * The market owns the reserves, the prices and the ledger account; this part adds its balances
 * to the reserves' totals, so cash, utilisation, interest and the market's invariants cover the
 * accounts and the single-asset positions alike, and moves tokens only through the ledger.
 */
import type { LedgerLike } from '../context.js';
import type { ReserveState } from '../lendingMarket.js';
import type { LendingTotals } from '../lendingTotals.js';
import { AccountBook } from './accountBook.js';
import { accountDebtUsd, accountHealth } from './accountHealth.js';
import { AccountIndex } from './accountIndex.js';
import type { AccountRows } from './accountRows.js';
import { AccountRules, type AccountLiquidation } from './accountRules.js';

export type LendingRules = 'aave-v3' | 'compound-v2';

export interface AccountLiquidationResult extends AccountLiquidation {
  /** USD value of debt booked as bad debt by this call (0 if none). */
  badDebtUsd: number;
}

export class CrossMarginedAccounts {
  readonly book: AccountBook;
  readonly index: AccountIndex;
  /** Per reserve, this step: P · LT (the collateral's weight in a health factor) and P · borrow index (the scaled debt's). */
  readonly collateralWeight: Float64Array;
  readonly debtWeight: Float64Array;
  /** The amounts of a call under the market's rules. */
  readonly rules: AccountRules;
  private step = 0;

  constructor(
    rows: AccountRows,
    private readonly reserves: ReserveState[],
    /** The market's oracle price per reserve (its own array: read, never written here). */
    private readonly price: Float64Array,
    private readonly totals: LendingTotals,
    /** The market's ledger account. */
    private readonly account: number,
    private readonly dust: number,
    rules: LendingRules,
    terms: { closeFactor: number; closeFactorHealthFactor: number },
  ) {
    const b = (this.book = new AccountBook(rows));
    for (let k = 0; k < b.entries; k++) {
      reserves[b.reserve[k]].totalCollateral += b.collateral[k];
      reserves[b.reserve[k]].totalScaledDebt += b.scaledDebt[k];
    }
    this.index = new AccountIndex(b, reserves.length);
    this.collateralWeight = new Float64Array(reserves.length);
    this.debtWeight = new Float64Array(reserves.length);
    this.rules = new AccountRules(rules, terms, reserves, price);
  }

  /** The step's weights from the market's prices and borrow indices; the liquidatable set follows. */
  mark(step: number, thresholdsChanged = false): void {
    this.step = step;
    for (let r = 0; r < this.reserves.length; r++) {
      this.collateralWeight[r] = this.price[r] * this.reserves[r].liquidationThreshold;
      this.debtWeight[r] = this.price[r] * this.reserves[r].borrowIndex;
    }
    this.rules.refresh();
    this.index.setWeights(this.collateralWeight, this.debtWeight, step, thresholdsChanged);
  }

  get liquidatable(): Int32Array {
    return this.index.zone.list;
  }

  get liquidatableCount(): number {
    return this.index.zone.count;
  }

  /** Step at which a liquidatable account became so (valid while it is a member). */
  get liquidatableSince(): Int32Array {
    return this.index.zone.since;
  }

  healthFactor(a: number): number {
    return accountHealth(this.book, a, this.collateralWeight, this.debtWeight);
  }

  debtUsd(a: number): number {
    return accountDebtUsd(this.book, a, this.debtWeight);
  }

  /** USD debt (oracle prices) of the liquidatable accounts: O(reserves), from the zone's sums. */
  get liquidatableDebtUsd(): number {
    let usd = 0;
    const sums = this.index.zone.scaledDebt;
    for (let r = 0; r < sums.length; r++) usd += sums[r] * this.debtWeight[r];
    return usd;
  }

  /**
   * The amounts of a call on account a repaying up to `requested` tokens of reserve `debtReserve`
   * and seizing reserve `collateralReserve`, at the marked prices, nothing changed.
   */
  preview(a: number, debtReserve: number, collateralReserve: number, requested: number): AccountLiquidation {
    return this.rules.amounts(this.book, a, debtReserve, collateralReserve, requested);
  }

  /**
   * Settles a liquidation call by `liquidator` (a ledger account) on account a: the rules' amounts
   * within the liquidator's balance; the liquidator pays the debt tokens in and receives its share
   * of the collateral, and a protocol fee, if the rules take one, stays with the reserve's lenders
   * (added to its cash). An account left with debt and no collateral worth the dust has all its
   * debt booked as bad debt, once.
   */
  liquidate(a: number, debtReserve: number, collateralReserve: number, requested: number, liquidator: number, ledger: LedgerLike): AccountLiquidationResult {
    const b = this.book;
    const debtRes = this.reserves[debtReserve];
    const collRes = this.reserves[collateralReserve];
    if (b.closed[a]) return { ...this.rules.none(), badDebtUsd: 0 };
    const x = this.rules.amounts(b, a, debtReserve, collateralReserve, Math.min(requested, ledger.balance(liquidator, debtRes.asset)));
    if (!(x.debtRepaid > 0)) return { ...x, badDebtUsd: 0 };
    const dk = b.entryOf(a, debtReserve);
    const ck = b.entryOf(a, collateralReserve);
    ledger.transfer(liquidator, this.account, debtRes.asset, x.debtRepaid);
    ledger.transfer(this.account, liquidator, collRes.asset, x.liquidatorCollateral);
    const scaled = Math.min(b.scaledDebt[dk], x.debtRepaid / debtRes.borrowIndex);
    b.scaledDebt[dk] -= scaled;
    debtRes.totalScaledDebt -= scaled;
    debtRes.cash += x.debtRepaid;
    b.collateral[ck] -= x.collateralSeized;
    collRes.totalCollateral -= x.collateralSeized;
    collRes.cash += x.protocolFee;
    if (b.collateral[ck] < 1e-12 * x.collateralSeized) {
      // rounding must not leave a sliver of collateral that keeps the account alive
      collRes.totalCollateral -= b.collateral[ck];
      ledger.transfer(this.account, liquidator, collRes.asset, b.collateral[ck]);
      b.collateral[ck] = 0;
    }
    this.totals.liquidations++;
    const badDebtUsd = this.recogniseBadDebt(a);
    this.index.refile(a, this.collateralWeight, this.debtWeight, this.step);
    return { ...x, badDebtUsd };
  }

  /** Books every debt of an account with no collateral left (worth less than the dust) as bad debt: once, then closes it. */
  private recogniseBadDebt(a: number): number {
    const b = this.book;
    let backing = 0;
    let owed = 0;
    for (let k = b.start[a]; k < b.start[a + 1]; k++) {
      if (b.usedAsCollateral[k] === 1) backing += b.collateral[k] * this.price[b.reserve[k]];
      owed += b.scaledDebt[k];
    }
    if (b.closed[a] || !(owed > 0) || backing >= this.dust) return 0;
    let usd = 0;
    for (let k = b.start[a]; k < b.start[a + 1]; k++) {
      if (!(b.scaledDebt[k] > 0)) continue;
      const res = this.reserves[b.reserve[k]];
      const tokens = b.scaledDebt[k] * res.borrowIndex;
      usd += tokens * this.price[b.reserve[k]];
      res.totalScaledDebt -= b.scaledDebt[k];
      res.badDebt += tokens;
      b.scaledDebt[k] = 0;
    }
    b.closed[a] = 1;
    this.totals.badDebtUsd += usd;
    return usd;
  }

  /** Adds the accounts' collateral and scaled debt per reserve into the two arrays (the market's invariants). */
  addTotals(collateral: Float64Array, scaledDebt: Float64Array): void {
    const b = this.book;
    for (let k = 0; k < b.entries; k++) {
      collateral[b.reserve[k]] += b.collateral[k];
      scaledDebt[b.reserve[k]] += b.scaledDebt[k];
    }
  }

  /** What the accounts are worth to the lenders (balance sheet): per account min(debt, collateral used), USD at oracle prices. */
  securedDebtUsd(): number {
    const b = this.book;
    let usd = 0;
    for (let a = 0; a < b.count; a++) {
      let backing = 0;
      let owed = 0;
      for (let k = b.start[a]; k < b.start[a + 1]; k++) {
        const r = b.reserve[k];
        if (b.usedAsCollateral[k] === 1) backing += b.collateral[k] * this.price[r];
        owed += b.scaledDebt[k] * this.debtWeight[r];
      }
      usd += Math.min(owed, backing);
    }
    return usd;
  }

  /** Invariant violations of the accounts: negative balances, debt on a closed account, the index against a full scan. */
  check(marketId: string, pricesMarked: boolean): string[] {
    const problems: string[] = [];
    const b = this.book;
    for (let a = 0; a < b.count && problems.length <= 5; a++) {
      for (let k = b.start[a]; k < b.start[a + 1]; k++) {
        if (b.collateral[k] < 0) problems.push(`${marketId}: account ${b.name(a)} has negative collateral ${b.collateral[k]} of ${this.reserves[b.reserve[k]].assetId}`);
        if (b.scaledDebt[k] < -1e-9) problems.push(`${marketId}: account ${b.name(a)} has negative debt ${b.scaledDebt[k]} of ${this.reserves[b.reserve[k]].assetId}`);
        if (b.closed[a] && b.scaledDebt[k] !== 0) problems.push(`${marketId}: closed account ${b.name(a)} still has debt`);
      }
      if (!pricesMarked) continue;
      // the index must agree with a full scan of every account's health factor
      let backing = 0;
      let owed = 0;
      for (let k = b.start[a]; k < b.start[a + 1]; k++) {
        const r = b.reserve[k];
        if (b.usedAsCollateral[k] === 1) backing += b.collateral[k] * this.price[r] * this.reserves[r].liquidationThreshold;
        owed += b.scaledDebt[k] * this.price[r] * this.reserves[r].borrowIndex;
      }
      const scanned = backing < owed;
      const borderline = Math.abs(backing - owed) <= 1e-9 * Math.max(backing, owed);
      if (scanned !== (this.index.zone.member[a] === 1) && !borderline)
        problems.push(`${marketId}: account ${b.name(a)} has HF ${backing / owed} but the index says ${scanned ? 'healthy' : 'liquidatable'}`);
    }
    return problems;
  }
}
