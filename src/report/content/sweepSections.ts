/** The report of a sweep: each cell's risk figures against the swept parameters, from sweep.json. */
import type { SweepCellResult } from '../sweepResults.js';
import { sweepChart, type SweepLimits, type SweepPoint } from '../charts/sweepChart.js';
import type { Block, ReportDocument } from './document.js';
import { amount, interval, pct, usd } from './format.js';
import type { Results } from './readResults.js';
import { methodSection, scenarioSection } from './sharedSections.js';

type SweepResults = Extract<Results, { kind: 'sweep' }>;

/** How the sweep's cells got their loan book, if sweep.json says (see the sweep's README section). */
export function bookNote(sweep: Record<string, unknown>): string {
  const book = sweep.loanBook;
  if (book === 'shared') return "Loan book: shared — every cell starts from the same positions, drawn at the scenario file's parameters, so the cells differ by the protocol's parameters alone.";
  if (book === 'regenerated')
    return 'Loan book: regenerated — each cell drew its positions at its own parameters (--regenerate-book), so a higher liquidation threshold also lent more against the same collateral.';
  return "Loan book: sweep.json does not say whether the cells shared one loan book; this version of the sweep re-generated each cell's book from its own parameters, so a change of liquidation threshold also changed the debt drawn (issue 16).";
}

export function sweepPoints(cells: SweepCellResult[], axis: string): SweepPoint[] {
  return cells.map((c) => {
    const s = c.summary;
    const others = Object.entries(c.grid)
      .filter(([k]) => k !== axis)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return {
      x: Number(c.grid[axis]),
      others,
      pBadDebt: s.probabilityOfBadDebt.estimate,
      pLow: s.probabilityOfBadDebt.interval?.[0] ?? null,
      pHigh: s.probabilityOfBadDebt.interval?.[1] ?? null,
      es99: s.badDebt.es99,
      esLow: s.badDebt.intervals?.es99?.[0] ?? null,
      esHigh: s.badDebt.intervals?.es99?.[1] ?? null,
      lar99: s.liquidationsAtRisk.p99,
    };
  });
}

export function sweepTable(cells: SweepCellResult[]): Block {
  const axes = cells.length ? Object.keys(cells[0].grid) : [];
  const head = ['cell', ...axes, 'P(bad debt) [95 % Wilson]', 'bad debt mean', 'bad debt ES99 [95 %]', 'LaR99', 'liquidated mean'];
  const rows = cells.map((c) => {
    const s = c.summary;
    const p = s.probabilityOfBadDebt;
    return [
      String(c.cell),
      ...axes.map((a) => c.grid[a]),
      `${pct(p.estimate)} ${interval(p.interval, (x) => pct(x))}`,
      usd(s.badDebt.mean),
      `${usd(s.badDebt.es99)} ${interval(s.badDebt.intervals?.es99, usd)}`,
      usd(s.liquidationsAtRisk.p99),
      usd(s.liquidatedValue.mean),
    ];
  });
  return { kind: 'table', head, rows, numeric: head.map((_, k) => k > axes.length) };
}

/** One chart per numeric grid axis. */
export function sweepCharts(cells: SweepCellResult[], axes: string[], limits?: SweepLimits): Block[] {
  return axes
    .filter((a) => cells.every((c) => Number.isFinite(Number(c.grid[a]))))
    .flatMap((a, k) => {
      const spec = sweepChart(sweepPoints(cells, a), a, limits);
      return spec
        ? [
            {
              kind: 'chart' as const,
              id: `sweep-${k}`,
              title: `Risk figures against ${a}`,
              caption: `Each point is one cell of the sweep (${cells[0].summary.completedPaths} paths, the same path seeds in every cell); bars are 95 % intervals${limits ? "; dashed red lines are the risk appetite's limits" : ''}.`,
              spec,
            },
          ]
        : [];
    });
}

export function sweepReport(r: SweepResults): ReportDocument {
  const doc = r.sweep;
  const axes = doc.grid.map((g) => g.path);
  return {
    title: `Sweep: ${doc.cells[0]?.summary.scenario.name ?? 'scenario'}`,
    subtitle: `${doc.cells.length} cells over ${axes.join(' × ')}, ${amount(doc.paths)} paths per cell, seed ${doc.seed}`,
    sections: [
      {
        title: 'Summary',
        blocks: [
          { kind: 'paragraph', text: `Every cell ran the same ${amount(doc.paths)} path seeds (common random numbers), so differences between cells are the parameters'. ${bookNote(doc)}` },
          sweepTable(doc.cells),
        ],
      },
      { title: 'Risk figures against the parameters', blocks: sweepCharts(doc.cells, axes) },
      scenarioSection(r),
      methodSection(r),
    ],
  };
}
