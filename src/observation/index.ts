/** The observation library's public face (exported as `experimental` from the package). */
export { buildObservation, type Observation } from './observation.js';
export {
  parseFeatureSpecs,
  featureSpecSchema,
  observationSpecSchema,
  FEATURE_NAMES,
  type FeatureSpec,
  type FeatureSpecInput,
  type FeatureName,
  type SpecOrigin,
} from './spec.js';
export type { ObservedWorld } from './resolve.js';
export { MIN_GARCH_FIT_RETURNS } from './features/volatility.js';
