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
import { box, multiDiscrete, type Box, type MultiDiscrete } from '../spaces.js';

export interface SharedPolicyEnv {
  readonly agentCount: number;
  readonly agentObservationSize: number;
  readonly actionSpace: MultiDiscrete;
}

/** One agent's slice of a step. */
export interface AgentTransition {
  observation: Float32Array;
  action: Float32Array;
  reward: number;
}

/** The per-agent spaces a shared policy is built for. */
export function agentSpaces(env: SharedPolicyEnv): { observationSpace: Box; actionSpace: MultiDiscrete } {
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

/**
 * The N transitions of one step: agent k's observation before the step (from `observation`), its
 * action (its block of `action`) and its reward (`result.info.agentRewards[k]`).
 */
export function agentTransitions(env: SharedPolicyEnv, observation: Float32Array, action: Float32Array, result: StepResult): AgentTransition[] {
  const rewards = result.info.agentRewards as number[] | undefined;
  if (env.agentCount > 1 && (!Array.isArray(rewards) || rewards.length !== env.agentCount)) throw new Error(`expected info.agentRewards with ${env.agentCount} rewards`);
  const per = action.length / env.agentCount;
  return Array.from({ length: env.agentCount }, (_, k) => ({
    observation: agentObservation(env, observation, k),
    action: action.slice(k * per, (k + 1) * per),
    reward: env.agentCount === 1 ? result.reward : rewards![k],
  }));
}
