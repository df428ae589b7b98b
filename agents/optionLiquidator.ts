/**
 * An option liquidator. At its first step it posts `deposit` of the settlement asset on each
 * venue it watches, as margin for what it will carry. Then, each step:
 *
 *  - it looks at the accounts under maintenance (after its latency, a bounded number per step,
 *    from a random place in the list so that competing bots spread out) and takes over, of each,
 *    the short position with the largest maintenance margin (longs, then the coin collateral,
 *    when no short is left), as much as the venue's share limit and its own free margin allow
 *    (standard-rule initial margin per contract less the discount it is paid: an estimate the
 *    venue checks). It takes one over only when the discount pays for the gas by `minProfit`;
 *  - with `hedge` on (and the world's hedging switch on), each take-over carries its delta hedge
 *    in the same bundle, sold (or bought) on the hedge venue that pays most; and when its whole
 *    book's net delta (positions, coin and hedges so far) drifts further than `rehedgeBand` from
 *    zero, it trades the difference: a short put's delta grows as the underlying falls, so a
 *    hedged short-gamma book sells into a falling market;
 *  - it tops up its venue margin from its wallet while its equity is under `marginBuffer` × its
 *    initial margin (hedge proceeds come back as margin).
 */
import type { Agent, AgentContext, OptionLiquidatorSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { gasCostUsd } from '../src/sim/agent.js';
import { asOptionVenue, type OptionVenue, type OptionLiquidationTx } from './protocolKinds.js';
import type { Rng } from '../src/util/rng.js';
import { bidGwei } from './gasBid.js';

/** Accounts examined per step for each take-over it may submit. */
const EXAMINED_PER_SLOT = 4;

export class OptionLiquidator implements Agent {
  readonly kind = 'option-liquidator';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly rng: Rng;
  private readonly protocols: number[];
  private readonly venues: OptionVenue[];
  /** Per venue: the swap venues where its delta may be hedged. */
  private readonly hedgeRoutes: number[][];
  /** Per venue: its own account there. */
  private readonly own: number[];
  private readonly hedging: boolean;
  private deposited = false;

  constructor(
    private readonly spec: OptionLiquidatorSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.rng = ctx.rng;
    this.protocols = spec.protocols.map((p) => ctx.protocolIndex(p));
    this.venues = this.protocols.map((p) => asOptionVenue(ctx.protocols[p]));
    this.own = this.venues.map((v) => v.accountOf(ctx.account));
    this.hedging = spec.hedge && ctx.hedging;
    this.hedgeRoutes = this.venues.map((v) => {
      const { underlying, settlement } = v.params;
      const named = spec.hedgeVenues?.map((id) => ctx.venueIndex(id));
      const all = ctx.venues.flatMap((x, vi) => (x.assets.includes(underlying) && x.assets.includes(settlement) ? [vi] : []));
      return named ?? all;
    });
  }

  /** The hedge venue that fetches most for selling (amount < 0) or buying the underlying, or −1. */
  private bestRoute(view: WorldView, k: number, amount: number): number {
    const { underlying, settlement } = this.venues[k].params;
    let best = -1;
    let bestRate = 0;
    for (const vi of this.hedgeRoutes[k]) {
      const x = view.venues[vi];
      const rate = amount < 0 ? x.price(underlying, settlement) : x.price(settlement, underlying);
      if (rate > bestRate) {
        bestRate = rate;
        best = vi;
      }
    }
    return best;
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    const base = { sender: this.index, gasPrice };
    if (!this.deposited) {
      this.deposited = true;
      if (this.spec.deposit > 0) {
        for (let k = 0; k < this.venues.length; k++) {
          submit({ ...base, kind: 'option-deposit', gas: this.spec.gasPerSwap, protocol: this.protocols[k], asset: this.venues[k].params.settlement, amount: this.spec.deposit } as Transaction);
        }
        return;
      }
    }
    const gasUsd = gasCostUsd(this.spec.gasPerLiquidation, gasPrice, view.reference[view.nativeAsset]);
    const gasNative = this.spec.gasPerLiquidation * gasPrice * 1e-9;
    let nativeLeft = view.balance(this.account, view.nativeAsset);
    const latencySteps = Math.ceil(this.spec.latency / view.dt - 1e-9);
    let submitted = 0;
    for (let k = 0; k < this.venues.length; k++) {
      const v = this.venues[k];
      const me = this.own[k];
      const acc = v.accounts;
      // free margin left for take-overs this step, by the standard rule's per-contract estimate
      let free = acc.equity[me] - acc.initial[me];
      const n = v.liquidatableCount;
      const budget = Math.min(n, this.spec.maxPerStep * EXAMINED_PER_SLOT);
      const start = n > 0 ? this.rng.int(n) : 0;
      for (let j = 0; j < budget && submitted < this.spec.maxPerStep && free > 0; j++) {
        const a = v.liquidatableList[(start + j) % n];
        if (a === me || !acc.underMaintenance[a] || view.step - acc.since[a] < latencySteps) continue;
        if (nativeLeft < gasNative) return;
        const pick = this.pickHolding(v, a);
        if (pick.series === -2) continue;
        const { discount, maxShare, minContracts } = v.params;
        const size = Math.abs(pick.held);
        const limit = size <= minContracts ? size : maxShare * size;
        const value = pick.series === -1 ? v.spot : v.marks[pick.series];
        // a short costs margin less what it is paid; a long or coin costs its price out of cash
        const perContract = pick.series >= 0 && pick.held < 0 ? Math.max(1e-12, v.shortInitial[pick.series] - discount * value) : value * (1 - discount);
        const q = Math.min(limit, free / perContract);
        if (!(q > 0) || q * discount * value - gasUsd <= this.spec.minProfit) continue;
        const taken = pick.series === -1 ? q : (pick.held < 0 ? -q : q) * v.deltas[pick.series];
        const tx: OptionLiquidationTx = {
          kind: 'option-liquidation',
          sender: this.index,
          gas: this.spec.gasPerLiquidation,
          gasPrice,
          protocol: this.protocols[k],
          account: a,
          series: pick.series,
          contracts: q,
          hedgeVia: this.hedging ? this.bestRoute(view, k, -taken) : -1,
        };
        submit(tx);
        submitted++;
        nativeLeft -= gasNative;
        free -= q * perContract;
      }
      if (this.hedging) this.rehedge(view, k, submit, gasPrice);
      this.topUp(view, k, submit, gasPrice);
    }
  }

  /**
   * What of account a to take over: the short with the largest maintenance margin; else the
   * largest long; else its coin (series −1); series −2 when there is nothing.
   */
  private pickHolding(v: OptionVenue, a: number): { series: number; held: number } {
    const acc = v.accounts;
    const start = acc.legStart[a];
    let best = -2;
    let bestHeld = 0;
    let bestWeight = 0;
    for (let l = start; l < start + acc.legCount[a]; l++) {
      const q = acc.legSize[l];
      const s = acc.legSeries[l];
      const weight = q < 0 ? -q * v.shortMaintenance[s] : 0;
      if (weight > bestWeight) {
        best = s;
        bestHeld = q;
        bestWeight = weight;
      }
    }
    if (best >= 0) return { series: best, held: bestHeld };
    for (let l = start; l < start + acc.legCount[a]; l++) {
      const q = acc.legSize[l];
      const weight = q * v.marks[acc.legSeries[l]];
      if (weight > bestWeight) {
        best = acc.legSeries[l];
        bestHeld = q;
        bestWeight = weight;
      }
    }
    if (best >= 0) return { series: best, held: bestHeld };
    return acc.coin[a] > 0 ? { series: -1, held: acc.coin[a] } : { series: -2, held: 0 };
  }

  /** Trades its book's net delta back to zero when it is outside the band. */
  private rehedge(view: WorldView, k: number, submit: (tx: Transaction) => void, gasPrice: number): void {
    const v = this.venues[k];
    const me = this.own[k];
    const net = v.accountDelta(me) + v.accounts.hedge[me];
    if (!(Math.abs(net) > this.spec.rehedgeBand)) return;
    const via = this.bestRoute(view, k, -net);
    if (via < 0) return;
    submit({ kind: 'option-hedge', sender: this.index, gas: this.spec.gasPerSwap, gasPrice, protocol: this.protocols[k], via, amount: -net } as Transaction);
  }

  /** Brings its venue equity back to `marginBuffer` × initial margin from its wallet's settlement asset. */
  private topUp(view: WorldView, k: number, submit: (tx: Transaction) => void, gasPrice: number): void {
    const v = this.venues[k];
    const me = this.own[k];
    const acc = v.accounts;
    const target = this.spec.marginBuffer * acc.initial[me];
    if (!(acc.equity[me] < target)) return;
    const asset = v.params.settlement;
    const amount = Math.min(2 * target - acc.equity[me], view.balance(this.account, asset));
    if (!(amount > 0)) return;
    submit({ kind: 'option-deposit', sender: this.index, gas: this.spec.gasPerSwap, gasPrice, protocol: this.protocols[k], asset, amount } as Transaction);
  }
}
