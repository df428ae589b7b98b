/**
 * `attribute`: which declared-uncertain inputs (scenario `uncertain`) move a replay's outcome.
 * The inputs are taken in groups (an entry's `group`, or the entry alone). A coalition S of groups
 * runs N paths with the inputs of S drawn from their ranges and every other input fixed at its
 * baseline (the middle of its range unless declared); every coalition runs on the same N path
 * seeds, so their differences are the inputs', not noise. The game is
 *
 *   v(S) = mean over the N paths of the outcome, inputs of S drawn, the others at baseline,
 *
 * and the Shapley value of group i (the exact code the risk models use, risk/shapley.ts) is its
 * contribution to the outcome's mean: Σφ_i = v(all drawn) − v(none drawn), the mean of the replay
 * as a distribution minus the replay at its central inputs. With the same runs, the game
 * w(S) = variance over the paths splits the band's width likewise (a one-baseline reading of the
 * Shapley effects of Owen 2014 and Song, Nelson & Staum 2016); randomness the scenario does not
 * declare (agents' order, drawn vaults) stays in w(∅).
 */
import { shapley } from '../risk/shapley.js';
import type { PathRecord } from '../parallel/pathRecord.js';
import type { Scenario } from '../scenario/schema.js';
import { rangeMiddle } from '../scenario/uncertain.js';
import { pathColumns, pathsLayout } from './pathsTable.js';
import { formatNumber } from '../sim/metrics.js';

export interface AttributionGroup {
  name: string;
  /** Indices into the scenario's `uncertain` list. */
  inputs: number[];
}

/** The groups of a scenario's uncertain inputs, in order of first appearance. */
export function uncertainGroups(s: Scenario): AttributionGroup[] {
  const groups: AttributionGroup[] = [];
  (s.uncertain ?? []).forEach((u, k) => {
    const name = u.group ?? u.field;
    const g = groups.find((x) => x.name === name);
    if (g) g.inputs.push(k);
    else groups.push({ name, inputs: [k] });
  });
  return groups;
}

/** The value an input is fixed at when its group is out of the coalition. */
export function baselineOf(s: Scenario, k: number): number {
  const u = (s.uncertain ?? [])[k];
  return u.baseline ?? rangeMiddle(u.range);
}

/** `--set` overrides of coalition `mask` (bit i: group i drawn): every input of an absent group at its baseline. */
export function coalitionOverrides(s: Scenario, groups: AttributionGroup[], mask: number): string[] {
  const out: string[] = [];
  groups.forEach((g, i) => {
    if (mask & (1 << i)) return;
    for (const k of g.inputs) out.push(`uncertain[${k}].range=${baselineOf(s, k)}`);
  });
  return out;
}

/** The outcome a metric name reads from a path record: any column of paths.csv. */
export function metricReader(s: Scenario, metric: string): ((r: PathRecord) => number | null) | undefined {
  return pathColumns(pathsLayout(s)).find((c) => c.name === metric)?.get;
}

export function metricNames(s: Scenario): string[] {
  return pathColumns(pathsLayout(s))
    .map((c) => c.name)
    .filter((n) => n !== 'path' && n !== 'pathSeed');
}

export interface Attribution {
  metric: string;
  paths: number;
  seed: number;
  /** Mean and variance over paths of every coalition, by mask (bit i: group i drawn). */
  coalitions: { mask: number; drawn: string[]; mean: number; variance: number }[];
  /** v(∅): every input at its baseline; v(N): every input drawn (the replay as a distribution). */
  baseline: number;
  drawn: number;
  groups: { name: string; inputs: { field: string; baseline: number }[]; mean: number; variance: number }[];
  /** Variance over paths with every input at its baseline: what the declared inputs do not explain. */
  residualVariance: number;
}

function meanVar(xs: number[]): { mean: number; variance: number } {
  const n = xs.length;
  if (n === 0) return { mean: Number.NaN, variance: Number.NaN };
  const mean = xs.reduce((a, x) => a + x, 0) / n;
  const variance = n > 1 ? xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, variance };
}

/** The attribution from each coalition's path records (records[mask], every cell on the same path seeds). */
export function attribute(s: Scenario, groups: AttributionGroup[], metric: string, records: PathRecord[][], seed: number, paths: number): Attribution {
  const read = metricReader(s, metric);
  if (!read) throw new Error(`unknown metric ${metric}`);
  // a missing value (no bad debt recorded as null) is 0 of the outcome
  const stats = records.map((rs) => meanVar(rs.map((r) => read(r) ?? 0)));
  const names = groups.map((g) => g.name);
  const game = (f: (m: { mean: number; variance: number }) => number) => (use: boolean[]) => f(stats[use.reduce((m, u, i) => (u ? m | (1 << i) : m), 0)]);
  const mean = shapley(
    names,
    game((m) => m.mean),
  );
  const variance = shapley(
    names,
    game((m) => m.variance),
  );
  const uncertain = s.uncertain ?? [];
  return {
    metric,
    paths,
    seed,
    coalitions: stats.map((m, mask) => ({ mask, drawn: names.filter((_, i) => mask & (1 << i)), mean: m.mean, variance: m.variance })),
    baseline: mean.baseline,
    drawn: mean.actual,
    groups: groups.map((g) => ({
      name: g.name,
      inputs: g.inputs.map((k) => ({ field: uncertain[k].field, baseline: baselineOf(s, k) })),
      mean: mean.contributions[g.name],
      variance: variance.contributions[g.name],
    })),
    residualVariance: variance.baseline,
  };
}

const f = (x: number) => (Number.isFinite(x) ? formatNumber(Number(x.toPrecision(4))) : 'n/a');

/** The attribution as a Markdown table (what the command prints). */
export function attributionMarkdown(a: Attribution, title: string): string {
  const sd = (v: number) => (v >= 0 ? f(Math.sqrt(v)) : `−${f(Math.sqrt(-v))}`);
  const lines = [
    `## ${title}`,
    '',
    `Outcome: mean of \`${a.metric}\` over ${a.paths} paths (seed ${a.seed}) per coalition, on common random numbers.`,
    '',
    '| input group | fields (baseline) | Shapley share of the mean | of the variance (as sd) |',
    '| --- | --- | ---: | ---: |',
    ...a.groups.map((g) => `| ${g.name} | ${g.inputs.map((i) => `${i.field} (${f(i.baseline)})`).join('; ')} | ${f(g.mean)} | ${sd(g.variance)} |`),
    `| all at baseline | | ${f(a.baseline)} | ${sd(a.residualVariance)} |`,
    `| all drawn | | ${f(a.drawn)} | ${sd(a.coalitions[a.coalitions.length - 1].variance)} |`,
    '',
    'The contributions to the mean add up to (all drawn) − (all at baseline); those to the variance to the variance all drawn less the variance left at baseline (sd shown as √ of each share, negative shares with a minus sign).',
    '',
  ];
  return lines.join('\n');
}
