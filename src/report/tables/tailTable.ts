/** The terminal table of a many-path run, and its Markdown copy (summary.md). */
import type { PathsSummary, ProtocolRiskFigures } from '../pathsSummary.js';
import type { Distribution, Proportion } from '../tailMetrics.js';
import { markdownTable } from './markdown.js';

const usd = (x: number | null) => (x === null ? '—' : `$${x.toLocaleString('en-US', { maximumFractionDigits: 0 })}`);
const hours = (s: number | null) => (s === null ? 'never' : `${(s / 3600).toFixed(2)} h`);
const times = (x: number | null) => (x === null ? '∞' : `${x.toFixed(3)}×`);
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
const amount = (digits: number) => (x: number | null) => (x === null ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const share = (p: Proportion) => `${pct(p.estimate)} (${p.k}/${p.n}), 95 % Wilson ${p.interval ? `[${pct(p.interval[0])}, ${pct(p.interval[1])}]` : '—'}`;

const COLUMNS = ['mean', 'p50', 'p95', 'p99', 'p99.9', 'VaR95', 'ES95', 'VaR99', 'ES99'];

function row(label: string, d: Distribution | null, fmt: (x: number | null) => string): string[] {
  if (!d) return [label, ...COLUMNS.map(() => 'not measured')];
  return [label, fmt(d.mean), fmt(d.p50), fmt(d.p95), fmt(d.p99), fmt(d.p99_9), fmt(d.var95), fmt(d.es95), fmt(d.var99), fmt(d.es99)];
}

/** The 95 % intervals of a distribution's tail figures, on one line ("…" where N paths cannot bound an end). */
function intervals(label: string, d: Distribution, fmt: (x: number | null) => string): string[] {
  const end = (x: number | null) => (x === null ? '…' : fmt(x));
  const parts = (['var95', 'es95', 'var99', 'es99'] as const).map((k) => `${k.replace('var', 'VaR').replace('es', 'ES')} [${end(d.intervals[k][0])}, ${end(d.intervals[k][1])}]`);
  return [label, `95 % intervals: ${parts.join(', ')}`];
}

function block(title: string, f: ProtocolRiskFigures): string[][] {
  const rows = [
    [title],
    row('  liquidated value', f.liquidatedValue, usd),
    intervals('', f.liquidatedValue, usd),
    row('  bad debt', f.badDebt, usd),
    intervals('', f.badDebt, usd),
    row('  amplification', f.amplification, times),
    ...(f.hedgingCaused ? [row('  caused by hedging', f.hedgingCaused, usd)] : []),
    row('  first bad debt (early tail)', f.timeToFirstBadDebt, hours),
    ['  P(bad debt)', `${share(f.probabilityOfBadDebt)}; LaR95 ${usd(f.liquidationsAtRisk.p95)}, LaR99 ${usd(f.liquidationsAtRisk.p99)}`],
  ];
  // a CDP system's own figures
  if (f.deficit && f.auctions && f.governanceMinted) {
    rows.push(
      row('  deficit (stablecoin)', f.deficit, amount(0)),
      row('  auctions won at zero', f.auctions.zeroBidWins, amount(1)),
      row('  collateral sold at zero', f.auctions.collateralSoldAtZero, usd),
      row('  governance tokens minted', f.governanceMinted, amount(2)),
    );
  }
  return rows;
}

function title(s: PathsSummary): string {
  return `${s.scenario.name} (sha256 ${s.scenario.sha256.slice(0, 12)}…), seed ${s.seed}, ${s.completedPaths}/${s.paths} paths of ${s.steps} × ${s.dt} s`;
}

/** The rows: a title alone, a label and one text, or a label and one value per column. */
function tailRows(s: PathsSummary): string[][] {
  const rows: string[][] = [...block('all protocols', s)];
  for (const [id, f] of Object.entries(s.protocols)) rows.push(...block(id, f));
  if (s.contagion) rows.push(['contagion'], row('  systemic loss (worst step)', s.contagion.systemicLoss, pct));
  return rows;
}

function failureLines(s: PathsSummary): string[] {
  return s.failedPaths.map((f) => `path ${f.path} (seed ${f.pathSeed}) after ${f.attempts} attempts: ${f.error}`);
}

/** The terminal table of a many-path run: tail metrics overall and per protocol. */
export function tailTable(s: PathsSummary): string {
  const rows: string[][] = [['', ...COLUMNS], ...tailRows(s)];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.filter((r) => r.length > 2).map((r) => r[c + 1].length)));
  const labelWidth = Math.max(...rows.filter((r) => r.length > 2).map((r) => r[0].length));
  const lines = rows.map((r) => {
    if (r.length === 1) return r[0];
    if (r.length === 2) return `${r[0].padEnd(labelWidth)}  ${r[1]}`;
    return `${r[0].padEnd(labelWidth)}  ${r
      .slice(1)
      .map((v, c) => v.padStart(widths[c]))
      .join('  ')}`;
  });
  let out = `${title(s)}\n` + lines.join('\n') + '\n';
  if (s.failedPaths.length) {
    out += `FAILED ${s.failedPaths.length} path(s):\n`;
    for (const f of failureLines(s)) out += `  ${f}\n`;
  }
  return out;
}

/**
 * The same table as Markdown (summary.md of a many-path results folder): a title row becomes a
 * bold row, an interval line fills the first value cell (Markdown cannot span cells).
 */
export function tailMarkdown(s: PathsSummary): string {
  const rows = tailRows(s).map((r) => {
    const label = r[0].trim();
    if (r.length === 1) return [`**${label}**`, ...COLUMNS.map(() => '')];
    if (r.length === 2) return [label, r[1], ...COLUMNS.slice(1).map(() => '')];
    return [label, ...r.slice(1)];
  });
  let out = `# ${title(s)}\n\n${markdownTable(['', ...COLUMNS], rows, ['left', ...COLUMNS.map(() => 'right' as const)])}`;
  if (s.failedPaths.length)
    out += `\nFailed ${s.failedPaths.length} path(s):\n\n${failureLines(s)
      .map((f) => `- ${f}\n`)
      .join('')}`;
  return out;
}
