/**
 * What a manifest records so that anyone can check a results folder: the SHA-256 of every input
 * file the run read (the scenario, and every file it names: price, position and vault CSVs, data
 * a model is fitted from), the SHA-256 of every result file with one digest over them, and the
 * command that re-creates the folder.
 *
 * Input files are found by walking the scenario for fields named `file` (every file reference in
 * the schema is `{file: …}`), so a new kind of input is covered without a list to keep in step.
 * Paths are recorded as the run resolved them, relative to the folder the command ran in:
 * `verify` runs from the same folder.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { LoadedScenario } from '../scenario/load.js';

export interface InputDigest {
  /** 'scenario', or the field that names the file, e.g. `assets[0].price.file`. */
  role: string;
  /** Path relative to the working folder of the run ('/' separators). */
  path: string;
  sha256: string;
}

export interface ResultDigests {
  /** SHA-256 of each result file (every file of the folder but manifest.json). */
  files: Record<string, string>;
  /** SHA-256 of the lines `<sha256>  <name>` of those files, sorted by name (as `sha256sum` prints them). */
  digest: string;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

const forward = (p: string) => p.split('\\').join('/');

/** The file fields of a scenario, with their field paths, in document order. */
export function fileFields(value: unknown, path = '', out: { field: string; file: string }[] = []): { field: string; file: string }[] {
  if (Array.isArray(value)) value.forEach((v, i) => fileFields(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const field = path ? `${path}.${k}` : k;
      if (k === 'file' && typeof v === 'string') out.push({ field, file: v });
      else fileFields(v, field, out);
    }
  }
  return out;
}

/** Digests of the scenario file and of every file it names (each once), read now. */
export function inputDigests(loaded: LoadedScenario, cwd = process.cwd()): InputDigest[] {
  const out: InputDigest[] = [{ role: 'scenario', path: forward(relative(cwd, resolve(cwd, loaded.file))), sha256: sha256(readFileSync(resolve(cwd, loaded.file))) }];
  const seen = new Set([out[0].path]);
  for (const { field, file } of fileFields(loaded.scenario)) {
    const abs = resolve(loaded.baseDir, file);
    const path = forward(relative(cwd, abs));
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ role: field, path, sha256: sha256(readFileSync(abs)) });
  }
  return out;
}

/** Digests of a folder's result files, given as name → content. */
export function resultDigests(files: Record<string, string | Uint8Array>): ResultDigests {
  const names = Object.keys(files)
    .filter((f) => f !== 'manifest.json')
    .sort();
  const digests = Object.fromEntries(names.map((n) => [n, sha256(files[n])]));
  return { files: digests, digest: sha256(names.map((n) => `${digests[n]}  ${n}\n`).join('')) };
}
