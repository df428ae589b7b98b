/**
 * Maker's Dutch collateral auction, the Clipper of Liquidations 2.0.
 *
 * Reference: makerdao/dss `src/clip.sol` and MIP45 (Liquidations 2.0, 2021); rules read
 * there, code written here.
 *  - kick(tab, lot, oracle price): starting price top = oracle price × `buf`; the keeper
 *    that triggered it is paid `tip + chip × tab` by the system (Vow `suck`: a system deficit).
 *  - the price falls from top by a decrease function (abaci.ts) of the seconds since (re)start;
 *  - the auction needs a reset when elapsed > `tail` or price / top < `cusp`; while it does,
 *    nobody can take;
 *  - take(amt, maxPrice): buys up to `amt` collateral at the current price if price ≤ maxPrice.
 *    owe = slice × price; if that exceeds the tab, owe = tab and slice = tab / price. Dust rule
 *    (dss `chost` = ilk dust × liquidation penalty): a partial take may not leave 0 < tab < chost;
 *    if it would, owe is cut to tab − chost (and slice = owe / price), and if tab ≤ chost
 *    only a purchase of the whole lot is allowed. chost = 0 switches the rule off.
 *    When the tab is paid in full, the collateral left goes back to the vault owner; when the
 *    lot runs out first, the tab left is uncovered (bad debt for the system).
 *  - redo: restarts a stale auction with top = fresh oracle price × buf and pays the keeper
 *    tip + chip × (remaining tab), only if tab ≥ chost and lot × oracle price ≥ chost.
 *
 * Time comparisons follow dss: "too old" is strictly elapsed > tail, "too cheap" strictly
 * price / top < cusp. Amounts are floating point, not dss's wad/ray/rad integers.
 * Nothing here moves balances: results name the transfers and the CDP protocol applies them.
 */

import type { Abacus } from './abaci.js';

export interface ClipParams {
  /** Starting-price multiplier on the oracle price, e.g. 1.2. */
  buf: number;
  /** Seconds after which an auction must be reset. */
  tail: number;
  /** Price / top ratio below which an auction must be reset, e.g. 0.4. */
  cusp: number;
  /** Flat keeper incentive (stablecoin) on kick and redo. */
  tip: number;
  /** Keeper incentive as a fraction of tab on kick and redo, e.g. 0.001. */
  chip: number;
  /** dss chost (dust × chop, stablecoin); 0 disables the dust rules. */
  chost: number;
  /** Price decrease function. */
  calc: Abacus;
}

export interface ClipSale {
  id: number;
  /** Stablecoin still to raise. */
  tab: number;
  /** Collateral still for sale. */
  lot: number;
  /** Vault owner. */
  usr: string;
  /** Start of the current price curve (kick or last redo), seconds. */
  tic: number;
  /** Starting price of the current curve. */
  top: number;
  initialTab: number;
  initialLot: number;
  kickedAt: number;
  /** Stablecoin raised so far. */
  raised: number;
  /** Collateral sold so far. */
  sold: number;
  /** Keeper incentives paid so far (kick + redos). */
  incentives: number;
  redos: number;
}

export type ClipRejection = 'unknown-auction' | 'needs-reset' | 'cannot-reset' | 'too-expensive' | 'no-partial-purchase' | 'zero-top-price' | 'invalid-amount';

export type ClipRejected = { ok: false; reason: ClipRejection };

export interface ClipKickResult {
  id: number;
  top: number;
  /** Incentive owed to the keeper by the system: tip + chip × tab. */
  coin: number;
  keeper: string;
}

export interface ClipTakeResult {
  ok: true;
  id: number;
  price: number;
  /** Stablecoin the taker pays to the system. */
  owe: number;
  /** Collateral the taker (`who`) receives. */
  slice: number;
  who: string;
  /** Tab and lot left after the take. */
  tab: number;
  lot: number;
  /** The auction is over (lot or tab exhausted). */
  finished: boolean;
  /** Collateral returned to the vault owner because the tab was covered. */
  returnedToUsr: number;
  /** Tab left uncovered because the lot ran out (bad debt). */
  uncoveredTab: number;
  usr: string;
}

export interface ClipRedoResult {
  ok: true;
  id: number;
  top: number;
  coin: number;
  keeper: string;
}

function checkClipParams(params: ClipParams): void {
  if (!(params.buf > 0)) throw new RangeError('buf must be positive');
  if (!(params.tail > 0)) throw new RangeError('tail must be positive');
  if (!(params.cusp >= 0 && params.cusp <= 1)) throw new RangeError('cusp must be in [0, 1]');
  if (!(params.tip >= 0) || !(params.chip >= 0)) throw new RangeError('tip and chip must be non-negative');
  if (!(params.chost >= 0)) throw new RangeError('chost must be non-negative');
}

export class Clipper {
  private readonly sales = new Map<number, ClipSale>();
  private kicks = 0;

  constructor(readonly params: ClipParams) {
    checkClipParams(params);
  }

