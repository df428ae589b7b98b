/**
 * Parts of the library whose API may still change (the design's `experimental` namespace, after
 * Mesa's `mesa/experimental/`): `import { experimental } from 'aftershock'`.
 *
 * Observations: fixed-length feature vectors of a world for learning agents (src/observation).
 * Reinforcement learning: the Gymnasium-style environment contract, PPO (CleanRL's defaults),
 * rollouts on worker threads, and policy folders (src/rl).
 */
export * from './observation/index.js';
export * from './rl/index.js';
