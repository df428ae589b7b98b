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
export { readPriceCsv, readReturnsCsv, type PriceSeries, type ReturnSeries, type PriceCsvOptions } from './util/priceCsv.js';
export { toReturns, type ReturnKind } from './models/returns.js';
export { loadReturns, type LoadedReturns, type LoadReturnsOptions } from './models/loadReturns.js';
export { ewmaFilter, ewmaForecast, fitEwma, RISKMETRICS_LAMBDA, type EwmaFit, type EwmaOptions } from './models/ewma.js';
export {
  fitGarch,
  garchFilter,
  garchForecast,
  garchLogLik,
  garchPersistence,
  garchStdErrors,
  simulateGarch,
  type GarchFit,
  type GarchParams,
  type GarchModel,
  type GarchDist,
  type GarchFitOptions,
} from './models/garch.js';
export { saveModel, loadModel, type VolatilityFit } from './models/modelStore.js';
export { slippageAdjustedValue, haircutCurve, singleVenueProceeds, type VenueSpec, type SlippageAdjustedValue, type VenueFill } from './risk/slippageAdjustedValue.js';
export {
  collateralRequirement,
  collateralRequirementSeries,
  requiredRatio,
  badDebtProbability,
  windowVariance,
  explainRequirement,
  varianceSeries,
  REQUIREMENT_FACTORS,
  type RequirementInputs,
  type RequirementResult,
  type RequirementBaseline,
  type RequirementSeries,
  type RequirementSeriesOptions,
  type LiquidationWindow,
} from './risk/collateralRequirement.js';
