/**
 * Parts of the library whose API may still change (the design's `experimental` namespace, after
 * Mesa's `mesa/experimental/`): `import { experimental } from 'aftershock'`.
 *
 * Observations: fixed-length feature vectors of a world for learning agents (src/observation).
 */
export * from './observation/index.js';
