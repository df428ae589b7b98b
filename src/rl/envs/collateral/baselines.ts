/**
 * Baselines for the collateral policy, as policies over the same environment (policy.ts):
 *
 *  - `hold`: the static parameters, never changed (every target's middle action);
 *  - `static`: the parameters moved once to given offsets from their starting values (as fast as
 *    the notches and the bounds allow) and held there: the best static parameters a sweep finds
 *    are evaluated this way;
 *  - `requirement rule`: the dynamic-collateral model of src/risk/collateralRequirement.ts. The
 *    required collateral ratio CR(σ_τ) = (1 + b)/(1 − h) · exp(σ_τ·z_{1−ε} + σ_τ²/2) rises with
 *    the volatility over the liquidation window τ. The rule scales the starting parameter by how
 *    far today's requirement is from the calm one: a threshold LT* = LT_base · CR(σ_calm)/CR(σ_now)
 *    (a ratio: ratio_base · CR(σ_now)/CR(σ_calm)), with σ_now the oracle's EWMA volatility from
 *    the observation and σ_calm the collateral's volatility in the scenario's price process (or
 *    given). The bonus b and the haircut h cancel in the quotient, so the rule keeps the
 *    protocol's own calibration in calm markets and moves it only by the volatility term. Each
 *    decision it takes the notch closest to LT* − LT (the environment cuts it to the bounds).
 */
import type { MultiDiscrete } from '../../spaces.js';
import { requiredRatio } from '../../../risk/collateralRequirement.js';
import { SECONDS_PER_YEAR } from '../../../market/schema.js';
import { observationIndex, type Policy } from '../policy.js';
import type { CollateralPolicyEnv } from './env.js';

function notchToward(env: CollateralPolicyEnv, deltaLooser: number): number {
  const n = env.spec.notches;
  return Math.max(-n, Math.min(n, Math.round(deltaLooser / env.spec.step))) + n;
}

/** Looseness of a parameter change: + for a higher threshold, − for a higher ratio. */
export function looserBy(env: CollateralPolicyEnv, parameterDelta: number): number {
  const p = env.loaded.scenario.protocols.find((x) => x.id === env.spec.protocol)!;
  return p.kind === 'lending' ? parameterDelta : -parameterDelta;
}

export function holdPolicy(env: CollateralPolicyEnv): Policy<MultiDiscrete> {
  return { name: 'static parameters (hold)', act: () => env.holdAction };
}

/** Moves each target to its starting value + `offsets[k]` (parameter units), then holds. */
export function staticPolicy(env: CollateralPolicyEnv, offsets: readonly number[]): Policy<MultiDiscrete> {
  if (offsets.length !== env.spec.targets.length) throw new RangeError(`static policy: expected ${env.spec.targets.length} offsets, got ${offsets.length}`);
  const at = env.spec.targets.map((t) => observationIndex(env.observationNames, (n) => n === `self.${t}.offset`, `self.${t}.offset`, 'static policy'));
  return {
    name: `static parameters (${env.spec.targets.map((t, k) => `${t} ${offsets[k] >= 0 ? '+' : ''}${offsets[k]}`).join(', ')})`,
    act: (obs) => Float32Array.from(at, (i, k) => notchToward(env, looserBy(env, offsets[k] - obs[i]))),
  };
}

export interface RequirementRuleOptions {
  /** Tolerated probability of bad debt (default 0.01, as `advise`). */
  epsilon?: number;
  /** Liquidation window τ in seconds (default: one hour). */
  windowSeconds?: number;
  /** Calm annual volatility per target (default: the collateral's volatility in the scenario's price process). */
  calmVolatility?: readonly number[];
}

export function requirementRulePolicy(env: CollateralPolicyEnv, options: RequirementRuleOptions = {}): Policy<MultiDiscrete> {
  const s = env.loaded.scenario;
  const p = s.protocols.find((x) => x.id === env.spec.protocol)!;
  const epsilon = options.epsilon ?? 0.01;
  const years = (options.windowSeconds ?? 3600) / SECONDS_PER_YEAR;
  const targets = env.spec.targets.map((t, k) => {
    const reserve = p.kind === 'lending' ? p.reserves.find((r) => r.asset === t)! : null;
    const ilk = p.kind === 'cdp' ? p.ilks.find((i) => i.id === t)! : null;
    const oracle = reserve ? reserve.oracle : ilk!.oracle;
    const asset = reserve ? reserve.asset : ilk!.asset;
    const base = reserve ? reserve.liquidationThreshold : ilk!.liquidationRatio;
    const process = s.assets.find((a) => a.id === asset)!.price;
    const calm = options.calmVolatility?.[k] ?? ('volatility' in process && typeof process.volatility === 'number' ? process.volatility : undefined);
    if (calm === undefined) throw new Error(`requirement rule: ${asset}'s price process states no volatility; give calmVolatility`);
    const vol = observationIndex(
      env.observationNames,
      (n) => n.startsWith('ewma-volatility(') && (n.includes(`oracle=${oracle},`) || n.includes(`oracle=${oracle})`)),
      `the EWMA volatility of oracle ${oracle}`,
      'requirement rule',
    );
    const offset = observationIndex(env.observationNames, (n) => n === `self.${t}.offset`, `self.${t}.offset`, 'requirement rule');
    // b and h cancel in CR(σ_now)/CR(σ_calm): 0 here
    const crCalm = requiredRatio(calm * Math.sqrt(years), 0, 0, epsilon);
    return { vol, offset, base, crCalm, lending: p.kind === 'lending' };
  });
  return {
    name: `requirement rule (ε ${epsilon}, τ ${(options.windowSeconds ?? 3600) / 3600} h)`,
    act: (obs) =>
      Float32Array.from(targets, (t) => {
        const cr = requiredRatio(obs[t.vol] * Math.sqrt(years), 0, 0, epsilon);
        const wanted = t.lending ? (t.base * t.crCalm) / cr : (t.base * cr) / t.crCalm;
        return notchToward(env, looserBy(env, wanted - t.base - obs[t.offset]));
      }),
  };
}
