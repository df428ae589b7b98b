/**
 * The identity bandit of Stable-Baselines3's test suite (common/envs/identity_env.py, IdentityEnv
 * and IdentityEnvBox): each step shows a random target and pays 1 when the action names it, so the
 * optimal return of a 100-step episode is 100 and a learner that works reaches ≥ 90 within a few
 * thousand steps. The next target is drawn after each action, so the action never influences what
 * comes next: it tests the policy gradient alone.
 *
 * Discrete version: target in 0 … n−1, observed one-hot (SB3 one-hot encodes discrete
 * observations), action Discrete(n). Box version: target uniform on [low, high], observed as is,
 * action Box(low, high); paid when the action is within ε of the target.
 */
import { Rng } from '../../util/rng.js';
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { box, type Box, type Discrete, discrete } from '../spaces.js';

export class IdentityEnv implements Env<Discrete> {
  readonly observationSpace: Box;
  readonly actionSpace: Discrete;
  readonly observationNames: readonly string[];
  private rng = new Rng(0);
  private target = 0;
  private steps = 0;

  constructor(
    readonly n: number,
    readonly episodeLength: number,
  ) {
    this.observationSpace = box(0, 1, n);
    this.actionSpace = discrete(n);
    this.observationNames = Array.from({ length: n }, (_, i) => `target_is_${i}`);
  }

  private observe(): Float32Array {
    const o = new Float32Array(this.n);
    o[this.target] = 1;
    return o;
  }

  reset(args: ResetArgs = {}): ResetResult {
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    this.steps = 0;
    this.target = this.rng.int(this.n);
    return { observation: this.observe(), info: {} };
  }

  step(action: number): StepResult {
    const reward = action === this.target ? 1 : 0;
    this.target = this.rng.int(this.n);
    this.steps++;
    return { observation: this.observe(), reward, terminated: false, truncated: this.steps >= this.episodeLength, info: {} };
  }
}

export class IdentityBoxEnv implements Env<Box> {
  readonly observationSpace: Box;
  readonly actionSpace: Box;
  readonly observationNames = ['target'];
  private rng = new Rng(0);
  private target = 0;
  private steps = 0;

  constructor(
    readonly low: number,
    readonly high: number,
    readonly epsilon: number,
    readonly episodeLength: number,
  ) {
    this.observationSpace = box(low, high, 1);
    this.actionSpace = box(low, high, 1);
  }

  private draw(): void {
    this.target = Math.fround(this.low + (this.high - this.low) * this.rng.uniform()); // observed in float32: judge against what is seen
  }

  reset(args: ResetArgs = {}): ResetResult {
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    this.steps = 0;
    this.draw();
    return { observation: Float32Array.of(this.target), info: {} };
  }

  step(action: Float32Array): StepResult {
    const reward = Math.abs(action[0] - this.target) <= this.epsilon ? 1 : 0;
    this.draw();
    this.steps++;
    return { observation: Float32Array.of(this.target), reward, terminated: false, truncated: this.steps >= this.episodeLength, info: {} };
  }
}