  /**
   * dss `file`: a new buf, tail, cusp, tip, chip or chost. As in dss, running auctions read tail
   * and cusp (when they need a reset) and chost from here, and buf, tip and chip at their next redo.
   */
  file(what: Exclude<keyof ClipParams, 'calc'>, data: number): void {
    checkClipParams({ ...this.params, [what]: data });
    this.params[what] = data;
  }

  get(id: number): Readonly<ClipSale> | undefined {
    return this.sales.get(id);
  }

  active(): Readonly<ClipSale>[] {
    return [...this.sales.values()];
  }

  get count(): number {
    return this.sales.size;
  }

  /** Start an auction; the keeper that triggered the liquidation earns `coin`. */
  kick(args: { tab: number; lot: number; usr: string; keeper: string; oraclePrice: number; now: number }): ClipKickResult {
    const { tab, lot, usr, keeper, oraclePrice, now } = args;
    if (!(tab > 0)) throw new RangeError('clip kick needs a positive tab');
    if (!(lot > 0)) throw new RangeError('clip kick needs a positive lot');
    const top = oraclePrice * this.params.buf;
    if (!(top > 0)) throw new RangeError('clip kick needs a positive oracle price');
    const id = ++this.kicks;
    const coin = this.params.tip + this.params.chip * tab;
    this.sales.set(id, {
      id,
      tab,
      lot,
      usr,
      tic: now,
      top,
      initialTab: tab,
      initialLot: lot,
      kickedAt: now,
      raised: 0,
      sold: 0,
      incentives: coin,
      redos: 0,
    });
    return { id, top, coin, keeper };
  }

  /** Current price and whether the auction must be reset (dss `getStatus`). */
  status(id: number, now: number): { needsRedo: boolean; price: number } {
    const s = this.sales.get(id);
    if (!s) return { needsRedo: false, price: 0 };
    const dur = now - s.tic;
    const price = this.params.calc.price(s.top, dur);
    return { needsRedo: dur > this.params.tail || price / s.top < this.params.cusp, price };
  }

  needsRedo(id: number, now: number): boolean {
    return this.status(id, now).needsRedo;
  }

  /** Current auction price (stablecoin per unit of collateral). */
  price(id: number, now: number): number {
    return this.status(id, now).price;
  }

  /** Buy up to `amt` collateral at the current price if it is at most `maxPrice`. */
  take(id: number, amt: number, maxPrice: number, who: string, now: number): ClipTakeResult | ClipRejected {
    const s = this.sales.get(id);
    if (!s) return { ok: false, reason: 'unknown-auction' };
    if (!(amt >= 0) || Number.isNaN(maxPrice)) return { ok: false, reason: 'invalid-amount' };
    const { needsRedo, price } = this.status(id, now);
    if (needsRedo) return { ok: false, reason: 'needs-reset' };
    if (maxPrice < price) return { ok: false, reason: 'too-expensive' };

    let slice = Math.min(s.lot, amt);
    let owe = slice * price;
    if (owe > s.tab) {
      owe = s.tab;
      slice = owe / price;
    } else if (owe < s.tab && slice < s.lot) {
      const chost = this.params.chost;
      if (s.tab - owe < chost) {
        if (!(s.tab > chost)) return { ok: false, reason: 'no-partial-purchase' };
        owe = s.tab - chost;
        slice = owe / price;
      }
    }

    const tab = owe === s.tab ? 0 : s.tab - owe;
    const lot = slice === s.lot ? 0 : Math.max(0, s.lot - slice);
    s.raised += owe;
    s.sold += slice;
    let returnedToUsr = 0;
    let uncoveredTab = 0;
    let finished = false;
    if (lot === 0) {
      uncoveredTab = tab;
      finished = true;
    } else if (tab === 0) {
      returnedToUsr = lot;
      finished = true;
    }
    if (finished) this.sales.delete(id);
    else {
      s.tab = tab;
      s.lot = lot;
    }
    return { ok: true, id, price, owe, slice, who, tab, lot, finished, returnedToUsr, uncoveredTab, usr: s.usr };
  }

  /** Restart a stale auction at the fresh oracle price; the keeper may earn `coin`. */
  redo(id: number, keeper: string, oraclePrice: number, now: number): ClipRedoResult | ClipRejected {
    const s = this.sales.get(id);
    if (!s) return { ok: false, reason: 'unknown-auction' };
    if (!this.status(id, now).needsRedo) return { ok: false, reason: 'cannot-reset' };
    const top = oraclePrice * this.params.buf;
    if (!(top > 0)) return { ok: false, reason: 'zero-top-price' };
    s.tic = now;
    s.top = top;
    s.redos++;
    const { tip, chip, chost } = this.params;
    let coin = 0;
    if ((tip > 0 || chip > 0) && s.tab >= chost && s.lot * oraclePrice >= chost) coin = tip + chip * s.tab;
    s.incentives += coin;
    return { ok: true, id, top, coin, keeper };
  }
}
