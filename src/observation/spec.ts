/**
 * The declarative form of an observation: a list of feature specs that a scenario or an RL
 * configuration can carry, e.g.
 *
 *   - { feature: ewma-volatility, asset: ETH, window: 1d, lambda: 0.94 }
 *   - { feature: health-histogram, protocol: lender, edges: [1, 1.05, 1.1, 1.25, 1.5] }
 *
 * Every object is strict (a misspelt field is an error, not a silently different observation).
 * This module checks structure only; ids (assets, venues, oracles, protocols, reserves) are
 * checked against a world when the observation is built (`observation.ts`). Durations are written
 * as in scenario files (`90`, `30m`, `6h`, `1d`) and are seconds after parsing.
 */
import { z } from 'zod';
import { positiveDuration } from '../scenario/units.js';
import { formatPath } from '../scenario/fieldPath.js';
import { InputError } from '../util/errors.js';

const id = z.string().min(1, { message: 'expected an id' });
/** Every feature may be given its own name (default: one built from its spec, see `names.ts`). */
const named = { name: z.string().min(1, { message: 'expected a non-empty name' }).optional() };
const openUnit = z.number().gt(0, { message: 'expected a number in (0, 1)' }).lt(1, { message: 'expected a number in (0, 1)' });

/** What a volatility feature measures: an asset's reference price, an oracle's published price or a venue's price. */
const priceSource = { asset: id.optional(), oracle: id.optional(), venue: id.optional() };
const oneSource = (s: { asset?: string; oracle?: string; venue?: string }) => [s.asset, s.oracle, s.venue].filter((x) => x !== undefined).length === 1;
const oneSourceMessage = { message: 'expected exactly one of asset, oracle or venue (whose price the feature reads)' };

/**
 * How borrowers' exposure is counted: USD debt at the protocol's oracle prices (stablecoin for a
 * CDP system), its share of all the protocol's debt counted the same way, or a number of positions.
 */
const exposureMeasure = z.enum(['debt', 'share', 'count']).default('debt');

export const ewmaVolatilitySpec = z
  .object({
    feature: z.literal('ewma-volatility'),
    ...named,
    ...priceSource,
    window: positiveDuration,
    lambda: openUnit.default(0.94),
  })
  .strict()
  .refine(oneSource, oneSourceMessage);

