/**
 * Parameter sharing: an environment whose world holds N agents driven by one policy (the
 * liquidator environment with several `rl.liquidator.agents`) is an ordinary environment whose
 * observation is N equal blocks (agent k's block: the shared features, then its own state) and
 * whose action is N equal blocks of the per-agent action; its reward is the sum and
 * `info.agentRewards` the N parts. A learner that shares one policy among the agents splits each
 * step into N transitions of the per-agent spaces with `agentTransitions`; one that does not can
 * treat the environment as a single agent with the joint spaces. N = 1 is the plain case.
 */
import type { StepResult } from '../env.js';
import { box, multiDiscrete, type Box, type MultiDiscrete, type Space } from '../spaces.js';

export interface SharedPolicyEnv {
  readonly agentCount: number;
  readonly agentObservationSize: number;
  /** The names of one agent's block, without the `agentK.` prefix: the observation a shared policy is trained on. */
  readonly agentObservationNames?: readonly string[];
  readonly actionSpace: Space;
}

/**
 * The environment as a world of several agents sharing one policy, or null when it drives one
 * agent (or does not say): a learner then trains the policy on the per-agent spaces, one
 * trajectory per agent (rollout/slots.ts).
 */
export function sharedAgents(env: object): (SharedPolicyEnv & { actionSpace: MultiDiscrete; agentObservationNames: readonly string[] }) | null {
  const e = env as Partial<SharedPolicyEnv>;
  if (!(typeof e.agentCount === 'number' && e.agentCount > 1)) return null;
  if (e.actionSpace?.type !== 'multi-discrete' || !Array.isArray(e.agentObservationNames))
    throw new Error(`an environment of ${e.agentCount} agents must have a multi-discrete action and per-agent observation names`);
  return e as SharedPolicyEnv & { actionSpace: MultiDiscrete; agentObservationNames: readonly string[] };
}

/** One agent's slice of a step. */
export interface AgentTransition {
  observation: Float32Array;
  action: Float32Array;
  reward: number;
}

/** The per-agent spaces a shared policy is built for. */
export function agentSpaces(env: SharedPolicyEnv & { actionSpace: MultiDiscrete }): { observationSpace: Box; actionSpace: MultiDiscrete } {
  const per = env.actionSpace.nvec.length / env.agentCount;
  return { observationSpace: box(-Infinity, Infinity, env.agentObservationSize), actionSpace: multiDiscrete(env.actionSpace.nvec.slice(0, per)) };
}

/** Agent k's block of a joint observation. */
export function agentObservation(env: SharedPolicyEnv, observation: Float32Array, k: number): Float32Array {
  return observation.slice(k * env.agentObservationSize, (k + 1) * env.agentObservationSize);
}

/** The joint action of the agents' own actions, in agent order. */
export function jointAction(actions: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(actions.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of actions) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** The agents' rewards of a step (`info.agentRewards`; the reward itself for one agent). */
export function agentRewards(env: SharedPolicyEnv, result: StepResult): number[] {
  if (env.agentCount === 1) return [result.reward];
  const rewards = result.info.agentRewards as number[] | undefined;
  if (!Array.isArray(rewards) || rewards.length !== env.agentCount) throw new Error(`expected info.agentRewards with ${env.agentCount} rewards`);
  return rewards;
}

/**
 * The N transitions of one step: agent k's observation before the step (from `observation`), its
 * action (its block of `action`) and its reward (`result.info.agentRewards[k]`).
 */
export function agentTransitions(env: SharedPolicyEnv, observation: Float32Array, action: Float32Array, result: StepResult): AgentTransition[] {
  const rewards = agentRewards(env, result);
  const per = action.length / env.agentCount;
  return Array.from({ length: env.agentCount }, (_, k) => ({
    observation: agentObservation(env, observation, k),
    action: action.slice(k * per, (k + 1) * per),
    reward: rewards[k],
  }));
}
