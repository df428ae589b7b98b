/**
 * Liquidation probability by Monte Carlo under a fitted GARCH(1,1)/GJR model with Student-t
 * innovations (Bollerslev 1986, 1987): the fat tails and volatility clustering that GBM lacks.
 * Each path draws the model's returns from the current conditional variance σ²_{T+1}
 * (`simulateGarch`) and accumulates the log price; the position is liquidated at the first
 * period whose log price is at or below ln(LTV/LT).
 *
 * Units: the model is fitted to percentage log returns (100·Δln P), so a step's log-price move
 * is ε_t/100 plus a mean. The mean defaults to a martingale price, m_t = drift − σ_t²/2 with
 * σ_t = √h_t/100 and drift 0, matching the GBM method; the GARCH μ only centres ε_t = r_t − μ.
 *
 * Monitoring: the simulation sees the price once a period, which misses intra-period crossings.
 * By default the Broadie–Glasserman–Kou (1997) continuity correction is applied step by step,
 * moving the barrier towards the price by exp(β σ_t), β = 0.5826, so that the estimate targets
 * continuous monitoring like the closed form (exact to o(√Δt) for GBM; an approximation under
 * GARCH, where σ_t changes each step).
 *
 * The estimate of P is a proportion of N independent paths; its standard error is
 * √(P(1−P)/N). Path i uses its own stream `deriveSeed(seed, i)`, so results do not depend on the
 * order of evaluation and the same paths (common random numbers) are used for every coalition of
 * the Shapley explanation, which keeps its differences free of most sampling noise.
 */
import { simulateGarch, type GarchDist, type GarchModel, type GarchParams } from '../models/garch.js';
import { deriveSeed, Rng } from '../util/rng.js';
import { BGK_BETA } from './gbmBarrierProbability.js';
import { liquidationPriceRatio } from './liquidationPrice.js';
import { explainLiquidationProbability, type LiquidationBaseline, type LiquidationExplanation, type TermPoint } from './liquidationProbability.js';

export interface GarchLiquidationOptions {
  ltv: number;
  threshold: number;
  /** Horizons in periods (positive integers). */
  horizons: readonly number[];
  params: GarchParams;
  model?: GarchModel;
  dist?: GarchDist;
  /** Conditional variance of the first simulated period, in %² (the fit's `nextVariance`). */
  initialVariance: number;
  /** Number of paths (default 10,000). */
  paths?: number;
  seed?: number;
  /** Arithmetic drift of the price per period, as a fraction (default 0). */
  drift?: number;
  /** Apply the Broadie–Glasserman–Kou continuity correction (default true). */
  continuityCorrection?: boolean;
}

/**
 * The step (0-based) at which each path is first at or below the barrier, or −1 if never within
 * `steps` periods.
 */
function firstHitSteps(o: GarchLiquidationOptions, steps: number): Int32Array {
  const N = o.paths ?? 10_000;
  const model = o.model ?? 'garch';
  const dist = o.dist ?? 't';
  const seed = o.seed ?? 1;
  const drift = o.drift ?? 0;
  const correct = o.continuityCorrection ?? true;
  const logBarrier = Math.log(liquidationPriceRatio(o.ltv, o.threshold));
  const hit = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const rng = new Rng(deriveSeed(seed, i));
    const { returns, variance } = simulateGarch(o.params, model, dist, steps, rng, o.initialVariance);
    let x = 0;
    let tau = -1;
    for (let t = 0; t < steps; t++) {
      const s = Math.sqrt(variance[t]) / 100;
      x += (returns[t] - o.params.mu) / 100 + drift - 0.5 * s * s;
      if (x <= (correct ? logBarrier + BGK_BETA * s : logBarrier)) {
        tau = t;
        break;
      }
    }
    hit[i] = tau;
  }
  return hit;
}

function checkOptions(o: GarchLiquidationOptions): void {
  const N = o.paths ?? 10_000;
  if (!(Number.isInteger(N) && N >= 1)) throw new RangeError(`paths must be a positive integer, got ${N}`);
  if (o.horizons.length === 0) throw new RangeError('at least one horizon is needed');
  for (const h of o.horizons) if (!(Number.isInteger(h) && h >= 1)) throw new RangeError(`horizons must be positive integers, got ${h}`);
  if (!(o.initialVariance > 0)) throw new RangeError(`initial variance must be positive, got ${o.initialVariance}`);
}

/** P(liquidated within h periods) for each horizon h, from one set of paths. */
export function garchLiquidationTermStructure(o: GarchLiquidationOptions): TermPoint[] {
  checkOptions(o);
  const N = o.paths ?? 10_000;
  const maxH = Math.max(...o.horizons);
  const hit = firstHitSteps(o, maxH);
  return o.horizons.map((h) => {
    let c = 0;
    for (let i = 0; i < N; i++) if (hit[i] >= 0 && hit[i] < h) c++;
    const p = c / N;
    return { horizon: h, probability: p, standardError: Math.sqrt((p * (1 - p)) / N) };
  });
}

/** P(liquidated within `horizon` periods) with its standard error. */
export function garchLiquidationProbability(o: Omit<GarchLiquidationOptions, 'horizons'> & { horizon: number }): TermPoint {
  return garchLiquidationTermStructure({ ...o, horizons: [o.horizon] })[0];
}

/**
 * Shapley explanation of the GARCH-t probability at `horizon`. The volatility factor is the
 * starting conditional volatility (per period, fraction): actual √σ²_{T+1}/100 against the
 * baseline's (e.g. the model's long-run √(ω/(1−persistence))/100).
 */
export function explainGarchLiquidation(o: Omit<GarchLiquidationOptions, 'horizons'> & { horizon: number }, baseline: LiquidationBaseline): LiquidationExplanation {
  const actualVol = Math.sqrt(o.initialVariance) / 100;
  // the actual coalition must reproduce the reported estimate bit for bit: reuse the exact variance
  const p = (volatility: number, ltv: number, horizon: number) =>
    garchLiquidationProbability({ ...o, ltv, horizon, initialVariance: volatility === actualVol ? o.initialVariance : (volatility * 100) ** 2 }).probability;
  return explainLiquidationProbability(p, { volatility: actualVol, ltv: o.ltv, horizon: o.horizon }, baseline);
}
