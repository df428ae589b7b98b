/**
 * The issuer loss rule: an asset whose issuer (scenario `issuer`, the network's `issuer` edge)
 * has lost more than the asset's `issuerLoss.buffer` loses its peg in proportion. Each step,
 * after the exogenous price and the scheduled shocks, its reference price is multiplied by
 *     1 − max(0, loss − buffer) / liabilities   (floored at 0),
 * with the issuer's loss and liabilities (USD, at par) from the end of the previous step: the
 * holders of its liabilities share what it cannot cover. `booked` counts losses the issuer has
 * recognised (protocol.ts `obligations`: debt written off, cash drained, a deficit no auction
 * covers); `marked` its shortfall of assets (at oracle prices, plus capital) against
 * liabilities. An issuer that covers its losses (debt auctions) restores the peg as it goes.
 */
import type { World } from './worldTypes.js';
import { balanceSheetOf, obligationsOf } from './balanceSheets.js';

export interface IssuedAsset {
  asset: number;
  issuer: string;
  basis: 'booked' | 'marked';
  buffer: number;
}

export function issuedAssets(w: World): IssuedAsset[] {
  return w.scenario.assets.flatMap((a, i) => (a.issuer !== undefined ? [{ asset: i, issuer: a.issuer, basis: a.issuerLoss.basis, buffer: a.issuerLoss.buffer }] : []));
}

/** The price factor the rule applies to an asset now (1 when the issuer is within its buffer). */
export function issuerLossFactor(w: World, x: IssuedAsset): number {
  let liabilities: number;
  let loss: number;
  if (x.basis === 'booked') {
    ({ liabilities, booked: loss } = obligationsOf(w, x.issuer));
  } else {
    const sheet = balanceSheetOf(w, x.issuer);
    liabilities = sheet.liabilities;
    loss = Math.max(0, sheet.liabilities - sheet.assets - sheet.capital);
  }
  // before the first prices are marked there is nothing to measure
  if (!(liabilities > 0) || !Number.isFinite(loss)) return 1;
  return Math.max(0, 1 - Math.max(0, loss - x.buffer) / liabilities);
}

export function applyIssuerLoss(w: World, issued: readonly IssuedAsset[]): void {
  for (const x of issued) {
    const f = issuerLossFactor(w, x);
    if (f < 1) w.reference[x.asset] *= f;
  }
}
