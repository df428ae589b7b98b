/**
 * Reading an environment's settings (the `config` object a training passes to the registry's
 * factory): each setting has a default and a check, unknown names are refused, and a bad value
 * is one InputError line naming `env.NAME.SETTING`, as scenario fields are.
 */
import { InputError } from '../../util/errors.js';

export interface Setting<T> {
  default: T;
  /** null when acceptable, else what was expected ("a positive integer"). */
  check(value: unknown): string | null;
}

export const positiveInteger = (d: number): Setting<number> => ({ default: d, check: (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : 'a positive integer') });
export const positiveNumber = (d: number): Setting<number> => ({ default: d, check: (v) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? null : 'a positive number') });
export const unitInterval = (d: number): Setting<number> => ({ default: d, check: (v) => (typeof v === 'number' && v >= 0 && v <= 1 ? null : 'a number in [0, 1]') });

export function readEnvConfig<T extends Record<string, unknown>>(env: string, config: Record<string, unknown> | undefined, settings: { [K in keyof T]: Setting<T[K]> }): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(config ?? {})) {
    if (!Object.hasOwn(settings, key)) throw new InputError(`unknown setting (known: ${Object.keys(settings).join(', ') || 'none'})`, undefined, undefined, `env.${env}.${key}`);
  }
  for (const [key, s] of Object.entries(settings) as [string, Setting<unknown>][]) {
    const value = config?.[key] ?? s.default;
    const problem = s.check(value);
    if (problem) throw new InputError(`expected ${problem}, got ${JSON.stringify(value)}`, undefined, undefined, `env.${env}.${key}`);
    out[key] = value;
  }
  return out as T;
}

export const requiredString = (what: string): Setting<string> => ({ default: '', check: (v) => (typeof v === 'string' && v.length > 0 ? null : what) });
export const stringList: Setting<string[]> = { default: [], check: (v) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? null : 'a list of path=value overrides') };
