/**
 * A risk appetite file (YAML, `version: 1`): what a protocol's risk team accepts, written down so
 * that a recommendation can be checked against it. The objective names the swept parameter to
 * push (e.g. maximise the liquidation threshold: borrowing power); the constraints bound the
 * risk figures of the sweep's cells, on the conservative end of their 95 % intervals; `stewards`
 * bounds the change one proposal may make, as Aave's Risk Stewards bound theirs
 * (`maxPercentChange`, in percentage points of a ratio parameter, or relative with
 * `relative: true`; a larger change is split into steps `minDelay` apart, or refused).
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError } from '../../util/errors.js';
import { formatPath } from '../../scenario/fieldPath.js';
import { parseDuration } from '../../scenario/units.js';

const positive = z.number().positive();

export const appetiteSchema = z
  .object({
    version: z.literal(1),
    name: z.string().min(1).optional(),
    /** The protocol whose figures the constraints bound (a protocol id of the scenario). */
    protocol: z.string().min(1),
    objective: z.union([z.object({ maximise: z.string().min(1) }).strict(), z.object({ minimise: z.string().min(1) }).strict()]),
    constraints: z
      .object({
        /** Upper end of the 95 % Wilson interval of P(bad debt) at most this. */
        probabilityOfBadDebt: z
          .object({ max: z.number().min(0).max(1) })
          .strict()
          .optional(),
        /** Upper end of the 95 % interval of ES99 of bad debt at most this many USD. */
        badDebtEs99: z.object({ maxUsd: z.number().nonnegative() }).strict().optional(),
        /** LaR99 (99th percentile of liquidated value) at most this share of the protocol's starting debt. */
        liquidationsAtRisk: z.object({ maxShareOfDebt: positive }).strict().optional(),
      })
      .strict(),
    stewards: z
      .object({
        maxPercentChange: z.record(z.string(), positive),
        relative: z.boolean().default(false),
        onExceed: z.enum(['split', 'refuse']).default('split'),
        minDelay: z.union([z.number(), z.string()]).default('3d'),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Appetite = z.infer<typeof appetiteSchema> & { file: string; minDelaySeconds: number };

/** Reads and validates an appetite file; bad input is one line naming the file, line and field. */
export function loadAppetite(file: string): Appetite {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the appetite file: ${(err as Error).message}`, file);
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length) throw new InputError(`expected YAML, got ${doc.errors[0].message.split('\n')[0]}`, file, doc.errors[0].linePos?.[0]?.line);
  const raw = doc.toJS();
  const parsed = appetiteSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const node = doc.getIn(issue.path as (string | number)[], true) as { range?: [number, number] } | undefined;
    const line = node?.range ? counter.linePos(node.range[0]).line : undefined;
    const got = issue.path.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), raw);
    const message =
      issue.code === 'unrecognized_keys' ? `unknown field "${issue.keys[0]}"` : `${issue.message.replace(/^Invalid input: /, '')}, got ${got === undefined ? 'nothing' : JSON.stringify(got)}`;
    throw new InputError(message, file, line, formatPath(issue.path as PropertyKey[]) || undefined);
  }
  const a = parsed.data;
  const minDelaySeconds = a.stewards ? (typeof a.stewards.minDelay === 'number' ? a.stewards.minDelay : parseDuration(a.stewards.minDelay)) : 0;
  return { ...a, file, minDelaySeconds };
}
