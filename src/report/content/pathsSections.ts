/** The report of a many-path run: distributions and tail figures with their intervals, from summary.json and paths.csv. */
import type { PathsSummary, ProtocolRiskFigures } from '../pathsSummary.js';
import type { Distribution } from '../tailMetrics.js';
import { distributionChart } from '../charts/distributionChart.js';
import type { Block, ReportDocument } from './document.js';
import { amount, hours, interval, pct, usd } from './format.js';
import type { Results } from './readResults.js';
import { methodSection, networkSection, scenarioSection } from './sharedSections.js';

type PathsResults = Extract<Results, { kind: 'paths' }>;

function tailRows(label: string, d: Distribution | null | undefined, f: (x: number | null) => string): string[][] {
  if (!d) return [];
  const i = d.intervals;
  return [[label, f(d.mean), f(d.var95), interval(i?.var95, f), f(d.es95), interval(i?.es95, f), f(d.var99), interval(i?.var99, f), f(d.es99), interval(i?.es99, f)]];
}

const HEAD = ['', 'mean', 'VaR95', '95 % interval', 'ES95', '95 % interval', 'VaR99', '95 % interval', 'ES99', '95 % interval'];

function protocolBlock(id: string, f: ProtocolRiskFigures): Block[] {
  const p = f.probabilityOfBadDebt;
  const rows = [
    ...tailRows('liquidated value', f.liquidatedValue, usd),
    ...tailRows('bad debt', f.badDebt, usd),
    ...tailRows('liquidations', f.liquidations, (x) => amount(x)),
    ...tailRows('peak liquidatable debt', f.peakLiquidatableDebt, usd),
    ...(f.deficit ? tailRows('deficit (stablecoin)', f.deficit, (x) => amount(x)) : []),
    ...(f.auctions ? tailRows('auctions won at zero', f.auctions.zeroBidWins, (x) => amount(x, 1)) : []),
    ...(f.auctions ? tailRows('collateral sold at zero', f.auctions.collateralSoldAtZero, usd) : []),
    ...(f.governanceMinted ? tailRows('governance tokens minted', f.governanceMinted, (x) => amount(x, 0)) : []),
  ];
  return [
    {
      kind: 'paragraph',
      text: `**${id}**: P(bad debt) ${pct(p.estimate)} (${p.k} of ${p.n} paths), 95 % Wilson interval ${interval(p.interval, (x) => pct(x))}; liquidations at risk LaR95 ${usd(f.liquidationsAtRisk.p95)}, LaR99 ${usd(f.liquidationsAtRisk.p99)}; first bad debt, earliest 5 % of paths by ${hours(f.timeToFirstBadDebt.var95)}.`,
    },
    { kind: 'table', head: HEAD, rows, numeric: HEAD.map((_, k) => k > 0) },
  ];
}

export function pathsReport(r: PathsResults): ReportDocument {
  const s: PathsSummary = r.summary;
  const charts: Block[] = [];
  const addDistribution = (id: string, column: string, d: Distribution, what: string) => {
    const values = r.paths.get(column);
    if (!values) return;
    const spec = distributionChart(values, d, what);
    if (spec)
      charts.push({
        kind: 'chart',
        id,
        title: `Distribution of ${what} over ${s.completedPaths} paths`,
        caption: `Histogram of ${column} in paths.csv; the lines are VaR and ES at 95 % and 99 % from summary.json (their intervals are in the table above).`,
        spec,
      });
  };
  addDistribution('bad-debt', 'badDebt', s.badDebt, 'bad debt (USD)');
  addDistribution('liquidated', 'liquidatedValue', s.liquidatedValue, 'liquidated value (USD)');
  for (const [id, f] of Object.entries(s.protocols)) if (f.deficit) addDistribution(`deficit-${id}`, `${id}.deficit`, f.deficit, `${id} deficit (stablecoin)`);
  const enough =
    s.badDebt.intervals?.es99?.[1] === null || s.badDebt.intervals?.var99?.[1] === null
      ? ` With ${s.completedPaths} paths the upper end of some 99 % figures cannot be bounded (shown as …): run more paths to pin them down.`
      : '';
  const overall: Block[] =
    Object.keys(s.protocols).length > 1
      ? [
          { kind: 'paragraph', text: 'All protocols together:' },
          { kind: 'table', head: HEAD, rows: [...tailRows('liquidated value', s.liquidatedValue, usd), ...tailRows('bad debt', s.badDebt, usd)], numeric: HEAD.map((_, k) => k > 0) },
        ]
      : [];
  return {
    title: `Stress test: ${s.scenario.name}`,
    subtitle: `${amount(s.completedPaths)} of ${amount(s.paths)} paths, seed ${s.seed}, ${amount(s.steps)} steps of ${s.dt} s each`,
    sections: [
      {
        title: 'Summary',
        blocks: [
          {
            kind: 'paragraph',
            text: `Across ${amount(s.completedPaths)} paths, ${pct(s.probabilityOfBadDebt.estimate)} left bad debt (95 % Wilson interval ${interval(s.probabilityOfBadDebt.interval, (x) => pct(x))}). Expected bad debt ${usd(s.badDebt.mean)}; in the worst 1 % of paths ${usd(s.badDebt.es99)} on average (ES99, 95 % interval ${interval(s.badDebt.intervals?.es99, usd)}). Expected liquidations ${usd(s.liquidatedValue.mean)}, LaR99 ${usd(s.liquidationsAtRisk.p99)}.${enough}`,
          },
          ...overall,
          ...Object.entries(s.protocols).flatMap(([id, f]) => protocolBlock(id, f)),
          ...(s.contagion
            ? [
                {
                  kind: 'paragraph' as const,
                  text: `Contagion: the worst step's DebtRank systemic loss averages ${pct(s.contagion.systemicLoss.mean)} of the protocols' equity; ES99 ${pct(s.contagion.systemicLoss.es99)}.`,
                },
              ]
            : []),
          ...(s.failedPaths.length ? [{ kind: 'paragraph' as const, text: `${s.failedPaths.length} path(s) failed and are not counted: ${s.failedPaths.map((f) => f.path).join(', ')}.` }] : []),
        ],
      },
      { title: 'Distributions over paths', blocks: charts },
      scenarioSection(r),
      ...[networkSection(r)].filter((x) => x !== undefined),
      methodSection(r, [
        { kind: 'paragraph', text: `Quantiles: ${s.quantileDefinition}.` },
        ...(s.intervalDefinition ? [{ kind: 'paragraph' as const, text: `Intervals: ${s.intervalDefinition}.` }] : []),
      ]),
    ],
  };
}
