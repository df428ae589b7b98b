/**
 * Scenario schema for exogenous reference prices: one price process per asset, and the
 * market-level settings (time step, correlation of the Brownian drivers).
 *
 * Units: durations are seconds after parsing (`"6h"`, `"30m"`, `90`); drift and volatility are
 * annualised with a 365-day year (`SECONDS_PER_YEAR`), the crypto-market convention (assets
 * trade every day); drift is a continuously compounded rate, so E[S_t] = S_0·e^{μt} for gbm
 * and jump-diffusion alike (the jump-diffusion drift is compensated, see `jumpDiffusion.ts`).
 */
import { z } from 'zod';
import { duration, positiveDuration } from '../scenario/units.js';
import { cholesky, NotPositiveDefiniteError } from './cholesky.js';
import { DRIFT_MAX, JUMP_INTENSITY_MAX, JUMP_SIZE_MAX, PRICE_MAX, PRICE_MIN, VOLATILITY_MAX, formatBound } from '../util/bounds.js';

/** 365 days: drift, volatility and jump intensity are "per year" in this unit. */
export const SECONDS_PER_YEAR = 365 * 86400;

/** A bounded range with the message a scenario author reads (scenario/bounds.ts says why these ranges). */
const within = (lo: number, hi: number, what: string) => {
  const message = `expected ${what} from ${formatBound(lo)} to ${formatBound(hi)}`;
  return z.number().finite().min(lo, { message }).max(hi, { message });
};
const price = within(PRICE_MIN, PRICE_MAX, 'a price (USD)').describe('Price at simulation time 0, in USD.');
const rate = z.number().finite();
const nonNegative = z.number().min(0).finite();
const drift = within(-DRIFT_MAX, DRIFT_MAX, 'an annual drift');
const volatility = within(0, VOLATILITY_MAX, 'an annual volatility');

export const constantProcessSchema = z
  .object({
    process: z.literal('constant'),
    price,
  })
  .strict();

export const gbmProcessSchema = z
  .object({
    process: z.literal('gbm'),
    price,
    drift: drift.default(0).describe('Annualised continuously compounded expected return μ: E[S_t] = S_0·e^{μt}.'),
    volatility: volatility.describe('Annualised volatility σ of log returns.'),
  })
  .strict();

export const jumpDiffusionProcessSchema = z
  .object({
    process: z.literal('jump-diffusion'),
    price,
    drift: drift.default(0).describe('Annualised total expected return μ, jumps included (compensated): E[S_t] = S_0·e^{μt}.'),
    volatility,
    jumpIntensity: within(0, JUMP_INTENSITY_MAX, 'a jump intensity (per year)').describe('Poisson intensity λ, jumps per year.'),
    jumpMean: within(-JUMP_SIZE_MAX, JUMP_SIZE_MAX, 'a mean log jump').describe('Mean m of the log jump size log(Y) ~ N(m, s²).'),
    jumpStd: within(0, JUMP_SIZE_MAX, 'a log jump standard deviation').describe('Standard deviation s of the log jump size.'),
  })
  .strict();

const interpolation2 = z.enum(['linear', 'log']);

export const piecewiseProcessSchema = z
  .object({
    process: z.literal('piecewise'),
    keypoints: z
      .array(z.object({ at: duration, price }).strict())
      .min(1)
      .superRefine((kps, ctx) => {
        if (kps[0].at !== 0) {
          ctx.addIssue({ code: 'custom', path: [0, 'at'], message: 'the first keypoint must be at 0' });
        }
        for (let i = 1; i < kps.length; i++) {
          if (!(kps[i].at > kps[i - 1].at)) {
            ctx.addIssue({
              code: 'custom',
              path: [i, 'at'],
              message: `keypoint times must increase strictly (${kps[i].at} s after ${kps[i - 1].at} s)`,
            });
          }
        }
      }),
    interpolation: interpolation2.default('log').describe('log: interpolate log-prices (constant rate of return between keypoints); linear: interpolate prices.'),
  })
  .strict();

