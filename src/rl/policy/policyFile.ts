/**
 * A saved policy's folder, and reading it without TensorFlow.js (what an agent running a trained
 * policy, or `eval`, needs):
 *
 *   policy.json   what the weights mean: format and version, the environment and its settings,
 *                 observation names, action space, network shape (and a box's log standard
 *                 deviations), normalisation statistics, hyperparameters, seed, iterations, and
 *                 the scenario hash and commit the caller records
 *   model.json    the actor-critic in TensorFlow.js's layers format (topology + weights manifest)
 *   weights.bin   the layers' weights, float32, as the manifest lists them
 *
 * `policy.json` is the folder's marker (POLICY_FOLDER): it names Aftershock and lists the other
 * files, so a later save may replace a policy folder and nothing else. Anything that is not such a
 * folder, or does not hold together, is refused with one InputError line naming the file and field.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../../util/errors.js';
import { inputFileProblem, readInputFile } from '../../util/inputFile.js';
import type { OwnedFolder } from '../../util/outputFolder.js';
import { assertSafeKeys } from '../../util/safeKeys.js';
import { box, discrete, multiDiscrete, type Space } from '../spaces.js';
import type { PpoConfig } from '../ppo/config.js';
import type { NormalizationState } from '../wrappers/normalize.js';
import { type PolicySpec, type WeightLayout, weightLayout } from './layout.js';

export const POLICY_FORMAT = 'aftershock-policy';
export const POLICY_FORMAT_VERSION = 1;
export const POLICY_FILE = 'policy.json';
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A policy folder, recognised by its policy.json: ours when the format is Aftershock's, listing the files beside it. */
export const POLICY_FOLDER: OwnedFolder = {
  what: 'an Aftershock policy folder',
  marker: POLICY_FILE,
  listed: (m) => (isRecord(m) && m.format === POLICY_FORMAT && Array.isArray(m.files) && m.files.every((f) => typeof f === 'string') ? (m.files as string[]) : undefined),
};

/** A space in JSON: infinite box bounds are written as the strings "Infinity" and "-Infinity". */
export type SpaceJson = { type: 'box'; low: (number | string)[]; high: (number | string)[] } | { type: 'discrete'; n: number; start: number } | { type: 'multi-discrete'; nvec: number[] };

const bound = (x: number): number | string => (Number.isFinite(x) ? x : x > 0 ? 'Infinity' : '-Infinity');
const fromBound = (x: number | string): number => (typeof x === 'number' ? x : x === 'Infinity' ? Infinity : -Infinity);

export function spaceToJson(space: Space): SpaceJson {
  switch (space.type) {
    case 'box':
      return { type: 'box', low: Array.from(space.low, bound), high: Array.from(space.high, bound) };
    case 'discrete':
      return { type: 'discrete', n: space.n, start: space.start };
    case 'multi-discrete':
      return { type: 'multi-discrete', nvec: [...space.nvec] };
  }
}

export function spaceFromJson(j: SpaceJson): Space {
  switch (j.type) {
    case 'box':
      return box(j.low.map(fromBound), j.high.map(fromBound));
    case 'discrete':
      return discrete(j.n, j.start);
    case 'multi-discrete':
      return multiDiscrete(j.nvec);
  }
}

/** Everything policy.json holds. */
export interface PolicyDocument {
  format: typeof POLICY_FORMAT;
  version: typeof POLICY_FORMAT_VERSION;
  /** The files beside policy.json that the tool wrote (the folder marker's list). */
  files: string[];
  /** Aftershock's version that wrote the policy. */
  aftershock: string;
  env: { name: string; config: Record<string, unknown> };
  observationNames: string[];
  actionSpace: SpaceJson;
  network: { hiddenSizes: number[]; activation: 'tanh'; logStd: number[] | null };
  normalization: NormalizationState | null;
  hyperparameters: PpoConfig;
  seed: number;
  iterations: number;
  steps: number;
  /** SHA-256 of the scenario trained on, filled by the caller (null when not a scenario environment). */
  scenarioHash: string | null;
  /** The source commit, filled by the caller when known. */
  commit: string | null;
}

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const moments = z.strictObject({ count: finite.nonnegative(), mean: z.array(finite), m2: z.array(finite.nonnegative()) }).nullable();
const boundJson = z.union([finite, z.literal('Infinity'), z.literal('-Infinity')]);
const positiveInt = z.number().int().positive();