export const garchVolatilitySpec = z
  .object({
    feature: z.literal('garch-volatility'),
    ...named,
    ...priceSource,
    window: positiveDuration,
    /** How often the parameters are re-estimated (default: once per window). Not with `params`. */
    refit: positiveDuration.optional(),
    /** Fixed parameters instead of fitting: GARCH(1,1) of percentage log returns per step. */
    params: z
      .object({
        mu: z.number().default(0),
        omega: z.number().positive(),
        alpha: z.number().nonnegative(),
        beta: z.number().nonnegative(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(oneSource, oneSourceMessage)
  .refine((s) => !(s.refit !== undefined && s.params !== undefined), { message: 'expected either refit (fitted parameters) or params (fixed ones), not both' });

/** A price's move over a trailing window: drawdown from its peak, log return, realised volatility (features/trend.ts). */
const trendSpec = <K extends 'drawdown' | 'log-return' | 'realised-volatility'>(kind: K) =>
  z
    .object({
      feature: z.literal(kind),
      ...named,
      ...priceSource,
      window: positiveDuration,
    })
    .strict()
    .refine(oneSource, oneSourceMessage);

export const drawdownSpec = trendSpec('drawdown');
export const logReturnSpec = trendSpec('log-return');
export const realisedVolatilitySpec = trendSpec('realised-volatility');

export const referencePriceSpec = z.object({ feature: z.literal('reference-price'), ...named, asset: id }).strict();

export const venuePriceSpec = z
  .object({
    feature: z.literal('venue-price'),
    ...named,
    venue: id,
    /** Default: the venue's first asset priced in its second. */
    base: id.optional(),
    quote: id.optional(),
  })
  .strict();

export const venueDepthSpec = z
  .object({
    feature: z.literal('venue-depth'),
    ...named,
    venue: id,
    base: id.optional(),
    quote: id.optional(),
    /** Relative price move that bounds the depth: 0.02 is the "±2 % depth" of market-data vendors. */
    band: openUnit.default(0.02),
    /** bid: quote received selling base down to the band; ask: quote spent buying base up to it; both: their sum. */
    side: z.enum(['bid', 'ask', 'both']).default('both'),
  })
  .strict();

export const slippageSpec = z
  .object({
    feature: z.literal('slippage'),
    ...named,
    venue: id,
    /** The asset sold (a liquidator's seized collateral). */
    sell: id,
    /** The asset received; default the venue's other asset (required for a pool of three or more). */
    buy: id.optional(),
    /** Size sold, in tokens of `sell`… */
    amount: z.number().positive().optional(),
    /** …or in USD at the reference price of `sell` at the time of reading. */
    amountUsd: z.number().positive().optional(),
  })
  .strict()
  .refine((s) => (s.amount === undefined) !== (s.amountUsd === undefined), { message: 'expected exactly one of amount (tokens) or amountUsd' });

export const utilisationSpec = z.object({ feature: z.literal('utilisation'), ...named, protocol: id, reserve: id }).strict();

export const debtNearLiquidationSpec = z
  .object({
    feature: z.literal('debt-near-liquidation'),
    ...named,
    protocol: id,
    /** x: positions whose health factor is below 1 + x (those already below 1 included). */
    within: z.number().nonnegative(),
    /** Only positions with this collateral (a lending reserve's asset, or a CDP system's vault type). */
    collateral: id.optional(),
    measure: exposureMeasure,
  })
  .strict();

export const healthHistogramSpec = z
  .object({
    feature: z.literal('health-histogram'),
    ...named,
    protocol: id,
    /** Bucket edges e₁ < … < e_k: buckets [0, e₁), [e₁, e₂), …, [e_k, ∞), so k + 1 features. */
    edges: z
      .array(z.number().positive())
      .min(1)
      .refine((e) => e.every((x, i) => i === 0 || x > e[i - 1]), { message: 'expected strictly increasing bucket edges' }),
    collateral: id.optional(),
    measure: exposureMeasure,
  })
  .strict();

export const gasPriceSpec = z.object({ feature: z.literal('gas-price'), ...named }).strict();

export const oraclePriceSpec = z.object({ feature: z.literal('oracle-price'), ...named, oracle: id }).strict();

export const oracleDeviationSpec = z
  .object({
    feature: z.literal('oracle-deviation'),
    ...named,
    oracle: id,
    /** The venue compared with; default: the median over every venue that trades the oracle's asset. */
    venue: id.optional(),
  })
  .strict();

export const timeSinceConfiguredSpec = z
  .object({
    feature: z.literal('time-since-configured'),
    ...named,
    protocol: id,
    /** A lending reserve (its asset id) or a CDP vault type (its ilk id). */
    target: id,
  })
  .strict();

export const featureSpecSchema = z.discriminatedUnion('feature', [
  ewmaVolatilitySpec,
  garchVolatilitySpec,
  drawdownSpec,
  logReturnSpec,
  realisedVolatilitySpec,
  referencePriceSpec,
  venuePriceSpec,
  venueDepthSpec,
  slippageSpec,
  utilisationSpec,
  debtNearLiquidationSpec,
  healthHistogramSpec,
  gasPriceSpec,
  oraclePriceSpec,
  oracleDeviationSpec,
  timeSinceConfiguredSpec,
]);

export const observationSpecSchema = z.array(featureSpecSchema).min(1, { message: 'expected at least one feature' });

/** A feature spec as written (durations may be strings, defaults absent). */
export type FeatureSpecInput = z.input<typeof featureSpecSchema>;
/** A feature spec after validation: durations in seconds, defaults filled in. */
export type FeatureSpec = z.output<typeof featureSpecSchema>;
export type FeatureName = FeatureSpec['feature'];

export const FEATURE_NAMES: readonly FeatureName[] = featureSpecSchema.options.map((o) => o.shape.feature.value);

/** Where a spec list came from, so that errors name it: `FILE field[2].window: expected …`. */
export interface SpecOrigin {
  file?: string;
  /** Field path of the list in that file (default `observation`). */
  field?: string;
}

/** zod's type names in the words a scenario author reads. */
const TYPE_WORDS: Record<string, string> = { number: 'a number', string: 'a text', boolean: 'true or false', object: 'a mapping', array: 'a list' };
const typeWord = (t: string) => TYPE_WORDS[t] ?? t;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** One zod issue in the project's voice: `expected …, got …`. */
function explain(issue: z.core.$ZodIssue, raw: unknown): { path: PropertyKey[]; message: string } {
  const value = valueAt(raw, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return { path: [...issue.path, issue.keys[0]], message: `unknown field "${issue.keys[0]}"` };
    case 'invalid_type':
      return { path: issue.path, message: value === undefined ? `required field is missing (expected ${typeWord(issue.expected)})` : `expected ${typeWord(issue.expected)}, got ${describe(value)}` };
    case 'invalid_union': {
      // zod names the discriminator itself in the path of a feature that matches no kind
      if ((issue as { discriminator?: string }).discriminator) return { path: issue.path, message: `expected one of ${FEATURE_NAMES.join(', ')}, got ${describe(value)}` };
      if (value === undefined) return { path: issue.path, message: 'required field is missing' };
      return { path: issue.path, message: `expected one of the allowed forms, got ${describe(value)}` };
    }
    case 'invalid_value':
      return { path: issue.path, message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}` };
    case 'too_small':
    case 'too_big': {
      if (/^expected/.test(issue.message)) return { path: issue.path, message: `${issue.message}, got ${describe(value)}` };
      const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
      const op = issue.code === 'too_big' ? (issue.inclusive ? '<=' : '<') : issue.inclusive ? '>=' : '>';
      if (issue.origin === 'array') return { path: issue.path, message: `expected a list of ${issue.code === 'too_big' ? 'at most' : 'at least'} ${bound}, got ${describe(value)}` };
      return { path: issue.path, message: `expected a number ${op} ${bound}, got ${describe(value)}` };
    }
    default: {
      const message = issue.message.replace(/^Invalid input: /, '');
      const got = value !== undefined && (value === null || typeof value !== 'object') && !/, got /.test(message) ? `, got ${describe(value)}` : '';
      return { path: issue.path, message: `${message}${got}` };
    }
  }
}

/**
 * Validates a list of feature specs. Bad input becomes one `InputError` naming the field
 * (`observation[2].window: expected a duration such as …, got "soon"`).
 */
export function parseFeatureSpecs(raw: unknown, origin: SpecOrigin = {}): FeatureSpec[] {
  const parsed = observationSpecSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const { path, message } = explain(parsed.error.issues[0], raw);
  throw new InputError(message, origin.file, undefined, formatPath([origin.field ?? 'observation', ...path]));
}
