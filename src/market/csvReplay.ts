/**
 * Replay of a recorded price series (e.g. ETH-USD hourly through 12–13 March 2020) on the
 * simulation grid. Simulation time 0 is mapped to `start` (the first row when absent); the price
 * at start + k·dt is interpolated between the rows around it:
 *   'linear'  p_i + (p_{i+1} − p_i)·w,              w = (t − t_i)/(t_{i+1} − t_i)
 *   'log'     p_i·(p_{i+1}/p_i)^w                   (constant rate of return between rows)
 *   'step'    p_i                                    (the last observation at or before t)
 * Rows may have gaps (interpolation spans them). After the last row the price stays at the last
 * observation; `replayCoverage` tells the caller how far the data reach so it can warn.
 */
import { isAbsolute, resolve } from 'node:path';
import { InputError } from '../util/errors.js';
import { parseTime, readPriceCsv } from '../util/priceCsv.js';
import type { CsvProcessSpec } from './schema.js';

export interface LoadedReplay {
  file: string;
  column: string;
  times: Float64Array;
  prices: Float64Array;
  /** Unix seconds that simulation time 0 maps to. */
  start: number;
  /** Index of the last row at or before `start`. */
  startRow: number;
  interpolation: CsvProcessSpec['interpolation'];
}

/** Where a scenario field lives, for error messages: the scenario file and a field-path maker. */
export interface SpecLocation {
  /** The scenario file (for errors that are the scenario's fault). */
  scenarioFile?: string;
  /** Full field path of `field` (e.g. `start`) inside this asset's spec, e.g. `assets.ETH.price.start`. */
  field: (field: string) => string;
}

export function resolveDataFile(file: string, baseDir: string): string {
  return isAbsolute(file) ? file : resolve(baseDir, file);
}

/** Reads the CSV and fixes the start instant; throws InputError when `start` is outside the data. */
export function loadReplay(spec: CsvProcessSpec, baseDir: string, where: SpecLocation): LoadedReplay {
  const path = resolveDataFile(spec.file, baseDir);
  let series: ReturnType<typeof readPriceCsv>;
  try {
    series = readPriceCsv(path, { column: spec.column, allowGaps: true });
  } catch (e) {
    // the reader names the CLI flag; in a scenario the culprit is the `column` field
    if (e instanceof InputError && e.field === '--column') throw new InputError(e.message, e.file, e.line, where.field('column'));
    throw e;
  }
  const { times, prices } = series;
  const first = times[0];
  const last = times[times.length - 1];
  let start = first;
  if (spec.start !== undefined) {
    start = parseTime(spec.start);
    if (!Number.isFinite(start)) {
      throw new InputError(`cannot read ${JSON.stringify(spec.start)} as a time`, where.scenarioFile, undefined, where.field('start'));
    }
    if (start < first || start > last) {
      throw new InputError(`start ${spec.start} is outside the data in ${spec.file}, which run from ${iso(first)} to ${iso(last)}`, where.scenarioFile, undefined, where.field('start'));
    }
  }
  return {
    file: path,
    column: series.column,
    times,
    prices,
    start,
    startRow: lastAtOrBefore(times, start),
    interpolation: spec.interpolation,
  };
}

function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

/** Largest i with times[i] <= t (times strictly increasing, t >= times[0]). */
function lastAtOrBefore(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Fills `out[0..steps]` with the replayed price at start + k·dt. */
export function replayPath(out: Float64Array, steps: number, replay: LoadedReplay, dt: number): void {
  const { times, prices, start, interpolation } = replay;
  const last = times.length - 1;
  const mode = interpolation === 'linear' ? 0 : interpolation === 'log' ? 1 : 2;
  let i = replay.startRow;
  for (let k = 0; k <= steps; k++) {
    const t = start + k * dt;
    while (i < last && times[i + 1] <= t) i++;
    if (i === last || mode === 2) {
      out[k] = prices[i];
      continue;
    }
    const w = (t - times[i]) / (times[i + 1] - times[i]);
    const a = prices[i];
    const b = prices[i + 1];
    out[k] = mode === 0 ? a + (b - a) * w : a * Math.pow(b / a, w);
  }
}

/** Seconds of simulation time the data cover from `start` (beyond it the replay holds the last price). */
export function replayCoverage(replay: LoadedReplay): number {
  return replay.times[replay.times.length - 1] - replay.start;
}
