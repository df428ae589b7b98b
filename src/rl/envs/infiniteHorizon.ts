/**
 * Stable-Baselines3's InfiniteHorizonEnv (tests/test_gae.py): four states visited in a cycle,
 * observed one-hot, reward 1 on every step, never terminating; the registry cuts it with a time
 * limit (8 steps in SB3's test). The task itself has no end, so every state is worth
 * Σ γᵏ = 1 / (1 − γ) (50 at γ = 0.98): a learner that bootstraps at truncations learns that value,
 * one that treats the time limit as termination learns a much smaller one. The action is ignored
 * (a box, as in SB3).
 */
import type { Env, ResetResult, StepResult } from '../env.js';
import { box, type Box } from '../spaces.js';

export class InfiniteHorizonEnv implements Env<Box> {
  readonly observationSpace: Box;
  readonly actionSpace = box(-1, 1, 2);
  readonly observationNames: readonly string[];
  private state = 0;

  constructor(readonly states: number) {
    this.observationSpace = box(0, 1, states);
    this.observationNames = Array.from({ length: states }, (_, i) => `state_${i}`);
  }

  private observe(): Float32Array {
    const o = new Float32Array(this.states);
    o[this.state] = 1;
    return o;
  }

  reset(): ResetResult {
    this.state = 0;
    return { observation: this.observe(), info: {} };
  }

  step(): StepResult {
    this.state = (this.state + 1) % this.states;
    return { observation: this.observe(), reward: 1, terminated: false, truncated: false, info: {} };
  }
}
