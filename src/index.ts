/**
 * Aftershock's public library API: `import { … } from 'aftershock'`.
 * The risk models (`models/`, `risk/`) are usable without the simulator.
 */
export { Rng, deriveSeed } from './util/rng.js';
export { InputError } from './util/errors.js';
export { shapley, shapleyOfInputs, type ShapleyResult } from './risk/shapley.js';
