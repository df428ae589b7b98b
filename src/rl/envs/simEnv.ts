/**
 * The common wrapper of the environments that run a scenario: Gymnasium's reset/step on top of
 * the ordinary simulator. RL sits above the step loop and changes nothing in it:
 *
 *   reset({ seed, options })  draws the episode (episodes.ts), builds its world with `buildWorld`
 *                             and an agent factory that lets the environment make its controlled
 *                             agents, runs the warm-up (`rl.warmup`, at least one step, since
 *                             before the first step no oracle has published and no book is
 *                             marked; the controlled agents idle), and returns the first
 *                             observation;
 *   step(action)              hands the action to the controlled agents (they submit its
 *                             transactions when the step loop asks them to act), runs
 *                             `rl.decisionInterval` steps of the world with `step(w)`, and returns
 *                             the observation, the reward of the interval, `terminated` (a
 *                             protocol's booked losses reached `rl.insolventAtLossUsd`, or the
 *                             environment's own end such as a ruined agent) and `truncated` (the
 *                             scenario's horizon).
 *
 * The observation is the observation library's features (`rl.observation`, or the environment's
 * defaults) followed by the controlled agent's own state (its capital, its parameters), with
 * names. Environments with several controlled agents sharing one policy (parameter sharing)
 * repeat that block per agent, the features first (multiAgent.ts says how to split it).
 *
 * The world advances exactly `decisionInterval` steps per `step`, fewer only when the horizon
 * ends the episode; termination is checked at the end of an interval.
 */
