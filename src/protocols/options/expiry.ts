/**
 * Cash settlement at expiry: a series whose expiry has come by the end of the step settles at
 * the venue's index price of that step (its oracle; Deribit settles on a 30-minute average of its
 * index, a refinement left out). Every holder receives, or pays, size × intrinsic value in the
 * settlement asset, max(S − K, 0) for a call and max(K − S, 0) for a put, and the position closes.
 * Longs and shorts net to zero in every series, so settlement moves cash between accounts and
 * none in or out of the venue.
 */
import type { OptionVenue } from './optionVenue.js';
import type { StepContext } from './context.js';

/** Settles every series due by `ctx.now`; returns whether any was. */
export function settleExpiries(v: OptionVenue, ctx: Pick<StepContext, 'now' | 'record'>): boolean {
  const sr = v.series;
  const acc = v.accounts;
  const S = v.spot;
  let any = false;
  for (let s = 0; s < sr.count; s++) {
    if (v.settled[s] || sr.expiry[s] > ctx.now) continue;
    v.settled[s] = 1;
    v.settlementPrice[s] = S;
    any = true;
    const intrinsic = sr.isPut[s] ? Math.max(sr.strike[s] - S, 0) : Math.max(S - sr.strike[s], 0);
    let paid = 0;
    let contracts = 0;
    for (let a = 0; a < acc.count; a++) {
      const start = acc.legStart[a];
      for (let l = start; l < start + acc.legCount[a]; l++) {
        if (acc.legSeries[l] !== s) continue;
        const q = acc.legSize[l];
        acc.cash[a] += q * intrinsic;
        if (q > 0) {
          paid += q * intrinsic;
          contracts += q;
        }
        acc.removeLeg(a, l);
        break;
      }
    }
    v.auctions.cancelSeries(s);
    if (contracts > 0) {
      v.totals.settledUsd += paid;
      v.totals.expiries++;
      ctx.record('option-expiry', { protocol: v.id, series: sr.label(s), price: S, contracts, paidUsd: paid });
    }
  }
  return any;
}