const documentSchema = z.object({
  format: z.literal(POLICY_FORMAT),
  version: z.literal(POLICY_FORMAT_VERSION),
  files: z.array(z.string()),
  aftershock: z.string(),
  env: z.object({ name: z.string(), config: z.record(z.string(), z.unknown()) }),
  observationNames: z.array(z.string()).min(1),
  actionSpace: z.discriminatedUnion('type', [
    z.object({ type: z.literal('box'), low: z.array(boundJson).min(1), high: z.array(boundJson).min(1) }),
    z.object({ type: z.literal('discrete'), n: positiveInt, start: z.number().int() }),
    z.object({ type: z.literal('multi-discrete'), nvec: z.array(positiveInt).min(1) }),
  ]),
  network: z.object({ hiddenSizes: z.array(positiveInt).min(1), activation: z.literal('tanh'), logStd: z.array(finite).nullable() }),
  normalization: z
    .object({
      observation: z.boolean(),
      reward: z.boolean(),
      clipObservation: finite.positive(),
      clipReward: finite.positive(),
      gamma: finite,
      observationMoments: moments,
      returnMoments: moments,
    })
    .nullable(),
  hyperparameters: z.record(z.string(), z.unknown()),
  seed: finite,
  iterations: z.number().int().nonnegative(),
  steps: z.number().int().nonnegative(),
  scenarioHash: z.string().nullable(),
  commit: z.string().nullable(),
});

/** What a training hands over to be saved (trainPpo's result has these fields). */
export interface TrainedPolicy {
  env: { name: string; config: Record<string, unknown> };
  spec: PolicySpec;
  observationNames: readonly string[];
  config: PpoConfig;
  seed: number;
  iterations: number;
  steps: number;
  weights: Float32Array;
  normalization: NormalizationState | null;
}

/** What the caller records beside a policy (the training command knows them; the trainer does not). */
export interface PolicyProvenance {
  scenarioHash?: string | null;
  commit?: string | null;
  /** Aftershock's version (default: this package's). */
  aftershock?: string;
}

/** policy.json for a trained policy (a box's log standard deviations go here, beside the layers model). */
export function policyDocument(p: TrainedPolicy, provenance: PolicyProvenance, aftershockVersion: string): PolicyDocument {
  const layout = weightLayout(p.spec);
  if (p.weights.length !== layout.size) throw new RangeError(`policy: expected ${layout.size} weights, got ${p.weights.length}`);
  const logStd = layout.logStd ? Array.from(p.weights.subarray(layout.logStd.offset, layout.logStd.offset + layout.logStd.size)) : null;
  return {
    format: POLICY_FORMAT,
    version: POLICY_FORMAT_VERSION,
    files: [MODEL_FILE, WEIGHTS_FILE],
    aftershock: provenance.aftershock ?? aftershockVersion,
    env: { name: p.env.name, config: p.env.config },
    observationNames: [...p.observationNames],
    actionSpace: spaceToJson(p.spec.actionSpace),
    network: { hiddenSizes: [...p.spec.hiddenSizes], activation: 'tanh', logStd },
    normalization: p.normalization,
    hyperparameters: p.config,
    seed: p.seed,
    iterations: p.iterations,
    steps: p.steps,
    scenarioHash: provenance.scenarioHash ?? null,
    commit: provenance.commit ?? null,
  };
}

/** A policy read back: its document, network shape, flat weights and frozen normalisation statistics. */
export interface LoadedPolicy {
  dir: string;
  document: PolicyDocument;
  observationNames: string[];
  spec: PolicySpec;
  layout: WeightLayout;
  weights: Float32Array;
  normalization: NormalizationState | null;
}

function readJson(file: string, what: string): unknown {
  const problem = inputFileProblem(file, 'data');
  if (problem === 'file not found') throw new InputError(`not ${what} (${file.split('/').pop()} not found)`, file);
  const text = readInputFile(file, 'data');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`expected JSON, got ${(err as Error).message.split('\n')[0]}`, file);
  }
  assertSafeKeys(doc, file);
  return doc;
}

const formatPath = (path: readonly PropertyKey[]) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');

/** Reads and checks policy.json. */
export function readPolicyDocument(dir: string): PolicyDocument {
  const file = join(dir, POLICY_FILE);
  const raw = readJson(file, 'an Aftershock policy folder');
  if (!isRecord(raw) || raw.format !== POLICY_FORMAT) {
    throw new InputError(`not an Aftershock policy (expected format "${POLICY_FORMAT}", got ${JSON.stringify(isRecord(raw) ? raw.format : raw)?.slice(0, 60)})`, file, undefined, 'format');
  }
  if (raw.version !== POLICY_FORMAT_VERSION) throw new InputError(`expected policy format version ${POLICY_FORMAT_VERSION}, got ${JSON.stringify(raw.version)}`, file, undefined, 'version');
  const parsed = documentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(issue.message.replace(/^Invalid input: /, ''), file, undefined, formatPath(issue.path as PropertyKey[]) || undefined);
  }
  const doc = parsed.data as unknown as PolicyDocument;
  const n = doc.observationNames.length;
  const norm = doc.normalization;
  if (norm?.observationMoments && (norm.observationMoments.mean.length !== n || norm.observationMoments.m2.length !== n)) {
    throw new InputError(`expected ${n} values (one per observation name), got ${norm.observationMoments.mean.length}`, file, undefined, 'normalization.observationMoments.mean');
  }
  try {
    spaceFromJson(doc.actionSpace);
  } catch (err) {
    throw new InputError((err as Error).message, file, undefined, 'actionSpace');
  }
  return doc;
}

