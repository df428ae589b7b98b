/**
 * Loss functions for variance forecasts, evaluated against a realised-variance proxy.
 *
 * Patton (2011), "Volatility forecast comparison using imperfect volatility proxies",
 * J. Econometrics 160(1): MSE and QLIKE are the two members of his family of loss functions
 * that rank forecasts consistently when the true variance is replaced by an unbiased but noisy
 * proxy such as the squared return.
 *
 * - QLIKE here is the form L(r², h) = log h + r²/h (the Gaussian negative log-likelihood up to
 *   constants). Patton's normalised form r²/h − log(r²/h) − 1 differs from it by −log r² − 1,
 *   which does not depend on the forecast h, so both forms give the same ranking and exactly the
 *   same loss differences (hence the same Diebold–Mariano statistics). This form is also finite
 *   when the return is exactly zero, which the normalised form is not.
 * - MSE: L(r², h) = (r² − h)².
 */

/** QLIKE loss log h + proxy/h of one variance forecast `h` > 0 against the proxy (e.g. r²). */
export function qlike(proxy: number, h: number): number {
  return Math.log(h) + proxy / h;
}

/** Squared-error loss (proxy − h)² of one variance forecast. */
export function mse(proxy: number, h: number): number {
  const e = proxy - h;
  return e * e;
}

export type LossName = 'qlike' | 'mse';

export const LOSSES: Record<LossName, (proxy: number, h: number) => number> = { qlike, mse };

/** The loss of each forecast `h[i]` against `proxy[i]`. */
export function lossSeries(loss: LossName, proxy: Float64Array, h: Float64Array): Float64Array {
  if (proxy.length !== h.length) throw new RangeError(`lossSeries: ${proxy.length} proxies but ${h.length} forecasts`);
  const f = LOSSES[loss];
  const out = new Float64Array(h.length);
  for (let i = 0; i < h.length; i++) out[i] = f(proxy[i], h[i]);
  return out;
}

export function mean(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}
