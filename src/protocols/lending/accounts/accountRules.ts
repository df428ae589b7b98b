/**
 * Between the book and the rules: the pure functions of rules/ (Aave v3's liquidationCall,
 * Compound v2's liquidateBorrow) read an account as entries with debt in tokens and the reserves'
 * terms as arrays. This copies one account's entries out of the CSR book (debt unscaled by the
 * borrow index) into a scratch row, keeps the terms arrays in step with the market's reserves
 * (governance changes them), and asks the market's rules for the amounts of a call.
 *
 * Compound's contract has no "as much as allowed": a liquidator asks for a repayment and the call
 * fails above the close factor or when it would seize more than the balance. A request here is cut
 * to the most allowed (compoundMaxRepay) first, less 1e-12 of it, so that rounding in the seize
 * amount cannot make the largest allowed call fail.
 */
import type { ReserveState } from '../lendingMarket.js';
import type { AccountBook } from './accountBook.js';
import type { LendingRules } from './crossMarginedAccounts.js';
import { type AaveRules, AAVE_V3, aaveLiquidationCall } from './rules/aaveV3.js';
import { type CompoundRules, COMPOUND_V2_NOV_2020, compoundLiquidateBorrow, compoundMaxRepay } from './rules/compoundV2.js';
import { type LiquidationOutcome, newLiquidationOutcome, refuse } from './rules/outcome.js';
import type { AccountEntries, ReserveTerms } from './rules/accountRows.js';
import type { LiquidationRules } from './rules/liquidatorChoice.js';
import { twoStepLiquidation } from './rules/twoStepLiquidation.js';

export type AccountLiquidation = LiquidationOutcome;

export class AccountRules {
  /** One account's entries, as the rules read them (filled by `load`). */
  readonly entries: { reserve: Uint8Array; collateral: Float64Array; debt: Float64Array; usedAsCollateral: Uint8Array } & AccountEntries;
  readonly terms: ReserveTerms & { liquidationThreshold: Float64Array; ltv: Float64Array; liquidationBonus: Float64Array };
  private readonly aave: AaveRules;
  /** Compound's rules per collateral reserve: its incentive is the reserve's 1 + bonus. */
  private readonly compound: CompoundRules[];
  private readonly out = newLiquidationOutcome();
  /** Per reserve, its entry in the loaded account, or −1. */
  readonly entryAt: Int32Array;
  /** The scratch row's length. */
  private length = 0;

  constructor(
    readonly kind: LendingRules,
    market: { closeFactor: number; closeFactorHealthFactor: number },
    private readonly reserves: ReserveState[],
    price: Float64Array,
  ) {
    const n = reserves.length;
    this.entryAt = new Int32Array(n).fill(-1);
    this.entries = { reserve: new Uint8Array(n), collateral: new Float64Array(n), debt: new Float64Array(n), usedAsCollateral: new Uint8Array(n) };
    this.terms = { price, liquidationThreshold: new Float64Array(n), ltv: new Float64Array(n), liquidationBonus: new Float64Array(n), protocolFee: new Float64Array(n) };
    this.aave = { ...AAVE_V3, closeFactor: market.closeFactor, fullCloseHealthFactor: market.closeFactorHealthFactor };
    this.compound = reserves.map((r) => ({ ...COMPOUND_V2_NOV_2020, closeFactor: market.closeFactor, liquidationIncentive: 1 + r.liquidationBonus }));
    this.terms.liquidationBonus.set(reserves.map((r) => r.liquidationBonus));
    this.refresh();
  }

  /** The reserves' thresholds, LTVs and bonuses as they are now (after a governance change). */
  refresh(): void {
    for (let r = 0; r < this.reserves.length; r++) {
      const res = this.reserves[r];
      this.terms.liquidationThreshold[r] = res.liquidationThreshold;
      this.terms.ltv[r] = res.ltv;
      if (this.terms.liquidationBonus[r] !== res.liquidationBonus) {
        this.terms.liquidationBonus[r] = res.liquidationBonus;
        this.compound[r] = { ...this.compound[r], liquidationIncentive: 1 + res.liquidationBonus };
      }
    }
  }

  /** A call that does nothing (on a closed account). */
  none(): AccountLiquidation {
    return { ...refuse(this.out, 'no-debt', Infinity) };
  }

  /**
   * Copies account a's entries into `entries` (debt in tokens: scaled debt × borrow index) and
   * returns how many there are; `entryAt[r]` is then the entry of reserve r, or −1.
   */
  load(book: AccountBook, a: number): number {
    const e = this.entries;
    for (let j = 0; j < this.length; j++) this.entryAt[e.reserve[j]] = -1;
    this.length = 0;
    for (let k = book.start[a]; k < book.start[a + 1]; k++) {
      const j = this.length++;
      const r = book.reserve[k];
      e.reserve[j] = r;
      e.collateral[j] = book.collateral[k];
      e.debt[j] = book.scaledDebt[k] * this.reserves[r].borrowIndex;
      e.usedAsCollateral[j] = book.usedAsCollateral[k];
      this.entryAt[r] = j;
    }
    return this.length;
  }

  /** The rules that apply when reserve c's collateral is seized (Compound: its incentive). */
  rulesFor(c: number): LiquidationRules {
    return this.kind === 'aave-v3' ? this.aave : this.compound[c];
  }

  /**
   * Qin et al.'s first step on account a and the pair: the debt tokens that leave the account just
   * still liquidatable (rules/twoStepLiquidation.ts), 0 when no first step fits.
   */
  firstStepRepay(book: AccountBook, a: number, debtReserve: number, collateralReserve: number): number {
    const n = this.load(book, a);
    const d = this.entryAt[debtReserve];
    const c = this.entryAt[collateralReserve];
    if (d < 0 || c < 0) return 0;
    const plan = twoStepLiquidation(this.entries, 0, n, this.terms, this.rulesFor(collateralReserve), d, c);
    return plan.first.status === 'ok' && plan.second.status === 'ok' ? plan.first.debtRepaid : 0;
  }

  /**
   * The amounts of a call on account a repaying up to `requested` tokens of `debtReserve` and
   * seizing `collateralReserve`, at the prices of the market's price array. The object returned
   * is reused by the next call.
   */
  amounts(book: AccountBook, a: number, debtReserve: number, collateralReserve: number, requested: number): AccountLiquidation {
    const e = this.entries;
    this.load(book, a);
    const debtAt = this.entryAt[debtReserve];
    const collateralAt = this.entryAt[collateralReserve];
    if (debtAt < 0) return refuse(this.out, 'no-debt', Infinity);
    if (collateralAt < 0) return refuse(this.out, 'collateral-not-enabled', Infinity);
    if (this.kind === 'aave-v3') return aaveLiquidationCall(e, 0, this.length, this.terms, debtAt, collateralAt, requested, this.out, this.aave);
    const rules = this.compound[collateralReserve];
    const repay = Math.min(requested, compoundMaxRepay(e, this.terms, debtAt, collateralAt, rules) * (1 - 1e-12));
    return compoundLiquidateBorrow(e, 0, this.length, this.terms, debtAt, collateralAt, repay, this.out, rules);
  }
}
