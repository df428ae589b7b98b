/**
 * Saving and loading fitted volatility models: a folder holding `model.json` (format name,
 * version, model, parameters, fit statistics, and the filtered series), written atomically so a
 * reader never sees half a model. Numbers survive exactly: JSON round-trips every finite double.
 */
import { join } from 'node:path';
import { writeFolderAtomic } from '../util/atomicWrite.js';
import { InputError } from '../util/errors.js';
import type { OwnedFolder } from '../util/outputFolder.js';
import { inputFileProblem, readInputFile } from '../util/inputFile.js';
import { assertSafeKeys } from '../util/safeKeys.js';
import type { GarchFit } from './garch.js';
import type { EwmaFit } from './ewma.js';

export const MODEL_FORMAT = 'aftershock-volatility-model';
export const MODEL_FORMAT_VERSION = 1;

export type VolatilityFit = GarchFit | EwmaFit;

/**
 * A saved model's folder, recognised by its `model.json`: a volatility model (format
 * MODEL_FORMAT) holds that file alone; a neural model (tfjs layers format with Aftershock's
 * metadata) also holds the weight files its manifest lists. Saving may replace only such a folder.
 */
export const SAVED_MODEL_FOLDER: OwnedFolder = {
  what: 'an Aftershock model folder',
  marker: 'model.json',
  listed: (m) => {
    const doc = m as { format?: unknown; aftershock?: unknown; weightsManifest?: { paths?: unknown }[] } | null;
    if (doc?.format === MODEL_FORMAT) return [];
    if (doc?.aftershock && Array.isArray(doc.weightsManifest)) return doc.weightsManifest.flatMap((w) => (Array.isArray(w?.paths) ? w.paths.filter((x): x is string => typeof x === 'string') : []));
    return undefined;
  },
};

const jsonNumber = (x: number) => (Number.isFinite(x) ? x : x > 0 ? 'Infinity' : x < 0 ? '-Infinity' : 'NaN');
const fromJsonNumber = (x: unknown) => (typeof x === 'number' ? x : x === 'Infinity' ? Infinity : x === '-Infinity' ? -Infinity : NaN);

/** Writes `fit` to `dir/model.json`, replacing the folder atomically. */
export function saveModel(dir: string, fit: VolatilityFit): void {
  const doc: Record<string, unknown> = { format: MODEL_FORMAT, version: MODEL_FORMAT_VERSION };
  for (const [k, v] of Object.entries(fit)) {
    if (v instanceof Float64Array) doc[k] = Array.from(v);
    else if (typeof v === 'number') doc[k] = jsonNumber(v);
    else if (k === 'stderr') doc[k] = Object.fromEntries(Object.entries(v as Record<string, number>).map(([a, b]) => [a, jsonNumber(b)]));
    else doc[k] = v;
  }
  writeFolderAtomic(dir, { 'model.json': `${JSON.stringify(doc, null, 1)}\n` }, SAVED_MODEL_FOLDER);
}

/** Reads a model saved by `saveModel`; InputError if the folder does not hold one. */
export function loadModel(dir: string): VolatilityFit {
  const file = join(dir, 'model.json');
  let doc: Record<string, unknown>;
  const problem = inputFileProblem(file);
  if (problem === 'file not found') throw new InputError('no saved model here (model.json not found)', file);
  const text = readInputFile(file, 'data');
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new InputError(`cannot read model: ${(err as Error).message}`, file);
  }
  assertSafeKeys(doc, file);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new InputError('cannot read model: expected a JSON object', file);
  if (doc.format !== MODEL_FORMAT) throw new InputError(`not an Aftershock volatility model (format ${JSON.stringify(doc.format)})`, file, undefined, 'format');
  if (doc.version !== MODEL_FORMAT_VERSION) throw new InputError(`unsupported model format version ${JSON.stringify(doc.version)}`, file, undefined, 'version');
  if (!['ewma', 'garch', 'gjr'].includes(doc.model as string)) throw new InputError(`unknown model ${JSON.stringify(doc.model)}`, file, undefined, 'model');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'format' || k === 'version') continue;
    if (k === 'condVariance' || k === 'residuals') {
      if (!Array.isArray(v)) throw new InputError('expected an array of numbers', file, undefined, k);
      out[k] = Float64Array.from(v as unknown[], fromJsonNumber);
    } else if (k === 'stderr') out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([a, b]) => [a, fromJsonNumber(b)]));
    else if (typeof v === 'number' || v === 'Infinity' || v === '-Infinity' || v === 'NaN') out[k] = fromJsonNumber(v);
    else out[k] = v;
  }
  const params = out.params as Record<string, unknown> | undefined;
  if (!params || typeof params !== 'object' || Object.values(params).some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new InputError('expected an object of finite numbers', file, undefined, 'params');
  }
  return out as unknown as VolatilityFit;
}
