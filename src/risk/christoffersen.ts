/**
 * Christoffersen's tests of independence and conditional coverage of VaR exceptions
 * (Christoffersen 1998, "Evaluating interval forecasts", International Economic Review 39(4),
 * 841–862, §3–4). With the hit sequence I_1..I_n and n_ij the number of days with I_{t−1} = i
 * followed by I_t = j (t = 2..n), π_01 = n_01/(n_00+n_01), π_11 = n_11/(n_10+n_11),
 * π = (n_01+n_11)/(n_00+n_01+n_10+n_11):
 *   LR_ind = −2 ln[(1−π)^{n00+n10} π^{n01+n11}]
 *            + 2 ln[(1−π01)^{n00} π01^{n01} (1−π11)^{n10} π11^{n11}]  ~ χ²(1),
 *   LR_cc  = LR_uc + LR_ind  ~ χ²(2),
 * where LR_uc is Kupiec's statistic on the whole sequence (the common practical form; the
 * paper conditions on the first observation, a difference of one day). 0·ln 0 = 0 throughout.
 */
import { chiSquareSf } from './distributions.js';
import { kupiecPof, xlogy } from './kupiec.js';

export interface ChristoffersenResult {
  n00: number;
  n01: number;
  n10: number;
  n11: number;
  lrInd: number;
  pInd: number;
  lrUc: number;
  pUc: number;
  lrCc: number;
  pCc: number;
}

/** Transition counts of a 0/1 hit sequence. */
export function hitTransitions(hits: ArrayLike<number>): { n00: number; n01: number; n10: number; n11: number } {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let t = 1; t < hits.length; t++) {
    const prev = hits[t - 1] ? 1 : 0;
    const cur = hits[t] ? 1 : 0;
    if (prev === 0) {
      if (cur === 0) n00++;
      else n01++;
    } else if (cur === 0) n10++;
    else n11++;
  }
  return { n00, n01, n10, n11 };
}

export function christoffersen(hits: ArrayLike<number>, alpha: number): ChristoffersenResult {
  if (hits.length < 2) throw new RangeError('the independence test needs at least two days');
  const { n00, n01, n10, n11 } = hitTransitions(hits);
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11);
  const logL0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const logL1 = xlogy(n00, 1 - pi01) + xlogy(n01, pi01) + xlogy(n10, 1 - pi11) + xlogy(n11, pi11);
  const lrInd = Math.max(0, -2 * (logL0 - logL1));
  let x = 0;
  for (let t = 0; t < hits.length; t++) if (hits[t]) x++;
  const uc = kupiecPof(x, hits.length, alpha);
  const lrCc = uc.lr + lrInd;
  return { n00, n01, n10, n11, lrInd, pInd: chiSquareSf(lrInd, 1), lrUc: uc.lr, pUc: uc.pValue, lrCc, pCc: chiSquareSf(lrCc, 2) };
}
