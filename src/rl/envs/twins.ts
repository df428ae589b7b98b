/**
 * A shared-policy test task with known returns: M agents in one world (multiAgent.ts's contract:
 * the observation is M blocks, the action M blocks, `info.agentRewards` the M rewards), each paid
 * by its own sequence whatever it does: agent k receives (k + 1)·2^t at step t of an episode of
 * `length` steps, which then terminates. Agent k's block is [t / length, k]: the step and who it
 * is. Rewards that do not depend on the actions make each agent's returns and advantages
 * hand-workable, so the tests can check that a learner splits the step into M trajectories and
 * estimates each one on its own.
 */
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { box, type Box, type MultiDiscrete, multiDiscrete } from '../spaces.js';
import type { SharedPolicyEnv } from './multiAgent.js';

export class TwinsEnv implements Env<MultiDiscrete>, SharedPolicyEnv {
  readonly observationSpace: Box;
  readonly actionSpace: MultiDiscrete;
  readonly observationNames: readonly string[];
  readonly agentObservationSize = 2;
  readonly agentObservationNames = ['step', 'agent'];
  private t = 0;
  private done = true;

  constructor(
    readonly agentCount: number,
    readonly length: number,
  ) {
    this.observationSpace = box(0, Math.max(1, agentCount - 1), 2 * agentCount);
    this.actionSpace = multiDiscrete(Array.from({ length: agentCount }, () => 2));
    this.observationNames = agentCount === 1 ? this.agentObservationNames : Array.from({ length: agentCount }, (_, k) => this.agentObservationNames.map((n) => `agent${k}.${n}`)).flat();
  }

  private observe(): Float32Array {
    const o = new Float32Array(2 * this.agentCount);
    for (let k = 0; k < this.agentCount; k++) o.set([this.t / this.length, k], 2 * k);
    return o;
  }

  reset(_args: ResetArgs = {}): ResetResult {
    this.t = 0;
    this.done = false;
    return { observation: this.observe(), info: {} };
  }

  step(action: Float32Array): StepResult {
    if (this.done) throw new Error('twins: step called on a finished episode (call reset first)');
    if (action.length !== this.agentCount) throw new RangeError(`twins: expected ${this.agentCount} actions, got ${action.length}`);
    const agentRewards = Array.from({ length: this.agentCount }, (_, k) => (k + 1) * 2 ** this.t);
    this.t++;
    const terminated = this.t === this.length;
    this.done = terminated;
    return { observation: this.observe(), reward: agentRewards.reduce((a, b) => a + b, 0), terminated, truncated: false, info: { agentRewards } };
  }
}
