/**
 * VaR and ES of an options book over a horizon H by full revaluation along simulated joint moves of
 * the underlying's price and the implied volatilities, beside the Greek approximations that risk
 * systems use instead (Jorion, *Value at Risk*, 3rd ed., ch. 11; Hull, *Risk Management and
 * Financial Institutions*, ch. 14 "Model-building approach"; Britten-Jones & Schaefer, "Non-linear
 * value-at-risk", European Finance Review 2, 1999):
 *
 *   full:               ΔV = V(S_H, σ·f, t + H) − V(S, σ, t)
 *   delta:              ΔV ≈ Δ·dS + Θ·H
 *   delta-gamma:        ΔV ≈ Δ·dS + ½Γ·dS² + Θ·H
 *   delta-gamma-vega:   ΔV ≈ Δ·dS + ½Γ·dS² + Σ_i q_i ν_i·dσ_i + Θ·H
 *   delta-normal:       the classic closed form VaR = z_α·|Δ·S|·σ_S√H (no drift, no theta,
 *                       dS taken as normal), ES = |Δ·S|·σ_S√H·φ(z_α)/(1 − α)
 *
 * (the deterministic Θ·H is in every simulated approximation, so that they differ from full
 * revaluation only in how they treat the moves). Losses are positive: L = −ΔV; VaR_α and ES_α as in
 * varTypes.ts, from the same simulated scenarios for every method.
 *
 * Scenarios: ln(S_H/S) = (μ − ½σ_S²)H + σ_S√H·z, z standard normal or a unit-variance Student-t
 * (fat tails: crashes); every implied volatility moves by the same factor f = exp(η√H·(ρz + √(1−ρ²)w)),
 * w an independent normal, η the volatility of implied volatility and ρ its correlation with the
 * underlying (negative for a market whose implied volatility spikes when it falls).
 *
 * What theory says about a short-gamma book (written options, delta-hedged): its loss is convex in
 * the move, −½Γ·dS² with Γ < 0, so a delta-only model sees almost nothing (delta-normal VaR of a
 * hedged book is zero) and understates the loss in a crash; delta-gamma captures the convexity and
 * comes closer; the vega term adds the loss from the implied-volatility spike that comes with the
 * crash. `stressLoss` shows one crash scenario through all four lenses.
 */
import { normalPdf, normalQuantile } from './distributions.js';
import { empiricalVarEsSorted } from './historicalVar.js';
import { bookGreeks, bookProblem, bookValue, positionVegas, type BookGreeks, type OptionBook } from './optionBook.js';
import { checkAlpha, type VarEs } from './varTypes.js';
import { deriveSeed, Rng } from '../util/rng.js';

export interface MarketMoves {
  /** Horizon in years (e.g. 1/365 for one day, 10/365 for ten). */
  horizon: number;
  /** Annualised volatility of the underlying's log return. */
  spotVol: number;
  /** Annual drift of the underlying's log price μ (default 0). */
  spotDrift?: number;
  /** Degrees of freedom of unit-variance Student-t spot shocks (> 2); normal when absent. */
  spotNu?: number;
  /** Annualised volatility of log implied volatility η (default 0: implied volatilities fixed). */
  volOfVol?: number;
  /** Correlation ρ of the log implied-volatility move with the spot shock (default 0). */
  spotVolCorrelation?: number;
}

export interface OptionsVarOptions {
  alpha: number;
  paths: number;
  seed: number;
}

export type ApproximationMethod = 'full' | 'delta' | 'deltaGamma' | 'deltaGammaVega';
export const APPROXIMATION_METHODS: readonly ApproximationMethod[] = ['full', 'delta', 'deltaGamma', 'deltaGammaVega'];

export interface OptionsVarResult {
  alpha: number;
  paths: number;
  horizon: number;
  greeks: BookGreeks;
  full: VarEs;
  delta: VarEs;
  deltaGamma: VarEs;
  deltaGammaVega: VarEs;
  /** The closed-form delta-normal VaR and ES. */
  deltaNormal: VarEs;
}

function checkMoves(m: MarketMoves): void {
  if (!(m.horizon > 0 && Number.isFinite(m.horizon))) throw new RangeError(`horizon must be a positive number of years, got ${m.horizon}`);
  if (!(m.spotVol >= 0 && Number.isFinite(m.spotVol))) throw new RangeError(`spotVol must be a number >= 0, got ${m.spotVol}`);
  if (m.spotDrift !== undefined && !Number.isFinite(m.spotDrift)) throw new RangeError(`spotDrift must be a finite number, got ${m.spotDrift}`);
  if (m.spotNu !== undefined && !(m.spotNu > 2 && Number.isFinite(m.spotNu))) throw new RangeError(`spotNu must be a number > 2, got ${m.spotNu}`);
  if (m.volOfVol !== undefined && !(m.volOfVol >= 0 && Number.isFinite(m.volOfVol))) throw new RangeError(`volOfVol must be a number >= 0, got ${m.volOfVol}`);
  const rho = m.spotVolCorrelation ?? 0;
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`spotVolCorrelation must be in [-1, 1], got ${rho}`);
}

/** A joint move: the spot after the horizon and the factor on every implied volatility. */
export interface Move {
  spot: number;
  volFactor: number;
}

