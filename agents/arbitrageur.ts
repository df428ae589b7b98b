/**
 * An arbitrageur between on-chain pools and the reference (centralised-exchange) price. For each
 * pair in each pool it watches, it computes the trade that brings the pool's marginal rate, fee
 * included, to the reference rate (the profit-maximising trade for a price-taking arbitrageur,
 * Angeris et al. 2019), scales it by its aggressiveness, caps it by its inventory, and submits it
 * if the gain at reference prices beats gas by `minProfit`. Its inventory is finite: an arbitrageur
 * who keeps buying a falling asset runs out of the stablecoin it pays with.
 */
import type { Agent, AgentContext, ArbitrageurSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { gasCostUsd } from '../src/sim/agent.js';
import { bidGwei } from './gasBid.js';

export class Arbitrageur implements Agent {
  readonly kind = 'arbitrageur';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly venues: number[];
  private spent = new Float64Array(0);

  constructor(
    private readonly spec: ArbitrageurSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    // order books refill themselves; only pools need arbitrage
    this.venues = spec.venues.map((v) => ctx.venueIndex(v)).filter((vi) => ctx.venues[vi].holdsTokens);
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    const gasUsd = gasCostUsd(this.spec.gasPerSwap, gasPrice, view.reference[view.nativeAsset]);
    let nativeLeft = view.balance(this.account, view.nativeAsset);
    const gasNative = this.spec.gasPerSwap * gasPrice * 1e-9;
    // what it has already offered of each asset this step (a map per step was garbage every step)
    if (this.spent.length !== view.reference.length) this.spent = new Float64Array(view.reference.length);
    const spent = this.spent;
    spent.fill(0);
    for (const vi of this.venues) {
      const v = view.venues[vi];
      for (let x = 0; x < v.assets.length; x++) {
        for (let y = 0; y < v.assets.length; y++) {
          if (x === y) continue;
          const a = v.assets[x];
          const b = v.assets[y];
          const fair = view.reference[a] / view.reference[b]; // b per a
          if (!(v.price(a, b) > fair)) continue; // the pool overprices a: sell a into it
          if (nativeLeft < gasNative) return;
          const inventory = view.balance(this.account, a) - spent[a];
          const amountIn = Math.min(inventory, v.amountInForRate(a, b, fair) * this.spec.aggressiveness);
          if (!(amountIn > 0)) continue;
          const out = v.quote(a, b, amountIn);
          const profit = out * view.reference[b] - amountIn * view.reference[a] - gasUsd;
          if (profit <= this.spec.minProfit) continue;
          submit({ kind: 'swap', sender: this.index, gas: this.spec.gasPerSwap, gasPrice, venue: vi, assetIn: a, assetOut: b, amountIn, minOut: out * 0.99 });
          spent[a] += amountIn;
          nativeLeft -= gasNative;
        }
      }
    }
  }
}
