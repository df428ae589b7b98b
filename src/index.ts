/**
 * Aftershock's public library API: `import { … } from 'aftershock'`.
 * The risk models (`models/`, `risk/`) are usable without the simulator.
 */
export { Rng, deriveSeed } from './util/rng.js';
export { InputError } from './util/errors.js';
export { shapley, shapleyOfInputs, type ShapleyResult } from './risk/shapley.js';
export {
  generateReferencePaths,
  prepareMarket,
  PreparedMarket,
  type AssetPriceSpec,
  type MarketOptions,
} from './market/generate.js';
export {
  priceProcessSchema,
  marketSchema,
  SECONDS_PER_YEAR,
  type PriceProcessSpec,
  type PriceProcessInput,
  type MarketSpec,
  type MarketInput,
  type CorrelationsSpec,
  type GarchTParams,
} from './market/schema.js';
export { cholesky, NotPositiveDefiniteError } from './market/cholesky.js';
export * as constantProduct from './protocols/venues/constantProduct.js';
export * as stableswap from './protocols/venues/stableswap.js';
export * as depthCurve from './protocols/venues/depthCurve.js';
export type { DepthCurve } from './protocols/venues/depthCurve.js';
