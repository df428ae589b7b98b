/**
 * `collateral-policy`: a risk manager that sets liquidation thresholds (a lending market's
 * reserves) or liquidation ratios (a CDP system's vault types) within the scenario's governance
 * bounds, rewarded for avoiding bad debt without locking borrowers' collateral needlessly.
 *
 *   action       MultiDiscrete([2k + 1] × targets): per target, a notch n = action − k of
 *                `rl.collateralPolicy.step` toward looser (n > 0) or tighter (n < 0), k the
 *                setting's `notches`; k (the middle) holds. A discrete choice rather than a box:
 *                the steward allows small steps at long intervals anyway, a categorical head
 *                learns a tighten/hold/loosen decision more reliably than a Gaussian one, and
 *                "hold" is an exact action (a continuous one would submit a tiny change every
 *                decision, each paying the change cost). controls.ts says how a request is cut
 *                to the range, the protocol's rules and the Risk-Steward bounds.
 *   observation  the features (`rl.observation`; by default, per target, the EWMA volatility of
 *                its oracle over an hour, the share of its debt with a health factor under 1.1
 *                and under 1, the time since its last change; and the gas price), then per
 *                target `self.<target>.offset` (parameter − its starting value), `.pending` (a
 *                submitted change not yet in force, as its size, else 0) and `.wait` (seconds
 *                until its minDelay allows another change).
 *   reward       reward.ts.
 *   terminated   a protocol's booked losses reached `rl.insolventAtLossUsd`.
 *   truncated    the scenario's horizon.
 *
 * The policy's changes are sent by the governance account (controls.ts), so the environment adds
 * no agent to the world: with every target held, an episode is the scenario's own path.
 */
import type { Info } from '../../env.js';
import { multiDiscrete, type MultiDiscrete } from '../../spaces.js';
import type { World } from '../../../sim/world.js';
import type { AgentFactory } from '../../../sim/agent.js';
import type { Scenario } from '../../../scenario/schema.js';
import type { CollateralPolicySpec } from '../../../scenario/rl.js';
import type { FeatureSpecInput } from '../../../observation/spec.js';
import { InputError } from '../../../util/errors.js';
import { createAgent } from '../../../../agents/index.js';
import { SimEnv } from '../simEnv.js';
import type { EnvConfig } from '../episodes.js';
import { allowedChange, looseness, parameterOf, resolveControls, submitChange, waitOf, type ControlSet } from './controls.js';
import { CollateralReward } from './reward.js';

export class CollateralPolicyEnv extends SimEnv<MultiDiscrete> {
  readonly actionSpace: MultiDiscrete;
  readonly spec: CollateralPolicySpec;
  private set: ControlSet | null = null;
  private reward: CollateralReward | null = null;
  private submitted = 0;
  private held = 0;

  constructor(config: EnvConfig) {
    super(config);
    const spec = this.loaded.scenario.rl?.collateralPolicy;
    if (!spec) throw new InputError('required to train the collateral-policy environment: {protocol, targets, …}', this.loaded.file, undefined, 'rl.collateralPolicy');
    this.spec = spec;
    this.actionSpace = multiDiscrete(spec.targets.map(() => 2 * spec.notches + 1));
    this.setup((s) => s, 1, {
      defaultFeatures: (s) => defaultFeatures(s, spec),
      selfNames: spec.targets.flatMap((t) => [`${t}.offset`, `${t}.pending`, `${t}.wait`]),
    });
  }

  /** The action that holds every target (the static parameters). */
  get holdAction(): Float32Array {
    return new Float32Array(this.spec.targets.length).fill(this.spec.notches);
  }

  /** The controls of the current episode (their starting values, what is in flight). */
  get controls(): ControlSet {
    if (!this.set) throw new Error('no episode yet: call reset first');
    return this.set;
  }

  protected agentFactory(): AgentFactory {
    return createAgent;
  }

