/**
 * Flags shared by the option commands (`price`, `iv`, `smile`): the contract (type, strike, expiry),
 * the market (spot or forward, rate, carry), the data a GARCH or Heston–Nandi model is fitted to,
 * and the conversion of an expiry in years to whole periods of the model. Each turns into a checked
 * value or an InputError naming the flag.
 */
import { InputError } from '../util/errors.js';
import { numberFlag } from './common.js';
import { checkChoice } from './volatilityInput.js';
import { loadReturns, type LoadedReturns } from '../models/loadReturns.js';
import type { OptionType } from '../models/options/blackScholes.js';

const fail = (flag: string, message: string): never => {
  throw new InputError(message, undefined, undefined, flag);
};

/** A required numeric flag, strictly positive and finite. */
export function positiveFlag(name: string, value: string | undefined, what = 'a positive number'): number {
  if (value === undefined) fail(`--${name}`, `expected ${what}, got nothing (the flag is required here)`);
  const x = numberFlag(name, value)!;
  if (!(x > 0)) fail(`--${name}`, `expected ${what}, got ${JSON.stringify(value)}`);
  return x;
}

/** An optional finite number (a rate, a carry) with a default. */
export function finiteFlag(name: string, value: string | undefined, fallback: number): number {
  return numberFlag(name, value) ?? fallback;
}

export function optionType(value: string | undefined): OptionType {
  return checkChoice('--type', value ?? 'call', ['call', 'put'] as const);
}

/** Refuses flags that the chosen model does not read, so a typo'd combination is not silently ignored. */
export function onlyFor(model: string, flags: Record<string, unknown>, allowed: readonly string[]): void {
  for (const [key, v] of Object.entries(flags)) {
    if (v === undefined || allowed.includes(key)) continue;
    const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    fail(flag, `does not apply to ${model} (its flags: ${allowed.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')})`);
  }
}

/**
 * Whole periods in `expiry` years at `periodsPerYear` (GARCH and Heston–Nandi models live on the
 * data's periods): within a hundredth of a period of a whole number, or an error suggesting the two
 * nearest.
 */
export function wholePeriods(expiry: number, periodsPerYear: number, flag = '--expiry'): number {
  const exact = expiry * periodsPerYear;
  const n = Math.round(exact);
  if (n < 1) fail(flag, `expected at least one period (1/${periodsPerYear} year), got ${expiry} years`);
  if (Math.abs(exact - n) > 0.01) {
    const lo = Math.max(1, Math.floor(exact));
    fail(
      flag,
      `expected a whole number of periods of 1/${periodsPerYear} year (the model's step), got ${expiry} years = ${Number(exact.toPrecision(6))} periods; use ${lo}/${periodsPerYear} or ${lo + 1}/${periodsPerYear}`,
    );
  }
  return n;
}

export interface DataFlags {
  data: string;
  column?: string;
  allowGaps?: boolean;
}

/**
 * Log returns (×100, as the volatility models take them) of a price file. Pricing models need
 * prices: a file of returns could be percentages or fractions, and the model's units depend on it.
 */
export function loadPriceReturns(flags: DataFlags): LoadedReturns {
  const series = loadReturns(flags.data, { column: flags.column, allowGaps: flags.allowGaps });
  if (!series.fromPrices) {
    throw new InputError(`expected a price column (timestamp/date + price/close): option pricing fits its model to log returns of prices, got the returns column ${series.column}`, series.file);
  }
  return series;
}

/** The periods per year of a series: the flag, else the data's sampling frequency rounded (365 for daily data). */
export function periodsPerYearOf(flag: string | undefined, series: LoadedReturns | null): number {
  const given = numberFlag('periods-per-year', flag);
  if (given !== undefined) {
    if (!(given > 0)) fail('--periods-per-year', `expected a positive number, got ${JSON.stringify(flag)}`);
    return given;
  }
  if (series && Number.isFinite(series.periodsPerYear)) return Math.round(series.periodsPerYear);
  return 365;
}
