/**
 * `summary.json` of a many-path run: the distribution over paths of each per-run figure (see
 * summary.ts for the per-path definitions) and its tail metrics (see tailMetrics.ts for the
 * quantile, VaR, ES and Wilson definitions). Computed from records sorted by path index, and
 * without wall-clock time, so equal runs write equal bytes whatever the number of workers.
 *
 * The top-level fields scripts rely on keep their names but are distributions here, not numbers:
 * `liquidatedValue`, `badDebt`, `amplification` (and the same per protocol) are `Distribution`
 * objects whose `mean` is the expected value over paths. Additionally:
 *   timeToFirstBadDebt    adverse tail is early ('lower'); paths without bad debt count as
 *                         unbounded (never), so `mean` is the mean given bad debt and a quantile
 *                         that falls among them is null
 *   amplification         paths whose counterfactual liquidated nothing are unbounded (+∞)
 *   probabilityOfBadDebt  share of paths with bad debt > 0, with a 95 % Wilson interval
 *   liquidationsAtRisk    95th and 99th percentiles of liquidated value (the LaR of the issue)
 * For a CDP system, under `protocols.<id>`, also the distributions of its `deficit` (stablecoin),
 * `auctions.count`, `auctions.zeroBidWins`, `auctions.collateralSoldAtZero` (USD) and
 * `governanceMinted` (governance tokens). The chance of a deficit is its `probabilityOfBadDebt`:
 * a CDP system's bad debt is its deficit, valued in USD.
 * When the scenario measures contagion (two protocols or more), top level:
 *   contagion.systemicLoss  the worst step's DebtRank systemic loss, per path
 * With options.hedgeAttribution, top level and per protocol:
 *   hedgingCaused          liquidated value the agents' hedges caused (with − without), per path
 */
import type { LoadedScenario } from '../scenario/load.js';
import type { PathRecord, ProtocolPathFigures } from '../parallel/pathRecord.js';
import type { PathFailure } from '../parallel/executor.js';
import { roundDeep } from '../sim/metrics.js';
import { measuresContagion } from '../sim/contagion.js';
import { distribution, proportion, quantileSorted, type Distribution, type Proportion } from './tailMetrics.js';

export const QUANTILE_DEFINITION = 'inverse empirical cdf (Hyndman-Fan type 1): q_p = x_(ceil(n p)); VaR_a = q_a; ES_a = tail mean of the empirical distribution (Acerbi-Tasche 2002)';

export const INTERVAL_DEFINITION =
  '95 % intervals: VaR by order statistics x_(l), x_(u) chosen from Bin(n, a) so that coverage >= 95 % (David-Nagaraja 2003); ES by its asymptotic variance Var((X-VaR)+)/(n(1-a)^2) (Manistre-Hancock 2005) with Johnson (1978) skewness correction, null with fewer than 10 paths beyond VaR; null ends: too few paths';

export interface LiquidationsAtRisk {
  p95: number | null;
  p99: number | null;
}

export interface RiskFigures {
  liquidatedValue: Distribution;
  liquidations: Distribution;
  badDebt: Distribution;
  /** Null when the scenario does not measure amplification (options.amplification off). */
  amplification: Distribution | null;
  timeToFirstBadDebt: Distribution;
  peakLiquidatableDebt: Distribution;
  probabilityOfBadDebt: Proportion;
  liquidationsAtRisk: LiquidationsAtRisk;
}

/** A CDP system's own figures over paths (see report/summary.ts for the per-path definitions). */
export interface CdpRiskFigures {
  deficit: Distribution;
  auctions: { count: Distribution; zeroBidWins: Distribution; collateralSoldAtZero: Distribution };
  governanceMinted: Distribution;
}

export type ProtocolRiskFigures = RiskFigures & Partial<CdpRiskFigures> & { hedgingCaused?: Distribution };

export interface PathsSummary extends RiskFigures {
  scenario: { name: string; sha256: string; overrides: string[] };
  seed: number;
  /** Paths asked for. */
  paths: number;
  /** Paths the figures are computed over (paths − failed). */
  completedPaths: number;
  steps: number;
  dt: number;
  priceFeedback: boolean;
  quantileDefinition: string;
  intervalDefinition: string;
  maxOracleDeviation: Distribution;
  protocols: Record<string, ProtocolRiskFigures>;
  /** Only when the scenario measures contagion. */
  contagion?: { systemicLoss: Distribution };
  /** Only with options.hedgeAttribution. */
  hedgingCaused?: Distribution;
  failedPaths: PathFailure[];
}

