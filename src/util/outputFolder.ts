/**
 * Where the tool may write a folder, and what it may replace there. The rule: Aftershock deletes
 * or replaces only what it wrote itself. A folder it wrote carries a marker file (a results
 * folder's `manifest.json`, a saved model's `model.json`) that names the tool and lists the
 * folder's files; an existing folder is replaced only when its marker is ours and it holds
 * nothing but the files the marker lists. Everything else is refused as bad input (exit 2)
 * before any work starts: the current folder or one that holds it, an empty path, a file, a
 * link, a folder of someone else's.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, parse, resolve, sep } from 'node:path';
import { InputError } from './errors.js';

/** A kind of folder the tool writes, recognised by its marker file. */
export interface OwnedFolder {
  /** What the folder is called in messages, e.g. "an Aftershock results folder". */
  readonly what: string;
  /** The file that marks it as ours. */
  readonly marker: string;
  /** The files the marker lists (besides itself), or undefined when the marker is not ours. */
  listed(marker: unknown): string[] | undefined;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Results of `run` and `sweep`: `manifest.json` names Aftershock and lists the files. */
export const RESULTS_FOLDER: OwnedFolder = {
  what: 'an Aftershock results folder',
  marker: 'manifest.json',
  listed: (m) => (isRecord(m) && isRecord(m.aftershock) && Array.isArray(m.files) && m.files.every((f) => typeof f === 'string') ? (m.files as string[]) : undefined),
};

/** All files below `dir`, as paths relative to it with '/' separators; links are not followed. */
function filesBelow(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out;
}

function readMarker(file: string): unknown {
  try {
    if (!lstatSync(file).isFile()) return undefined;
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Checks that `target` (as the user gave it, e.g. `--out`'s value) may receive a folder of
 * `kind`, and returns its absolute path. Throws InputError (one line, naming `flag`) otherwise.
 * An existing empty folder is accepted: replacing it loses nothing.
 */
export function checkOutputFolder(target: string, kind: OwnedFolder, flag: string, cwd = process.cwd()): string {
  if (target.trim() === '') throw new InputError('expected a folder path, got ""', undefined, undefined, flag);
  const dir = resolve(cwd, target);
  const here = resolve(cwd);
  if (dir === parse(dir).root || dir === here || here.startsWith(dir + sep)) {
    throw new InputError(
      `${JSON.stringify(target)} is ${dir === here ? 'the current folder' : 'a folder that holds the current folder'}; results go into a folder of their own`,
      undefined,
      undefined,
      flag,
    );
  }
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return dir;
    throw new InputError(`cannot use ${JSON.stringify(target)}: ${(err as Error).message}`, undefined, undefined, flag);
  }
  if (stat.isSymbolicLink()) throw new InputError(`${JSON.stringify(target)} is a link; give the folder itself`, undefined, undefined, flag);
  if (!stat.isDirectory()) throw new InputError(`${JSON.stringify(target)} exists and is not a folder; it will not be replaced`, undefined, undefined, flag);
  const present = filesBelow(dir);
  if (present.length === 0) return dir;
  const listed = kind.listed(readMarker(join(dir, kind.marker)));
  if (!listed) {
    throw new InputError(`${JSON.stringify(target)} exists and is not ${kind.what} (no ${kind.marker} of Aftershock's); choose another folder`, undefined, undefined, flag);
  }
  const ours = new Set([kind.marker, ...listed]);
  const foreign = present.filter((f) => !ours.has(f));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, … (${foreign.length - 3} more)` : '');
    throw new InputError(`${JSON.stringify(target)} holds files Aftershock did not write (${shown}); it will not be replaced`, undefined, undefined, flag);
  }
  return dir;
}
