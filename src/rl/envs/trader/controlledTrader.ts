/**
 * The trader a policy drives: an agent with capital that trades the scenario's venues, keeps
 * positions of its own in lending markets (the empty positions the environment gives it) and may
 * liquidate. Each decision is one operation, sent once, at the first step of the interval:
 *
 *   hold       nothing;
 *   buy        on venue v, spend `size` of its balance of the venue's second asset on the first;
 *   sell       on venue v, sell `size` of its balance of the venue's first asset for the second;
 *   deposit    put `size` of its wallet's collateral asset into position p;
 *   withdraw   take `size` of what position p may release (health factor kept ≥ 1) back;
 *   borrow     borrow `size` of position p's remaining borrowing power (collateral × LTV at the
 *              oracle price, less its debt);
 *   repay      repay `size` of position p's debt, as far as its wallet holds the debt asset;
 *   liquidate  run the heuristic liquidator (agents/liquidator.ts) for one step on the markets of
 *              its positions, with its own capital and gas.
 *
 * Amounts are sized when it acts (during the step, after the oracles published); the market or
 * the venue settles what is left of them when the transaction is included. A swap carries no
 * minimum output: the trader may mean to move the price.
 */
import type { Agent, AgentContext, LiquidatorSpec, Transaction, WorldView } from '../../../sim/agent.js';
import type { GasBid } from '../../../scenario/gasBid.js';
import type { TraderSpec } from '../../../scenario/rl.js';
import { asLendingMarket } from '../../../protocols/kinds.js';
import type { LendingMarket } from '../../../protocols/lending/lendingMarket.js';
import { Liquidator } from '../../../../agents/liquidator.js';
import type { DrawTx, TopUpTx } from '../../../protocols/lending/transactions.js';

export const TRADER_OPERATIONS = ['hold', 'buy', 'sell', 'deposit', 'withdraw', 'borrow', 'repay', 'liquidate'] as const;
export type TraderOperation = (typeof TRADER_OPERATIONS)[number];

export interface TraderOrder {
  operation: TraderOperation;
  /** Index into the trader's venues (buy, sell) or positions (the others). */
  target: number;
  /** Share in (0, 1]. */
  size: number;
}

/** One of the trader's own positions: its market (world index) and its position index there. */
export interface OwnPosition {
  protocol: number;
  market: LendingMarket;
  position: number;
}

function bid(rule: GasBid, gwei: number): number {
  return rule.kind === 'fixed' ? rule.gwei : rule.factor * gwei;
}

export class ControlledTrader implements Agent {
  readonly kind = 'trader';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  /** World venue indices of the venues it trades. */
  readonly venues: number[];
  /** Its positions, in the order of `rl.trader.borrow`. */
  readonly positions: OwnPosition[];
  private readonly liquidator: Liquidator | null;
  /** The operation to send at the next step it acts; cleared once sent. */
  order: TraderOrder | null = null;

  constructor(
    readonly spec: TraderSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.venues = spec.venues.map((v) => ctx.venueIndex(v));
    this.positions = spec.borrow.map((b) => {
      const protocol = ctx.protocolIndex(b.protocol);
      const market = asLendingMarket(ctx.protocols[protocol]);
      const owned: number[] = [];
      for (let s = 0; s < market.book.count; s++) if (market.book.owner[s] === ctx.account) owned.push(s);
      const collateral = market.reserves.findIndex((r) => r.assetId === b.collateral);
      const debt = market.reserves.findIndex((r) => r.assetId === b.debt);
      const slot = owned.find((s) => market.book.collateralReserve[s] === collateral && market.book.debtReserve[s] === debt);
      if (slot === undefined) throw new Error(`trader ${spec.id} has no ${b.collateral}/${b.debt} position in ${b.protocol}`);
      // kept by id: transactions name positions by id, and the book may store it in another slot later
      return { protocol, market, position: market.book.id[slot] };
    });
    const markets = [...new Set(spec.borrow.map((b) => b.protocol))];
    const liquidatorSpec: LiquidatorSpec = {
      id: spec.id,
      kind: 'liquidator',
      protocols: markets,
      capital: {},
      latency: 0,
      gasBid: spec.gasBid,
      gasPerLiquidation: spec.gasPerLiquidation,
      minProfit: 0,
      maxPerStep: 50,
    };
    this.liquidator = markets.length > 0 ? new Liquidator(liquidatorSpec, ctx) : null;
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const order = this.order;
    this.order = null;
    if (!order || order.operation === 'hold') return;
    const gasPrice = bid(this.spec.gasBid, view.gasPrice);
    const base = { sender: this.index, gasPrice };
    switch (order.operation) {
      case 'buy':
      case 'sell': {
        const vi = this.venues[order.target];
        if (vi === undefined) return;
        const [first, second] = view.venues[vi].assets;
        const [assetIn, assetOut] = order.operation === 'buy' ? [second, first] : [first, second];
        const amountIn = order.size * view.balance(this.account, assetIn);
        if (amountIn > 0) submit({ kind: 'swap', ...base, gas: this.spec.gasPerSwap, venue: vi, assetIn, assetOut, amountIn, minOut: 0 });
        return;
      }
      case 'liquidate':
        this.liquidator?.act(view, submit);
        return;
    }
    const p = this.positions[order.target];
    if (!p) return;
    const m = p.market;
    const i = m.slotOf(p.position);
    const tx = { ...base, gas: this.spec.gasPerCall, protocol: p.protocol, position: p.position };
    const send = (call: TopUpTx | DrawTx) => submit(call);
    switch (order.operation) {
      case 'deposit': {
        const amount = order.size * view.balance(this.account, m.reserves[m.book.collateralReserve[i]].asset);
        if (amount > 0) send({ kind: 'top-up', ...tx, amount });
        return;
      }
      case 'withdraw': {
        const amount = order.size * m.withdrawable(i);
        if (amount > 0) send({ kind: 'withdraw', ...tx, amount });
        return;
      }
      case 'borrow': {
        const amount = order.size * m.borrowable(i);
        if (amount > 0) send({ kind: 'borrow', ...tx, amount });
        return;
      }
      case 'repay': {
        const amount = order.size * Math.min(m.debtTokens(i), view.balance(this.account, m.reserves[m.book.debtReserve[i]].asset));
        if (amount > 0) send({ kind: 'repay', ...tx, amount });
        return;
      }
    }
  }
}