  protected beginEpisode(w: World): void {
    const protocolSpec = w.scenario.protocols.find((p) => p.id === this.spec.protocol)!;
    this.set = resolveControls(w, this.spec, protocolSpec);
    this.reward = new CollateralReward(w, this.set, this.spec);
    this.submitted = 0;
    this.held = 0;
  }

  protected idle(): void {}

  protected applyAction(action: Float32Array): void {
    const w = this.world!;
    const set = this.set!;
    const now = w.step * w.dt;
    const bid = this.spec.gasBid;
    const gasPrice = bid.kind === 'fixed' ? bid.gwei : bid.factor * w.blockspace.gasPrice;
    this.submitted = 0;
    this.held = 0;
    set.controls.forEach((c, k) => {
      const a = action[k];
      if (!(Number.isInteger(a) && a >= 0 && a <= 2 * this.spec.notches)) {
        throw new RangeError(`collateral-policy: action[${k}] must be an integer from 0 to ${2 * this.spec.notches}, got ${a}`);
      }
      const change = allowedChange(w, set, c, a - this.spec.notches, this.spec, now);
      if (!change) return;
      if (change.held) {
        this.held++;
        return;
      }
      submitChange(w, set, c, change.u, gasPrice);
      this.submitted++;
    });
  }

  protected override afterSimStep(): void {
    this.reward!.afterStep();
  }

  protected intervalReward(): { reward: number; info: Info } {
    const r = this.reward!.finish();
    const c = this.spec.reward;
    // the reward's three parts, as they enter it: an evaluation shows where a policy wins and loses
    const rewardTerms = { badDebt: -c.badDebtWeight * r.badDebtUsd, lockedCapital: -c.lockCostPerYear * r.lockedUsdYears, changes: -c.changeCost * r.changes };
    return { reward: r.reward, info: { rewardTerms, badDebtUsd: r.badDebtUsd, lockedUsdYears: r.lockedUsdYears, changes: r.changes, submitted: this.submitted, held: this.held } };
  }

  protected writeSelf(_k: number, out: Float32Array, offset: number): void {
    const w = this.world!;
    const set = this.set!;
    const p = w.protocols[set.protocol];
    const now = w.step * w.dt;
    set.controls.forEach((c, k) => {
      const u = looseness(p, c);
      const value = parameterOf(c, u);
      out[offset + 3 * k] = value - parameterOf(c, c.baseU);
      out[offset + 3 * k + 1] = c.inFlight && p.parameters(c.target)[c.parameter] !== c.inFlight.value ? c.inFlight.value - value : 0;
      out[offset + 3 * k + 2] = waitOf(w, set, c, now);
    });
  }
}

/** Per target: its oracle's EWMA volatility over an hour, debt near and under liquidation, time since its last change; the gas price. */
function defaultFeatures(s: Scenario, spec: CollateralPolicySpec): FeatureSpecInput[] {
  const p = s.protocols.find((x) => x.id === spec.protocol)!;
  const window = Math.max(3600, s.market.dt);
  const out: FeatureSpecInput[] = [];
  for (const target of spec.targets) {
    if (p.kind === 'options') throw new Error(`collateral policy: ${p.id} is an option venue`); // refused at load (rlReferences.ts)
    const oracle = p.kind === 'lending' ? p.reserves.find((r) => r.asset === target)!.oracle : p.ilks.find((k) => k.id === target)!.oracle;
    out.push(
      { feature: 'ewma-volatility', oracle, window },
      { feature: 'debt-near-liquidation', protocol: p.id, collateral: target, within: 0.1, measure: 'share' },
      { feature: 'debt-near-liquidation', protocol: p.id, collateral: target, within: 0, measure: 'share' },
      { feature: 'time-since-configured', protocol: p.id, target },
    );
  }
  out.push({ feature: 'gas-price' });
  return out;
}

/** The registry's factory: `collateral-policy` on a scenario with `rl.collateralPolicy`. */
export function collateralPolicyEnv(config: EnvConfig): CollateralPolicyEnv {
  return new CollateralPolicyEnv(config);
}
