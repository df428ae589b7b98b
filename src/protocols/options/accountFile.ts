/**
 * An option account written down for `aftershock margin`: JSON (or YAML, its superset), one
 * object, every field checked strictly (an unknown field is an error):
 *
 *   {
 *     "market": { "spot": 2000, "rate": 0, "vol": 0.8 },
 *     "collateral": { "cash": 20000, "coin": 0 },
 *     "positions": [
 *       { "type": "put", "strike": 1800, "expiry": "7d", "size": -10 },
 *       { "type": "call", "strike": 2400, "expiry": 0.0833, "size": -5, "vol": 0.75 }
 *     ]
 *   }
 *
 * market: the underlying's index price `spot` (USD), the rate (default 0) and either a flat `vol`
 * or a `surface` {atmVol, skew, curvature}: σ(K) = atmVol · max(0.25, 1 − skew·k + curvature·k²),
 * k = ln(K / spot), the smile of the venue's surface at one instant (surface.ts). collateral: USD
 * cash (may be negative: owed) and coin (units of the underlying). positions: contracts (units of
 * the underlying), + long, − short; expiry in years (a number) or a duration ("7d", "12h"; 0 or
 * less: expired, worth its intrinsic value); `vol` overrides the market's for that position.
 * Bad input is one line naming the file, the line and the field.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError } from '../../util/errors.js';
import { readInputFile } from '../../util/inputFile.js';
import { assertSafeKeys } from '../../util/safeKeys.js';
import { formatPath } from '../../scenario/fieldPath.js';
import { parseDuration } from '../../scenario/units.js';
import type { MarginAccount, MarginMarket } from './margin.js';

const SECONDS_PER_YEAR = 365 * 86400;
const positive = z.number().positive().finite();
const vol = z.number().gt(0).max(20);
const expiry = z.union([
  z.number().finite().min(-100).max(100),
  z.string().refine((s) => Number.isFinite(parseDuration(s)), { message: 'expected a number of years or a duration such as "7d" or "12h"' }),
]);

const accountSchema = z
  .object({
    market: z
      .object({
        spot: positive,
        rate: z.number().min(-1).max(1).default(0),
        vol: vol.optional(),
        surface: z
          .object({ atmVol: vol, skew: z.number().finite().default(0), curvature: z.number().min(0).finite().default(0) })
          .strict()
          .optional(),
      })
      .strict()
      .refine((m) => (m.vol === undefined) !== (m.surface === undefined), { message: 'expected either vol or surface in market' }),
    collateral: z
      .object({ cash: z.number().finite().default(0), coin: z.number().min(0).finite().default(0) })
      .strict()
      .default({ cash: 0, coin: 0 }),
    positions: z
      .array(
        z
          .object({
            type: z.enum(['call', 'put']),
            strike: positive,
            expiry,
            size: z
              .number()
              .finite()
              .refine((x) => x !== 0, { message: 'expected a non-zero size (+ long, - short)' }),
            vol: vol.optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** One zod issue as `expected …, got …`. */
function explain(issue: z.core.$ZodIssue, got: unknown): string {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got);
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field "${issue.keys[0]}"`;
    case 'invalid_type':
      return `expected ${issue.expected === 'number' ? 'a number' : issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'an object' : issue.expected}, got ${shown}`;
    case 'too_small':
    case 'too_big': {
      const big = issue.code === 'too_big';
      const bound = big ? (issue as { maximum: number }).maximum : (issue as { minimum: number }).minimum;
      const op = big ? (issue.inclusive ? '<=' : '<') : issue.inclusive ? '>=' : '>';
      return `expected a number ${op} ${bound}, got ${shown}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown}`;
    default:
      return `${issue.message.replace(/^Invalid input: /, '')}, got ${shown}`;
  }
}

export interface LoadedAccount {
  account: MarginAccount;
  market: MarginMarket;
  /** Each position's expiry as written, for the report. */
  expiries: (string | number)[];
}

/** Reads and checks an account file. */
export function loadAccount(file: string): LoadedAccount {
  const text = readInputFile(file, 'data');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length) throw new InputError(`expected JSON, got ${doc.errors[0].message.split('\n')[0]}`, file, doc.errors[0].linePos?.[0]?.line);
  const raw = doc.toJS();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(`expected an object with market, collateral and positions, got ${Array.isArray(raw) ? 'a list' : JSON.stringify(raw)}`, file);
  assertSafeKeys(raw, file);
  const parsed = accountSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path as (string | number)[];
    const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
    const line = node?.range ? counter.linePos(node.range[0]).line : undefined;
    const got = path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<PropertyKey, unknown>)[k] : undefined), raw);
    throw new InputError(explain(issue, got), file, line, formatPath(path) || undefined);
  }
  const a = parsed.data;
  const { spot } = a.market;
  const volOf = (strike: number, own: number | undefined): number => {
    if (own !== undefined) return own;
    if (a.market.vol !== undefined) return a.market.vol;
    const s = a.market.surface!;
    const k = Math.log(strike / spot);
    return s.atmVol * Math.max(0.25, 1 - s.skew * k + s.curvature * k * k);
  };
  return {
    market: { spot, rate: a.market.rate },
    account: {
      cash: a.collateral.cash,
      coin: a.collateral.coin,
      positions: a.positions.map((p) => ({
        type: p.type,
        strike: p.strike,
        expiry: typeof p.expiry === 'number' ? p.expiry : parseDuration(p.expiry) / SECONDS_PER_YEAR,
        size: p.size,
        vol: volOf(p.strike, p.vol),
      })),
    },
    expiries: a.positions.map((p) => p.expiry),
  };
}