/** The figures a path record has both for the whole run and per protocol. */
type Figures = ProtocolPathFigures;

function riskFigures(rows: Figures[], amplificationMeasured: boolean): RiskFigures {
  const col = (f: (r: Figures) => number) => Float64Array.from(rows, f);
  const liquidated = col((r) => r.liquidatedValue);
  const sortedLiquidated = Float64Array.from(liquidated).sort();
  const withBadDebt = rows.filter((r) => r.badDebt > 0).length;
  return {
    liquidatedValue: distribution(liquidated),
    liquidations: distribution(col((r) => r.liquidations)),
    badDebt: distribution(col((r) => r.badDebt)),
    amplification: amplificationMeasured ? distribution(col((r) => r.amplification ?? Infinity)) : null,
    timeToFirstBadDebt: distribution(
      col((r) => r.timeToFirstBadDebt ?? Infinity),
      'lower',
    ),
    peakLiquidatableDebt: distribution(col((r) => r.peakLiquidatableDebt)),
    probabilityOfBadDebt: proportion(withBadDebt, rows.length),
    liquidationsAtRisk: {
      p95: rows.length ? quantileSorted(sortedLiquidated, 0.95) : null,
      p99: rows.length ? quantileSorted(sortedLiquidated, 0.99) : null,
    },
  };
}

function cdpRiskFigures(id: string, records: PathRecord[]): CdpRiskFigures {
  const rows = records.map((r) => {
    const p = r.protocols[id];
    if (p?.deficit === undefined || !p.auctions || p.governanceMinted === undefined) throw new Error(`path ${r.path} has no CDP figures for ${id}`);
    return { deficit: p.deficit, auctions: p.auctions, governanceMinted: p.governanceMinted };
  });
  const col = (f: (r: (typeof rows)[number]) => number) => Float64Array.from(rows, f);
  return {
    deficit: distribution(col((r) => r.deficit)),
    auctions: {
      count: distribution(col((r) => r.auctions.count)),
      zeroBidWins: distribution(col((r) => r.auctions.zeroBidWins)),
      collateralSoldAtZero: distribution(col((r) => r.auctions.collateralSoldAtZero)),
    },
    governanceMinted: distribution(col((r) => r.governanceMinted)),
  };
}

function systemicLoss(records: PathRecord[]): Distribution {
  return distribution(
    Float64Array.from(records, (r) => {
      if (!r.contagion) throw new Error(`path ${r.path} has no contagion figures`);
      return r.contagion.systemicLoss;
    }),
  );
}

function hedgingCaused(rows: { hedgingCaused?: number; path?: number }[]): Distribution {
  return distribution(
    Float64Array.from(rows, (r) => {
      if (r.hedgingCaused === undefined) throw new Error('a path has no hedging figures');
      return r.hedgingCaused;
    }),
  );
}

/** The many-path summary of `records` (sorted by path) of `paths` asked for. */
export function summarisePaths(loaded: LoadedScenario, seed: number, paths: number, records: PathRecord[], failures: PathFailure[]): PathsSummary {
  const s = loaded.scenario;
  const measured = s.options.amplification;
  const hedged = s.options.hedgeAttribution === true;
  const protocols: Record<string, ProtocolRiskFigures> = {};
  for (const p of s.protocols) {
    const figures = riskFigures(
      records.map((r) => r.protocols[p.id]),
      measured,
    );
    protocols[p.id] = p.kind === 'cdp' ? { ...figures, ...cdpRiskFigures(p.id, records) } : figures;
    if (hedged) protocols[p.id].hedgingCaused = hedgingCaused(records.map((r) => r.protocols[p.id]));
  }
  return roundDeep({
    scenario: { name: s.name, sha256: loaded.sha256, overrides: loaded.overrides },
    seed,
    paths,
    completedPaths: records.length,
    steps: Math.max(1, Math.round(s.horizon / s.market.dt)),
    dt: s.market.dt,
    priceFeedback: s.options.priceFeedback,
    quantileDefinition: QUANTILE_DEFINITION,
    intervalDefinition: INTERVAL_DEFINITION,
    ...riskFigures(records, measured),
    maxOracleDeviation: distribution(Float64Array.from(records, (r) => r.maxOracleDeviation)),
    protocols,
    ...(measuresContagion(s) ? { contagion: { systemicLoss: systemicLoss(records) } } : {}),
    ...(hedged ? { hedgingCaused: hedgingCaused(records) } : {}),
    failedPaths: failures,
  });
}
