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
 */
import type { LoadedScenario } from '../scenario/load.js';
import { amplification, type PathResult } from '../sim/run.js';
import type { World } from '../sim/world.js';
import { roundDeep } from '../sim/metrics.js';

export interface ProtocolSummary {
  liquidatedValue: number;
  liquidations: number;
  debtRepaid: number;
  badDebt: number;
  peakLiquidatableDebt: number;
  timeToFirstBadDebt: number | null;
  amplification: number | null;
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
  peakLiquidatableDebt: number;
  timeToFirstBadDebt: number | null;
  maxOracleDeviation: { value: number; oracle: string | null; time: number | null };
  shocks: { kind: string; drawn: number | null }[];
  protocols: Record<string, ProtocolSummary>;
}

function sum(w: World, f: (t: World['totals'][number]) => number): number {
  return w.totals.reduce((a, t) => a + f(t), 0);
}

export function summarise(loaded: LoadedScenario, result: PathResult): RunSummary {
  const w = result.world;
  const cf = result.counterfactual;
  const firstSteps = w.totals.map((t) => t.firstBadDebtStep).filter((s) => s >= 0);
  const peak = new Float64Array(w.steps);
  for (const p of w.protocols) {
    const series = w.metrics.series(`${p.id}.liquidatableDebtUsd`);
    for (let s = 0; s < w.steps; s++) peak[s] += series[s];
  }
  const protocols: Record<string, ProtocolSummary> = {};
  w.protocols.forEach((p, i) => {
    const t = w.totals[i];
    protocols[p.id] = {
      liquidatedValue: t.liquidatedUsd,
      liquidations: t.liquidations,
      debtRepaid: t.debtRepaidUsd,
      badDebt: t.badDebtUsd,
      peakLiquidatableDebt: t.peakLiquidatableDebtUsd,
      timeToFirstBadDebt: t.firstBadDebtStep >= 0 ? t.firstBadDebtStep * w.dt : null,
      amplification: cf ? amplification(t.liquidatedUsd, cf.totals[i].liquidatedUsd) : null,
    };
  });
  return roundDeep({
    scenario: { name: loaded.scenario.name, sha256: loaded.sha256, overrides: loaded.overrides },
    seed: w.seed,
    path: w.path,
    steps: w.steps,
    dt: w.dt,
    priceFeedback: w.priceFeedback,
    liquidatedValue: sum(w, (t) => t.liquidatedUsd),
    liquidations: sum(w, (t) => t.liquidations),
    badDebt: sum(w, (t) => t.badDebtUsd),
    amplification: result.amplification,
    counterfactual: cf ? { liquidatedValue: sum(cf, (t) => t.liquidatedUsd), badDebt: sum(cf, (t) => t.badDebtUsd) } : null,
    peakLiquidatableDebt: Math.max(0, ...peak),
    timeToFirstBadDebt: firstSteps.length ? Math.min(...firstSteps) * w.dt : null,
    maxOracleDeviation: {
      value: w.maxOracleDeviation.value,
      oracle: w.maxOracleDeviation.step >= 0 ? w.maxOracleDeviation.oracle : null,
      time: w.maxOracleDeviation.step >= 0 ? w.maxOracleDeviation.step * w.dt : null,
    },
    shocks: loaded.scenario.shocks.map((s, i) => ({ kind: s.kind, drawn: Number.isNaN(w.shocks.drawn[i]) ? null : w.shocks.drawn[i] })),
    protocols,
  });
}
