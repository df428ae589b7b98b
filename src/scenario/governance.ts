/**
 * The governance parts of a scenario file:
 *  - per protocol, an optional `governance` block: a `timelock` (a change takes effect this long
 *    after its transaction is included) and `bounds` per parameter in the manner of Aave's Risk
 *    Stewards (aave-dao/aave-v3-risk-stewards): `maxPercentChange` (the largest change, up or
 *    down, against the current value) and `minDelay` (the least time since the parameter's last
 *    change). As there, caps, ceilings and amounts change `relative`ly (50 = ±50 % of the current
 *    value) and ratios and rates in `absolute` percentage points (5 = ±0.05 on an LTV of 0.70);
 *    `change` overrides that per parameter.
 *  - the changes a scenario schedules (the top-level `governance` list), each naming a protocol, a
 *    target (a reserve's asset or a vault type's id) and the new values under `set`, shaped as in
 *    the reserve or vault type (`rate: {slope2: …}`, `auction: {ttl: …}`).
 * Which parameters a protocol or vault type has is checked with the cross-references
 * (governanceReferences.ts); the simulator reads them as flat dotted keys (`rate.slope2`).
 */
import { z } from 'zod';
import { duration, positiveDuration } from './units.js';

const percent = z.number().nonnegative();

/** One parameter's Risk-Steward bound, with the kind of change Aave's steward applies to it by default. */
function bound(change: 'relative' | 'absolute') {
  return z
    .object({
      /** Largest change allowed, in percent (relative) or percentage points (absolute); absent: any. */
      maxPercentChange: percent.optional(),
      /** Least time since the parameter's last change on the same target. */
      minDelay: duration.default(0),
      change: z.enum(['relative', 'absolute']).default(change),
    })
    .strict()
    .optional();
}

const lendingBounds = z
  .object({
    ltv: bound('absolute'),
    liquidationThreshold: bound('absolute'),
    liquidationBonus: bound('absolute'),
    supplyCap: bound('relative'),
    borrowCap: bound('relative'),
    rate: z
      .object({ base: bound('absolute'), slope1: bound('absolute'), slope2: bound('absolute'), optimalUtilisation: bound('absolute') })
      .strict()
      .optional(),
  })
  .strict();

const cdpBounds = z
  .object({
    liquidationRatio: bound('absolute'),
    penalty: bound('absolute'),
    stabilityFee: bound('absolute'),
    debtCeiling: bound('relative'),
    auction: z
      .object({
        beg: bound('absolute'),
        ttl: bound('relative'),
        tau: bound('relative'),
        lump: bound('relative'),
        buf: bound('absolute'),
        tail: bound('relative'),
        cusp: bound('absolute'),
        tip: bound('relative'),
        chip: bound('absolute'),
        chost: bound('relative'),
      })
      .strict()
      .optional(),
  })
  .strict();

const optionsBounds = z
  .object({
    initialMargin: bound('absolute'),
    initialMarginFloor: bound('absolute'),
    maintenanceMargin: bound('absolute'),
    liquidationDiscount: bound('absolute'),
    maxLiquidationShare: bound('absolute'),
  })
  .strict();

function governanceBlock<B extends z.ZodType>(bounds: B) {
  return z
    .object({
      /** A change takes effect this long after its transaction is included (0: at once). */
      timelock: duration.default(0),
      bounds: bounds.optional(),
    })
    .strict();
}

export const lendingGovernanceSchema = governanceBlock(lendingBounds);
export const cdpGovernanceSchema = governanceBlock(cdpBounds);
export const optionsGovernanceSchema = governanceBlock(optionsBounds);

const fraction = z.number().min(0).max(1);
const unitInterval = z.number().gt(0, { message: 'expected a number in (0, 1]' }).max(1, { message: 'expected a number in (0, 1]' });
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/**
 * New values a scheduled change sets: every parameter of either protocol kind, with the ranges
 * the reserve or vault type allows (durations as elsewhere: `10m`); which of them the target has
 * is a cross-reference check.
 */