/** An ISO-8601 date-time with a zone (`2020-03-12T00:00:00Z`) or a date (`2020-03-12`, UTC midnight). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
export const isoInstant = z.string().refine((s) => ISO_INSTANT.test(s) && Number.isFinite(Date.parse(s)), {
  message: 'expected an ISO-8601 date-time with a zone, such as "2020-03-12T00:00:00Z", or a date "2020-03-12"',
});

export const csvProcessSchema = z
  .object({
    process: z.literal('csv'),
    file: z.string().min(1).describe('CSV of timestamp,price (or date,close); a relative path resolves against the folder of the scenario file.'),
    column: z.string().min(1).optional().describe('Price column; default: the first of price, adj close, close.'),
    start: isoInstant.optional().describe('ISO date-time (with zone) or date that simulation time 0 maps to; default: the first row.'),
    interpolation: z.enum(['linear', 'log', 'step']).default('linear').describe('Between rows: linear in price, log (geometric), or step (last observation); after the last row the price is held.'),
  })
  .strict();

export const garchParamsSchema = z
  .object({
    mu: rate.describe('Mean of the percentage log return per period.'),
    omega: z.number().positive().finite(),
    alpha: nonNegative,
    beta: nonNegative,
    gamma: z.number().finite().optional().describe('GJR leverage term (Glosten, Jagannathan & Runkle 1993); 0 is plain GARCH.'),
    nu: z.number().gt(2).finite().describe('Student-t degrees of freedom; > 2 so the variance exists.'),
  })
  .strict()
  .superRefine((p, ctx) => {
    const persistence = p.alpha + p.beta + (p.gamma ?? 0) / 2;
    if (!(persistence < 1)) {
      ctx.addIssue({
        code: 'custom',
        message: `alpha + beta + gamma/2 = ${persistence} must be below 1 for a finite unconditional variance`,
      });
    }
    if (p.alpha + (p.gamma ?? 0) < 0) {
      ctx.addIssue({ code: 'custom', path: ['gamma'], message: 'alpha + gamma must be non-negative' });
    }
  });

export const garchTProcessSchema = z
  .object({
    process: z.literal('garch-t'),
    price,
    params: garchParamsSchema.optional(),
    fitFrom: z
      .object({ file: z.string().min(1), column: z.string().min(1).optional() })
      .strict()
      .optional()
      .describe('Fit GARCH(1,1)-t at load time to the percentage log returns of this price CSV, sampled every `period`.'),
    period: positiveDuration.default(86400).describe('Period of the GARCH returns (1d: daily returns); a fitted CSV is sampled at this interval.'),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.params === undefined) === (s.fitFrom === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [s.params === undefined ? 'params' : 'fitFrom'],
        message: 'give exactly one of params or fitFrom',
      });
    }
  });

export const priceProcessSchema = z.discriminatedUnion('process', [constantProcessSchema, gbmProcessSchema, jumpDiffusionProcessSchema, piecewiseProcessSchema, csvProcessSchema, garchTProcessSchema]);

export const correlationsSchema = z
  .object({
    assets: z.array(z.string().min(1)).min(2).describe('Ids of gbm / jump-diffusion assets whose Brownian parts are correlated.'),
    matrix: z.array(z.array(z.number().min(-1).max(1))).describe('Correlation matrix in the order of `assets`: symmetric, unit diagonal, positive definite.'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const n = c.assets.length;
    const seen = new Set<string>();
    c.assets.forEach((a, i) => {
      if (seen.has(a)) ctx.addIssue({ code: 'custom', path: ['assets', i], message: `asset ${a} is listed twice` });
      seen.add(a);
    });
    if (c.matrix.length !== n) {
      ctx.addIssue({ code: 'custom', path: ['matrix'], message: `expected ${n} rows (one per asset), got ${c.matrix.length}` });
      return;
    }
    let shapeOk = true;
    c.matrix.forEach((row, i) => {
      if (row.length !== n) {
        shapeOk = false;
        ctx.addIssue({ code: 'custom', path: ['matrix', i], message: `expected ${n} entries, got ${row.length}` });
      }
    });
    if (!shapeOk) return;
    // zod runs this refinement even after an entry failed its range check: skip the PD test then
    let valuesOk = c.matrix.every((row) => row.every((x) => x >= -1 && x <= 1));
    for (let i = 0; i < n; i++) {
      if (Math.abs(c.matrix[i][i] - 1) > 1e-9) {
        valuesOk = false;
        ctx.addIssue({ code: 'custom', path: ['matrix', i, i], message: `diagonal entries must be 1, got ${c.matrix[i][i]}` });
      }
      for (let j = 0; j < i; j++) {
        if (Math.abs(c.matrix[i][j] - c.matrix[j][i]) > 1e-9) {
          valuesOk = false;
          ctx.addIssue({
            code: 'custom',
            path: ['matrix', i, j],
            message: `matrix must be symmetric: [${i}][${j}] = ${c.matrix[i][j]} but [${j}][${i}] = ${c.matrix[j][i]}`,
          });
        }
      }
    }
    if (!valuesOk) return;
    try {
      cholesky(c.matrix);
    } catch (e) {
      if (!(e instanceof NotPositiveDefiniteError)) throw e;
      ctx.addIssue({ code: 'custom', path: ['matrix'], message: `correlation matrix is not positive definite (pivot ${e.pivot} vanishes in its Cholesky factorisation)` });
    }
  });

export const marketSchema = z
  .object({
    dt: positiveDuration.default(60).describe('Simulation time step.'),
    correlations: correlationsSchema.optional(),
  })
  .strict();

export type PriceProcessSpec = z.output<typeof priceProcessSchema>;
export type PriceProcessInput = z.input<typeof priceProcessSchema>;
export type ConstantProcessSpec = z.output<typeof constantProcessSchema>;
export type GbmProcessSpec = z.output<typeof gbmProcessSchema>;
export type JumpDiffusionProcessSpec = z.output<typeof jumpDiffusionProcessSchema>;
export type PiecewiseProcessSpec = z.output<typeof piecewiseProcessSchema>;
export type CsvProcessSpec = z.output<typeof csvProcessSchema>;
export type GarchTProcessSpec = z.output<typeof garchTProcessSchema>;
export type GarchTParams = z.output<typeof garchParamsSchema>;
export type CorrelationsSpec = z.output<typeof correlationsSchema>;
export type MarketSpec = z.output<typeof marketSchema>;
export type MarketInput = z.input<typeof marketSchema>;
