/**
 * A lending market's balance sheet in USD at its oracle prices, for the issuer loss rule and the
 * contagion measures, and the exploit that drains its cash:
 *  - assets = cash + Σ positions min(debt, collateral value) (a loan is worth no more than what
 *    secures it);
 *  - liabilities = what lenders are owed: cash + debt outstanding + debt written off + cash
 *    drained by exploits (every loss is the lenders' until a buffer takes it);
 *  - booked loss = debt written off + cash drained.
 * An exploit takes a share of the cash (tokens supplied and not lent out) of one reserve or of
 * every reserve; it is booked as drained cash owed to the lenders.
 */
import type { LendingMarket } from './lendingMarket.js';
import type { LedgerLike } from './context.js';

export function lendingBalanceSheet(m: LendingMarket): { assets: number; liabilities: number; booked: number } {
  let assets = 0;
  let liabilities = 0;
  let booked = 0;
  for (let r = 0; r < m.reserves.length; r++) {
    const res = m.reserves[r];
    const p = m.price[r];
    const debt = res.totalScaledDebt * res.borrowIndex;
    assets += res.cash * p;
    liabilities += (res.cash + debt + res.badDebt + res.drained) * p;
    booked += (res.badDebt + res.drained) * p;
  }
  const b = m.book;
  // summed in id order, so that the figure does not depend on where positions are stored
  for (let id = 0; id < b.count; id++) {
    const i = b.slot[id];
    const sd = b.scaledDebt[i];
    if (!(sd > 0)) continue;
    const dr = b.debtReserve[i];
    const debtUsd = sd * m.reserves[dr].borrowIndex * m.price[dr];
    assets += Math.min(debtUsd, b.collateral[i] * m.price[b.collateralReserve[i]]);
  }
  if (m.accounts) assets += m.accounts.securedDebtUsd();
  return { assets, liabilities, booked };
}

/** Liabilities and booked loss as in the balance sheet, without the scan of positions. */
export function lendingObligations(m: LendingMarket): { liabilities: number; booked: number } {
  let liabilities = 0;
  let booked = 0;
  for (let r = 0; r < m.reserves.length; r++) {
    const res = m.reserves[r];
    liabilities += (res.cash + res.totalScaledDebt * res.borrowIndex + res.badDebt + res.drained) * m.price[r];
    booked += (res.badDebt + res.drained) * m.price[r];
  }
  return { liabilities, booked };
}

/** Drains `share` of the cash of reserve `asset` (every reserve when −1) to account `to`. */
export function drainLending(m: LendingMarket, share: number, asset: number, to: number, ledger: LedgerLike): { asset: number; amount: number }[] {
  const out: { asset: number; amount: number }[] = [];
  for (const r of m.reserves) {
    if (asset >= 0 && r.asset !== asset) continue;
    const x = Math.max(0, r.cash) * share;
    if (!(x > 0)) continue;
    r.cash -= x;
    r.drained += x;
    ledger.transfer(m.account, to, r.asset, x);
    out.push({ asset: r.asset, amount: x });
  }
  return out;
}
