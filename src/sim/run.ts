/**
 * Running a path to the end, and its counterfactuals:
 *  - cascade amplification: the same path (same seed, same draws) with price feedback switched
 *    off, so that liquidators' sales move no venue price. Amplification = liquidated value with
 *    feedback / liquidated value without.
 *  - hedging (with `options.hedgeAttribution`): the same path with agents' hedges switched off
 *    (WorldOptions.hedging), so that what option liquidators' delta hedges caused elsewhere, in a
 *    lending market whose oracle reads the pools they sell into, is the difference.
 */
import type { LoadedScenario } from '../scenario/load.js';
import { buildWorld, type World, type WorldOptions } from './world.js';
import { step } from './step.js';

export interface PathResult {
  world: World;
  /** The same path without price feedback (absent when amplification is off). */
  counterfactual?: World;
  amplification: number | null;
  /** The same path without hedges (present with `options.hedgeAttribution`). */
  withoutHedging?: World;
}

export function runWorld(w: World, onStep?: (step: number) => void): World {
  while (w.step < w.steps) {
    step(w);
    onStep?.(w.step);
  }
  return w;
}

/** Collateral liquidated in a run over all protocols, USD (what each counts: protocol.ts `figures`). */
export function liquidatedUsd(w: World): number {
  return w.protocols.reduce((a, p) => a + p.figures().liquidatedUsd, 0);
}

/**
 * Amplification of liquidated value by price feedback. Both zero: 1 (nothing to amplify).
 * Feedback-free zero but feedback positive: null (unbounded; reported as such, not as a number).
 */
export function amplification(withFeedback: number, without: number): number | null {
  if (without > 0) return withFeedback / without;
  return withFeedback > 0 ? null : 1;
}

/** Steps `runPath` will simulate: the path, and its counterfactuals when amplification or hedging is measured. */
export function pathSteps(loaded: LoadedScenario): number {
  const s = loaded.scenario;
  return Math.max(1, Math.round(s.horizon / s.market.dt)) * (1 + (s.options.amplification ? 1 : 0) + (s.options.hedgeAttribution ? 1 : 0));
}

/**
 * Runs one path (and its counterfactual); `onProgress` gets the steps done so far out of
 * `pathSteps`; `onBuilt` sees the path's world once built, before its first step (the results
 * folder's start.json is read there).
 */
export function runPath(loaded: LoadedScenario, options: WorldOptions, onProgress?: (done: number) => void, onBuilt?: (w: World) => void): PathResult {
  const built = buildWorld(loaded, options);
  onBuilt?.(built);
  const world = runWorld(built, onProgress);
  let offset = world.steps;
  const later = (from: number) => onProgress && ((s: number) => onProgress(from + s));
  const result: PathResult = { world, amplification: null };
  if (loaded.scenario.options.amplification) {
    const counterfactual = runWorld(buildWorld(loaded, { ...options, priceFeedback: false, recordEvents: false }), later(offset));
    offset += counterfactual.steps;
    result.counterfactual = counterfactual;
    result.amplification = amplification(liquidatedUsd(world), liquidatedUsd(counterfactual));
  }
  if (loaded.scenario.options.hedgeAttribution) result.withoutHedging = runWorld(buildWorld(loaded, { ...options, hedging: false, recordEvents: false }), later(offset));
  return result;
}
