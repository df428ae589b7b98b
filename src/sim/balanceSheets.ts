/**
 * Each protocol's balance sheet in USD at its oracle prices, for the issuer loss rule and the
 * contagion measures:
 *  - lending market: assets = cash + Σ positions min(debt, collateral value) (a loan is worth
 *    no more than what secures it); liabilities = what lenders are owed, cash + debt outstanding
 *    + debt written off + cash drained by exploits (every loss is the lenders' until a buffer
 *    takes it); booked loss = debt written off + cash drained.
 *  - CDP system: see CdpSystem.balanceSheet (vaults and auctions worth no more than their
 *    collateral; liabilities the stablecoin outside the system, at par); booked loss = deficit.
 * `capital` (scenario `contagion.capital`) is equity beyond the books, e.g. a reserve fund.
 */
import type { World } from './world.js';
import type { LendingMarket } from '../protocols/lending/lendingMarket.js';
import type { CdpSystem } from '../protocols/cdp/cdpSystem.js';

export interface BalanceSheet {
  id: string;
  /** Ledger account holding the protocol's tokens. */
  account: number;
  assets: number;
  liabilities: number;
  capital: number;
  /** Losses the protocol has recognised. */
  booked: number;
}

export function lendingBalanceSheet(m: LendingMarket, drained: Float64Array, capital: number): BalanceSheet {
  let assets = 0;
  let liabilities = 0;
  let booked = 0;
  for (let r = 0; r < m.reserves.length; r++) {
    const res = m.reserves[r];
    const p = m.price[r];
    const debt = res.totalScaledDebt * res.borrowIndex;
    assets += res.cash * p;
    liabilities += (res.cash + debt + res.badDebt + drained[r]) * p;
    booked += (res.badDebt + drained[r]) * p;
  }
  const b = m.book;
  for (let i = 0; i < b.count; i++) {
    const sd = b.scaledDebt[i];
    if (!(sd > 0)) continue;
    const dr = b.debtReserve[i];
    const debtUsd = sd * m.reserves[dr].borrowIndex * m.price[dr];
    assets += Math.min(debtUsd, b.collateral[i] * m.price[b.collateralReserve[i]]);
  }
  return { id: m.id, account: m.account, assets, liabilities, capital, booked };
}

/** `par`: USD value of one stablecoin at par (its reference price at the start). */
export function cdpBalanceSheet(c: CdpSystem, par: number, capital: number): BalanceSheet {
  const { assets, liabilities } = c.balanceSheet(par);
  return { id: c.id, account: c.account, assets, liabilities, capital, booked: c.deficit() * par };
}

/** Balance sheets of every protocol, in scenario order. */
export function balanceSheets(w: World): BalanceSheet[] {
  const capital = w.scenario.contagion.capital;
  let l = 0;
  let c = 0;
  return w.scenario.protocols.map((spec) => {
    if (spec.kind === 'lending') {
      const k = l++;
      return lendingBalanceSheet(w.protocols[k], w.drained[k], capital[spec.id] ?? 0);
    }
    const cdp = w.cdps[c++];
    return cdpBalanceSheet(cdp, w.basePaths[cdp.stablecoin][0], capital[spec.id] ?? 0);
  });
}

/** One protocol's sheet by its scenario id (without computing the others). */
export function balanceSheetOf(w: World, id: string): BalanceSheet {
  const capital = w.scenario.contagion.capital[id] ?? 0;
  const li = w.protocols.findIndex((m) => m.id === id);
  if (li >= 0) return lendingBalanceSheet(w.protocols[li], w.drained[li], capital);
  const cdp = w.cdps.find((x) => x.id === id)!;
  return cdpBalanceSheet(cdp, w.basePaths[cdp.stablecoin][0], capital);
}

/** Liabilities only (cheap: no scan of positions), USD. */
export function liabilitiesOf(w: World, id: string): number {
  const li = w.protocols.findIndex((m) => m.id === id);
  if (li >= 0) {
    const m = w.protocols[li];
    let v = 0;
    for (let r = 0; r < m.reserves.length; r++) {
      const res = m.reserves[r];
      v += (res.cash + res.totalScaledDebt * res.borrowIndex + res.badDebt + w.drained[li][r]) * m.price[r];
    }
    return v;
  }
  const cdp = w.cdps.find((x) => x.id === id)!;
  return (cdp.supply - cdp.joy) * w.basePaths[cdp.stablecoin][0];
}

/** Booked loss only (cheap: no scan of positions). */
export function bookedLossOf(w: World, id: string): number {
  const li = w.protocols.findIndex((m) => m.id === id);
  if (li >= 0) {
    const m = w.protocols[li];
    let booked = 0;
    for (let r = 0; r < m.reserves.length; r++) booked += (m.reserves[r].badDebt + w.drained[li][r]) * m.price[r];
    return booked;
  }
  const cdp = w.cdps.find((x) => x.id === id)!;
  return cdp.deficit() * w.basePaths[cdp.stablecoin][0];
}
