/**
 * Governance changes to a vault type, as Maker's governance sets them through `file` on the
 * Spotter (mat), Jug (duty), Cat/Dog (chop), Vat (line) and the ilk's Flipper or Clipper: the
 * configurable parameters as flat dotted keys (what a governance change names), in the
 * scenario's units; the ranges a new value must fall in (those the scenario schema allows for an
 * ilk); and the filing of a checked change into the vault type and its auction house.
 *
 * `penalty` and `auction.beg` are kept as dss keeps them, chop = 1 + penalty and beg = 1 + beg;
 * they are reported rounded to 12 decimals, which undoes the representation error of the
 * addition (1.13 − 1 = 0.12999999999999989) and nothing a penalty could mean.
 *
 * Unsafe vaults are found by a full scan, and the penalty and auction parameters are read when
 * used, so nothing is re-keyed: the system lists its unsafe vaults again after a change, and
 * drips the rate to the time of a fee change first (cdpSystem.ts `configure`).
 */
import type { Ilk } from './ilks.js';

export const ILK_PARAMETERS = ['liquidationRatio', 'penalty', 'stabilityFee', 'debtCeiling'] as const;
export const ENGLISH_AUCTION_PARAMETERS = ['auction.beg', 'auction.ttl', 'auction.tau', 'auction.lump'] as const;
export const DUTCH_AUCTION_PARAMETERS = ['auction.buf', 'auction.tail', 'auction.cusp', 'auction.tip', 'auction.chip', 'auction.chost'] as const;

/** Allowed values: [min, max], `open` when min itself is excluded, `unbounded` when Infinity means "no limit". */
interface Range {
  min: number;
  max: number;
  open?: boolean;
  unbounded?: boolean;
}

const RANGES: Record<string, Range> = {
  liquidationRatio: { min: 1, max: Infinity },
  penalty: { min: 0, max: 1 },
  stabilityFee: { min: 0, max: Infinity },
  debtCeiling: { min: 0, max: Infinity, open: true, unbounded: true },
  'auction.beg': { min: 0, max: 1 },
  'auction.ttl': { min: 0, max: Infinity, open: true },
  'auction.tau': { min: 0, max: Infinity, open: true },
  'auction.lump': { min: 0, max: Infinity, open: true, unbounded: true },
  'auction.buf': { min: 1, max: Infinity },
  'auction.tail': { min: 0, max: Infinity, open: true },
  'auction.cusp': { min: 0, max: 1 },
  'auction.tip': { min: 0, max: Infinity },
  'auction.chip': { min: 0, max: 1 },
  'auction.chost': { min: 0, max: Infinity },
};

const lessOne = (stored: number) => Math.round((stored - 1) * 1e12) / 1e12;

export function ilkParameters(ilk: Ilk): Record<string, number> {
  const out: Record<string, number> = {
    liquidationRatio: ilk.mat,
    penalty: lessOne(ilk.chop),
    stabilityFee: ilk.fee,
    debtCeiling: ilk.line,
  };
  const a = ilk.auction;
  if (a?.kind === 'english') {
    out['auction.beg'] = lessOne(a.beg);
    out['auction.ttl'] = a.ttl;
    out['auction.tau'] = a.tau;
    out['auction.lump'] = a.lump ?? Infinity;
  } else if (a?.kind === 'dutch') {
    Object.assign(out, { 'auction.buf': a.buf, 'auction.tail': a.tail, 'auction.cusp': a.cusp, 'auction.tip': a.tip, 'auction.chip': a.chip, 'auction.chost': a.chost });
  }
  return out;
}

/** Checks `change` against the vault type; throws an Error saying why it is refused. Nothing is modified. */
export function checkIlkChange(ilk: Ilk, change: Record<string, number>): void {
  const known = ilkParameters(ilk);
  for (const [key, value] of Object.entries(change)) {
    if (!(key in known)) {
      const kind = ilk.auction ? `${ilk.auction.kind} auction` : 'no auction';
      throw new Error(`unknown parameter "${key}" of vault type ${ilk.id} (${kind}; expected one of ${Object.keys(known).join(', ')})`);
    }
    const r = RANGES[key];
    if (typeof value !== 'number' || Number.isNaN(value)) throw new Error(`${key}: expected a number, got ${String(value)}`);
    if (value === Infinity && r.unbounded) continue;
    const inRange = (r.open ? value > r.min : value >= r.min) && value <= r.max && Number.isFinite(value);
    if (!inRange) {
      const lower = `${r.open ? '>' : '>='} ${r.min}`;
      const expected = r.max === Infinity ? `a number ${lower}${r.unbounded ? ' (Infinity for none)' : ''}` : `a number in ${r.open ? '(' : '['}${r.min}, ${r.max}]`;
      throw new Error(`${key}: expected ${expected}, got ${value}`);
    }
  }
}

/** Files a change `checkIlkChange` accepted into the vault type and its auction house. */
export function fileIlkChange(ilk: Ilk, change: Record<string, number>): void {
  for (const [key, value] of Object.entries(change)) {
    if (key === 'liquidationRatio') ilk.mat = value;
    else if (key === 'penalty') ilk.chop = 1 + value;
    else if (key === 'stabilityFee') ilk.fee = value;
    else if (key === 'debtCeiling') ilk.line = value;
    else fileAuction(ilk, key.slice('auction.'.length), value);
  }
}

/** An auction parameter, in the ilk's record and in its auction house (dss keeps beg as 1 + beg). */
function fileAuction(ilk: Ilk, what: string, value: number): void {
  const a = ilk.auction!;
  if (a.kind === 'english') {
    if (what === 'lump') {
      ilk.auction = { ...a, lump: value === Infinity ? undefined : value };
      return;
    }
    const stored = what === 'beg' ? 1 + value : value;
    ilk.auction = { ...a, [what]: stored };
    ilk.flipper!.file(what as 'beg' | 'ttl' | 'tau', stored);
  } else {
    ilk.auction = { ...a, [what]: value };
    ilk.clipper!.file(what as 'buf' | 'tail' | 'cusp' | 'tip' | 'chip' | 'chost', value);
  }
}