export const parameterValuesSchema = z
  .object({
    ltv: unitInterval.optional(),
    liquidationThreshold: unitInterval.optional(),
    liquidationBonus: z.number().min(0).max(0.5).optional(),
    supplyCap: positive.optional(),
    borrowCap: positive.optional(),
    rate: z
      .object({ base: nonNegative.optional(), slope1: nonNegative.optional(), slope2: nonNegative.optional(), optimalUtilisation: z.number().gt(0).lt(1).optional() })
      .strict()
      .optional(),
    liquidationRatio: z.number().min(1).optional(),
    penalty: fraction.optional(),
    stabilityFee: nonNegative.optional(),
    debtCeiling: positive.optional(),
    auction: z
      .object({
        beg: fraction.optional(),
        ttl: positiveDuration.optional(),
        tau: positiveDuration.optional(),
        lump: positive.optional(),
        buf: z.number().min(1).optional(),
        tail: positiveDuration.optional(),
        cusp: fraction.optional(),
        tip: nonNegative.optional(),
        chip: fraction.optional(),
        chost: nonNegative.optional(),
      })
      .strict()
      .optional(),
    initialMargin: z.number().gt(0).lt(1).optional(),
    initialMarginFloor: z.number().gt(0).lt(1).optional(),
    maintenanceMargin: z.number().gt(0).lt(1).optional(),
    liquidationDiscount: z.number().min(0).lt(0.5).optional(),
    maxLiquidationShare: z.number().gt(0).max(1).optional(),
  })
  .strict()
  .refine((v) => Object.keys(flattenParameters(v)).length > 0, { message: 'expected at least one parameter to set' });

export type LendingGovernanceSpec = z.infer<typeof lendingGovernanceSchema>;
export type CdpGovernanceSpec = z.infer<typeof cdpGovernanceSchema>;
export type OptionsGovernanceSpec = z.infer<typeof optionsGovernanceSchema>;
export type ParameterValues = z.infer<typeof parameterValuesSchema>;
export type ProtocolGovernanceSpec = LendingGovernanceSpec | CdpGovernanceSpec | OptionsGovernanceSpec;

/** The parameters, as flat keys, that a reserve has; that every vault type has; that its auction adds. */
export const LENDING_PARAMETER_NAMES = ['ltv', 'liquidationThreshold', 'liquidationBonus', 'supplyCap', 'borrowCap', 'rate.base', 'rate.slope1', 'rate.slope2', 'rate.optimalUtilisation'];
export const CDP_PARAMETER_NAMES = ['liquidationRatio', 'penalty', 'stabilityFee', 'debtCeiling'];
/** An option venue's (its target is its underlying; protocols/options/configure.ts). */
export const OPTIONS_PARAMETER_NAMES = ['initialMargin', 'initialMarginFloor', 'maintenanceMargin', 'liquidationDiscount', 'maxLiquidationShare'];
export const AUCTION_PARAMETER_NAMES = {
  english: ['auction.beg', 'auction.ttl', 'auction.tau', 'auction.lump'],
  dutch: ['auction.buf', 'auction.tail', 'auction.cusp', 'auction.tip', 'auction.chip', 'auction.chost'],
};

/** Groups whose members are named `group.member` in flat form. */
const GROUPS = new Set(['rate', 'auction']);

/**
 * `{liquidationThreshold: 0.78, rate: {slope2: 1}}` → `{liquidationThreshold: 0.78, 'rate.slope2': 1}`
 * (absent members dropped): the flat keys a protocol's `configure` and `parameters` use.
 */
export function flattenParameters<T>(nested: Record<string, unknown> | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(nested ?? {})) {
    if (value === undefined) continue;
    if (GROUPS.has(key)) {
      for (const [member, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[`${key}.${member}`] = v as T;
    } else out[key] = value as T;
  }
  return out;
}
