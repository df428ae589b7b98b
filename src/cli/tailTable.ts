import type { PathsSummary, ProtocolRiskFigures } from '../report/pathsSummary.js';
import type { Distribution, Proportion } from '../report/tailMetrics.js';

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

/** The terminal table of a many-path run: tail metrics overall and per protocol. */
export function tailTable(s: PathsSummary): string {
  const head = `${s.scenario.name} (sha256 ${s.scenario.sha256.slice(0, 12)}…), seed ${s.seed}, ${s.completedPaths}/${s.paths} paths of ${s.steps} × ${s.dt} s\n`;
  const rows: string[][] = [['', ...COLUMNS], ...block('all protocols', s)];
  for (const [id, f] of Object.entries(s.protocols)) rows.push(...block(id, f));
  if (s.contagion) rows.push(['contagion'], row('  systemic loss (worst step)', s.contagion.systemicLoss, pct));
  const widths = COLUMNS.map((_, c) => Math.max(...rows.filter((r) => r.length > 2).map((r) => r[c + 1].length)));
  const labelWidth = Math.max(...rows.filter((r) => r.length > 2).map((r) => r[0].length));
  const lines = rows.map((r) => {
    if (r.length === 1) return r[0];
    if (r.length === 2) return `${r[0].padEnd(labelWidth)}  ${r[1]}`;
    return `${r[0].padEnd(labelWidth)}  ${r.slice(1).map((v, c) => v.padStart(widths[c])).join('  ')}`;
  });
  let out = head + lines.join('\n') + '\n';
  if (s.failedPaths.length) {
    out += `FAILED ${s.failedPaths.length} path(s):\n`;
    for (const f of s.failedPaths) out += `  path ${f.path} (seed ${f.pathSeed}) after ${f.attempts} attempts: ${f.error}\n`;
  }
  return out;
}
