/**
 * Reading a file the user named (a scenario, a CSV a scenario refers to, a `--data` file) without
 * trusting what it is. Only regular files are read: a folder, a named pipe, a device or a socket
 * gets one clear line, found with `stat` before anything is opened, since opening a FIFO blocks
 * until a writer appears and `/dev/zero` never ends. Files over a size limit are refused before
 * they are read, so memory stays bounded whatever the file claims to be.
 *
 * Limits: scenario files 8 MiB, data files (CSV, JSON) 64 MiB by default; the environment
 * variable AFTERSHOCK_MAX_INPUT_SIZE (bytes, or with a unit: `200MiB`, `1GiB`, `500kB`) sets one
 * limit for both. An environment variable rather than a flag, because worker threads and queue
 * workers read the same CSV files and inherit the environment, not the submitter's flags.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { InputError } from './errors.js';

export type InputKind = 'scenario' | 'data';

export const MAX_INPUT_ENV = 'AFTERSHOCK_MAX_INPUT_SIZE';
const MiB = 1024 * 1024;
/** A scenario is written by hand (bulk positions belong in a CSV); YAML costs ~1 s and ~130 MB per MB to parse. */
export const DEFAULT_MAX_SCENARIO_BYTES = 8 * MiB;
export const DEFAULT_MAX_DATA_BYTES = 64 * MiB;

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: MiB, gib: 1024 * MiB };

/** Parses `64MiB`, `500kB`, `1000000`; NaN when it cannot. */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m || !(m[2].toLowerCase() in UNITS)) return NaN;
  return Math.floor(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}

/** The size limit for a kind of input file, from the environment or the default. */
export function maxInputBytes(kind: InputKind): number {
  const env = process.env[MAX_INPUT_ENV];
  if (env !== undefined && env.trim() !== '') {
    const n = parseSize(env);
    if (!(n > 0)) throw new InputError(`expected a size such as 64MiB, 500kB or 1000000 (bytes), got ${JSON.stringify(env)}`, undefined, undefined, MAX_INPUT_ENV);
    return n;
  }
  return kind === 'scenario' ? DEFAULT_MAX_SCENARIO_BYTES : DEFAULT_MAX_DATA_BYTES;
}

export function formatBytes(n: number): string {
  const [unit, name] = n >= MiB ? [MiB, 'MiB'] : n >= 1024 ? [1024, 'KiB'] : [1, 'bytes'];
  const v = n / unit;
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${name}`;
}

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Why `path` cannot be read as an input file, or null when it can: missing, not a regular file,
 * or over the size limit. Only `stat`s it (follows symbolic links), never opens it.
 */
export function inputFileProblem(path: string, kind: InputKind = 'data'): string | null {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'file not found';
    return `cannot read the file (${code ?? (err as Error).message})`;
  }
  return statProblem(st, kind);
}

function statProblem(st: Stats, kind: InputKind): string | null {
  if (!st.isFile()) return `expected a regular file, got ${kindOf(st)}`;
  const limit = maxInputBytes(kind);
  if (st.size > limit) {
    return `the file is ${formatBytes(st.size)}, over the ${formatBytes(limit)} limit for ${kind === 'scenario' ? 'scenario' : 'input'} files (set ${MAX_INPUT_ENV}, e.g. ${MAX_INPUT_ENV}=1GiB, to raise it)`;
  }
  return null;
}

/**
 * Reads a user-named file as UTF-8 text. `display` is how messages name it (the path as the user
 * wrote it; default `path`). Throws `InputError` for every way it cannot be read.
 */
export function readInputFile(path: string, kind: InputKind = 'data', display: string = path): string {
  const problem = inputFileProblem(path, kind);
  if (problem) throw new InputError(problem, display);
  // the file may have been swapped for a pipe since the stat: O_NONBLOCK keeps the open from
  // waiting for a writer, and the second stat, of what was actually opened, catches the swap
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new InputError(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, display);
  }
  try {
    const again = statProblem(fstatSync(fd), kind);
    if (again) throw new InputError(again, display);
    // read at most limit + 1 bytes: a file that grows while being read cannot exhaust memory
    const limit = maxInputBytes(kind);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit) throw new InputError(`the file grew past the ${formatBytes(limit)} limit while it was read (set ${MAX_INPUT_ENV} to raise it)`, display);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, display);
  } finally {
    closeSync(fd);
  }
}

/**
 * How messages name a file a scenario refers to: relative to the working folder when it lies
 * inside it, else absolute, so the user can open it from where they ran the command.
 */
export function displayPath(absolute: string): string {
  const rel = relative(process.cwd(), absolute);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absolute;
}
