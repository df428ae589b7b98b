/**
 * A policy in TensorFlow.js's layers format: saving a folder (policy.json, model.json,
 * weights.bin) and rebuilding the layers model from one for further training.
 *
 * The layers model is the actor-critic as Keras would describe it: an `observation` input feeding
 * two dense chains, `actor_hidden_1 … actor_out` and `critic_hidden_1 … critic_out`, with the two
 * outputs [actor, value]; any tfjs or Keras tool can load and inspect it. Weights are set from the
 * flat array by name, and the layers' own initialisers are never used (the weights come from the
 * seed). A box's log standard deviations are a parameter of the action distribution, not of a
 * layer, so they travel in policy.json; everything goes through the house's atomic folder writer,
 * which replaces only a folder that is already an Aftershock policy.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type * as TF from '@tensorflow/tfjs';
import { initTf } from '../../models/tf.js';
import { writeFolderAtomic } from '../../util/atomicWrite.js';
import { InputError } from '../../util/errors.js';
import { inputFileProblem } from '../../util/inputFile.js';
import { packageVersion } from '../../util/version.js';
import { type DenseSlots, type WeightLayout, weightLayout } from './layout.js';
import { loadPolicy, MODEL_FILE, POLICY_FILE, POLICY_FOLDER, type PolicyDocument, type PolicyProvenance, policyDocument, type TrainedPolicy, WEIGHTS_FILE } from './policyFile.js';

type Tf = typeof TF;

function buildModel(tf: Tf, layout: WeightLayout): TF.LayersModel {
  const input = tf.input({ shape: [layout.spec.observationSize], name: 'observation' });
  const chain = (layers: readonly DenseSlots[]) =>
    layers.reduce<TF.SymbolicTensor>(
      (h, l, i) =>
        tf.layers.dense({ units: l.units, name: l.layer, activation: i < layers.length - 1 ? 'tanh' : 'linear', kernelInitializer: 'zeros', biasInitializer: 'zeros' }).apply(h) as TF.SymbolicTensor,
      input,
    );
  return tf.model({ inputs: input, outputs: [chain(layout.actor), chain(layout.critic)], name: 'actor_critic' });
}

/** Writes the policy folder `dir` atomically (InputError if `dir` exists and is not an Aftershock policy folder). */
export async function savePolicy(dir: string, policy: TrainedPolicy, provenance: PolicyProvenance = {}): Promise<void> {
  const tf = await initTf();
  const layout = weightLayout(policy.spec);
  const doc = policyDocument(policy, provenance, packageVersion());
  const model = buildModel(tf, layout);
  try {
    const values = model.weights.map((w) => {
      const slot = layout.slots.find((s) => s.name === w.originalName);
      if (!slot) throw new Error(`policy: the layers model has an unexpected weight ${w.originalName}`);
      return tf.tensor(policy.weights.subarray(slot.offset, slot.offset + slot.size), [...slot.shape]);
    });
    model.setWeights(values);
    for (const v of values) v.dispose();
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
        const modelJson = {
          format: artifacts.format ?? 'layers-model',
          generatedBy: artifacts.generatedBy,
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        };
        writeFolderAtomic(
          dir,
          {
            [POLICY_FILE]: `${JSON.stringify(doc, null, 1)}\n`,
            [MODEL_FILE]: `${JSON.stringify(modelJson)}\n`,
            [WEIGHTS_FILE]: new Uint8Array(weightData),
          },
          POLICY_FOLDER,
        );
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength } };
      }),
    );
  } finally {
    model.dispose();
  }
}

/** A policy rebuilt through TensorFlow.js, ready to resume training. */
export interface PolicyForTraining {
  document: PolicyDocument;
  weights: Float32Array;
}

/**
 * Rebuilds the saved layers model with TensorFlow.js (tf.loadLayersModel from the folder's
 * files) and reads its weights back into the flat layout, checking them against policy.json; the
 * result resumes a training (trainPpo's `start`). The plain reader (`loadPolicy`) checks the
 * folder first, so a bad folder gets the same one-line message either way.
 */
export async function loadPolicyForTraining(dir: string): Promise<PolicyForTraining> {
  const { document: doc, layout } = loadPolicy(dir);
  const tf = await initTf();
  const modelFile = join(dir, MODEL_FILE);
  const json = JSON.parse(readFileSync(modelFile, 'utf8')) as { modelTopology: TF.io.ModelArtifacts['modelTopology']; weightsManifest: { weights: TF.io.WeightsManifestEntry[] }[] };
  const weightsFile = join(dir, WEIGHTS_FILE);
  const problem = inputFileProblem(weightsFile, 'data');
  if (problem) throw new InputError(problem, weightsFile);
  const bytes = readFileSync(weightsFile);
  const handler: TF.io.IOHandler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    }),
  };
  let model: TF.LayersModel;
  try {
    model = await tf.loadLayersModel(handler);
  } catch (err) {
    throw new InputError(`not a loadable TensorFlow.js layers model: ${(err as Error).message.split('\n')[0]}`, modelFile);
  }
  try {
    const weights = new Float32Array(layout.size);
    const seen = new Set<string>();
    for (const w of model.weights) {
      const slot = layout.slots.find((s) => s.name === w.originalName);
      if (!slot || slot === layout.logStd || slot.size !== w.shape.reduce<number>((a, b) => a * (b ?? 1), 1))
        throw new InputError(`unexpected weight ${w.originalName} for the network policy.json describes`, modelFile);
      weights.set(w.read().dataSync() as Float32Array, slot.offset);
      seen.add(slot.name);
    }
    const missing = layout.slots.find((s) => s !== layout.logStd && !seen.has(s.name));
    if (missing) throw new InputError(`weight ${missing.name} is missing`, modelFile);
    if (layout.logStd) weights.set(doc.network.logStd!, layout.logStd.offset);
    return { document: doc, weights };
  } finally {
    model.dispose();
  }
}
