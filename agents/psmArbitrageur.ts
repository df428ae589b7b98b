/**
 * An arbitrageur between a CDP system's peg stability module (Maker's PSM) and the stablecoin's
 * pools: the trade that took DAI with USDC in March 2023. For each pool that trades the
 * stablecoin S against an asset X:
 *  - S rich (it fetches more X than the gem costs): sell gem G into the module for S, one-to-one
 *    less the fee tin, and sell that S in the pool, down to the break-even marginal rate
 *    p_G / ((1 − tin)·p_X) X per S;
 *  - S cheap: buy S in the pool with X and buy gem from the module with it, one-to-one plus tout,
 *    down to (1 + tout)·p_X / p_G S per X.
 * Sizes are the pool's break-even input (amountInForRate, as the pool arbitrageur's) times
 * `aggressiveness`, within its inventory, the module's room under its debt ceiling and the gem it
 * holds, and submitted when the gain at reference prices beats gas by `minProfit`. The two legs
 * are two transactions sent in order (the module first when selling gem, the pool first when
 * buying it); each fails alone if the other did not leave it the tokens, as on chain.
 */
import type { Agent, AgentContext, PsmArbitrageurSpec, Transaction, WorldView } from '../src/sim/agent.js';
import { gasCostUsd } from '../src/sim/agent.js';
import { asCdpSystem, psmHeld, psmRoom, type CdpSystem } from './protocolKinds.js';
import { bidGwei } from './gasBid.js';

/** A pool must be off by more than this (relative) before trading it: rounding, not opportunity. */
const MARGIN = 1e-6;

export class PsmArbitrageur implements Agent {
  readonly kind = 'psm-arbitrageur';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  private readonly protocol: number;
  private readonly cdp: CdpSystem;
  private readonly ilk: number;
  private readonly venues: number[];

  constructor(
    private readonly spec: PsmArbitrageurSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.index = ctx.index;
    this.protocol = ctx.protocolIndex(spec.cdp);
    this.cdp = asCdpSystem(ctx.protocols[this.protocol]);
    this.ilk = this.cdp.ilks.findIndex((i) => i.id === spec.psm);
    this.venues = spec.venues.map((v) => ctx.venueIndex(v));
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const c = this.cdp;
    const ilk = c.ilks[this.ilk];
    const psm = ilk.psm;
    if (!psm) return;
    const G = ilk.asset;
    const S = c.stablecoin;
    const ref = view.reference;
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    const gasUsd = gasCostUsd(2 * this.spec.gasPerSwap, gasPrice, ref[view.nativeAsset]);
    let nativeLeft = view.balance(this.account, view.nativeAsset);
    const gasNative = 2 * this.spec.gasPerSwap * gasPrice * 1e-9;
    const spent = new Map<number, number>();
    const left = (a: number) => view.balance(this.account, a) - (spent.get(a) ?? 0);
    const spend = (a: number, x: number) => spent.set(a, (spent.get(a) ?? 0) + x);
    let room = psmRoom(c, this.ilk);
    let held = psmHeld(c, this.ilk);
    const base = { sender: this.index, gas: this.spec.gasPerSwap, gasPrice };
    for (const vi of this.venues) {
      const v = view.venues[vi];
      for (const X of v.assets) {
        if (X === S || nativeLeft < gasNative) continue;
        const pX = ref[X];
        // the stablecoin is rich in this pool: mint it from gem in the module, sell it here
        const rateA = ref[G] / ((1 - psm.tin) * pX);
        if (v.price(S, X) > rateA * (1 + MARGIN)) {
          const gemCap = Math.min(left(G), room);
          const s = Math.min(v.amountInForRate(S, X, rateA) * this.spec.aggressiveness, gemCap * (1 - psm.tin));
          if (s > 0) {
            const out = v.quote(S, X, s);
            const g = s / (1 - psm.tin);
            if (out * pX - g * ref[G] - gasUsd > this.spec.minProfit) {
              submit({ ...base, kind: 'psm-sell-gem', protocol: this.protocol, ilk: this.ilk, gem: g } as Transaction);
              submit({ ...base, kind: 'swap', venue: vi, assetIn: S, assetOut: X, amountIn: s, minOut: out * 0.999 });
              spend(G, g);
              room -= g;
              nativeLeft -= gasNative;
            }
          }
        }
        // the stablecoin is cheap here: buy it, and gem with it from the module
        const rateB = ((1 + psm.tout) * pX) / ref[G];
        if (v.price(X, S) > rateB * (1 + MARGIN) && held > 0) {
          const x = Math.min(v.amountInForRate(X, S, rateB) * this.spec.aggressiveness, left(X));
          if (x > 0) {
            const sOut = v.quote(X, S, x);
            const g = Math.min(held, (sOut * (1 - 1e-9)) / (1 + psm.tout));
            if (g * ref[G] - x * pX - gasUsd > this.spec.minProfit) {
              submit({ ...base, kind: 'swap', venue: vi, assetIn: X, assetOut: S, amountIn: x, minOut: sOut * 0.999 });
              submit({ ...base, kind: 'psm-buy-gem', protocol: this.protocol, ilk: this.ilk, gem: g } as Transaction);
              spend(X, x);
              held -= g;
              nativeLeft -= gasNative;
            }
          }
        }
      }
    }
  }
}