/** Profit and loss ΔV of one move by each method (full revaluation and the three approximations). */
export function changeInValue(book: OptionBook, greeks: BookGreeks, vegas: Float64Array, value0: number, horizon: number, move: Move): Record<ApproximationMethod, number> {
  const dS = move.spot - book.spot;
  const time = greeks.theta * horizon;
  let vegaTerm = 0;
  for (let i = 0; i < vegas.length; i++) vegaTerm += vegas[i] * book.positions[i].vol * (move.volFactor - 1);
  const delta = greeks.delta * dS + time;
  const deltaGamma = delta + 0.5 * greeks.gamma * dS * dS;
  return {
    full: bookValue(book, move.spot, move.volFactor, horizon) - value0,
    delta,
    deltaGamma,
    deltaGammaVega: deltaGamma + vegaTerm,
  };
}

/** Draws the joint moves of the scenarios (each path its own seeded stream). */
export function simulateMoves(book: OptionBook, moves: MarketMoves, paths: number, seed: number): Move[] {
  checkMoves(moves);
  const H = moves.horizon;
  const sd = moves.spotVol * Math.sqrt(H);
  const drift = ((moves.spotDrift ?? 0) - 0.5 * moves.spotVol * moves.spotVol) * H;
  const eta = (moves.volOfVol ?? 0) * Math.sqrt(H);
  const rho = moves.spotVolCorrelation ?? 0;
  const nu = moves.spotNu;
  const tScale = nu === undefined ? 1 : Math.sqrt((nu - 2) / nu);
  const out: Move[] = new Array(paths);
  for (let i = 0; i < paths; i++) {
    const rng = new Rng(deriveSeed(seed, i));
    const z = nu === undefined ? rng.normal() : rng.studentT(nu) * tScale;
    const w = rng.normal();
    out[i] = { spot: book.spot * Math.exp(drift + sd * z), volFactor: Math.exp(eta * (rho * z + Math.sqrt(1 - rho * rho) * w)) };
  }
  return out;
}

/** Options VaR and ES by full revaluation and by the Greek approximations, on the same scenarios. */
export function optionsVaR(book: OptionBook, moves: MarketMoves, opts: OptionsVarOptions): OptionsVarResult {
  const problem = bookProblem(book);
  if (problem) throw new RangeError(`book: ${problem}`);
  checkAlpha(opts.alpha);
  if (!(Number.isInteger(opts.paths) && opts.paths >= 100)) throw new RangeError(`paths must be an integer >= 100, got ${opts.paths}`);
  const greeks = bookGreeks(book);
  const vegas = positionVegas(book);
  const scenarios = simulateMoves(book, moves, opts.paths, opts.seed);
  const losses: Record<ApproximationMethod, Float64Array> = {
    full: new Float64Array(opts.paths),
    delta: new Float64Array(opts.paths),
    deltaGamma: new Float64Array(opts.paths),
    deltaGammaVega: new Float64Array(opts.paths),
  };
  for (let i = 0; i < opts.paths; i++) {
    const dv = changeInValue(book, greeks, vegas, greeks.value, moves.horizon, scenarios[i]);
    for (const m of APPROXIMATION_METHODS) losses[m][i] = -dv[m];
  }
  const varEs = (m: ApproximationMethod) => empiricalVarEsSorted(losses[m].sort(), opts.alpha);
  const scale = Math.abs(greeks.delta * book.spot) * moves.spotVol * Math.sqrt(moves.horizon);
  const z = normalQuantile(opts.alpha);
  return {
    alpha: opts.alpha,
    paths: opts.paths,
    horizon: moves.horizon,
    greeks,
    full: varEs('full'),
    delta: varEs('delta'),
    deltaGamma: varEs('deltaGamma'),
    deltaGammaVega: varEs('deltaGammaVega'),
    deltaNormal: { alpha: opts.alpha, var: z * scale, es: (scale * normalPdf(z)) / (1 - opts.alpha) },
  };
}

/**
 * The loss of the book in one stress scenario (e.g. a crash: spot −30 %, implied volatilities
 * × 1.5, over one day), by full revaluation and by each approximation. Positive = a loss.
 */
export function stressLoss(book: OptionBook, scenario: { spotReturn: number; volFactor: number; horizon: number }): Record<ApproximationMethod, number> {
  const problem = bookProblem(book);
  if (problem) throw new RangeError(`book: ${problem}`);
  if (!(scenario.spotReturn > -1 && Number.isFinite(scenario.spotReturn))) throw new RangeError(`spotReturn must be a number > -1, got ${scenario.spotReturn}`);
  if (!(scenario.volFactor > 0 && Number.isFinite(scenario.volFactor))) throw new RangeError(`volFactor must be a positive number, got ${scenario.volFactor}`);
  if (!(scenario.horizon >= 0 && Number.isFinite(scenario.horizon))) throw new RangeError(`horizon must be a number of years >= 0, got ${scenario.horizon}`);
  const greeks = bookGreeks(book);
  const dv = changeInValue(book, greeks, positionVegas(book), greeks.value, scenario.horizon, { spot: book.spot * (1 + scenario.spotReturn), volFactor: scenario.volFactor });
  return { full: -dv.full, delta: -dv.delta, deltaGamma: -dv.deltaGamma, deltaGammaVega: -dv.deltaGammaVega };
}
