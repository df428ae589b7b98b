/**
 * The recommendation as a forum post in the sections of Aave's ARFC template: Summary,
 * Motivation, Specification (current → recommended), the effect on the risk figures with their
 * intervals, method and assumptions, reproduction, Next Steps. Every figure is the sweep's own.
 */
import type { SweepDocument } from '../sweepResults.js';
import { bookNote, sweepTable } from '../content/sweepSections.js';
import { renderMarkdown } from '../render/markdown.js';
import type { ReportDocument, Block } from '../content/document.js';
import { interval, pct, usd } from '../content/format.js';
import type { Appetite } from './appetite.js';
import type { Choice } from './choose.js';
import type { StewardPlan } from './stewardSteps.js';
import type { Payload } from './payload.js';

export interface RecommendationInput {
  sweep: SweepDocument & Record<string, unknown>;
  sweepDir: string;
  digest: string | null;
  reproduce: string[] | null;
  appetite: Appetite;
  axis: string;
  resolved: string;
  current: number;
  choice: Choice;
  plan: StewardPlan;
  payloads: Payload[];
}

const fmt = (x: number) => (Math.abs(x) <= 2 ? pct(x, 2) : String(x));

export function recommendationDocument(r: RecommendationInput): ReportDocument {
  const { choice, plan } = r;
  const chosen = choice.chosen!;
  const target = chosen.value;
  const cellOf = (value: number) => r.sweep.cells.find((c) => Number(c.grid[r.axis]) === value);
  const currentCell = cellOf(r.current);
  const targetCell = cellOf(target);
  const p = (cell: (typeof r.sweep.cells)[number] | undefined) => cell?.summary.protocols[r.appetite.protocol];
  const figureRow = (label: string, f: (x: NonNullable<ReturnType<typeof p>>) => string): string[] => [label, currentCell ? f(p(currentCell)!) : 'not swept', f(p(targetCell)!)];
  const effect: Block = {
    kind: 'table',
    head: ['figure', `current (${fmt(r.current)})`, `recommended (${fmt(target)})`],
    rows: [
      figureRow('P(bad debt) [95 % Wilson]', (f) => `${pct(f.probabilityOfBadDebt.estimate)} ${interval(f.probabilityOfBadDebt.interval, (x) => pct(x))}`),
      figureRow('bad debt, mean', (f) => usd(f.badDebt.mean)),
      figureRow('bad debt, ES99 [95 %]', (f) => `${usd(f.badDebt.es99)} ${interval(f.badDebt.intervals?.es99, usd)}`),
      figureRow('bad debt, VaR99 [95 %]', (f) => `${usd(f.badDebt.var99)} ${interval(f.badDebt.intervals?.var99, usd)}`),
      figureRow('liquidated value, mean', (f) => usd(f.liquidatedValue.mean)),
      figureRow('liquidations at risk, LaR99', (f) => usd(f.liquidationsAtRisk.p99)),
    ],
    numeric: [false, true, true],
  };
  const binds = choice.binding
    ? `The binding constraint: at ${fmt(choice.binding.next.value)}, the next value in the objective's direction, the constraint${choice.binding.failed.length > 1 ? 's' : ''} ${choice.binding.failed.map((k) => `${k.name} (${k.describe}) fails`).join('; ')}.`
    : "No constraint binds within the sweep: the recommended value is the last one swept in the objective's direction; sweep further to find the limit.";
  const steps =
    plan.steps.length > 1
      ? `The change exceeds what one update may make (${r.appetite.stewards?.relative ? `${r.appetite.stewards?.maxPercentChange[r.axis] ?? r.appetite.stewards?.maxPercentChange[r.resolved]} % relative` : `${(100 * (plan.maxStep ?? 0)).toFixed(2)} percentage points`}), so it is split into ${plan.steps.length} updates at least ${r.appetite.minDelaySeconds / 86400} day(s) apart: ${[r.current, ...plan.steps].map(fmt).join(' → ')}.`
      : plan.steps.length === 1
        ? 'The change is within what one update may make.'
        : 'No change is recommended.';
  const checks: Block = {
    kind: 'table',
    head: [r.axis, 'meets the appetite', 'constraints (conservative end of each 95 % interval)'],
    rows: choice.candidates.map((c) => [
      fmt(c.value),
      c.ok ? 'yes' : 'no',
      c.checks
        .flat()
        .map((k) => `${k.ok ? '✓' : '✗'} ${k.describe}`)
        .join('; '),
    ]),
  };
  const objective = 'maximise' in r.appetite.objective ? `maximise ${r.appetite.objective.maximise}` : `minimise ${r.appetite.objective.minimise}`;
  const specRows = [[r.appetite.protocol, r.axis, fmt(r.current), fmt(target), plan.steps.length > 1 ? plan.steps.map(fmt).join(' → ') : '—']];
  return {
    title: `[ARFC] ${r.axis}: ${fmt(r.current)} → ${fmt(target)}`,
    subtitle: `Recommendation under the risk appetite ${r.appetite.name ?? r.appetite.file} (version ${r.appetite.version}), from a sweep of ${r.sweep.cells.length} cells × ${r.sweep.paths} paths`,
    sections: [
      {
        title: 'Summary',
        blocks: [
          {
            kind: 'paragraph',
            text: `Set ${r.axis} of ${r.appetite.protocol} from ${fmt(r.current)} to ${fmt(target)}: the ${choice.direction === 'maximise' ? 'highest' : 'lowest'} value swept that meets every constraint of the risk appetite. ${binds}`,
          },
        ],
      },
      {
        title: 'Motivation',
        blocks: [
          {
            kind: 'paragraph',
            text: `The appetite's objective is to ${objective}, subject to: ${Object.keys(r.appetite.constraints).join(', ')} (each checked at the conservative end of its 95 % interval, so too few paths count against a value). ${steps}`,
          },
        ],
      },
      {
        title: 'Specification',
        blocks: [
          { kind: 'table', head: ['protocol', 'parameter', 'current', 'recommended', 'steps'], rows: specRows },
          { kind: 'paragraph', text: 'Payload (`payload.json`, one entry per update):' },
          { kind: 'code', lang: 'json', text: JSON.stringify(r.payloads, null, 2) },
        ],
      },
      { title: 'Effect on the risk figures', blocks: [effect, checks] },
      {
        title: 'Method and assumptions',
        blocks: [
          {
            kind: 'paragraph',
            text: `Agent-based simulation (Aftershock), ${r.sweep.paths} paths per cell on common random numbers (the same path seeds in every cell), seed ${r.sweep.seed}. ${bookNote(r.sweep)} Tail figures: VaR by order statistics, ES by its asymptotic interval; P(bad debt) with a Wilson interval; LaR99 is the 99th percentile of liquidated value. A value is acceptable when every cell with it meets every constraint (other grid axes are stresses it must survive).`,
          },
          { kind: 'paragraph', text: 'All cells of the sweep:' },
          sweepTable(r.sweep.cells),
        ],
      },
      {
        title: 'Reproduction',
        blocks: [
          { kind: 'paragraph', text: `Sweep folder \`${r.sweepDir}\`, result digest \`${r.digest ?? 'not recorded'}\`.` },
          {
            kind: 'code',
            text: [
              `aftershock verify ${r.sweepDir}`,
              ...(r.reproduce ? [`aftershock ${r.reproduce.map((a) => (/^[\w./=,:@+-]+$/.test(a) ? a : `'${a}'`)).join(' ')} --out ${r.sweepDir}`] : []),
              `aftershock recommend ${r.sweepDir} --appetite ${r.appetite.file}`,
            ].join('\n'),
          },
        ],
      },
      {
        title: 'Next Steps',
        blocks: [
          {
            kind: 'list',
            items: [
              'Discuss this ARFC on the governance forum.',
              'A Snapshot vote on the recommended value.',
              'An AIP whose payload encodes `payload.json` (Aftershock sends nothing anywhere).',
              ...(plan.steps.length > 1
                ? [`The later steps as separate updates, each at least ${r.appetite.minDelaySeconds / 86400} day(s) after the one before, re-checked against a fresh sweep.`]
                : []),
            ],
          },
        ],
      },
    ],
  };
}

export function recommendationMarkdown(r: RecommendationInput): string {
  return renderMarkdown(recommendationDocument(r));
}
