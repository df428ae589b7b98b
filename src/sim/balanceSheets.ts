/**
 * Each protocol's balance sheet in USD, for the issuer loss rule and the contagion measures: its
 * assets, liabilities and booked losses as the protocol reads them (protocol.ts `balanceSheet`),
 * with the ledger account that holds its tokens and `capital` (scenario `contagion.capital`),
 * equity beyond the books such as a reserve fund.
 */
import type { World } from './worldTypes.js';

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

/** One protocol's sheet by its scenario id. */
export function balanceSheetOf(w: World, id: string): BalanceSheet {
  const p = w.protocols[w.protocolIndex(id)];
  const { assets, liabilities, booked } = p.balanceSheet();
  return { id, account: p.account, assets, liabilities, capital: w.scenario.contagion.capital[id] ?? 0, booked };
}

/** Balance sheets of every protocol, in scenario order. */
export function balanceSheets(w: World): BalanceSheet[] {
  return w.scenario.protocols.map((spec) => balanceSheetOf(w, spec.id));
}

/** Liabilities and booked loss only (cheap: no scan of positions), USD. */
export function obligationsOf(w: World, id: string): { liabilities: number; booked: number } {
  return w.protocols[w.protocolIndex(id)].obligations();
}
