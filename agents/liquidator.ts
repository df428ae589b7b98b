/**
 * A liquidation bot. Each step it looks at liquidatable positions (after its reaction latency),
 * sizes each liquidation by the close factor and its own capital, and submits it when the
 * collateral seized, sold on the venue that pays most for it, returns more than the debt repaid
 * plus gas by at least `minProfit`. Sales it has already planned this step are counted in the
 * venue quote, so it does not overestimate what a second sale fetches. Liquidation and sale go
 * in one bundle (as flash-loan liquidators do), so capital comes back within the step.
 *
 * Like a real bot, it looks at a bounded number of candidates per step, starting at a random
 * place so that competing bots do not all chase the same positions, and it first rejects the
 * hopeless ones cheaply: per (collateral, debt) pair, selling the seized collateral at the best
 * spot price is an upper bound on what any liquidation fetches, which gives the smallest debt
 * worth liquidating this step; positions below it are passed over without a quote.
 *
 * What it reads of each candidate first (key, scaled debt, entry step, pair) the market keeps
 * beside its list of liquidatable positions, one copy shared by every liquidator, so the bounded
 * look is a sequential sweep. A candidate the sweep lets through is passed over, still without
 * reading the book, when even the most any call could repay on it (mostRepayable: the close
 * factor's share, or what its collateral pays for) cannot clear gas and `minProfit`: in a deep
 * crash that is most of the list, positions under water whose collateral is too small to be worth
 * the gas, which the bot would otherwise price again every step. The bound is an upper bound of
 * the market's own amounts (to within a rounding margin), so every decision is the one the full
 * look would make.
 */
