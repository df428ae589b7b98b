/**
 * The optional `rl` block of a scenario: how the reinforcement-learning environments (src/rl/envs/)
 * wrap the scenario. A plain run ignores it; `train` and `eval` read it. It says how often the
 * controlled agent decides, what it observes (the observation library's feature specs), how
 * episodes vary during training (a scale on the crash sizes, variants of the scenario), when an
 * episode ends early, and, per environment, what the agent controls and how it is rewarded:
 *
 *   rl:
 *     decisionInterval: 1h
 *     observation: [{ feature: ewma-volatility, oracle: eth-usd, window: 6h }]
 *     training: { shockScale: { distribution: uniform, min: 0.5, max: 1.5 } }
 *     collateralPolicy: { protocol: lender, targets: [ETH], reward: { lockCostPerYear: 0.05 } }
 *
 * Ids are checked against the scenario with the other cross-references (rlReferences.ts); the
 * observation's ids against the world when an environment builds it.
 */
import { z } from 'zod';
import { duration, positiveDuration } from './units.js';
import { numberOrDistribution } from './distribution.js';
import { gasBidSchema } from './gasBid.js';
import { observationSpecSchema } from '../observation/spec.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { message: 'expected an id of letters, digits, _ . -' });
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const fraction = z.number().min(0).max(1);

/** The collateral policy's reward coefficients (src/rl/envs/collateralReward.ts gives the formula). */
const collateralRewardSchema = z
  .object({
    /** USD of reward lost per USD of bad debt the protocol books. */
    badDebtWeight: nonNegative.default(1),
    /** Annual opportunity cost of a USD of borrowing power the policy takes from borrowers below the starting parameters. */
    lockCostPerYear: nonNegative.default(0.05),
    /** USD charged for each parameter change that takes effect. */
    changeCost: nonNegative.default(0),
  })
  .strict();

/** A risk manager moving liquidation thresholds (lending) or liquidation ratios (CDP) within the governance bounds. */
const collateralPolicySchema = z
  .object({
    /** The lending market or CDP system whose parameters the policy sets. */
    protocol: id,
    /** Reserves (their asset ids) or vault types (their ids) it sets: one control each. */
    targets: z.array(id).min(1).max(8),
    /** One notch, in the parameter's own units: points of liquidation threshold (0.01), or of liquidation ratio. */
    step: positive.default(0.01),
    /** Notches per decision each way: the action per target is one of 2 × notches + 1 moves. */
    notches: z.number().int().min(1).max(5).default(1),
    /** How far the parameter may move from its starting value toward safety (threshold down, ratio up), in its units. */
    tighten: nonNegative.default(0.1),
    /** How far it may move the other way. */
    loosen: nonNegative.default(0.05),
    /** Fee bid of the change, sent by the governance account. */
    gasBid: gasBidSchema.default({ kind: 'multiple', factor: 1.5 }),
    reward: collateralRewardSchema.default({ badDebtWeight: 1, lockCostPerYear: 0.05, changeCost: 0 }),
  })
  .strict();

const liquidatorControlSchema = z
  .object({
    /** The scenario's liquidators the policy drives (one shared policy); absent: the first liquidator. */
    agents: z.array(id).min(1).max(16).optional(),
    /** Choices of size: shares of what the close factor allows (0: do not liquidate). */
    sizes: z.array(fraction).min(1).max(16).default([0, 0.25, 0.5, 1]),
    /** Choices of fee bid, as multiples of the current gas price. */
    gasMultiples: z.array(positive).min(1).max(16).default([1, 1.25, 1.5, 2, 3]),
  })
  .strict();

const traderSchema = z
  .object({
    /** The trader's agent id (added to the scenario's agents). */
    id: id.default('trader'),
    /** Starting balances in tokens (the native asset pays gas). */
    capital: z.record(z.string(), nonNegative),
    /** Venues it trades: buying a venue's first asset with its second, or selling it. */
    venues: z.array(id).min(1).max(16),
    /** Positions it may open in lending markets: deposit the collateral, borrow the debt asset, repay, withdraw. */
    borrow: z
      .array(z.object({ protocol: id, collateral: id, debt: id }).strict())
      .max(8)
      .default([]),
    /** Choices of target, shared by every part of a decision: shares of a pair's value held in the venue's first asset, of the collateral asset deposited, of borrowing power used. */
    levels: z.array(fraction).min(1).max(16).default([0, 0.25, 0.5, 0.75, 1]),
    /** Tokens of the native asset never traded or deposited: the gas for the transactions that follow. */
    gasReserve: nonNegative.default(1),
    gasBid: gasBidSchema.default({ kind: 'multiple', factor: 1.2 }),
    /** Gas one swap uses. */
    gasPerSwap: positive.default(150_000),
    /** Gas one deposit, withdrawal, loan or repayment uses. */
    gasPerCall: positive.default(250_000),
    /** Gas one liquidation uses (the trader may liquidate the markets it borrows from). */
    gasPerLiquidation: positive.default(400_000),
    /** The episode ends (terminated) once its net worth falls to this share of the starting one. */
    ruin: fraction.default(0),
  })
  .strict();

const trainingSchema = z
  .object({
    /** Per episode, every crash and jump magnitude is multiplied by a draw of this. */
    shockScale: numberOrDistribution.optional(),
    /** Per episode, one of these variants of the scenario (its `--set` overrides) is drawn by weight. */
    variants: z
      .array(
        z
          .object({
            /** Relative chance of drawing this variant. */
            weight: nonNegative.default(1),
            /** `--set` overrides, `path=value`. */
            set: z.array(z.string().min(1)).min(1),
          })
          .strict(),
      )
      .min(1)
      .max(64)
      .optional(),
  })
  .strict();

export const rlSchema = z
  .object({
    /** Simulated time between decisions (whole steps); absent: one step. */
    decisionInterval: positiveDuration.optional(),
    /** Simulated time run before the first decision (at least one step), so that volatility features have a history. */
    warmup: duration.default(0),
    /** What the policy observes (the observation library's features); absent: each environment's default. */
    observation: observationSpecSchema.optional(),
    training: trainingSchema.optional(),
    /** The episode ends (terminated) once any protocol's booked losses reach this many USD. */
    insolventAtLossUsd: positive.optional(),
    collateralPolicy: collateralPolicySchema.optional(),
    liquidator: liquidatorControlSchema.optional(),
    trader: traderSchema.optional(),
  })
  .strict();

export type RlSpec = z.infer<typeof rlSchema>;
export type CollateralPolicySpec = z.infer<typeof collateralPolicySchema>;
export type LiquidatorControlSpec = z.infer<typeof liquidatorControlSchema>;
export type TraderSpec = z.infer<typeof traderSchema>;
