/** The trader's baseline: doing nothing (its capital held, marked at reference prices). */
import type { MultiDiscrete } from '../../spaces.js';
import type { Policy } from '../policy.js';
import type { TraderEnv } from './env.js';

export function doNothingPolicy(env: TraderEnv): Policy<MultiDiscrete> {
  const hold = new Float32Array(env.actionSpace.nvec.length);
  return { name: 'do nothing', act: () => hold };
}
