/**
 * A rollout's environment as the collector steps it: one world, and the agents in it that act on
 * the policy. An ordinary environment has one agent; a world of several agents sharing one policy
 * (parameter sharing, multiAgent.ts) has M, and each agent is a trajectory of its own, as
 * SuperSuit turns a PettingZoo parallel environment into a vector of M environments for a shared
 * policy: per step the policy acts once per agent on the agent's own block of the observation,
 * the joint action steps the world, and agent k's reward is `info.agentRewards[k]`.
 *
 * Normalisation is per agent, with statistics common to all agents (they are the same kind of
 * agent): observation moments of one agent's block, updated with every agent's block; reward
 * scaling by the spread of each agent's own discounted return, as a vectorised environment keeps
 * one running return per sub-environment. With one agent the slot is exactly the normalising
 * wrapper (NormalizeEnv) over the environment, so single-agent training is unchanged.
 */
import type { Env } from '../env.js';
import type { Space, SpaceValue } from '../spaces.js';
import { agentObservation, agentRewards, jointAction, sharedAgents } from '../envs/multiAgent.js';
import { EpisodeStatistics, type EpisodeRecord } from '../wrappers/episodeStatistics.js';
import { NormalizeEnv, type Normalizer } from '../wrappers/normalize.js';

export interface SlotStep {
  /** Per agent, the reward in the learner's units (scaled when normalising rewards). */
  rewards: number[];
  terminated: boolean;
  truncated: boolean;
  /** Per agent, the observation after the step (normalised): the final one when the episode ended. */
  observations: Float32Array[];
}

export interface RolloutSlot {
  /** Agents acting on the policy (trajectories this slot contributes). */
  readonly agents: number;
  /** Per agent, the observation the next step acts on; null until the first reset. */
  observations: Float32Array[] | null;
  reset(seed: number): void;
  /** Steps the world with one action per agent (in the per-agent space). */
  step(actions: SpaceValue<Space>[]): SlotStep;
  /** Episodes finished since the last call, in the environment's own reward units (all agents' rewards summed). */
  takeEpisodes(): EpisodeRecord[];
  close(): void;
}

/** One agent: the environment behind its normalising wrapper. */
class SingleAgentSlot implements RolloutSlot {
  readonly agents = 1;
  observations: Float32Array[] | null = null;
  private readonly recorder: EpisodeStatistics;
  private readonly env: Env;

  constructor(env: Env, normalizer: Normalizer | null) {
    this.recorder = new EpisodeStatistics(env);
    this.env = normalizer ? new NormalizeEnv(this.recorder, normalizer) : this.recorder;
  }

  reset(seed: number): void {
    this.observations = [this.env.reset({ seed }).observation];
  }

  step(actions: SpaceValue<Space>[]): SlotStep {
    const r = this.env.step(actions[0]);
    this.observations = [r.observation];
    return { rewards: [r.reward], terminated: r.terminated, truncated: r.truncated, observations: this.observations };
  }

  takeEpisodes(): EpisodeRecord[] {
    return this.recorder.takeEpisodes();
  }

  close(): void {
    this.env.close?.();
  }
}

/** M agents sharing the policy: per-agent observations, rewards and normalisation. */
class SharedAgentsSlot implements RolloutSlot {
  readonly agents: number;
  observations: Float32Array[] | null = null;
  private readonly recorder: EpisodeStatistics;
  /** Each agent's running discounted return (reward scaling). */
  private readonly returns: Float64Array;

  constructor(
    private readonly env: Env & NonNullable<ReturnType<typeof sharedAgents>>,
    private readonly normalizer: Normalizer | null,
  ) {
    this.agents = env.agentCount;
    this.recorder = new EpisodeStatistics(env);
    this.returns = new Float64Array(this.agents);
  }

  private split(joint: Float32Array): Float32Array[] {
    return Array.from({ length: this.agents }, (_, k) => {
      const block = agentObservation(this.env, joint, k);
      return this.normalizer ? this.normalizer.observation(block) : block;
    });
  }

  reset(seed: number): void {
    this.returns.fill(0);
    this.observations = this.split(this.recorder.reset({ seed }).observation);
  }

  step(actions: SpaceValue<Space>[]): SlotStep {
    const r = this.recorder.step(jointAction(actions as Float32Array[]));
    const ended = r.terminated || r.truncated;
    const rewards = agentRewards(this.env, r).map((reward, k) => {
      if (!this.normalizer) return reward;
      this.returns[k] = this.returns[k] * this.normalizer.settings.gamma + reward;
      const scaled = this.normalizer.reward(reward, this.returns[k]);
      if (ended) this.returns[k] = 0;
      return scaled;
    });
    this.observations = this.split(r.observation);
    return { rewards, terminated: r.terminated, truncated: r.truncated, observations: this.observations };
  }

  takeEpisodes(): EpisodeRecord[] {
    return this.recorder.takeEpisodes();
  }

  close(): void {
    this.env.close?.();
  }
}

/** The slot for an environment: one agent, or the agents sharing the policy. */
export function rolloutSlot(env: Env, normalizer: Normalizer | null): RolloutSlot {
  const shared = sharedAgents(env);
  return shared ? new SharedAgentsSlot(shared as Env & typeof shared, normalizer) : new SingleAgentSlot(env, normalizer);
}
