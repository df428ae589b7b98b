/**
 * A deterministic path through given keypoints, for replays of real events written by hand
 * (e.g. "ETH 194.5 at 0h, 134 at 12h, 103 at 24h"). Between keypoints the price is interpolated
 * linearly in price or in log-price ('log': the rate of return is constant between keypoints,
 * so the midpoint is the geometric mean of the two ends); after the last keypoint it stays flat.
 */
import type { PiecewiseProcessSpec } from './schema.js';

/** Fills `out[0..steps]` with the price at times k·dt (seconds). */
export function piecewisePath(out: Float64Array, steps: number, spec: PiecewiseProcessSpec, dt: number): void {
  const kps = spec.keypoints;
  const log = spec.interpolation === 'log';
  const last = kps.length - 1;
  let i = 0; // keypoints[i].at <= t < keypoints[i+1].at
  for (let k = 0; k <= steps; k++) {
    const t = k * dt;
    while (i < last && kps[i + 1].at <= t) i++;
    if (i === last) {
      out[k] = kps[last].price;
      continue;
    }
    const a = kps[i];
    const b = kps[i + 1];
    const w = (t - a.at) / (b.at - a.at);
    out[k] = log ? a.price * Math.pow(b.price / a.price, w) : a.price + (b.price - a.price) * w;
  }
}
