/**
 * The trader a policy drives: an agent with capital that trades the scenario's venues, keeps
 * positions of its own in lending markets (the empty positions the environment gives it) and may
 * liquidate. A decision sets targets, each optional (null keeps that part of its book as it is):
 *
 *   exposure    per venue: the share of its wallet's value in the venue's two assets (at the
 *               venue's price) to hold in the first; it buys or sells the difference there;
 *   collateral  per position: the share of the collateral asset it has (wallet and position) to
 *               keep deposited; it deposits or withdraws the difference;
 *   borrowing   per position: its debt as a share of the position's borrowing power (collateral
 *               × LTV at the oracle price, after this decision's deposit or withdrawal); it
 *               borrows or repays the difference;
 *   liquidate   run the heuristic liquidator (agents/liquidator.ts) for one step on the markets
 *               of its positions, with its own capital and gas.
 *
 * Targets rather than single operations: a position is what a trader chooses (how much of the
 * pool's asset to hold, how much to lend against), and standard RL trading environments act on
 * it; one decision then reaches any book, where one operation per decision needed exact
 * sequences whose every step alone loses money. The transactions go out once, at the first step
 * of the interval, in the order they can settle in (equal bids are included in submission
 * order): the swaps, then per position a repayment, the deposit or withdrawal, a loan. Amounts
 * are sized from the wallet as the swaps will leave it (the venue's quote) and settled as far as
 * the wallet, the position's withdrawable collateral and borrowing power allow when included.
 * Differences under BAND of the quantity are not traded (a target already met costs no gas).
 * `gasReserve` of the native asset is never traded or deposited: without it, a trader that
 * deposits all its ETH cannot pay for the loan that follows. A swap carries no minimum output:
 * the trader may mean to move the price.
 */
import type { Agent, AgentContext, LiquidatorSpec, Transaction, WorldView } from '../../../sim/agent.js';
import type { GasBid } from '../../../scenario/gasBid.js';
import type { TraderSpec } from '../../../scenario/rl.js';
import { asLendingMarket } from '../../../protocols/kinds.js';
import type { LendingMarket } from '../../../protocols/lending/lendingMarket.js';
import { Liquidator } from '../../../../agents/liquidator.js';
import type { DrawTx, TopUpTx } from '../../../protocols/lending/transactions.js';

/** Differences smaller than this share of the quantity (wallet value, collateral, borrowing power) are left alone. */
export const BAND = 0.01;

export interface TraderTargets {
  /** Per venue of `rl.trader.venues`: target share of the pair's wallet value in its first asset; null keeps. */
  exposure: (number | null)[];
  /** Per position of `rl.trader.borrow`: target share of its collateral asset deposited; null keeps. */
  collateral: (number | null)[];
  /** Per position: target debt as a share of its borrowing power; null keeps. */
  borrowing: (number | null)[];
  liquidate: boolean;
}

/** One of the trader's own positions: its market (world index) and its position id there. */
export interface OwnPosition {
  protocol: number;
  market: LendingMarket;
  position: number;
}

function bid(rule: GasBid, gwei: number): number {
  return rule.kind === 'fixed' ? rule.gwei : rule.factor * gwei;
}