interface ManifestEntry {
  name: string;
  shape: number[];
  dtype: string;
}

/** The weights manifest of model.json: one group, read from weights.bin, float32 tensors. */
function readManifest(dir: string): ManifestEntry[] {
  const file = join(dir, MODEL_FILE);
  const model = readJson(file, 'a TensorFlow.js layers model');
  const manifest = isRecord(model) ? model.weightsManifest : undefined;
  if (!isRecord(model) || !isRecord(model.modelTopology) || !Array.isArray(manifest)) throw new InputError('expected a TensorFlow.js layers model (modelTopology and weightsManifest)', file);
  if (manifest.length !== 1 || !isRecord(manifest[0]) || JSON.stringify(manifest[0].paths) !== JSON.stringify([WEIGHTS_FILE]) || !Array.isArray(manifest[0].weights)) {
    throw new InputError(`expected one weights group stored in ${WEIGHTS_FILE}`, file, undefined, 'weightsManifest');
  }
  return (manifest[0].weights as unknown[]).map((w, i) => {
    if (!isRecord(w) || typeof w.name !== 'string' || !Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new InputError('expected {name, shape, dtype}', file, undefined, `weightsManifest[0].weights[${i}]`);
    }
    if (w.dtype !== 'float32') throw new InputError(`expected dtype "float32", got ${JSON.stringify(w.dtype)}`, file, undefined, `weightsManifest[0].weights[${i}].dtype`);
    return { name: w.name, shape: w.shape as number[], dtype: w.dtype };
  });
}

/** The network shape a policy document describes. */
export function policySpec(doc: PolicyDocument): PolicySpec {
  return { observationSize: doc.observationNames.length, actionSpace: spaceFromJson(doc.actionSpace), hiddenSizes: doc.network.hiddenSizes };
}

/**
 * Reads a policy folder into flat weights, without TensorFlow.js. Checks that the layers model's
 * weights are exactly those of the network policy.json describes (names and shapes), that
 * weights.bin has their size, and that a box policy carries its log standard deviations.
 */
export function loadPolicy(dir: string): LoadedPolicy {
  const doc = readPolicyDocument(dir);
  const spec = policySpec(doc);
  const layout = weightLayout(spec);
  const entries = readManifest(dir);
  const modelFile = join(dir, MODEL_FILE);
  const weightsFile = join(dir, WEIGHTS_FILE);
  const problem = inputFileProblem(weightsFile, 'data');
  if (problem) throw new InputError(problem, weightsFile);
  const bytes = readFileSync(weightsFile);
  const expectedBytes = entries.reduce((s, e) => s + 4 * e.shape.reduce((a, b) => a * b, 1), 0);
  if (bytes.length !== expectedBytes) throw new InputError(`expected ${expectedBytes} bytes (the manifest's float32 weights), got ${bytes.length}`, weightsFile);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const weights = new Float32Array(layout.size);
  const seen = new Set<string>();
  let at = 0;
  entries.forEach((e, i) => {
    const size = e.shape.reduce((a, b) => a * b, 1);
    const slot = layout.slots.find((s) => s.name === e.name);
    if (!slot || slot === layout.logStd)
      throw new InputError(`unexpected weight ${JSON.stringify(e.name)} for the network policy.json describes`, modelFile, undefined, `weightsManifest[0].weights[${i}].name`);
    if (JSON.stringify(slot.shape) !== JSON.stringify(e.shape)) {
      throw new InputError(`expected shape [${slot.shape.join(', ')}] for ${e.name}, got [${e.shape.join(', ')}]`, modelFile, undefined, `weightsManifest[0].weights[${i}].shape`);
    }
    weights.set(all.subarray(at, at + size), slot.offset);
    seen.add(e.name);
    at += size;
  });
  const missing = layout.slots.filter((s) => s !== layout.logStd && !seen.has(s.name));
  if (missing.length) throw new InputError(`weight ${missing[0].name} is missing`, modelFile, undefined, 'weightsManifest');
  if (layout.logStd) {
    const logStd = doc.network.logStd;
    if (!logStd || logStd.length !== layout.logStd.size) {
      throw new InputError(
        `expected ${layout.logStd.size} log standard deviations for the box action space, got ${logStd ? logStd.length : 'none'}`,
        join(dir, POLICY_FILE),
        undefined,
        'network.logStd',
      );
    }
    weights.set(logStd, layout.logStd.offset);
  } else if (doc.network.logStd !== null) {
    throw new InputError('expected null (a discrete action space has no log standard deviations)', join(dir, POLICY_FILE), undefined, 'network.logStd');
  }
  return { dir, document: doc, observationNames: doc.observationNames, spec, layout, weights, normalization: doc.normalization };
}
