/**
 * A trained liquidator policy as an ordinary agent of a run (`kind: policy` in a scenario). It
 * takes its slot as the liquidator environment's controlled agent does (controlledLiquidator.ts
 * places the calls) and decides as the environment lets a policy decide: nothing during the
 * warm-up (`rl.warmup`, at least one step), then every `rl.decisionInterval` it reads the
 * observation the environment would give it on this scenario (layout.ts: the features, then its
 * own capital in USD), normalises it with the statistics saved with the policy, and stands by the
 * order the policy chooses until the next decision.
 *
 * One difference of timing: the environment reads its observation between two steps, the agent
 * at the start of the decision step's act phase (prices, oracles and books of that step already
 * moved). The policy sees one step fresher data than in training.
 *
 * Acting is deterministic by default (the most likely choice), so a run's bytes depend on nothing
 * but its seed; `deterministic: false` draws from the policy with the agent's own random stream,
 * still seeded by (scenario seed, path, agent).
 */
import type { Agent, AgentContext, AgentWorld, LiquidatorSpec, PolicyAgentSpec, Transaction, WorldView } from '../../sim/agent.js';
import type { Timing } from '../envs/simEnv.js';
import type { Rng } from '../../util/rng.js';
import { buildObservation, type Observation } from '../../observation/observation.js';
import type { SpecOrigin } from '../../observation/spec.js';
import { InputError } from '../../util/errors.js';
import { ControlledLiquidator } from '../envs/liquidator/controlledLiquidator.js';
import { liquidatorOrder, type LiquidatorLayout } from '../envs/liquidator/layout.js';
import type { ActingPolicy } from '../policy/actingPolicy.js';
import { observationMismatch } from '../policy/observationCheck.js';

/** What the agent needs of its scenario: its layout, its timing, and where its spec sits (for error lines). */
export interface PolicyPlan {
  layout: LiquidatorLayout;
  timing: Timing;
  origin: SpecOrigin;
  /** The scenario file and the agent's field path (`agents[3].policy`) that errors name. */
  file: string;
  field: string;
}

/** The liquidator slot a policy agent's spec describes (the fields a policy does not decide). */
export function liquidatorSlot(spec: PolicyAgentSpec): LiquidatorSpec {
  const { id, protocols, capital, latency, gasPerLiquidation, maxPerStep } = spec;
  // gasBid and minProfit are the heuristic's: the policy chooses its bid, and calls only at a quoted profit
  return { id, kind: 'liquidator', protocols, capital, latency, gasPerLiquidation, maxPerStep, gasBid: { kind: 'multiple', factor: 1 }, minProfit: 0 };
}

export class PolicyLiquidator implements Agent {
  readonly kind = 'policy';
  readonly id: string;
  readonly account: number;
  private readonly inner: ControlledLiquidator;
  private readonly rng: Rng;
  private observation: Observation | null = null;
  private features = new Float32Array(0);
  private values = new Float32Array(0);
  private assetIndices: number[] = [];
  private venueIds: string[] = [];

  constructor(
    readonly spec: PolicyAgentSpec,
    ctx: AgentContext,
    private readonly policy: ActingPolicy,
    private readonly plan: PolicyPlan,
  ) {
    this.id = spec.id;
    this.account = ctx.account;
    this.inner = new ControlledLiquidator(liquidatorSlot(spec), ctx);
    // a stochastic policy draws from the agent's own stream, which the placer's scans also use
    this.rng = ctx.rng;
  }

  /** Calls this agent has submitted (what it decided to liquidate). */
  get submitted(): number {
    return this.inner.submitted;
  }

  begin(world: AgentWorld): void {
    const { layout, origin, file, field } = this.plan;
    const observation = buildObservation(layout.features, world, origin);
    const names = [...observation.names, ...layout.selfAssets.map((a) => `self.capital.${a}`)];
    const mismatch = observationMismatch(names, this.policy.observationNames, 'this scenario');
    if (mismatch) throw new InputError(mismatch, file, undefined, field);
    const space = this.policy.actionSpace;
    if (space.type !== 'multi-discrete' || space.nvec.length !== 3 || space.nvec.some((n, j) => n !== layout.nvec[j])) {
      const got = space.type === 'multi-discrete' ? `[${[...space.nvec].join(', ')}]` : space.type;
      throw new InputError(`this scenario gives the policy the choices [${layout.nvec.join(', ')}] (sizes, venues, gas bids), where it was trained on ${got}`, file, undefined, field);
    }
    this.observation = observation;
    this.features = new Float32Array(observation.size);
    this.values = new Float32Array(names.length);
    this.assetIndices = layout.selfAssets.map((a) => world.view.assetIds.indexOf(a));
    this.venueIds = world.view.venues.map((v) => v.id);
  }

  private decide(view: WorldView): void {
    const obs = this.observation!;
    obs.read(view, this.features);
    this.values.set(this.features);
    this.assetIndices.forEach((a, j) => (this.values[obs.size + j] = view.balance(this.account, a) * view.reference[a]));
    const action = (this.spec.deterministic ? this.policy.decide(this.values) : this.policy.sample(this.values, this.rng)) as Float32Array;
    this.inner.order = liquidatorOrder(this.plan.layout, action, 0, (id) => this.venueIds.indexOf(id));
  }

  act(view: WorldView, submit: (tx: Transaction) => void): void {
    if (!this.observation) throw new Error(`agent ${this.id}: the world did not call begin() before the first step`);
    const { warmupSteps, decisionSteps } = this.plan.timing;
    const since = view.step - warmupSteps;
    if (since >= 0 && since % decisionSteps === 0) this.decide(view);
    this.inner.act(view, submit);
  }
}
