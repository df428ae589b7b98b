/**
 * An option venue's balance sheet in USD (the settlement stablecoin at par, the underlying at the
 * index price), for the issuer loss rule and the contagion measures, its bad debt and the
 * exploit that drains it:
 *  - assets = the collateral tokens it holds;
 *  - liabilities = what it owes the accounts whose equity is positive, Σ max(equity, 0). Every
 *    long has its short inside the venue, so Σ equity = Σ collateral balances = tokens held +
 *    what was written off or drained; the liabilities exceed the assets by exactly the losses
 *    booked plus the negative equity of accounts not yet closed (the losses the venue still
 *    carries);
 *  - booked loss = debt written off + tokens drained.
 * Bad debt: an account left with no position, no coin worth a cent and negative cash has that
 * cash written off, once (the account is then empty).
 */
import type { OptionVenue } from './optionVenue.js';
import type { LedgerLike, StepContext } from './context.js';

/** An account's coin worth less than this (USD) counts as none when its debt is written off. */
const DUST_USD = 0.01;

function held(v: OptionVenue): number {
  const acc = v.accounts;
  let cash = 0;
  let coin = 0;
  for (let a = 0; a < acc.count; a++) {
    cash += acc.cash[a];
    coin += acc.coin[a];
  }
  return cash - v.writtenOff + (coin - v.drainedCoin) * v.spot;
}

function booked(v: OptionVenue): number {
  return v.totals.badDebtUsd + v.drainedUsd;
}

function owed(v: OptionVenue): number {
  const eq = v.accounts.equity;
  let liabilities = 0;
  for (let a = 0; a < eq.length; a++) if (eq[a] > 0) liabilities += eq[a];
  return liabilities;
}

export function optionBalanceSheet(v: OptionVenue): { assets: number; liabilities: number; booked: number } {
  return { assets: held(v), liabilities: owed(v), booked: booked(v) };
}

/** Liabilities and booked loss as in the balance sheet (one pass over the accounts' last equity). */
export function optionObligations(v: OptionVenue): { liabilities: number; booked: number } {
  return { liabilities: owed(v), booked: booked(v) };
}

/** Drains `share` of the venue's tokens of `asset` (both collateral assets when −1) to account `to`. */
export function drainOptionVenue(v: OptionVenue, share: number, asset: number, to: number, ledger: LedgerLike): { asset: number; amount: number }[] {
  const out: { asset: number; amount: number }[] = [];
  for (const a of [v.params.settlement, v.params.underlying]) {
    if (asset >= 0 && a !== asset) continue;
    const x = Math.max(0, ledger.balance(v.account, a)) * share;
    if (!(x > 0)) continue;
    ledger.transfer(v.account, to, a, x);
    if (a === v.params.settlement) {
      v.writtenOff += x;
      v.drainedUsd += x;
    } else {
      v.drainedCoin += x;
      v.drainedUsd += x * v.spot;
    }
    out.push({ asset: a, amount: x });
  }
  return out;
}

/** Writes off the negative cash of accounts with nothing left; returns whether any was. */
export function recogniseBadDebt(v: OptionVenue, ctx: Pick<StepContext, 'step' | 'record'>): boolean {
  const acc = v.accounts;
  let any = false;
  for (let a = 0; a < acc.count; a++) {
    if (acc.legCount[a] > 0 || !(acc.cash[a] < 0) || acc.coin[a] * v.spot >= DUST_USD) continue;
    const usd = -acc.cash[a];
    acc.cash[a] = 0;
    v.writtenOff += usd;
    v.totals.badDebtUsd += usd;
    if (v.totals.firstBadDebtStep < 0) v.totals.firstBadDebtStep = ctx.step;
    ctx.record('option-bad-debt', { protocol: v.id, account: a, usd });
    any = true;
  }
  return any;
}
