/** The table a sweep prints on the terminal, one row per cell, and its Markdown copy (sweep.md). */
import type { SweepCellResult } from '../sweepResults.js';
import { markdownTable } from './markdown.js';

const usd = (x: number | null) => (x === null ? '—' : `$${x.toLocaleString('en-US', { maximumFractionDigits: 0 })}`);
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);

/** The head and rows; the first `labels + 1` columns (cell and swept values) are text, the rest figures. */
function sweepRows(cells: SweepCellResult[]): { head: string[]; rows: string[][]; textColumns: number } {
  const labels = Object.keys(cells[0].grid);
  const head = ['cell', ...labels, 'liquidated (mean)', 'LaR99', 'bad debt (mean)', 'bad debt ES99', 'P(bad debt) [95 % Wilson]', 'amplification (mean)'];
  const rows = cells.map((c) => {
    const s = c.summary;
    const p = s.probabilityOfBadDebt;
    return [
      String(c.cell),
      ...labels.map((l) => c.grid[l]),
      usd(s.liquidatedValue.mean),
      usd(s.liquidationsAtRisk.p99),
      usd(s.badDebt.mean),
      usd(s.badDebt.es99),
      `${pct(p.estimate)} [${p.interval ? `${pct(p.interval[0])}, ${pct(p.interval[1])}` : '—'}]`,
      s.amplification?.mean == null ? '—' : `${s.amplification.mean.toFixed(3)}×`,
    ];
  });
  return { head, rows, textColumns: labels.length + 1 };
}

export function sweepTable(cells: SweepCellResult[]): string {
  if (cells.length === 0) return '';
  const { head, rows, textColumns } = sweepRows(cells);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((v, i) => (i < textColumns ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ')).join('\n') + '\n';
}

/** sweep.md: the title names the sweep, its paths per cell and its loan book. */
export function sweepMarkdown(title: string, cells: SweepCellResult[]): string {
  if (cells.length === 0) return `# ${title}\n\nNo cells.\n`;
  const { head, rows, textColumns } = sweepRows(cells);
  return `# ${title}\n\n${markdownTable(
    head,
    rows,
    head.map((_, i) => (i < textColumns ? 'left' : 'right')),
  )}`;
}
