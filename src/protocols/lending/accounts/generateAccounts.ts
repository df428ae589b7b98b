/**
 * Cross-margined accounts drawn from a scenario's distributions. Per account, in this order: the
 * collateral value `size` (USD), the health factor, then per asset its collateral weight and its
 * debt weight. The weights are normalised per account, so a group can say "about 60 % ETH and
 * 40 % WBTC, borrowing USDC and DAI" with as much spread as its distributions give. Collateral
 * worth `size` is split by the collateral weights; the debt is sized so that the account's health
 * factor at the start prices is the drawn one (Σ used collateral · P · LT / hf) and split by the
 * debt weights. A draw that gives nothing to hold (a size or health factor at or below zero, no
 * collateral weight) is no account, as with single-asset positions.
 */
import type { Rng } from '../../../util/rng.js';
import { draw, type NumberOrDistribution } from '../../../scenario/distribution.js';
import type { AccountRows } from './accountRows.js';

export interface GeneratedAccounts {
  count: number;
  assets: { reserve: number; collateral?: NumberOrDistribution; debt?: NumberOrDistribution; usedAsCollateral: boolean }[];
  size: NumberOrDistribution;
  healthFactor: NumberOrDistribution;
}

/** Appends the group's accounts to `out`; `price` and `threshold` per reserve, at the start. */
export function generateAccounts(spec: GeneratedAccounts, price: ArrayLike<number>, threshold: ArrayLike<number>, rng: Rng, out: AccountRows): void {
  const n = spec.assets.length;
  const cw = new Float64Array(n);
  const dw = new Float64Array(n);
  for (let k = 0; k < spec.count; k++) {
    const sizeUsd = draw(spec.size, rng);
    const hf = draw(spec.healthFactor, rng);
    let cSum = 0;
    let dSum = 0;
    for (let j = 0; j < n; j++) {
      const a = spec.assets[j];
      cw[j] = a.collateral === undefined ? 0 : Math.max(0, draw(a.collateral, rng));
      dw[j] = a.debt === undefined ? 0 : Math.max(0, draw(a.debt, rng));
      cSum += cw[j];
      dSum += dw[j];
    }
    if (!(sizeUsd > 0) || !(hf > 0) || !(cSum > 0)) continue;
    let backing = 0;
    for (let j = 0; j < n; j++) if (spec.assets[j].usedAsCollateral) backing += ((sizeUsd * cw[j]) / cSum) * threshold[spec.assets[j].reserve];
    const debtUsd = dSum > 0 ? backing / hf : 0;
    out.open();
    for (let j = 0; j < n; j++) {
      if (cw[j] === 0 && dw[j] === 0) continue;
      const r = spec.assets[j].reserve;
      out.add(r, (sizeUsd * cw[j]) / cSum / price[r], dSum > 0 ? (debtUsd * dw[j]) / dSum / price[r] : 0, spec.assets[j].usedAsCollateral);
    }
  }
}
