/**
 * Liquidation of a CDP system's vaults: finding the unsafe ones, and the keeper's call that
 * takes an unsafe vault's collateral and debt into a collateral auction.
 *
 * Reference: makerdao/dss Cat.bite (English, multi-collateral Dai as in March 2020) and
 * Dog.bark (Dutch, Liquidations 2.0, MIP45); the rules are read there, the code is written
 * here.
 *  - a vault is unsafe when ink × price < art × rate × mat (Spotter's spot = price / mat).
 *  - bite (Cat): the vault gives up min(ink, lump) collateral and the matching share of its
 *    debt; the debt goes to the system (sin), and an auction raises up to
 *    tab = debt × chop (1 + penalty).
 *  - bark (Dog): the whole vault; the keeper is paid tip + chip × tab by the system.
 * Maker's global and per-type limits on debt in auctions (Cat box/dunk, Dog Hole/hole) are not
 * modelled: every unsafe vault can be bitten.
 *
 * Keepers find unsafe vaults by a full scan of the book each step rather than a sorted index:
 * the book is small and a scan keeps the list exactly in step with rates and oracle prices.
 */
import type { LedgerLike } from './context.js';
import type { CdpSystem } from './cdpSystem.js';

export class Liquidations {
  /** Vaults unsafe at the last scan: the first `unsafeCount` entries. */
  readonly unsafe: Int32Array;
  unsafeCount = 0;
  /** Step at which each vault became unsafe (−1 while safe); keepers' latency counts from it. */
  readonly unsafeSince: Int32Array;
  /** Debt (stablecoin) of unsafe vaults at the last scan. */
  unsafeDebt = 0;

  constructor(private readonly cdp: CdpSystem) {
    const n = cdp.vaults.count;
    this.unsafe = new Int32Array(n);
    this.unsafeSince = new Int32Array(n).fill(-1);
  }

  /** Lists the unsafe vaults at `step`, the vault types' prices being this step's oracle prices. */
  scan(step: number): void {
    const c = this.cdp;
    const b = c.vaults;
    let count = 0;
    let debt = 0;
    for (let v = 0; v < b.count; v++) {
      if (c.isUnsafe(v)) {
        this.unsafe[count++] = v;
        debt += c.debt(v);
        if (this.unsafeSince[v] < 0) this.unsafeSince[v] = step;
      } else this.unsafeSince[v] = -1;
    }
    this.unsafeCount = count;
    this.unsafeDebt = debt;
    if (debt > c.totals.peakUnsafeDebt) c.totals.peakUnsafeDebt = debt;
  }

  /**
   * Starts an auction on unsafe vault `v` at `now` (English: bite, up to `lump` collateral;
   * Dutch: bark, the whole vault). `keeper` is the caller's ledger account (paid the Dutch
   * incentive). Returns false when the vault is not (or no longer) liquidatable.
   */
  bite(v: number, keeper: number, now: number, ledger: LedgerLike, reference: Float64Array): boolean {
    const c = this.cdp;
    const b = c.vaults;
    const k = b.ilk[v];
    const ilk = c.ilks[k];
    if (!ilk.auction || !c.isUnsafe(v)) return false;
    const ink = b.ink[v];
    const art = b.art[v];
    const dink = ilk.auction.kind === 'english' && ilk.auction.lump !== undefined ? Math.min(ink, ilk.auction.lump) : ink;
    const dart = dink === ink ? art : (art * dink) / ink;
    if (!(dink > 0) || !(dart > 0)) return false;
    b.ink[v] = dink === ink ? 0 : ink - dink;
    b.art[v] = dart === art ? 0 : art - dart;
    ilk.ink -= dink;
    ilk.Art -= dart;
    const debt = dart * ilk.rate;
    const tab = debt * ilk.chop;
    c.vow.fess(debt);
    c.collateralAuctions.kick(k, v, dink, debt, tab, keeper, now, ledger);
    c.totals.bites++;
    c.totals.auctionedUsd += dink * reference[ilk.asset];
    c.totals.debtAuctioned += debt;
    if (!c.isUnsafe(v)) this.unsafeSince[v] = -1;
    return true;
  }
}
