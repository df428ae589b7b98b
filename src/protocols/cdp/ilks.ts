/**
 * A CDP system's vault types (dss ilks): their parameters, the totals over their vaults, the
 * rate accumulator and the stability fee that grows it, and the collateral auction each type
 * sells through (English `flip.ts` or Dutch `clip.ts`).
 *
 * Reference: makerdao/dss Vat (ilk Art, rate), Jug (drip), Cat/Dog (chop, lump) and Spotter
 * (mat); the rules are read there, the code is written here. A vault's stablecoin debt is
 * art × rate, so a fee raises one number per vault type, not one per vault.
 */
import { Flipper, type FlipParams } from './flip.js';
import { Clipper } from './clip.js';
import type { Abacus } from './abaci.js';
import type { PsmParams } from './psm.js';

const SECONDS_PER_YEAR = 365 * 86400;

export type AuctionParams = ({ kind: 'english'; lump?: number } & FlipParams) | { kind: 'dutch'; buf: number; tail: number; cusp: number; tip: number; chip: number; chost: number; calc: Abacus };

export interface IlkParams {
  id: string;
  /** World asset index of the collateral. */
  asset: number;
  /** World oracle index. */
  oracle: number;
  /** Liquidation ratio (dss mat), e.g. 1.5. */
  mat: number;
  /** Annual stability fee. */
  fee: number;
  /** 1 + liquidation penalty (dss chop). */
  chop: number;
  /** Debt ceiling in stablecoin (dss line); Infinity when none. */
  line: number;
  /** Null: vaults of this type are never liquidated. */
  auction: AuctionParams | null;
  /** A peg stability module (psm.ts): its one vault swaps the gem for the stablecoin; absent: none. */
  psm?: PsmParams | null;
}

export interface Ilk extends IlkParams {
  /** Σ art of its vaults. */
  Art: number;
  /** Σ ink of its vaults. */
  ink: number;
  /** Rate accumulator: stablecoin debt per unit of art. */
  rate: number;
  /** Oracle price at the last mark. */
  price: number;
  flipper: Flipper | null;
  clipper: Clipper | null;
}

/** A vault type before any vault is counted in it: rate 1 (art is stablecoin at the start), no price yet. */
export function openIlk(p: IlkParams): Ilk {
  return {
    ...p,
    Art: 0,
    ink: 0,
    rate: 1,
    price: NaN,
    flipper: p.auction?.kind === 'english' ? new Flipper({ beg: p.auction.beg, ttl: p.auction.ttl, tau: p.auction.tau }) : null,
    clipper:
      p.auction?.kind === 'dutch'
        ? new Clipper({ buf: p.auction.buf, tail: p.auction.tail, cusp: p.auction.cusp, tip: p.auction.tip, chip: p.auction.chip, chost: p.auction.chost, calc: p.auction.calc })
        : null,
  };
}

/**
 * Jug.drip over `dt` seconds: the rate grows by the annual fee, compounded. Returns the
 * stablecoin debt this adds to the type's vaults (Art × Δrate), which the system books as
 * surplus.
 */
export function drip(ilk: Ilk, dt: number): number {
  const next = ilk.rate * Math.pow(1 + ilk.fee, dt / SECONDS_PER_YEAR);
  const minted = ilk.Art * (next - ilk.rate);
  ilk.rate = next;
  return minted;
}
