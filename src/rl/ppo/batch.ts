/**
 * A PPO iteration's training batch: every rollout's steps, in rollout order, with their advantages
 * and value targets computed per environment by GAE. Truncated episodes bootstrap from their final
 * observation's value unless the configuration turns that off (then a truncation counts as a
 * termination, as in CleanRL).
 */
import type { Trajectories } from '../rollout/task.js';
import { gae } from './gae.js';

export interface Batch {
  size: number;
  observationSize: number;
  actionSize: number;
  observations: Float32Array;
  actions: Float32Array;
  logProbs: Float32Array;
  /** The values the rollout recorded (the value clip's anchor). */
  values: Float32Array;
  advantages: Float64Array;
  /** λ-returns: the critic's targets. */
  returns: Float64Array;
}

export interface ReturnSettings {
  gamma: number;
  gaeLambda: number;
  bootstrapTruncation: boolean;
}

export function assembleBatch(rollouts: readonly Trajectories[], settings: ReturnSettings): Batch {
  if (rollouts.length === 0) throw new RangeError('batch: no rollouts');
  const O = rollouts[0].observationSize;
  const A = rollouts[0].actionSize;
  const size = rollouts.reduce((s, r) => s + r.numEnvs * r.numSteps, 0);
  const b: Batch = {
    size,
    observationSize: O,
    actionSize: A,
    observations: new Float32Array(size * O),
    actions: new Float32Array(size * A),
    logProbs: new Float32Array(size),
    values: new Float32Array(size),
    advantages: new Float64Array(size),
    returns: new Float64Array(size),
  };
  let at = 0;
  for (const r of rollouts) {
    if (r.observationSize !== O || r.actionSize !== A) throw new RangeError('batch: rollouts of different environments');
    const n = r.numEnvs * r.numSteps;
    b.observations.set(r.observations, at * O);
    b.actions.set(r.actions, at * A);
    b.logProbs.set(r.logProbs, at);
    b.values.set(r.values, at);
    const zeros = new Float32Array(r.numSteps);
    for (let k = 0; k < r.numEnvs; k++) {
      const from = k * r.numSteps;
      const to = from + r.numSteps;
      const { advantages, returns } = gae(
        {
          rewards: r.rewards.subarray(from, to),
          values: r.values.subarray(from, to),
          ended: r.ended.subarray(from, to),
          bootstrap: settings.bootstrapTruncation ? r.finalValues.subarray(from, to) : zeros,
          lastValue: r.lastValues[k],
        },
        settings.gamma,
        settings.gaeLambda,
      );
      b.advantages.set(advantages, at + from);
      b.returns.set(returns, at + from);
    }
    at += n;
  }
  return b;
}
