/**
 * The liquidator a policy drives. It takes the slot (spec, account, capital, random stream) of one
 * of the scenario's liquidators and, at every step of the decision interval, follows the standing
 * order the last action gave:
 *
 *   size      a share of what the close factor lets one call repay (0: liquidate nothing), capped
 *             by the capital left in the debt asset;
 *   venue     where the seized collateral is sold in the same bundle: the venue that quotes most
 *             for it (as the heuristic does), a named venue (positions whose pair it does not
 *             trade are passed over), or none (the collateral is kept, worth its reference price);
 *   gas bid   a multiple of the current gas price.
 *
 * Like the heuristic liquidator (agents/liquidator.ts) it looks at up to 4 × `maxPerStep`
 * liquidatable positions a step, from a random place in the list, after its reaction `latency`,
 * and it submits a call only when the quoted sale (or the kept collateral at reference prices)
 * covers the repayment and the gas; planned sales lower the next quote on the same venue. Under
 * competition a call may still fail (someone else got there first) and its gas is lost: that is
 * what the gas bid is for.
 */
import type { Agent, AgentContext, LiquidatorSpec, Transaction, WorldView } from '../../../sim/agent.js';
import { gasCostUsd } from '../../../sim/agent.js';
import { asLendingMarket } from '../../../protocols/kinds.js';
import type { LendingMarket } from '../../../protocols/lending/lendingMarket.js';
import type { LiquidationTx } from '../../../protocols/lending/transactions.js';
import type { Rng } from '../../../util/rng.js';

/** Where seized collateral goes: the best quote, kept, or a world venue index. */
export const SELL_BEST = -2;
export const KEEP = -1;

export interface LiquidatorOrder {
  /** Share of the close-factor amount per call, in [0, 1]. */
  size: number;
  /** SELL_BEST, KEEP, or a world venue index. */
  venue: number;
  /** Fee bid as a multiple of the current gas price. */
  gasMultiple: number;
}

const EXAMINED_PER_SLOT = 4;

export class ControlledLiquidator implements Agent {
  readonly kind = 'liquidator';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly protocols: number[];
  private readonly markets: LendingMarket[];
  private readonly rng: Rng;
  /** The standing order; null: idle. */
  order: LiquidatorOrder | null = null;
  /** Calls submitted since the counter was last reset (the environment's info). */
  submitted = 0;
  private readonly planned = new Map<number, number>();
  private spent = new Float64Array(0);

  constructor(
    readonly spec: LiquidatorSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.rng = ctx.rng;
    this.protocols = spec.protocols.map((p) => ctx.protocolIndex(p));
    this.markets = this.protocols.map((p) => asLendingMarket(ctx.protocols[p]));
  }

  /** What `amount` more collateral fetches on venue vi after this step's planned sales there. */
  private quote(view: WorldView, vi: number, collateral: number, debt: number, amount: number): number {
    const v = view.venues[vi];
    if (!(v.assets.includes(collateral) && v.assets.includes(debt))) return -1;
    const already = this.planned.get(vi * 1024 + collateral) ?? 0;
    return v.quote(collateral, debt, already + amount) - (already > 0 ? v.quote(collateral, debt, already) : 0);
  }

  /** The sale the order asks for: venue (−1 keeps) and the USD value received; null when the order's venue cannot sell this pair. */
  private sale(view: WorldView, collateral: number, debt: number, seized: number): { venue: number; usd: number } | null {
    const order = this.order!;
    if (order.venue === KEEP) return { venue: KEEP, usd: seized * view.reference[collateral] };
    if (order.venue >= 0) {
      const out = this.quote(view, order.venue, collateral, debt, seized);
      return out < 0 ? null : { venue: order.venue, usd: out * view.reference[debt] };
    }
    let best: { venue: number; usd: number } | null = null;
    for (let vi = 0; vi < view.venues.length; vi++) {
      const out = this.quote(view, vi, collateral, debt, seized);
      if (out >= 0 && (!best || out * view.reference[debt] > best.usd)) best = { venue: vi, usd: out * view.reference[debt] };
    }
    return best;
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const order = this.order;
    if (!order || !(order.size > 0)) return;
    this.planned.clear();
    if (this.spent.length !== view.reference.length) this.spent = new Float64Array(view.reference.length);
    this.spent.fill(0);
    const gasPrice = order.gasMultiple * view.gasPrice;
    const gasUsd = gasCostUsd(this.spec.gasPerLiquidation, gasPrice, view.reference[view.nativeAsset]);
    const gasNative = this.spec.gasPerLiquidation * gasPrice * 1e-9;
    let nativeLeft = view.balance(this.account, view.nativeAsset);
    const latencySteps = Math.ceil(this.spec.latency / view.dt - 1e-9);
    let calls = 0;
    for (let pi = 0; pi < this.markets.length; pi++) {
      const m = this.markets[pi];
      const n = m.liquidatableCount;
      if (n === 0) continue;
      const list = m.liquidatable;
      const since = m.liquidatableSince;
      const budget = Math.min(n, this.spec.maxPerStep * EXAMINED_PER_SLOT);
      const start = this.rng.int(n);
      for (let k = 0; k < budget && calls < this.spec.maxPerStep; k++) {
        const i = list[(start + k) % n];
        if (view.step - since[i] < latencySteps) continue;
        if (nativeLeft < gasNative) return;
        const collateral = m.reserves[m.book.collateralReserve[i]].asset;
        const debt = m.reserves[m.book.debtReserve[i]].asset;
        const capital = view.balance(this.account, debt) - this.spent[debt];
        if (!(capital > 0)) continue;
        const allowed = m.previewLiquidation(i).debtRepaid;
        const { debtRepaid, collateralSeized } = m.previewLiquidation(i, Math.min(capital, order.size * allowed));
        if (!(debtRepaid > 0)) continue;
        const sale = this.sale(view, collateral, debt, collateralSeized);
        if (!sale || !(sale.usd - debtRepaid * view.reference[debt] - gasUsd > 0)) continue;
        const tx: LiquidationTx = {
          kind: 'liquidation',
          sender: this.index,
          gas: this.spec.gasPerLiquidation,
          gasPrice,
          protocol: this.protocols[pi],
          position: m.positionId(i), // transactions name positions by id; the market's list holds slots
          debtToCover: debtRepaid,
          sellVia: sale.venue,
        };
        submit(tx);
        calls++;
        this.submitted++;
        nativeLeft -= gasNative;
        this.spent[debt] += debtRepaid;
        if (sale.venue >= 0) {
          const key = sale.venue * 1024 + collateral;
          this.planned.set(key, (this.planned.get(key) ?? 0) + collateralSeized);
        }
      }
    }
  }
}
