/**
 * An auction keeper for CDP systems, in the manner of Maker's auction-keeper bots. Each step it:
 *  - bids in running auctions when that pays: it values a lot at what it would fetch sold for
 *    the stablecoin on the best venue (slippage included; the reference price when no venue
 *    trades it), less its `discount`, and bids that price — in an English auction a tend of
 *    lot × price (at most the tab, at least the minimum increase) or, once the tab is bid, a dent
 *    for tab / price collateral (at most lot / beg); in a Dutch auction a take once the falling
 *    price is at or below its price, and a redo when the auction is stale. A bid must leave a
 *    profit above gas and `minProfit`, and fit in its stablecoin balance, which bids lock until
 *    they are outbid and which runs out as it wins. A `discount` of 1 bids zero, and only where
 *    nobody has bid yet: the zero-bid keepers of 12 March 2020;
 *  - bites unsafe vaults (starting auctions), after its `latency`;
 *  - sells collateral it won for the stablecoin on the best venue, refilling its balance (its
 *    starting holding of the native asset is kept for gas).
 * Its transactions carry its gas bid and compete for block space like everybody else's; a bid
 * that arrives after the auction's bid expiry, or after somebody else's higher bid, fails.
 */
import type { Agent, AgentContext, KeeperSpec, SwapTx, Transaction, WorldView } from '../src/sim/agent.js';
import { gasCostUsd } from '../src/sim/agent.js';
import { asCdpSystem, type CdpSystem, type CdpTransaction } from './protocolKinds.js';
import type { Rng } from '../src/util/rng.js';
import { bidGwei } from './gasBid.js';

/** Relative allowance so that a bid of exactly beg × the current bid is not lost to rounding. */
const BEG_ALLOWANCE = 1e-9;

export class Keeper implements Agent {
  readonly kind = 'keeper';
  readonly id: string;
  readonly account: number;
  private readonly index: number;
  /** The systems it works on: their index in the world (transactions address them by it) and the systems. */
  private readonly cdps: { index: number; cdp: CdpSystem }[];
  private readonly rng: Rng;
  private readonly me: string;
  /** Venues trading (collateral asset, stablecoin), by key asset * 1024 + stablecoin. */
  private readonly routes = new Map<number, number[]>();
  private nativeReserve = -1;

  constructor(
    private readonly spec: KeeperSpec,
    ctx: AgentContext,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.me = String(ctx.account);
    this.index = ctx.index;
    this.rng = ctx.rng;
    this.cdps = spec.cdps.map((id) => {
      const index = ctx.protocolIndex(id);
      return { index, cdp: asCdpSystem(ctx.protocols[index]) };
    });
    for (const { cdp: c } of this.cdps) {
      for (const ilk of c.ilks) {
        const list: number[] = [];
        ctx.venues.forEach((v, vi) => {
          if (v.assets.includes(ilk.asset) && v.assets.includes(c.stablecoin)) list.push(vi);
        });
        this.routes.set(ilk.asset * 1024 + c.stablecoin, list);
      }
    }
  }

  /** Best venue and its stablecoin proceeds for selling `amount` of `asset`. */
  private bestSale(view: WorldView, asset: number, stable: number, amount: number): { venue: number; proceeds: number } {
    let best = { venue: -1, proceeds: 0 };
    for (const vi of this.routes.get(asset * 1024 + stable) ?? []) {
      const proceeds = view.venues[vi].quote(asset, stable, amount);
      if (proceeds > best.proceeds) best = { venue: vi, proceeds };
    }
    return best;
  }

  /** Stablecoin per unit of collateral the keeper could realise for `lot`. */
  private unitValue(view: WorldView, asset: number, stable: number, lot: number): number {
    const sale = this.bestSale(view, asset, stable, lot);
    return sale.venue >= 0 && lot > 0 ? sale.proceeds / lot : view.reference[asset] / view.reference[stable];
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    const native = view.nativeAsset;
    if (this.nativeReserve < 0) this.nativeReserve = view.balance(this.account, native);
    const gasPrice = bidGwei(this.spec.gasBid, view.gasPrice);
    const nativePrice = view.reference[native];
    let nativeLeft = view.balance(this.account, native);
    let sent = 0;
    const send = (tx: CdpTransaction | SwapTx): boolean => {
      const cost = tx.gas * gasPrice * 1e-9;
      if (sent >= this.spec.maxPerStep || nativeLeft < cost) return false;
      submit(tx);
      nativeLeft -= cost;
      sent++;
      return true;
    };
    for (const { index: ci, cdp: c } of this.cdps) {
      if (this.spec.bid) this.bid(view, c, ci, gasPrice, nativePrice, send);
      if (this.spec.bite) this.biteUnsafe(view, c, ci, gasPrice, send);
      if (this.spec.sell) this.sellWinnings(view, c, gasPrice, nativePrice, send);
    }
  }