import type { Agent, AgentContext, LiquidatorSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { gasCostUsd } from '../src/sim/agent.js';
import { asLendingMarket, type LendingMarket, type LiquidationTx } from './protocolKinds.js';
import type { Rng } from '../src/util/rng.js';
import { bidGwei } from './gasBid.js';
import { CANDIDATE_BLOCK as BLOCK } from './protocolKinds.js';
import { AccountLiquidator, type SaleDesk, type StepBudget } from './accountLiquidator.js';

/** How many candidates a bot examines per step for each liquidation it may submit. */
const EXAMINED_PER_SLOT = 4;

/** Relative rounding allowed between the index's figures (key, level) and the book's amounts. */
export const ROUNDING = 1e-9;

/**
 * An upper bound on the debt tokens a liquidation call on a position can repay (to within
 * ROUNDING), from the liquidation index's figures alone: the close factor's share of the debt, or
 * what the collateral pays for with the bonus, whichever is less. With HF = level / key and
 * collateral · P_c = HF · debt · P_d / LT, the collateral pays for debt · HF / (LT · (1 + bonus))
 * (liquidationCall.ts). `capLimit` is 1 / (LT · (1 + bonus)); the close-factor boundary is widened
 * by ROUNDING so that the index's HF cannot pick the smaller share where the book's picks all.
 */
export function mostRepayable(debt: number, healthFactor: number, closeFactorHealthFactor: number, closeFactor: number, capLimit: number): number {
  return debt * Math.min(healthFactor <= closeFactorHealthFactor * (1 + ROUNDING) ? 1 : closeFactor, healthFactor * capLimit);
}

/** Whether no pair has a finite smallest debt worth liquidating (a loop: a callback is an allocation per step). */
function noneWorthIt(minScaled: Float64Array): boolean {
  for (let q = 0; q < minScaled.length; q++) if (minScaled[q] !== Infinity) return false;
  return true;
}

interface Route {
  collateralAsset: number;
  debtAsset: number;
  venues: number[];
}

export class Liquidator implements Agent {
  readonly kind = 'liquidator';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  /** The markets it watches: their index in the world (transactions address them by it) and the markets. */
  private readonly protocols: number[];
  private readonly markets: LendingMarket[];
  private readonly rng: Rng;
  /** Per protocol, per pair of its liquidation index: the assets and the venues that trade them. */
  private readonly routes: Route[][];
  /** Per protocol, per pair: the smallest scaled debt worth liquidating this step. */
  private readonly minScaledDebt: Float64Array[];
  /** Per protocol, per pair: K, the most a liquidation can earn per debt token repaid (USD). */
  private readonly profitPerDebt: Float64Array[];
  /** Per protocol, per pair, this step: the debt reserve's borrow index, and 1 / (LT · (1 + bonus)) of the collateral. */
  private readonly debtIndex: Float64Array[];
  private readonly capLimit: Float64Array[];
  /** For the protocol being looked at: what a block must stay under to be passed over (passOverBounds). */
  private passBacking = Infinity;
  /**
   * The pairs passOverBounds found with liquidatable members worth a look, the first `presentCount` entries: refilled after every liquidation submitted, so
   * kept in a typed array (emptying a list of numbers gave its storage back, and the next push
   * allocated it again, thousands of times a path).
   */
  private present = new Int32Array(0);
  private presentCount = 0;
  /** Amount of each asset already planned for sale on each venue this step, at [venue · assets + asset]. */
  private planned: Float64Array = new Float64Array(0);
  private assets = 0;
  /** What the venue the last bestSale chose pays. */
  private saleProceeds = 0;
  /** Where previews are written (one object for every candidate priced). */
  private readonly preview = { debtRepaid: 0, collateralSeized: 0 };
  /** Capital already committed this step, per asset. */
  private spent: Float64Array = new Float64Array(0);
  /** Per protocol, the look at its cross-margined accounts (null: it has none). */
  private readonly accountLooks: (AccountLiquidator | null)[];
  /** The sales planned this step, as the accounts' look uses them. */
  private readonly desk: SaleDesk;
  private readonly budget: StepBudget = { gasUsd: 0, gasPrice: 0, gasNative: 0, nativeLeft: 0, latencySteps: 0, slots: 0, spent: new Float64Array(0) };

  constructor(
    private readonly spec: LiquidatorSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.rng = ctx.rng;
    this.protocols = spec.protocols.map((p) => ctx.protocolIndex(p));
    this.markets = this.protocols.map((p) => asLendingMarket(ctx.protocols[p]));
    this.routes = this.markets.map((m) => {
      return m.index.pairs.map((pair) => {
        const collateralAsset = m.reserves[pair.collateral].asset;
        const debtAsset = m.reserves[pair.debt].asset;
        const venues: number[] = [];
        ctx.venues.forEach((v, vi) => {
          if (v.assets.includes(collateralAsset) && v.assets.includes(debtAsset)) venues.push(vi);
        });
        return { collateralAsset, debtAsset, venues };
      });
    });
    this.minScaledDebt = this.markets.map((m) => new Float64Array(m.index.pairs.length));
    this.profitPerDebt = this.markets.map((m) => new Float64Array(m.index.pairs.length));
    this.debtIndex = this.markets.map((m) => new Float64Array(m.index.pairs.length));
    this.capLimit = this.markets.map((m) => new Float64Array(m.index.pairs.length));
    this.accountLooks = this.markets.map((m, pi) => (m.accounts ? new AccountLiquidator(m, this.protocols[pi], ctx.venues, spec, this.index, this.account) : null));
    const self = this;
    this.desk = {
      bestSale: (view, route, amount) => this.bestSale(view, route, amount),
      get proceeds() {
        return self.saleProceeds;
      },
      plan: (venue, asset, amount) => {
        this.planned[venue * this.assets + asset] += amount;
      },
    };
  }

  /** Whether a candidate with this debt and HF cannot earn `need` (K per debt token) by the bound mostRepayable. */
  protected cannotPay(debt: number, healthFactor: number, closeFactorHealthFactor: number, closeFactor: number, capLimit: number, perDebt: number, need: number): boolean {
    return mostRepayable(debt, healthFactor, closeFactorHealthFactor, closeFactor, capLimit) * perDebt * (1 + ROUNDING) <= need;
  }

  /**
   * What a block of candidates (candidates.ts) must stay under to be passed over as a whole, for
   * protocol pi, now: `passBacking`, the largest backing (collateral · LT) that cannot pay for a
   * liquidation worth doing on any pair with liquidatable members (with HF = level / key, the
   * collateral pays for at most backing · level · borrow index / (LT · (1 + bonus)) debt tokens,
   * each earning at most K: mostRepayable), and `present`, those pairs, for the test on the
   * block's largest debt. Pairs whose threshold is infinite have no candidate worth a look.
   */
  private passOverBounds(m: LendingMarket, pi: number, need: number): void {
    const perPair = m.liquidatableEntries.perPair;
    const level = m.index.zones[0].boundary;
    let least = Infinity;
    if (this.present.length < perPair.length) this.present = new Int32Array(perPair.length);
    this.presentCount = 0;
    for (let q = 0; q < perPair.length; q++) {
      if (perPair[q] === 0 || this.minScaledDebt[pi][q] === Infinity) continue;
      this.present[this.presentCount++] = q;
      const earns = level[q] * this.debtIndex[pi][q] * this.capLimit[pi][q] * this.profitPerDebt[pi][q] * (1 + 2 * ROUNDING);
      least = Math.min(least, need / earns);
    }
    this.passBacking = least;
  }

  /**
   * Whether every candidate of block b would be passed over by the tests of the sweep: the block's
   * largest backing, or its largest debt at the share its largest key allows, cannot pay for gas
   * on any pair present. Twice the rounding margin of the per-candidate test, so that a block
   * passed over holds only candidates that test passes over too.
   */
  protected hopelessBlock(m: LendingMarket, pi: number, b: number, need: number): boolean {
    const c = m.liquidatableEntries;
    if (c.blockBacking[b] <= this.passBacking) return true;
    const level = m.index.zones[0].boundary;
    const { closeFactor, closeFactorHealthFactor } = m.terms;
    for (let k = 0; k < this.presentCount; k++) {
      const q = this.present[k];
      // every member's HF = level / key is at least level / (largest key)
      const share = level[q] / c.blockKey[b] > closeFactorHealthFactor * (1 + 2 * ROUNDING) ? closeFactor : 1;
      if (c.blockScaledDebt[b] * this.debtIndex[pi][q] * share * this.profitPerDebt[pi][q] * (1 + 2 * ROUNDING) > need) return false;
    }
    return true;
  }

  /** This step's borrow index and collateral limit per pair of protocol pi (governance may change LT and bonus). */
  private pairTerms(m: LendingMarket, pi: number): void {
    const pairs = m.index.pairs;
    for (let q = 0; q < pairs.length; q++) {
      const c = m.reserves[pairs[q].collateral];
      this.debtIndex[pi][q] = m.reserves[pairs[q].debt].borrowIndex;
      this.capLimit[pi][q] = 1 / (c.liquidationThreshold * (1 + c.liquidationBonus));
    }
  }

  /**
   * The best venue for selling `amount` more of the route's collateral for its debt asset, given
   * the sales planned, or −1 when none pays anything; what it pays is left in `saleProceeds` (a
   * bot prices thousands of sales a step: no object for each).
   */
  private bestSale(view: WorldView, route: Route, amount: number): number {
    let venue = -1;
    let best = 0;
    for (const vi of route.venues) {
      const v = view.venues[vi];
      const already = this.planned[vi * this.assets + route.collateralAsset];
      const proceeds = v.quote(route.collateralAsset, route.debtAsset, already + amount) - (already > 0 ? v.quote(route.collateralAsset, route.debtAsset, already) : 0);
      if (proceeds > best) {
        venue = vi;
        best = proceeds;
      }
    }
    this.saleProceeds = best;
    return venue;
  }

  /**
   * The most one more unit of collateral fetches on this route after the sales already planned
   * this step: the best marginal rate across its venues (fee-free spot before any sale), or the
   * reference rate when no venue trades the pair and the collateral is kept.
   */
  private marginalRate(view: WorldView, route: Route): number {
    if (route.venues.length === 0) return view.reference[route.collateralAsset] / view.reference[route.debtAsset];
    let best = 0;
    for (const vi of route.venues) {
      const v = view.venues[vi];
      const already = this.planned[vi * this.assets + route.collateralAsset];
      let rate: number;
      if (already > 0) {
        const delta = already * 1e-6;
        rate = (v.quote(route.collateralAsset, route.debtAsset, already + delta) - v.quote(route.collateralAsset, route.debtAsset, already)) / delta;
      } else {
        rate = v.price(route.collateralAsset, route.debtAsset);
      }
      best = Math.max(best, rate);
    }
    return best;
  }

  /**
   * The smallest scaled debt of pair q whose liquidation could clear gas and `minProfit`:
   * repaying D debt tokens seizes D·P_d·(1+bonus)/P_c collateral (oracle prices), which sells for
   * at most that times the marginal rate, so the profit is at most D·K − gas with K per pair.
   */
  private thresholdFor(view: WorldView, m: LendingMarket, q: number, route: Route, gasUsd: number, capital: number, k_out: Float64Array): number {
    const pair = m.index.pairs[q];
    const bonus = m.reserves[pair.collateral].liquidationBonus;
    const k = ((m.price[pair.debt] * (1 + bonus) * this.marginalRate(view, route)) / m.price[pair.collateral] - 1) * view.reference[route.debtAsset];
    k_out[q] = k;
    const need = gasUsd + this.spec.minProfit;
    // neither the debt nor the capital can be large enough when k·capital cannot pay for gas
    return k > 0 && k * capital > need ? need / (k * m.reserves[pair.debt].borrowIndex) : Infinity;
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    if (this.planned.length !== view.venues.length * view.reference.length) {
      this.assets = view.reference.length;
      this.planned = new Float64Array(view.venues.length * this.assets);
    }
    this.planned.fill(0);
    if (this.spent.length !== view.reference.length) this.spent = new Float64Array(view.reference.length);
    this.spent.fill(0);
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    const gasUsd = gasCostUsd(this.spec.gasPerLiquidation, gasPrice, view.reference[view.nativeAsset]);
    const gasNative = this.spec.gasPerLiquidation * gasPrice * 1e-9;
    let nativeLeft = view.balance(this.account, view.nativeAsset);
    const latencySteps = Math.ceil(this.spec.latency / view.dt - 1e-9);
    let submitted = 0;
    for (let pi = 0; pi < this.protocols.length; pi++) {
      const m = this.markets[pi];
      const look = this.accountLooks[pi];
      if (look !== null && m.accounts!.liquidatableCount > 0) {
        const b = this.budget;
        b.gasUsd = gasUsd;
        b.gasPrice = gasPrice;
        b.gasNative = gasNative;
        b.nativeLeft = nativeLeft;
        b.latencySteps = latencySteps;
        b.slots = this.spec.maxPerStep - submitted;
        b.spent = this.spent;
        submitted += look.act(view, submit, this.desk, b, this.rng);
        nativeLeft = b.nativeLeft;
      }
      const n = m.liquidatableCount;
      if (n === 0) continue;
      const routes = this.routes[pi];
      const minScaled = this.minScaledDebt[pi];
      const perDebt = this.profitPerDebt[pi];
      for (let q = 0; q < routes.length; q++) minScaled[q] = this.thresholdFor(view, m, q, routes[q], gasUsd, view.balance(this.account, routes[q].debtAsset), perDebt);
      if (noneWorthIt(minScaled)) continue;
      const list = m.liquidatable;
      // what every candidate is read for first, beside the list in list order (one sweep)
      const entries = m.liquidatableEntries;
      const { key: keys, scaledDebt, since, pair: pairOf } = entries;
      const level = m.index.zones[0].boundary;
      const need = gasUsd + this.spec.minProfit;
      const { closeFactor, closeFactorHealthFactor } = m.terms;
      this.pairTerms(m, pi);
      const debtIndex = this.debtIndex[pi];
      const capLimit = this.capLimit[pi];
      this.passOverBounds(m, pi, need);
      const step = view.step;
      const maxPerStep = this.spec.maxPerStep;
      const budget = Math.min(n, maxPerStep * EXAMINED_PER_SLOT);
      const start = this.rng.int(n);
      for (let k = 0; k < budget && submitted < maxPerStep; k++) {
        const e = start + k < n ? start + k : start + k - n;
        // a whole block of the window whose backing cannot pay for gas is passed over at once
        // (while the bot can pay for gas: when it cannot, the first candidate that looks worth it
        // ends its turn, as below)
        if (e % BLOCK === 0 && nativeLeft >= gasNative && this.hopelessBlock(m, pi, e / BLOCK, need)) {
          const len = Math.min(BLOCK, n - e);
          if (k + len <= budget) {
            k += len - 1;
            continue;
          }
        }
        const q = pairOf[e];
        // health factor from the index: level / key; it sets how much of the debt may be repaid
        const hf = level[q] / keys[e];
        const share = hf <= closeFactorHealthFactor ? 1 : closeFactor;
        if (scaledDebt[e] * share < minScaled[q] || step - since[e] < latencySteps) continue;
        if (nativeLeft < gasNative) return;
        const route = routes[q];
        const capital = view.balance(this.account, route.debtAsset) - this.spent[route.debtAsset];
        if (!(capital > 0)) continue;
        // when even the most any call can repay earns too little, the first try below would stop
        // at once: the position is passed over without reading the book, with the same decision
        if (this.cannotPay(scaledDebt[e] * debtIndex[q], hf, closeFactorHealthFactor, closeFactor, capLimit[q], perDebt[q], need)) continue;
        const i = list[e];
        // a large liquidation can cost more in slippage than its bonus: try smaller ones too
        let request = capital;
        for (let attempt = 0; attempt < 4; attempt++) {
          const { debtRepaid, collateralSeized } = m.previewLiquidation(i, request, this.preview);
          if (!(debtRepaid > 0) || debtRepaid * perDebt[q] <= need) break;
          const venue = this.bestSale(view, route, collateralSeized);
          const valueOut = venue >= 0 ? this.saleProceeds * view.reference[route.debtAsset] : collateralSeized * view.reference[route.collateralAsset];
          const profit = valueOut - debtRepaid * view.reference[route.debtAsset] - gasUsd;
          if (profit > this.spec.minProfit) {
            const tx: LiquidationTx = {
              kind: 'liquidation',
              sender: this.index,
              gas: this.spec.gasPerLiquidation,
              gasPrice,
              protocol: this.protocols[pi],
              position: m.positionId(i),
              debtToCover: debtRepaid,
              sellVia: venue,
            };
            submit(tx);
            submitted++;
            nativeLeft -= gasNative;
            this.spent[route.debtAsset] += debtRepaid;
            if (venue >= 0) this.planned[venue * this.assets + route.collateralAsset] += collateralSeized;
            // the planned sale lowered what the next unit fetches: raise this pair's bar
            minScaled[q] = this.thresholdFor(view, m, q, route, gasUsd, capital - debtRepaid, perDebt);
            this.passOverBounds(m, pi, need);
            break;
          }
          request = debtRepaid / 2;
        }
      }
    }
  }
}