/** A position's figures at the market's marked oracle prices: collateral and debt tokens, borrowing power in debt tokens. */
export function positionState(p: OwnPosition): { slot: number; collateral: number; debt: number; collateralAsset: number; debtAsset: number; power: number; powerPerCollateral: number } {
  const m = p.market;
  const i = m.slotOf(p.position);
  const cr = m.book.collateralReserve[i];
  const dr = m.book.debtReserve[i];
  const collateral = m.book.collateral[i];
  const powerPerCollateral = m.price[dr] > 0 ? (m.price[cr] * m.reserves[cr].ltv) / m.price[dr] : 0;
  return { slot: i, collateral, debt: m.debtTokens(i), collateralAsset: m.reserves[cr].asset, debtAsset: m.reserves[dr].asset, power: collateral * powerPerCollateral, powerPerCollateral };
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
  /** The targets to act on at the next step it acts; cleared once acted on. */
  targets: TraderTargets | null = null;

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

  /** What of `asset` it may trade or deposit: its balance less the gas reserve for the native asset. */
  spendable(view: WorldView, asset: number, balance = view.balance(this.account, asset)): number {
    return Math.max(0, asset === view.nativeAsset ? balance - this.spec.gasReserve : balance);
  }

  /** Its current share of venue v's pair held in the first asset, at the venue's price (0 with nothing to trade). */
  exposure(view: WorldView, v: number): number {
    const venue = view.venues[this.venues[v]];
    const [first, second] = venue.assets;
    const price = venue.price(first, second);
    const a = this.spendable(view, first) * price;
    const b = this.spendable(view, second);
    return a + b > 0 ? a / (a + b) : 0;
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const t = this.targets;
    this.targets = null;
    if (!t) return;
    const gasPrice = bid(this.spec.gasBid, view.gasPrice);
    const base = { sender: this.index, gasPrice };
    // balances as this decision's swaps will leave them (only the assets it touches)
    const wallet = new Map<number, number>();
    const balance = (a: number) => wallet.get(a) ?? view.balance(this.account, a);
    const spendable = (a: number) => this.spendable(view, a, balance(a));
    // gas comes out of the native balance before each transaction settles: counted first, so that the amounts leave the reserve whole
    const payGas = (gas: number, count = 1) => wallet.set(view.nativeAsset, balance(view.nativeAsset) - count * gas * gasPrice * 1e-9);
    t.exposure.forEach((target, v) => {
      if (target === null || this.venues[v] === undefined) return;
      const vi = this.venues[v];
      const venue = view.venues[vi];
      const [first, second] = venue.assets;
      const price = venue.price(first, second);
      const a = spendable(first) * price;
      const b = spendable(second);
      const total = a + b;
      if (!(total > 0 && price > 0)) return;
      const gap = target - a / total;
      if (Math.abs(gap) < BAND) return;
      payGas(this.spec.gasPerSwap);
      const [assetIn, assetOut, amountIn] = gap > 0 ? [second, first, Math.min(b, gap * total)] : [first, second, Math.min(a, -gap * total) / price];
      if (!(amountIn > 0)) return;
      const out = venue.quote(assetIn, assetOut, amountIn);
      wallet.set(assetIn, balance(assetIn) - amountIn);
      wallet.set(assetOut, balance(assetOut) + out);
      submit({ kind: 'swap', ...base, gas: this.spec.gasPerSwap, venue: vi, assetIn, assetOut, amountIn, minOut: 0 });
    });
    this.positions.forEach((p, k) => {
      const collateralTarget = t.collateral[k] ?? null;
      const borrowingTarget = t.borrowing[k] ?? null;
      if (collateralTarget === null && borrowingTarget === null) return;
      const s = positionState(p);
      // at most two calls: a repayment or a loan, and a deposit or a withdrawal
      payGas(this.spec.gasPerCall, 2);
      const tx = { ...base, gas: this.spec.gasPerCall, protocol: p.protocol, position: p.position };
      let collateral = s.collateral;
      let deposit = 0;
      let withdraw = 0;
      if (collateralTarget !== null) {
        const total = spendable(s.collateralAsset) + s.collateral;
        const gap = collateralTarget * total - s.collateral;
        if (Math.abs(gap) >= BAND * total && total > 0) {
          if (gap > 0) deposit = gap;
          else withdraw = -gap;
          collateral += gap;
        }
      }
      // borrowing power after the deposit or withdrawal, at this step's oracle prices
      const power = collateral * s.powerPerCollateral;
      let borrow = 0;
      let repay = 0;
      if (borrowingTarget !== null) {
        const gap = borrowingTarget * power - s.debt;
        // with no borrowing power left (say, all collateral withdrawn) any target repays the whole debt
        if (Math.abs(gap) >= BAND * power) {
          if (gap > 0) borrow = gap;
          else repay = Math.min(-gap, balance(s.debtAsset));
        }
      }
      const send = (call: TopUpTx | DrawTx) => submit(call);
      // repay before withdrawing (it frees collateral), deposit before borrowing (it backs the loan)
      if (repay > 0) send({ kind: 'repay', ...tx, amount: repay });
      if (withdraw > 0) send({ kind: 'withdraw', ...tx, amount: withdraw });
      if (deposit > 0) send({ kind: 'top-up', ...tx, amount: deposit });
      if (borrow > 0) send({ kind: 'borrow', ...tx, amount: borrow });
    });
    if (t.liquidate) this.liquidator?.act(view, submit);
  }
}
