/**
 * The mined gas-price distribution over time, from which the first-price fee market draws its
 * background (firstPrice.ts): a list of segments, each either a lognormal of a given mean (a daily
 * average gas price) and log-sd over [from, to), or a CSV of percentiles per row (a row holds from
 * its time to the next row's; the last row for the median row interval), placed on the
 * simulation's clock by `start` (the file's instant at simulation time 0).
 *
 * CSV: a `timestamp` column (ISO-8601 or Unix seconds) and two or more percentile columns named
 * `p<NN>` (`p35,p60,p90`: gwei at the 35th, 60th and 90th percentile); other columns are ignored.
 */
import { resolve } from 'node:path';
import { InputError } from '../../util/errors.js';
import { displayPath } from '../../util/inputFile.js';
import { parseDecimal, parseTime, readCsvTable } from '../../util/priceCsv.js';
import { MinedGasPrices } from './minedGasPrices.js';

export type GasPriceSegmentSpec = { from: number; to: number; mean: number; logSd: number } | { file: string; start: string };

export interface Segment {
  from: number;
  to: number;
  prices: MinedGasPrices;
}

export class GasPriceSeries {
  /** Sorted by start; they do not overlap. */
  private readonly segments: Segment[];
  private cursor = 0;

  constructor(segments: Segment[]) {
    this.segments = [...segments].sort((a, b) => a.from - b.from);
  }

  /** The distribution at time t (seconds), or undefined where no segment covers it. Calls with increasing t are O(1). */
  at(t: number): MinedGasPrices | undefined {
    const s = this.segments;
    if (this.cursor >= s.length || s[this.cursor].from > t) this.cursor = 0;
    while (this.cursor < s.length && s[this.cursor].to <= t) this.cursor++;
    const seg = s[this.cursor];
    return seg && seg.from <= t && t < seg.to ? seg.prices : undefined;
  }

  /** The first time in [0, horizon) that no segment covers, or undefined. */
  gap(horizon: number): number | undefined {
    let t = 0;
    for (const seg of this.segments) {
      if (seg.from > t) return t;
      t = Math.max(t, seg.to);
      if (t >= horizon) return undefined;
    }
    return t < horizon ? t : undefined;
  }

  /** Every time covered by two segments at once: the first such, or undefined. */
  overlap(): number | undefined {
    for (let i = 1; i < this.segments.length; i++) if (this.segments[i].from < this.segments[i - 1].to) return this.segments[i].from;
    return undefined;
  }
}

/** The segments of a percentile CSV. `field` names the scenario field in messages. */
function csvSegments(path: string, display: string, start: string, field: string): Segment[] {
  const table = readCsvTable(path, display);
  const timeCol = table.header.indexOf('timestamp');
  if (timeCol < 0) throw new InputError('expected a timestamp column', display, table.headerLine, field);
  const pcts = table.header.map((h, i) => ({ i, m: /^p(\d{1,2}(?:\.\d+)?)$/.exec(h) })).filter((x) => x.m !== null);
  if (pcts.length < 2) throw new InputError('expected at least two percentile columns such as p35,p60,p90 (gwei)', display, table.headerLine, field);
  const probs = pcts.map((x) => Number(x.m![1]) / 100);
  const t0 = parseTime(start);
  const times: number[] = [];
  const dists: MinedGasPrices[] = [];
  table.rows.forEach((row, r) => {
    const line = table.lines[r];
    const t = parseTime(row[timeCol]);
    if (!Number.isFinite(t)) throw new InputError(`expected a time, got "${row[timeCol]}"`, display, line, field);
    if (times.length && !(t > times[times.length - 1])) throw new InputError('expected rows in increasing time', display, line, field);
    const points = pcts.map((x, k) => {
      const g = parseDecimal(row[x.i]);
      if (!(g > 0 && g < 1e9)) throw new InputError(`expected a gas price in gwei (positive), got "${row[x.i]}"`, display, line, field);
      return [probs[k], g] as [number, number];
    });
    try {
      dists.push(MinedGasPrices.fromPercentiles(points));
    } catch (err) {
      throw new InputError((err as Error).message, display, line, field);
    }
    times.push(t - t0);
  });
  if (times.length === 0) throw new InputError('expected at least one row', display, table.headerLine, field);
  const steps = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((a, b) => a - b);
  const last = steps.length ? steps[Math.floor(steps.length / 2)] : 3600;
  return times.map((t, i) => ({ from: t, to: i + 1 < times.length ? times[i + 1] : t + last, prices: dists[i] }));
}

/**
 * The series of a scenario's `chain.congestion.gasPrices`, files resolved against `baseDir`;
 * InputError (naming `chain.congestion.gasPrices[k]`) when a file is malformed, segments overlap
 * or the horizon is not covered.
 */
export function buildGasPriceSeries(specs: readonly GasPriceSegmentSpec[], baseDir: string, scenarioFile: string, horizon: number): GasPriceSeries {
  const segments: Segment[] = [];
  specs.forEach((spec, k) => {
    const field = `chain.congestion.gasPrices[${k}]`;
    if ('file' in spec) {
      // messages name the file from where the user runs, as the other data files do: `file` itself is relative to the scenario
      const path = resolve(baseDir, spec.file);
      segments.push(...csvSegments(path, displayPath(path), spec.start, field));
    } else segments.push({ from: spec.from, to: spec.to, prices: MinedGasPrices.lognormal(spec.mean, spec.logSd) });
  });
  const series = new GasPriceSeries(segments);
  const overlap = series.overlap();
  if (overlap !== undefined) throw new InputError(`expected segments that do not overlap; two cover ${overlap} s`, scenarioFile, undefined, 'chain.congestion.gasPrices');
  const gap = series.gap(horizon);
  if (gap !== undefined) throw new InputError(`expected gas prices for the whole horizon; none cover ${gap} s`, scenarioFile, undefined, 'chain.congestion.gasPrices');
  return series;
}
