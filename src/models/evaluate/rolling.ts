/**
 * Rolling out-of-sample evaluation: refit every `refit` days on the most recent `window` days
 * (or on all days so far, with `expanding`), forecast the next block one step at a time.
 *
 * With n returns r_0..r_{n−1}, the out-of-sample days are t = window..n−1; the refit origins are
 * T = window, window + refit, …, and the block of origin T is [T, min(T + refit, n)), forecast by
 * a model fitted on [T − window, T) (or [0, T)). The realised-variance proxy of day t is r_t²
 * (Patton 2011: unbiased for σ²_t when the conditional mean is negligible, which it is for daily
 * returns next to their variance).
 */
import type { VolatilityForecaster } from './forecasters.js';

export interface RollingOptions {
  /** Training window in days (default 1000). */
  window?: number;
  /** Days between refits (default 250). */
  refit?: number;
  /** Train on everything before the origin instead of the last `window` days. */
  expanding?: boolean;
  /** Progress: called before each refit. */
  onProgress?: (model: string, block: number, blocks: number) => void;
}

export interface RollingResult {
  /** First and one-past-last out-of-sample day (indices into the returns). */
  start: number;
  end: number;
  window: number;
  refit: number;
  expanding: boolean;
  /** Refit origins. */
  origins: number[];
  /** Squared returns r_t² for t in [start, end). */
  proxy: Float64Array;
  /** One-step forecasts σ̂²_t for t in [start, end), per model. */
  forecasts: Record<string, Float64Array>;
  /** Wall-clock seconds each model took (fitting and forecasting). */
  seconds: Record<string, number>;
}

export async function rollingForecasts(returns: Float64Array, forecasters: VolatilityForecaster[], opts: RollingOptions = {}): Promise<RollingResult> {
  const n = returns.length;
  const window = opts.window ?? 1000;
  const refit = opts.refit ?? 250;
  const expanding = opts.expanding ?? false;
  if (!Number.isInteger(window) || window < 2) throw new RangeError(`window must be an integer >= 2, got ${window}`);
  if (!Number.isInteger(refit) || refit < 1) throw new RangeError(`refit must be a positive integer, got ${refit}`);
  if (window >= n) throw new RangeError(`window ${window} leaves no out-of-sample days in ${n} returns`);
  const names = new Set<string>();
  for (const f of forecasters) {
    if (names.has(f.name)) throw new RangeError(`forecaster ${f.name} given twice`);
    names.add(f.name);
  }
  const start = window;
  const end = n;
  const origins: number[] = [];
  for (let T = start; T < end; T += refit) origins.push(T);
  const proxy = new Float64Array(end - start);
  for (let t = start; t < end; t++) proxy[t - start] = returns[t] * returns[t];

  const forecasts: Record<string, Float64Array> = {};
  const seconds: Record<string, number> = {};
  for (const f of forecasters) {
    const out = new Float64Array(end - start);
    const t0 = performance.now();
    for (let b = 0; b < origins.length; b++) {
      const T = origins[b];
      const stop = Math.min(T + refit, end);
      opts.onProgress?.(f.name, b, origins.length);
      const train = returns.subarray(expanding ? 0 : T - window, T);
      // the forecaster sees the block's returns only to update its state causally (see the interface)
      const block = await f.fitForecast(train, returns.subarray(T, stop), b);
      if (block.length !== stop - T) throw new Error(`${f.name} returned ${block.length} forecasts for a block of ${stop - T}`);
      for (let i = 0; i < block.length; i++) {
        if (!(block[i] > 0) || !Number.isFinite(block[i])) throw new Error(`${f.name} forecast a variance of ${block[i]} for day ${T + i}`);
      }
      out.set(block, T - start);
    }
    seconds[f.name] = (performance.now() - t0) / 1000;
    forecasts[f.name] = out;
  }
  return { start, end, window, refit, expanding, origins, proxy, forecasts, seconds };
}