  private bid(view: WorldView, c: CdpSystem, ci: number, gasPrice: number, nativePrice: number, send: (tx: CdpTransaction) => boolean): void {
    const now = view.time;
    const stable = c.stablecoin;
    const stablePrice = view.reference[stable];
    const gasUsd = gasCostUsd(this.spec.gasPerBid, gasPrice, nativePrice);
    let stableLeft = view.balance(this.account, stable);
    const worthIt = (gainStable: number) => gainStable * stablePrice - gasUsd > this.spec.minProfit;
    c.ilks.forEach((ilk, k) => {
      const flipper = ilk.flipper;
      if (flipper) {
        const auctions = flipper.active();
        const n = auctions.length;
        const start = n > 0 ? this.rng.int(n) : 0;
        const beg = flipper.params.beg;
        for (let j = 0; j < n; j++) {
          const a = auctions[(start + j) % n];
          if (now - a.kickedAt < this.spec.latency || a.guy === this.me) continue;
          if (!((a.tic > now || a.tic === 0) && a.end > now)) continue; // over, waiting to be dealt
          const value = this.unitValue(view, ilk.asset, stable, a.lot);
          const price = value * (1 - this.spec.discount);
          if (a.bid < a.tab) {
            const want = Math.min(a.tab, a.lot * price);
            const least = a.guy === null ? 0 : Math.min(a.tab, a.bid * beg * (1 + BEG_ALLOWANCE));
            if (want < least || (a.guy !== null && !(want > a.bid))) continue;
            const bid = Math.max(want, least);
            if (bid > stableLeft || !worthIt(a.lot * value - bid)) continue;
            if (send({ kind: 'tend', sender: this.index, gas: this.spec.gasPerBid, gasPrice, protocol: ci, ilk: k, auction: a.id, lot: a.lot, bid })) stableLeft -= bid;
          } else {
            if (!(price > 0)) continue;
            const lot = Math.min(a.tab / price, a.lot / beg);
            if (lot * beg > a.lot * (1 + BEG_ALLOWANCE) || a.tab > stableLeft) continue;
            const value = lot * this.unitValue(view, ilk.asset, stable, lot);
            if (!worthIt(value - a.tab)) continue;
            if (send({ kind: 'dent', sender: this.index, gas: this.spec.gasPerBid, gasPrice, protocol: ci, ilk: k, auction: a.id, lot, bid: a.tab })) stableLeft -= a.tab;
          }
        }
      }
      const clipper = ilk.clipper;
      if (clipper) {
        for (const sale of clipper.active()) {
          if (now - sale.kickedAt < this.spec.latency) continue;
          const status = clipper.status(sale.id, now);
          if (status.needsRedo) {
            send({ kind: 'redo', sender: this.index, gas: this.spec.gasPerBid, gasPrice, protocol: ci, ilk: k, auction: sale.id, amount: 0, maxPrice: 0 });
            continue;
          }
          const value = this.unitValue(view, ilk.asset, stable, sale.lot);
          const maxPrice = value * (1 - this.spec.discount);
          if (!(status.price <= maxPrice) || !(status.price > 0)) continue;
          // asking for a hair more than the tab buys exactly the tab (the auction caps it) and ends it
          const amount = Math.min(sale.lot, (sale.tab / status.price) * (1 + 1e-9), stableLeft / status.price);
          if (!(amount > 0) || !worthIt(amount * (value - status.price))) continue;
          if (send({ kind: 'take', sender: this.index, gas: this.spec.gasPerBid, gasPrice, protocol: ci, ilk: k, auction: sale.id, amount, maxPrice })) stableLeft -= amount * status.price;
        }
      }
    });
  }

  private biteUnsafe(view: WorldView, c: CdpSystem, ci: number, gasPrice: number, send: (tx: CdpTransaction) => boolean): void {
    const n = c.unsafeCount;
    if (n === 0) return;
    const latencySteps = Math.ceil(this.spec.latency / view.dt - 1e-9);
    const start = this.rng.int(n);
    for (let j = 0; j < n; j++) {
      const v = c.unsafe[(start + j) % n];
      if (!c.ilks[c.vaults.ilk[v]].auction || view.step - c.unsafeSince[v] < latencySteps) continue;
      if (!send({ kind: 'bite', sender: this.index, gas: this.spec.gasPerBite, gasPrice, protocol: ci, vault: v })) return;
    }
  }

  private sellWinnings(view: WorldView, c: CdpSystem, gasPrice: number, nativePrice: number, send: (tx: SwapTx) => boolean): void {
    const gasUsd = gasCostUsd(this.spec.gasPerSwap, gasPrice, nativePrice);
    const seen = new Set<number>();
    for (const ilk of c.ilks) {
      if (seen.has(ilk.asset)) continue;
      seen.add(ilk.asset);
      const keep = ilk.asset === view.nativeAsset ? this.nativeReserve : 0;
      const amount = view.balance(this.account, ilk.asset) - keep;
      if (!(amount > 0)) continue;
      const sale = this.bestSale(view, ilk.asset, c.stablecoin, amount);
      if (sale.venue < 0 || !(sale.proceeds * view.reference[c.stablecoin] > gasUsd)) continue;
      send({
        kind: 'swap',
        sender: this.index,
        gas: this.spec.gasPerSwap,
        gasPrice,
        venue: sale.venue,
        assetIn: ilk.asset,
        assetOut: c.stablecoin,
        amountIn: amount,
        minOut: sale.proceeds * 0.98,
        liquidationSale: true,
      });
    }
  }
}
