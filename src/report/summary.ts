/**
 * The per-run figures of `summary.json`. No wall-clock time goes in, so two runs with the same
 * scenario and seed write the same bytes. Definitions (also in the README):
 *   liquidatedValue        USD value, at reference prices when seized, of all collateral seized
 *   badDebt                USD value of debt written off when a position had debt and no collateral
 *   amplification          liquidatedValue / liquidatedValue of the same path without price feedback
 *                          (liquidators' sales move no venue price); 1 when both are zero, null when
 *                          only the counterfactual is zero
 *   peakLiquidatableDebt   largest total debt of positions with health factor < 1 at one step
 *   maxOracleDeviation     largest |oracle price / reference price − 1| over oracles and steps
 *   timeToFirstBadDebt     seconds from the start to the first bad debt, null if none
 * For a CDP system the same fields read: liquidatedValue = collateral put up for auction (USD at
 * reference prices when bitten), liquidations = auctions started, debtRepaid = stablecoin raised
 * by auctions, badDebt = its deficit (below) in USD at par, peakLiquidatableDebt = debt of unsafe vaults;
 * and it adds
 *   deficit                stablecoin debt left uncovered after collateral auctions, before debt
 *                          auctions (what debt auctions covered plus what is still uncovered)
 *   auctions               count (finished), zeroBidWins, collateralSoldAtZero (USD at the
 *                          reference price when won), running (still open at the end)
 *   governanceMinted       governance tokens minted by debt auctions (and their USD value, and
 *                          the deficit they covered)
 *   chain                  (top level, with block space) blocks, agents' transactions included,
 *                          expired (dropped before inclusion) and still pending at the end
 *   hedging                (with options.hedgeAttribution, top level and per protocol) liquidated
 *                          value with agents' hedges and in the same path without them, and the
 *                          difference, what hedging caused (`share`: of the value with hedges)
 *   contagion              (top level) the worst step of the contagion measures: DebtRank
 *                          systemic loss (share of the protocols' initial equity), its part added
 *                          by propagation, Eisenberg–Noe defaults; null with fewer than two protocols
 */
import type { LoadedScenario } from '../scenario/load.js';
import { amplification, type PathResult } from '../sim/run.js';
import type { World } from '../sim/world.js';
import { roundDeep } from '../sim/metrics.js';
import type { ProtocolFigures } from '../sim/protocol.js';
import type { ContagionMeasure } from '../sim/contagion.js';

export interface ProtocolSummary {
  liquidatedValue: number;
  liquidations: number;
  debtRepaid: number;
  badDebt: number;
  peakLiquidatableDebt: number;
  timeToFirstBadDebt: number | null;
  amplification: number | null;
  /** CDP systems only. */
  deficit?: number;
  auctions?: { count: number; zeroBidWins: number; collateralSoldAtZero: number; running: number };
  governanceMinted?: number;
  governanceMintedUsd?: number;
  deficitCovered?: number;
  surplus?: number;
  /** With options.hedgeAttribution: liquidated value without hedges, and what hedging caused. */
  hedging?: HedgingFigures;
}

/** Liquidated value with agents' hedges, without them (the same path), and the difference. */
export interface HedgingFigures {
  liquidatedValue: number;
  withoutHedging: number;
  caused: number;
  /** caused / liquidatedValue; null when nothing was liquidated. */
  share: number | null;
}

function hedgingFigures(withHedges: number, without: number): HedgingFigures {
  const caused = withHedges - without;
  return { liquidatedValue: withHedges, withoutHedging: without, caused, share: withHedges > 0 ? caused / withHedges : null };
}

export interface RunSummary {
  scenario: { name: string; sha256: string; overrides: string[] };
  seed: number;
  path: number;
  steps: number;
  dt: number;
  priceFeedback: boolean;
  liquidatedValue: number;
  liquidations: number;
  badDebt: number;
  amplification: number | null;
  counterfactual: { liquidatedValue: number; badDebt: number } | null;
  /** Present only with options.hedgeAttribution. */
  hedging?: HedgingFigures;
  peakLiquidatableDebt: number;
  timeToFirstBadDebt: number | null;
  maxOracleDeviation: { value: number; oracle: string | null; time: number | null };
  shocks: { kind: string; drawn: number | null }[];
  /** The value this path drew for each declared-uncertain input (only in scenarios that declare some). */
  uncertain?: { field: string; group: string; value: number }[];
  protocols: Record<string, ProtocolSummary>;
  contagion: ContagionSummary | null;
  /** With block space: blocks produced, agents' transactions included, dropped unincluded, still waiting at the end. */
  chain: { blocks: number; included: number; expired: number; pending: number } | null;
}

