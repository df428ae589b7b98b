/**
 * Flags shared by `fit` and `forecast`: which model, which file and column, what kind of returns,
 * which innovation distribution. Turns them into checked values or an InputError.
 */
import { InputError } from '../util/errors.js';
import { loadReturns, type LoadedReturns } from '../models/loadReturns.js';
import { RETURN_KINDS, type ReturnKind } from '../models/returns.js';
import type { GarchDist } from '../models/garch.js';

export interface SeriesFlags {
  data: string;
  column?: string;
  returns?: string;
  allowGaps?: boolean;
}

export function checkChoice<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new InputError(`expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`, undefined, undefined, name);
  }
  return value as T;
}

export function parseDist(value: string | undefined): GarchDist {
  return value === undefined ? 'normal' : checkChoice('--dist', value, ['normal', 't'] as const);
}

export function loadSeries(flags: SeriesFlags): LoadedReturns {
  const kind: ReturnKind | undefined = flags.returns === undefined ? undefined : checkChoice('--returns', flags.returns, RETURN_KINDS);
  return loadReturns(flags.data, { column: flags.column, kind, allowGaps: flags.allowGaps });
}

/** One line describing where the returns came from, for the readable output. */
export function describeSeries(s: LoadedReturns): string {
  const how = s.kind === 'raw' ? 'returns as given' : s.kind === 'log' ? 'log returns x100 from prices' : 'simple returns x100 from prices';
  return `${s.file}, column ${s.column} (${how}), n = ${s.returns.length}`;
}
