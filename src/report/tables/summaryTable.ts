/** The short table a one-path run prints on the terminal, and its Markdown copy (summary.md). */
import type { RunSummary } from '../summary.js';
import { markdownTable } from './markdown.js';

const usd = (x: number) => `$${x.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const hours = (s: number | null) => (s === null ? '—' : `${(s / 3600).toFixed(2)} h`);

/** The table's rows: a label and its value. */
export function summaryRows(s: RunSummary): [string, string][] {
  const rows: [string, string][] = [
    ['scenario', `${s.scenario.name} (sha256 ${s.scenario.sha256.slice(0, 12)}…), seed ${s.seed}`],
    ['steps', `${s.steps} × ${s.dt} s`],
    ['liquidated value', `${usd(s.liquidatedValue)} in ${s.liquidations} liquidations`],
    ['bad debt', usd(s.badDebt)],
    ['cascade amplification', s.amplification === null ? (s.counterfactual ? 'unbounded (no liquidation without feedback)' : 'not measured') : `${s.amplification.toFixed(3)}×`],
    ['peak liquidatable debt', usd(s.peakLiquidatableDebt)],
    ['first bad debt', hours(s.timeToFirstBadDebt)],
    ['largest oracle deviation', `${(100 * s.maxOracleDeviation.value).toFixed(2)} % (${s.maxOracleDeviation.oracle ?? '—'} at ${hours(s.maxOracleDeviation.time)})`],
  ];
  const caused = (h: NonNullable<RunSummary['hedging']>) =>
    `${usd(h.caused)} of ${usd(h.liquidatedValue)}${h.share === null ? '' : ` (${(100 * h.share).toFixed(1)} %)`}; ${usd(h.withoutHedging)} without hedges`;
  if (s.hedging) rows.splice(5, 0, ['caused by hedging', caused(s.hedging)]);
  for (const [id, p] of Object.entries(s.protocols)) {
    rows.push([`${id}`, `liquidated ${usd(p.liquidatedValue)}, bad debt ${usd(p.badDebt)}, amplification ${p.amplification === null ? '—' : p.amplification.toFixed(3)}`]);
    if (p.hedging) rows.push([`${id} caused by hedging`, caused(p.hedging)]);
  }
  return rows;
}

/** The terminal table. */
export function summaryTable(s: RunSummary): string {
  const rows = summaryRows(s);
  const width = Math.max(...rows.map((r) => r[0].length));
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}

/** The same rows as Markdown (summary.md of a one-path results folder). */
export function summaryMarkdown(s: RunSummary): string {
  return `# ${s.scenario.name}: one path\n\n${markdownTable(['', 'value'], summaryRows(s))}`;
}