/** The worst measured step of the contagion measures (see sim/contagion.ts). */
export type ContagionSummary = Omit<ContagionMeasure, 'step'> & { worstStep: number };

/** Σ over the world's protocols of one of their figures, in the world's order. */
function sum(w: World, f: (x: ProtocolFigures) => number): number {
  return w.protocols.reduce((a, p) => a + f(p.figures()), 0);
}

function contagionSummary(m: ContagionMeasure | null): ContagionSummary | null {
  if (!m) return null;
  const { step, ...rest } = m;
  return { worstStep: step, ...rest };
}

/** A protocol's entry: the common figures, then those of its kind (a CDP system's deficit and auctions). */
function protocolSummary(w: World, x: ProtocolFigures, cf: ProtocolFigures | undefined, unhedged: ProtocolFigures | undefined): ProtocolSummary {
  return {
    liquidatedValue: x.liquidatedUsd,
    liquidations: x.liquidations,
    debtRepaid: x.debtRepaidUsd,
    badDebt: x.badDebtUsd,
    peakLiquidatableDebt: x.peakLiquidatableDebtUsd,
    timeToFirstBadDebt: x.firstBadDebtStep >= 0 ? x.firstBadDebtStep * w.dt : null,
    amplification: cf ? amplification(x.liquidatedUsd, cf.liquidatedUsd) : null,
    ...x.extra,
    ...(unhedged ? { hedging: hedgingFigures(x.liquidatedUsd, unhedged.liquidatedUsd) } : {}),
  };
}

export function summarise(loaded: LoadedScenario, result: PathResult): RunSummary {
  const w = result.world;
  const cf = result.counterfactual;
  const figures = w.protocols.map((p) => p.figures());
  const firstSteps = figures.map((x) => x.firstBadDebtStep).filter((s) => s >= 0);
  const protocols: Record<string, ProtocolSummary> = {};
  const unhedged = result.withoutHedging;
  w.protocols.forEach((p, i) => (protocols[p.id] = protocolSummary(w, figures[i], cf?.protocols[i].figures(), unhedged?.protocols[i].figures())));
  // scenario order, so that readers find the protocols as they wrote them
  const ordered: Record<string, ProtocolSummary> = {};
  for (const p of loaded.scenario.protocols) ordered[p.id] = protocols[p.id];
  return roundDeep({
    scenario: { name: loaded.scenario.name, sha256: loaded.sha256, overrides: loaded.overrides },
    seed: w.seed,
    path: w.path,
    steps: w.steps,
    dt: w.dt,
    priceFeedback: w.priceFeedback,
    liquidatedValue: sum(w, (x) => x.liquidatedUsd),
    liquidations: sum(w, (x) => x.liquidations),
    badDebt: sum(w, (x) => x.badDebtUsd),
    amplification: result.amplification,
    counterfactual: cf ? { liquidatedValue: sum(cf, (x) => x.liquidatedUsd), badDebt: sum(cf, (x) => x.badDebtUsd) } : null,
    ...(unhedged
      ? {
          hedging: hedgingFigures(
            sum(w, (x) => x.liquidatedUsd),
            sum(unhedged, (x) => x.liquidatedUsd),
          ),
        }
      : {}),
    peakLiquidatableDebt: w.liquidatableDebtUsd.reduce((m, x) => Math.max(m, x), 0),
    timeToFirstBadDebt: firstSteps.length ? Math.min(...firstSteps) * w.dt : null,
    maxOracleDeviation: {
      value: w.maxOracleDeviation.value,
      oracle: w.maxOracleDeviation.step >= 0 ? w.maxOracleDeviation.oracle : null,
      time: w.maxOracleDeviation.step >= 0 ? w.maxOracleDeviation.step * w.dt : null,
    },
    shocks: loaded.scenario.shocks.map((s, i) => ({ kind: s.kind, drawn: Number.isNaN(w.shocks.drawn[i]) ? null : w.shocks.drawn[i] })),
    ...(loaded.scenario.uncertain?.length ? { uncertain: loaded.scenario.uncertain.map((u, k) => ({ field: u.field, group: u.group ?? u.field, value: w.uncertain[k] })) } : {}),
    protocols: ordered,
    contagion: contagionSummary(w.contagion.worst),
    chain: w.blockspace.blocks
      ? { blocks: w.blockspace.stats.totalBlocks, included: w.blockspace.stats.totalIncluded, expired: w.blockspace.stats.totalExpired, pending: w.blockspace.stats.pending }
      : null,
  });
}
