/**
 * A liquidation bot's look at a lending market's cross-margined accounts (the liquidator's part for
 * them; agents/liquidator.ts hands it the step's gas, budget and the sales it has planned). Like
 * the look at single-asset positions it examines a bounded number of liquidatable accounts from a
 * random place in the market's list, after its reaction latency. On each it tries every (debt,
 * collateral) pair the rules allow (rules/liquidatorChoice.ts: the largest call on the pair; or,
 * with `accountStrategy: two-step`, Qin et al.'s two calls, rules/twoStepLiquidation.ts), within its
 * capital, and prices the seized collateral on the venue that pays most for it after the sales it
 * has planned this step, the same asset on both sides needing no sale. The pair that pays most
 * after gas, by at least `minProfit`, is submitted, with the venue to sell on.
 */
import type { LiquidatorSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { type AccountLiquidationTx, type LendingMarket, maxLiquidationAt, ruleHealthFactor, newLiquidationOutcome, seizable, twoStepLiquidation } from './protocolKinds.js';
import type { Rng } from '../src/util/rng.js';

/** How many accounts a bot examines per step for each liquidation it may submit. */
const EXAMINED_PER_SLOT = 4;

export interface SaleRoute {
  collateralAsset: number;
  debtAsset: number;
  venues: number[];
}

/** The liquidator's sales this step: the best venue for one more sale, and what it pays. */
export interface SaleDesk {
  /** The best venue for `amount` more of the route's collateral (−1: none pays); its proceeds in `proceeds`. */
  bestSale(view: WorldView, route: SaleRoute, amount: number): number;
  readonly proceeds: number;
  plan(venue: number, asset: number, amount: number): void;
}

/** The step's terms the liquidator shares with this look, and what it has left. */
export interface StepBudget {
  gasUsd: number;
  gasPrice: number;
  gasNative: number;
  nativeLeft: number;
  latencySteps: number;
  /** Liquidations it may still submit this step. */
  slots: number;
  /** Capital committed this step, per asset (shared with the positions' look). */
  spent: Float64Array;
}

export class AccountLiquidator {
  /** Per (collateral reserve, debt reserve): the assets and the venues that trade them. */
  private readonly routes: SaleRoute[];
  private readonly reserves: number;
  private readonly trial = newLiquidationOutcome();

  constructor(
    private readonly market: LendingMarket,
    /** The market's index in the world. */
    private readonly protocol: number,
    venues: readonly { assets: readonly number[] }[],
    private readonly spec: LiquidatorSpec,
    private readonly sender: number,
    private readonly account: number,
  ) {
    const r = market.reserves;
    this.reserves = r.length;
    this.routes = [];
    for (let c = 0; c < r.length; c++) {
      for (let d = 0; d < r.length; d++) {
        const collateralAsset = r[c].asset;
        const debtAsset = r[d].asset;
        const trading: number[] = [];
        if (c !== d) venues.forEach((v, vi) => v.assets.includes(collateralAsset) && v.assets.includes(debtAsset) && trading.push(vi));
        this.routes.push({ collateralAsset, debtAsset, venues: trading });
      }
    }
  }

  /** Looks at the market's liquidatable accounts and submits the liquidations worth doing; returns how many. */
  act(view: WorldView, submit: (tx: Transaction) => void, desk: SaleDesk, budget: StepBudget, rng: Rng): number {
    const accounts = this.market.accounts!;
    const n = accounts.liquidatableCount;
    const list = accounts.liquidatable;
    const since = accounts.liquidatableSince;
    const rules = accounts.rules;
    const twoStep = this.spec.accountStrategy === 'two-step';
    const gasUnits = this.spec.gasPerLiquidation * (twoStep ? 2 : 1);
    const gasUsd = budget.gasUsd * (twoStep ? 2 : 1);
    const gasNative = budget.gasNative * (twoStep ? 2 : 1);
    const look = Math.min(n, budget.slots * EXAMINED_PER_SLOT);
    const start = rng.int(n);
    let submitted = 0;
    for (let k = 0; k < look && submitted < budget.slots; k++) {
      const a = list[(start + k) % n];
      if (view.step - since[a] < budget.latencySteps) continue;
      if (budget.nativeLeft < gasNative) break;
      const len = rules.load(accounts.book, a);
      const e = rules.entries;
      let best = this.spec.minProfit;
      let bestD = -1;
      let bestC = -1;
      let bestRepay = 0;
      let bestSeized = 0;
      let bestVenue = -1;
      for (let d = 0; d < len; d++) {
        if (!(e.debt[d] > 0)) continue;
        const dr = e.reserve[d];
        const debtAsset = this.market.reserves[dr].asset;
        const capital = view.balance(this.account, debtAsset) - budget.spent[debtAsset];
        if (!(capital > 0)) continue;
        for (let c = 0; c < len; c++) {
          const cr = e.reserve[c];
          const pairRules = rules.rulesFor(cr);
          if (!seizable(e, rules.terms, pairRules, c)) continue;
          let repay: number;
          let seized: number;
          if (twoStep) {
            const plan = twoStepLiquidation(e, 0, len, rules.terms, pairRules, d, c);
            if (plan.first.status !== 'ok') continue;
            const second = plan.second.status === 'ok';
            repay = plan.first.debtRepaid + (second ? plan.second.debtRepaid : 0);
            seized = plan.first.liquidatorCollateral + (second ? plan.second.liquidatorCollateral : 0);
          } else {
            const x = maxLiquidationAt(e, rules.terms, pairRules, ruleHealthFactor(e, 0, len, rules.terms, pairRules), d, c, this.trial);
            if (x.status !== 'ok') continue;
            repay = x.debtRepaid;
            seized = x.liquidatorCollateral;
          }
          if (repay > capital) {
            // the collateral seized is in proportion to the debt repaid (a fixed spread)
            seized *= capital / repay;
            repay = capital;
          }
          const route = this.routes[cr * this.reserves + dr];
          let venue = -1;
          let valueOut: number;
          if (route.venues.length > 0) {
            venue = desk.bestSale(view, route, seized);
            valueOut = venue >= 0 ? desk.proceeds * view.reference[debtAsset] : 0;
          } else valueOut = seized * view.reference[route.collateralAsset]; // kept (or the debt asset itself)
          const profit = valueOut - repay * view.reference[debtAsset] - gasUsd;
          if (profit > best) {
            best = profit;
            bestD = dr;
            bestC = cr;
            bestRepay = repay;
            bestSeized = seized;
            bestVenue = venue;
          }
        }
      }
      if (bestD < 0) continue;
      const tx: AccountLiquidationTx = {
        kind: 'account-liquidation',
        sender: this.sender,
        gas: gasUnits,
        gasPrice: budget.gasPrice,
        protocol: this.protocol,
        account: a,
        debtReserve: bestD,
        collateralReserve: bestC,
        debtToCover: bestRepay,
        twoStep,
        sellVia: bestVenue,
      };
      submit(tx);
      submitted++;
      budget.nativeLeft -= gasNative;
      budget.spent[this.market.reserves[bestD].asset] += bestRepay;
      if (bestVenue >= 0) desk.plan(bestVenue, this.market.reserves[bestC].asset, bestSeized);
    }
    return submitted;
  }
}
