/**
 * Checking a results folder against its manifest: are the result files those the run wrote, are
 * the input files those it read, and does running the recorded command again give the same
 * bytes? Each check stops at the first difference and says where it is, since one difference is
 * enough to refuse a folder and the first is the one worth looking at.
 *
 * The re-run itself is the caller's (the CLI spawns the tool): this file only reads and compares.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../util/errors.js';
import { RESULTS_FOLDER } from '../util/outputFolder.js';
import { sha256, type InputDigest, type ResultDigests } from './provenance.js';

/** The part of manifest.json that verification reads. */
export interface VerifiableManifest {
  files: string[];
  inputs: InputDigest[];
  results: ResultDigests;
  reproduce: string[];
  aftershock: { version: string; commit: string | null };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isHex = (x: unknown) => typeof x === 'string' && /^[0-9a-f]{64}$/.test(x);

/** Reads and checks the manifest of `dir`; anything missing is bad input naming the field. */
export function readVerifiableManifest(dir: string): VerifiableManifest {
  const file = join(dir, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no manifest.json: expected a results folder of Aftershock' : `expected JSON, got ${(err as Error).message}`;
    throw new InputError(why, file);
  }
  if (!RESULTS_FOLDER.listed(raw) || !isRecord(raw)) throw new InputError('expected a manifest of Aftershock (aftershock, files), got something else', file);
  const fail = (field: string, expected: string) => {
    throw new InputError(
      `expected ${expected}, got ${JSON.stringify(raw[field.split(/[.[]/)[0]]) ?? 'nothing'}; written before manifests carried digests? run it again to get a verifiable folder`,
      file,
      undefined,
      field,
    );
  };
  const inputs = raw.inputs;
  if (!Array.isArray(inputs) || !inputs.every((i) => isRecord(i) && typeof i.path === 'string' && typeof i.role === 'string' && isHex(i.sha256))) fail('inputs', 'a list of {role, path, sha256}');
  const results = raw.results;
  if (!isRecord(results) || !isHex(results.digest) || !isRecord(results.files) || !Object.values(results.files).every(isHex)) fail('results', '{files: {name: sha256}, digest}');
  const reproduce = raw.reproduce;
  if (!Array.isArray(reproduce) || reproduce.length < 2 || !reproduce.every((a) => typeof a === 'string') || !['run', 'sweep'].includes(reproduce[0] as string)) {
    fail('reproduce', 'the command that re-creates the folder (run … or sweep …)');
  }
  return raw as unknown as VerifiableManifest;
}

/** The first difference found, in one line; undefined when there is none. */
export type Difference = string | undefined;

/** Result files as they are now against the digests the run recorded (and no file added or lost). */
export function checkResultFiles(dir: string, m: VerifiableManifest): Difference {
  for (const [name, recorded] of Object.entries(m.results.files)) {
    const p = join(dir, name);
    if (!existsSync(p)) return `result file ${name} is missing`;
    const now = sha256(readFileSync(p));
    if (now !== recorded) return `result file ${name} changed since the run wrote it (sha256 recorded ${recorded.slice(0, 12)}…, now ${now.slice(0, 12)}…)`;
  }
  const listed = new Set(['manifest.json', ...Object.keys(m.results.files)]);
  const extra = readdirSync(dir).filter((f) => !listed.has(f) && lstatSync(join(dir, f)).isFile());
  if (extra.length) return `file ${extra[0]} is in the folder but not among the results the run wrote`;
  return undefined;
}

/** Input files as they are now (relative to `cwd`) against the digests the run recorded. */
export function checkInputs(m: VerifiableManifest, cwd: string): Difference {
  for (const i of m.inputs) {
    const p = join(cwd, i.path);
    if (!existsSync(p)) return `input ${i.path} (${i.role}) is missing`;
    const now = sha256(readFileSync(p));
    if (now !== i.sha256) return `input ${i.path} (${i.role}) is not the file the run read (sha256 recorded ${i.sha256.slice(0, 12)}…, now ${now.slice(0, 12)}…)`;
  }
  return undefined;
}

/** Where two texts first differ: line number and both lines, shortened. */
function firstLineDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  const short = (s: string | undefined) => (s === undefined ? '(no line)' : s.length > 120 ? `${s.slice(0, 117)}…` : s);
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}: recorded ${JSON.stringify(short(la[i]))}, re-run ${JSON.stringify(short(lb[i]))}`;
  }
  return 'same lines, different bytes';
}

/** Compares the recorded result files of `dir` with those a re-run wrote into `rerunDir`. */
export function compareWithRerun(dir: string, rerunDir: string, m: VerifiableManifest): Difference {
  for (const name of Object.keys(m.results.files).sort()) {
    const mine = readFileSync(join(dir, name));
    const p = join(rerunDir, name);
    if (!existsSync(p)) return `the re-run wrote no ${name}`;
    const theirs = readFileSync(p);
    if (mine.equals(theirs)) continue;
    if (/\.(json|jsonl|csv|md|txt)$/.test(name)) return `${name} differs from the re-run at ${firstLineDifference(mine.toString('utf8'), theirs.toString('utf8'))}`;
    let at = 0;
    while (at < mine.length && at < theirs.length && mine[at] === theirs[at]) at++;
    return `${name} differs from the re-run at byte ${at}`;
  }
  return undefined;
}
