/**
 * One feature family's contract with the observation: the names of the values it writes, fixed
 * when it is built, and a `read` that writes exactly that many values from `offset` on. Features
 * only read the world; a feature with history reads the world's record (`history.ts`) instead of
 * keeping state, so reading one never changes what another or a later read sees.
 */
import type { WorldView } from '../sim/agent.js';

export interface Feature {
  readonly names: readonly string[];
  read(view: WorldView, out: Float32Array, offset: number): void;
}
