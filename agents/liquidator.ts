/**
 * A liquidation bot. Each step it looks at liquidatable positions (after its reaction latency),
 * sizes each liquidation by the close factor and its own capital, and submits it when the
 * collateral seized, sold on the venue that pays most for it, returns more than the debt repaid
 * plus gas by at least `minProfit`. Sales it has already planned this step are counted in the
 * venue quote, so it does not overestimate what a second sale fetches. Liquidation and sale go
 * in one bundle (as flash-loan liquidators do), so capital comes back within the step.
 */
import type { Agent, AgentContext, LiquidatorSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { gasCostUsd } from '../src/sim/agent.js';
import type { Rng } from '../src/util/rng.js';
import { bidGwei } from './gasBid.js';

/** How many candidates a bot examines per step for each liquidation it may submit. */
const EXAMINED_PER_SLOT = 4;

export class Liquidator implements Agent {
  readonly kind = 'liquidator';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly protocols: number[];
  private readonly rng: Rng;
  /** Venues trading each (collateral asset, debt asset) pair, by key c * 1024 + d. */
  private readonly routes = new Map<number, number[]>();
  /** Amount of each asset already planned for sale on each venue this step. */
  private readonly planned = new Map<number, number>();
  /** Best fee-free venue price of each (collateral, debt) pair this step, in debt per collateral. */
  private readonly bestSpot = new Map<number, number>();

  constructor(
    private readonly spec: LiquidatorSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.rng = ctx.rng;
    this.protocols = spec.protocols.map((p) => ctx.protocolIndex(p));
    for (const p of this.protocols) {
      const m = ctx.protocols[p];
      for (const c of m.reserves) {
        for (const d of m.reserves) {
          if (c === d) continue;
          const key = c.asset * 1024 + d.asset;
          const list: number[] = [];
          ctx.venues.forEach((v, vi) => {
            if (v.assets.includes(c.asset) && v.assets.includes(d.asset)) list.push(vi);
          });
          this.routes.set(key, list);
        }
      }
    }
  }

  /** Best venue and proceeds for selling `amount` more of `asset` for `debtAsset`, given planned sales. */
  private bestSale(view: WorldView, asset: number, debtAsset: number, amount: number): { venue: number; proceeds: number } {
    let best = { venue: -1, proceeds: 0 };
    for (const vi of this.routes.get(asset * 1024 + debtAsset) ?? []) {
      const v = view.venues[vi];
      const already = this.planned.get(vi * 1024 + asset) ?? 0;
      const proceeds = v.quote(asset, debtAsset, already + amount) - (already > 0 ? v.quote(asset, debtAsset, already) : 0);
      if (proceeds > best.proceeds) best = { venue: vi, proceeds };
    }
    return best;
  }

  /** The highest spot price any route offers: no sale of any size fetches more per unit. */
  private spotBound(view: WorldView, asset: number, debtAsset: number): number {
    const key = asset * 1024 + debtAsset;
    let best = this.bestSpot.get(key);
    if (best === undefined) {
      best = 0;
      const routes = this.routes.get(key) ?? [];
      for (const vi of routes) best = Math.max(best, view.venues[vi].price(asset, debtAsset));
      // with no venue the liquidator keeps the collateral, valued at the reference
      if (routes.length === 0) best = view.reference[asset] / view.reference[debtAsset];
      this.bestSpot.set(key, best);
    }
    return best;
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    this.planned.clear();
    this.bestSpot.clear();
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    const gasUsd = gasCostUsd(this.spec.gasPerLiquidation, gasPrice, view.reference[view.nativeAsset]);
    const gasNative = this.spec.gasPerLiquidation * gasPrice * 1e-9;
    let nativeLeft = view.balance(this.account, view.nativeAsset);
    const spent = new Map<number, number>();
    const latencySteps = Math.ceil(this.spec.latency / view.dt - 1e-9);
    let submitted = 0;
    for (const p of this.protocols) {
      const m = view.protocols[p];
      const n = m.liquidatableCount;
      if (n === 0) continue;
      const budget = Math.min(n, this.spec.maxPerStep * EXAMINED_PER_SLOT);
      // start at a random place so that competing bots do not all examine the same positions
      const start = this.rng.int(n);
      for (let k = 0; k < budget && submitted < this.spec.maxPerStep; k++) {
        const i = m.liquidatable[(start + k) % n];
        if (view.step - m.liquidatableSince[i] < latencySteps) continue;
        if (nativeLeft < gasNative) return;
        const cr = m.reserves[m.book.collateralReserve[i]];
        const dr = m.reserves[m.book.debtReserve[i]];
        const capital = view.balance(this.account, dr.asset) - (spent.get(dr.asset) ?? 0);
        if (!(capital > 0)) continue;
        // before any quote: the profit if all seized collateral sold at the best spot price, an
        // upper bound since a sale only moves the price against the seller; most hopeless
        // candidates (dust, collateral worth less on venues than the oracle says) stop here
        const upper = Math.min(capital, m.debtTokens(i));
        const seized = (upper * m.price[m.book.debtReserve[i]] * (1 + cr.liquidationBonus)) / m.price[m.book.collateralReserve[i]];
        const bound = (seized * this.spotBound(view, cr.asset, dr.asset) - upper) * view.reference[dr.asset] - gasUsd;
        if (bound <= this.spec.minProfit) continue;
        // a large liquidation can cost more in slippage than its bonus: try smaller ones too
        let request = capital;
        for (let attempt = 0; attempt < 4; attempt++) {
          const { debtRepaid, collateralSeized } = m.previewLiquidation(i, request);
          if (!(debtRepaid > 0)) break;
          const sale = this.bestSale(view, cr.asset, dr.asset, collateralSeized);
          const valueOut = sale.venue >= 0 ? sale.proceeds * view.reference[dr.asset] : collateralSeized * view.reference[cr.asset];
          const profit = valueOut - debtRepaid * view.reference[dr.asset] - gasUsd;
          if (profit > this.spec.minProfit) {
            submit({ kind: 'liquidation', sender: this.index, gas: this.spec.gasPerLiquidation, gasPrice, protocol: p, position: i, debtToCover: debtRepaid, sellVia: sale.venue });
            submitted++;
            nativeLeft -= gasNative;
            spent.set(dr.asset, (spent.get(dr.asset) ?? 0) + debtRepaid);
            if (sale.venue >= 0) this.planned.set(sale.venue * 1024 + cr.asset, (this.planned.get(sale.venue * 1024 + cr.asset) ?? 0) + collateralSeized);
            break;
          }
          request = debtRepaid / 2;
        }
      }
    }
  }
}
