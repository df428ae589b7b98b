/**
 * The liquidator's baseline: the scenario's own heuristic liquidator (agents/liquidator.ts) in
 * each controlled slot, over the same environment, seeds and reward. It is not a function of the
 * observation, so it is a reset option (`controller: 'heuristic'`) and its actions are ignored.
 */
import type { MultiDiscrete } from '../../spaces.js';
import type { Policy } from '../policy.js';
import type { LiquidatorEnv } from './env.js';

export function heuristicLiquidatorPolicy(env: LiquidatorEnv): Policy<MultiDiscrete> {
  const idle = new Float32Array(env.actionSpace.nvec.length);
  return { name: 'heuristic liquidator', act: () => idle, resetOptions: { controller: 'heuristic' } };
}