import type { Env, Info, ResetArgs, ResetResult, StepResult } from '../env.js';
import { box, type Box, type Space, type SpaceValue } from '../spaces.js';
import type { LoadedScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/schema.js';
import type { FeatureSpecInput, SpecOrigin } from '../../observation/spec.js';
import { buildObservation, type Observation } from '../../observation/observation.js';
import { buildWorld, type World } from '../../sim/world.js';
import { step as stepWorld } from '../../sim/step.js';
import type { Agent, AgentContext, AgentFactory, AgentSpec } from '../../sim/agent.js';
import { createAgent } from '../../../agents/index.js';
import { EpisodeSource, loadEnvScenario, type EnvConfig, type EpisodeDraw } from './episodes.js';
import { locateError } from '../../scenario/load.js';

/** The timing an environment runs by, in steps of the scenario. */
export interface Timing {
  /** Steps per decision. */
  decisionSteps: number;
  /** Steps run before the first decision: at least one, since before the first step no oracle has published and no book is marked. */
  warmupSteps: number;
}

export function timingOf(s: Scenario): Timing {
  const dt = s.market.dt;
  return {
    decisionSteps: Math.max(1, Math.round((s.rl?.decisionInterval ?? dt) / dt)),
    warmupSteps: Math.max(1, Math.round((s.rl?.warmup ?? 0) / dt)),
  };
}

/** Builds the agent of a spec, or returns undefined to leave it to the scenario's own factory. */
export type ControlledAgentMaker = (spec: AgentSpec, ctx: AgentContext, dt: number, cohortTag: number) => Agent | undefined;

/** The scenario's agent factory (agents/index.ts) with the environment's controlled agents taking their slots. */
export function withControlledAgents(make: ControlledAgentMaker): AgentFactory {
  return (spec, ctx, dt, tag) => make(spec, ctx, dt, tag) ?? createAgent(spec, ctx, dt, tag);
}

/** What a subclass says about its observation: the default features and the names of its own-state values. */
export interface ObservationLayout {
  /** Feature specs used when the scenario's `rl.observation` is absent (the probe world at hand). */
  defaultFeatures(s: Scenario, world: World): FeatureSpecInput[];
  /** Names of each controlled agent's own-state values (the same count for every agent). */
  selfNames: readonly string[];
}

/** Bad debt booked and collateral liquidated so far, summed over the world's protocols (USD). */
function protocolTotals(w: World): { badDebtUsd: number; liquidatedUsd: number } {
  let badDebtUsd = 0;
  let liquidatedUsd = 0;
  for (const p of w.protocols) {
    const f = p.figures();
    badDebtUsd += f.badDebtUsd;
    liquidatedUsd += f.liquidatedUsd;
  }
  return { badDebtUsd, liquidatedUsd };
}

export abstract class SimEnv<A extends Space> implements Env<A> {
  // set by `setup`, which each environment calls at the end of its constructor (the probe world needs its agents)
  observationSpace!: Box;
  observationNames!: readonly string[];
  abstract readonly actionSpace: A;
  /** How many agents the policy drives in each world (their observations are concatenated). */
  agentCount = 1;
  /** Values per agent: the features and the agent's own state. */
  agentObservationSize = 0;
  /** Names of one agent's values (the features, then `self.…`), without the `agentK.` prefix. */
  agentObservationNames: readonly string[] = [];
  protected readonly timing: Timing;
  /** The scenario as loaded (before the environment's in-memory changes). */
  readonly loaded: LoadedScenario;
  private episodes!: EpisodeSource;
  private featureSpecs: FeatureSpecInput[] = [];
  private origin: SpecOrigin = {};
  private readonly config: EnvConfig;
  protected world: World | null = null;
  private features: Observation | null = null;
  private featureValues = new Float32Array(0);
  private done = true;
  protected episode: EpisodeDraw | null = null;

  protected constructor(config: EnvConfig) {
    this.config = config;
    this.loaded = loadEnvScenario(config);
    this.timing = timingOf(this.loaded.scenario);
  }

  /**
   * Completes the environment once the subclass is ready: `transform` makes its in-memory changes
   * to every scenario variant (an added agent); a probe world of the scenario as written resolves
   * the features' names (and refuses bad ids) before any episode.
   */
  protected setup(transform: (s: Scenario) => Scenario, agentCount: number, layout: ObservationLayout): void {
    this.agentCount = agentCount;
    // a variant's bad override names itself (parseScenario says which --set or variant it came from)
    this.episodes = new EpisodeSource(this.loaded, transform);
    let features: Observation;
    try {
      const probeLoaded = this.episodes.probe();
      const probe = this.build({ seed: probeLoaded.scenario.seed, variant: -1, shockScale: 1, loaded: probeLoaded });
      const own = this.loaded.scenario.rl?.observation;
      this.featureSpecs = own ?? layout.defaultFeatures(probeLoaded.scenario, probe);
      this.origin = own ? { file: this.loaded.file, field: 'rl.observation' } : { field: 'default observation' };
      features = buildObservation(this.featureSpecs, probe, this.origin);
    } catch (e) {
      // a bad id in rl.observation: the one line names the field and its line
      throw locateError(e, this.loaded);
    }
    const block = [...features.names, ...layout.selfNames.map((n) => `self.${n}`)];
    this.agentObservationSize = block.length;
    this.agentObservationNames = block;
    this.observationNames = agentCount === 1 ? block : Array.from({ length: agentCount }, (_, k) => block.map((n) => `agent${k}.${n}`)).flat();
    this.observationSpace = box(-Infinity, Infinity, this.observationNames.length);
  }

  /** The factory the episode's world is built with (the controlled agents made by the environment). */
  protected abstract agentFactory(): AgentFactory;
  /** Reads reset's options before the episode's world is built (who fills the controlled slots). */
  protected beforeBuild(_options: Record<string, unknown>): void {}
  /** A new episode's world exists (its controlled agents made); `options` are reset's. */
  protected abstract beginEpisode(world: World, options: Record<string, unknown>): void;
  /** Hands the action to the controlled agents (or submits it) before the interval's steps. */
  protected abstract applyAction(action: SpaceValue<A>): void;
  /** The controlled agents stop acting (the warm-up, and after the episode). */
  protected abstract idle(): void;
  /** After each simulated step of an interval (rewards that integrate over time). */
  protected afterSimStep(): void {}
  /** The reward of the interval just run, with its parts for `info`. */
  protected abstract intervalReward(): { reward: number; info: Info };
  /** Writes agent k's own-state values from `offset`. */
  protected abstract writeSelf(k: number, out: Float32Array, offset: number): void;
  /** An end of the episode of the environment's own (a ruined agent); null when none. */
  protected ownTermination(): string | null {
    return null;
  }

  private build(d: EpisodeDraw): World {
    return buildWorld(d.loaded, {
      createAgent: this.agentFactory(),
      seed: d.seed,
      path: 0,
      checkInvariants: this.config.checkInvariants ?? d.loaded.scenario.options.checkInvariants,
      recordEvents: this.config.recordEvents ?? false,
    });
  }

  /** The world of the current episode (for inspection and tests). */
  get currentWorld(): World {
    if (!this.world) throw new Error('no episode yet: call reset first');
    return this.world;
  }

  private observe(): Float32Array {
    const w = this.world!;
    const f = this.features!;
    f.read(w.view, this.featureValues);
    const out = new Float32Array(this.observationNames.length);
    const size = this.agentObservationSize;
    for (let k = 0; k < this.agentCount; k++) {
      out.set(this.featureValues, k * size);
      this.writeSelf(k, out, k * size + f.size);
    }
    return out;
  }

  reset(args: ResetArgs = {}): ResetResult {
    const d = this.episodes.next(args.seed, args.options);
    this.episode = d;
    this.beforeBuild(args.options ?? {});
    const w = this.build(d);
    this.world = w;
    this.features = buildObservation(this.featureSpecs, w, this.origin);
    this.featureValues = new Float32Array(this.features.size);
    this.beginEpisode(w, args.options ?? {});
    this.idle();
    for (let s = 0; s < this.timing.warmupSteps && w.step < w.steps; s++) stepWorld(w);
    this.done = w.step >= w.steps;
    return { observation: this.observe(), info: { seed: d.seed, variant: d.variant, shockScale: d.shockScale, step: w.step, time: w.step * w.dt } };
  }

  /** Why the episode ends here (a protocol's booked losses, or the environment's own reason), or null. */
  private termination(): string | null {
    const limit = this.loaded.scenario.rl?.insolventAtLossUsd;
    if (limit !== undefined) {
      for (const p of this.world!.protocols) {
        const booked = p.obligations().booked;
        if (booked >= limit) return `${p.id} booked losses of ${booked.toPrecision(6)} USD (rl.insolventAtLossUsd ${limit})`;
      }
    }
    return this.ownTermination();
  }

  step(action: SpaceValue<A>): StepResult {
    if (this.done || !this.world) throw new Error('the episode is over (or has not begun): call reset');
    const w = this.world;
    this.applyAction(action);
    const from = w.step;
    const before = protocolTotals(w);
    for (let s = 0; s < this.timing.decisionSteps && w.step < w.steps; s++) {
      stepWorld(w);
      this.afterSimStep();
    }
    const { reward, info } = this.intervalReward();
    const after = protocolTotals(w);
    // what the interval did to the protocols, whatever the reward: evaluations report it beside the objective
    // an environment's own measures (info.measures of intervalReward) come along
    const own = info.measures !== null && typeof info.measures === 'object' ? (info.measures as Record<string, number>) : {};
    const measures = { ...own, protocolBadDebtUsd: after.badDebtUsd - before.badDebtUsd, liquidatedUsd: after.liquidatedUsd - before.liquidatedUsd };
    const why = this.termination();
    const terminated = why !== null;
    const truncated = !terminated && w.step >= w.steps;
    this.done = terminated || truncated;
    if (this.done) this.idle();
    return { observation: this.observe(), reward, terminated, truncated, info: { ...info, measures, step: w.step, steps: w.step - from, time: w.step * w.dt, ...(why ? { terminatedBy: why } : {}) } };
  }

  close(): void {
    this.world = null;
    this.features = null;
    this.done = true;
  }
}
