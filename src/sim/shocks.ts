/**
 * Scheduled shocks. Magnitudes drawn from distributions are drawn once per path, when the
 * schedule is built, from the path's shock stream. Price shocks are multipliers on an asset's
 * exogenous reference path that ramp in geometrically over the shock's duration and then stay;
 * the others act once, at their start, on an oracle, a venue, a protocol (exploit) or the chain
 * (a gas spike, registered with the chain when the world is built).
 */
import type { ShockSpec } from '../scenario/schema.js';
import { drawClamped } from '../scenario/distribution.js';
import type { Rng } from '../util/rng.js';

export interface PriceShock {
  asset: number;
  startStep: number;
  rampSteps: number;
  /** Final multiplier on the reference price (0.6 for a 40 % crash). */
  factor: number;
  /** For a depeg: the drawn level, a multiple of the peg, rather than a multiplier. */
  level?: number;
  /** A depeg's peg in USD (`absolute: true` is a peg of 1 USD); absent with `pegAsset`, the asset's own price at the start. */
  pegUsd?: number;
  /** A depeg pegged to another asset: that asset's price at the shock's start. */
  pegAsset?: number;
}

export interface EventShock {
  index: number;
  spec: ShockSpec;
  startStep: number;
  /** Drawn magnitude (manipulation factor, liquidity kept). */
  value: number;
}

export interface ShockSchedule {
  price: PriceShock[];
  events: EventShock[];
  /** Drawn magnitude of every shock, in scenario order, for the results. */
  drawn: number[];
}

export function buildShockSchedule(shocks: ShockSpec[], dt: number, rng: Rng, assetIndex: (id: string) => number): ShockSchedule {
  const schedule: ShockSchedule = { price: [], events: [], drawn: [] };
  shocks.forEach((s, index) => {
    const startStep = Math.round(s.start / dt);
    switch (s.kind) {
      case 'crash':
      case 'jump': {
        const m = s.kind === 'crash' ? drawClamped(s.magnitude, rng, -10, 0.999) : drawClamped(s.magnitude, rng, -0.999, 1000);
        schedule.drawn.push(m);
        const factor = s.kind === 'crash' ? 1 - m : 1 + m;
        schedule.price.push({ asset: assetIndex(s.asset), startStep, rampSteps: Math.max(1, Math.round(s.duration / dt)), factor });
        break;
      }
      case 'depeg': {
        const level = drawClamped(s.level, rng, 1e-6, 1e6);
        schedule.drawn.push(level);
        const peg = s.absolute ? { pegUsd: 1 } : typeof s.peg === 'number' ? { pegUsd: s.peg } : typeof s.peg === 'string' ? { pegAsset: assetIndex(s.peg) } : {};
        schedule.price.push({ asset: assetIndex(s.asset), startStep, rampSteps: Math.max(1, Math.round(s.duration / dt)), factor: NaN, level, ...peg });
        break;
      }
      case 'oracle-manipulation': {
        // a source scaled to zero would be a price of zero: no oracle publishes that
        const k = drawClamped(s.factor, rng, 1e-6, 1e6);
        schedule.drawn.push(k);
        schedule.events.push({ index, spec: s, startStep, value: k });
        break;
      }
      case 'liquidity-withdrawal': {
        // a pool emptied to nothing has no price at all; the smallest share kept is one in a million
        const keep = drawClamped(s.factor, rng, 1e-6, 1);
        schedule.drawn.push(keep);
        schedule.events.push({ index, spec: s, startStep, value: keep });
        break;
      }
      case 'gas-spike': {
        const k = drawClamped(s.factor, rng, 1e-6, 1e6);
        schedule.drawn.push(k);
        schedule.events.push({ index, spec: s, startStep, value: k });
        break;
      }
      case 'exploit': {
        const share = drawClamped(s.share, rng, 0, 1);
        schedule.drawn.push(share);
        schedule.events.push({ index, spec: s, startStep, value: share });
        break;
      }
      default:
        schedule.drawn.push(NaN);
        schedule.events.push({ index, spec: s, startStep, value: NaN });
    }
  });
  return schedule;
}

/**
 * The multiplier a depeg applies once fully in: from the asset's price at the shock's start to
 * `level` × peg. Pegged to its own price, the level is the multiplier itself (0.9: 10 % down).
 */
function depegFactor(s: PriceShock, level: number, basePaths: Float64Array[]): number {
  const own = basePaths[s.asset][s.startStep];
  if (s.pegAsset !== undefined) return (level * basePaths[s.pegAsset][s.startStep]) / own;
  if (s.pegUsd !== undefined) return (level * s.pegUsd) / own;
  return level;
}

/** Reference price multipliers at `step`: applied to `reference` in place. */
export function applyPriceShocks(shocks: PriceShock[], step: number, reference: Float64Array, basePaths: Float64Array[]): void {
  for (const s of shocks) {
    if (step < s.startStep) continue;
    const progress = Math.min(1, (step - s.startStep) / s.rampSteps);
    const factor = s.level !== undefined ? depegFactor(s, s.level, basePaths) : s.factor;
    reference[s.asset] *= Math.pow(factor, progress);
  }
}
