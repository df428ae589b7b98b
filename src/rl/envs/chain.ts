/**
 * A chain MDP with known optimal values: cells 0 … L−1 in a row and a goal beyond the last. Action
 * 1 moves right, action 0 moves left (staying put at cell 0); stepping from cell L−1 onto the goal
 * pays 1 and terminates, every other step pays 0. Episodes start in a cell drawn uniformly, so
 * every cell is visited. The optimal policy always moves right and its values are
 *
 *   V*(s) = γ^(L−1−s)        (the reward arrives L − s steps later, discounted L − 1 − s times)
 *
 * e.g. L = 4, γ = 0.9: V* = [0.729, 0.81, 0.9, 1]. Observations are the cell one-hot.
 */
import { Rng } from '../../util/rng.js';
import type { Env, ResetArgs, ResetResult, StepResult } from '../env.js';
import { box, type Box, type Discrete, discrete } from '../spaces.js';

export class ChainEnv implements Env<Discrete> {
  readonly observationSpace: Box;
  readonly actionSpace = discrete(2);
  readonly observationNames: readonly string[];
  private rng = new Rng(0);
  private cell = 0;
  private done = true;

  constructor(readonly length: number) {
    this.observationSpace = box(0, 1, length);
    this.observationNames = Array.from({ length }, (_, i) => `cell_${i}`);
  }

  private observe(): Float32Array {
    const o = new Float32Array(this.length);
    if (this.cell < this.length) o[this.cell] = 1; // the goal shows as all zeros
    return o;
  }

  reset(args: ResetArgs = {}): ResetResult {
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    this.cell = this.rng.int(this.length);
    this.done = false;
    return { observation: this.observe(), info: {} };
  }

  step(action: number): StepResult {
    if (this.done) throw new Error('chain: step called on a finished episode (call reset first)');
    this.cell = action === 1 ? this.cell + 1 : Math.max(0, this.cell - 1);
    const terminated = this.cell === this.length;
    this.done = terminated;
    return { observation: this.observe(), reward: terminated ? 1 : 0, terminated, truncated: false, info: {} };
  }
}
