import { InputError, EXIT_BAD_INPUT, EXIT_FAILURE } from '../util/errors.js';

/**
 * Wraps a command's action so that every command fails the same way: bad input gives one line
 * on stderr and exit code 2, any other error one line (stack only with AFTERSHOCK_DEBUG=1) and
 * exit code 1.
 */
export function action<A extends unknown[]>(fn: (...args: A) => void | Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (err) {
      process.exitCode = reportError(err);
    }
  };
}

export function reportError(err: unknown): number {
  if (err instanceof InputError) {
    process.stderr.write(`aftershock: ${err.oneLine()}\n`);
    return EXIT_BAD_INPUT;
  }
  const e = err as Error;
  if (process.env.AFTERSHOCK_DEBUG) process.stderr.write(`${e?.stack ?? String(err)}\n`);
  else process.stderr.write(`aftershock: error: ${e?.message ?? String(err)}\n`);
  return EXIT_FAILURE;
}

/** Decimal notation only: `0x10`, `0b1`, `Infinity` and `1_000` are typos here, not numbers. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_INTEGER = /^[+-]?\d+$/;

/**
 * Parses a numeric flag, rejecting anything that is not a finite decimal number in range. An
 * integer flag takes digits only (no exponent, no fraction) and at most 2^53 − 1 in magnitude,
 * beyond which neighbouring integers share one floating-point value (two seeds would collide).
 */
export function numberFlag(name: string, value: string | undefined, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  const x = Number(text);
  const kind = opts.integer ? 'an integer' : 'a number';
  const range = opts.min !== undefined && opts.max !== undefined ? ` in [${opts.min}, ${opts.max}]` : opts.min !== undefined ? ` >= ${opts.min}` : opts.max !== undefined ? ` <= ${opts.max}` : '';
  const fail = (expected: string) => {
    throw new InputError(`expected ${expected}, got ${JSON.stringify(value)}`, undefined, undefined, `--${name}`);
  };
  if (!(opts.integer ? DECIMAL_INTEGER : DECIMAL).test(text)) fail(`${kind}${range}, in decimal digits`);
  // compared as BigInt: 2^53 + 1 written out rounds to 2^53 as a number and would pass as a neighbour
  const safe = BigInt(Number.MAX_SAFE_INTEGER);
  if (opts.integer && (BigInt(text) > safe || BigInt(text) < -safe)) fail(`${kind}${range} and at most ${safe} in magnitude (2^53 - 1: larger integers are not exact)`);
  if (!Number.isFinite(x) || (opts.min !== undefined && x < opts.min) || (opts.max !== undefined && x > opts.max)) fail(`${kind}${range}`);
  return x;
}

/** Collects a repeatable flag (`--set a=1 --set b=2`) into an array. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Prints one JSON document on stdout: the only thing `--json` puts there. */
export function printJson(doc: unknown): void {
  process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
}
