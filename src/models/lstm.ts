/**
 * An LSTM forecaster of next-period variance from past returns.
 *
 * Network: LSTM (Hochreiter & Schmidhuber 1997) over the last `seqLen` days, then one linear unit.
 * Inputs at each day s (standardised with the training window's means and deviations):
 *   log(r_s² + f), the log squared return with a small floor f = 1 % of the training mean r²
 *   (so that zero returns stay finite); r_s / RMS(r), the signed return (lets the network learn
 *   the leverage effect); and, for the hybrid model only, log σ²_{s+1|s} from a GARCH(1,1) fitted
 *   on the training window (see hybrid.ts).
 * Target: the log realised variance over the next k = `targetWindow` days,
 *   y_s = log( (1/k) Σ_{j=1..k} r²_{s+j} + f ),
 * i.e. the proxy is the squared daily return averaged over k days (k = 1: the log squared
 * return). Averaging k days lowers the proxy's noise (the log of a single squared normal has
 * variance π²/2 ≈ 4.93) at the cost of aiming at a k-day mean rather than exactly day s+1; with
 * persistent volatility the two differ little. Loss: mean squared error of y (standardised).
 *
 * Bias correction: exp(E[log RV]) < E[RV] (Jensen), so exp(ŷ) alone underpredicts variance. We
 * use Duan's (1983) smearing estimator, which assumes nothing about the error distribution:
 *   σ̂²_{s+1} = c · exp(ŷ_s) − f,   c = (1/m) Σ exp(y_i − ŷ_i) over the m training samples.
 * (For Gaussian returns and k = 1, c would be close to exp(γ + log 2) ≈ 3.56, the reciprocal of
 * exp(E[log χ²₁]); smearing estimates it from the data instead.)
 *
 * Training: Adam, mini-batches in an order drawn from the project Rng, the last
 * `validationFraction` of the samples (chronologically) held out for early stopping, and the
 * weights of the best validation epoch kept. Every initialiser is seeded from `seed`, so with the
 * single-threaded wasm backend the same data and seed give bit-identical forecasts.
 *
 * Saved as `model.json` (Keras-style topology, weights manifest, and this model's own settings
 * under `aftershock`) + `weights.bin`, written through `tf.io.withSaveHandler` and read back through
 * a custom IOHandler, so neither needs tfjs-node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as TF from '@tensorflow/tfjs';
import { initTf } from './tf.js';
import { Rng, deriveSeed } from '../util/rng.js';
import { writeFolderAtomic } from '../util/atomicWrite.js';
import { SAVED_MODEL_FOLDER } from './modelStore.js';
import { garchVariancePath } from './garchPath.js';
import type { GarchModel, GarchParams } from './garch.js';

export interface LstmOptions {
  /** Days of history the network reads for each forecast (default 30). */
  seqLen?: number;
  /** LSTM units (default 16). */
  units?: number;
  /** Days averaged in the realised-variance target (default 5). */
  targetWindow?: number;
  /** Maximum training epochs (default 40). */
  epochs?: number;
  /** Epochs without a better validation loss before stopping (default 6). */
  patience?: number;
  /** Mini-batch size (default 128). */
  batchSize?: number;
  /** Adam learning rate (default 0.003). */
  learningRate?: number;
  /** Share of the most recent samples held out for early stopping (default 0.2; 0 disables it). */
  validationFraction?: number;
  /** Seed of every initialiser and of the batch order (default 1). */
  seed?: number;
  /** Called after every epoch (progress reporting). */
  onEpoch?: (epoch: number, trainLoss: number, valLoss: number) => void;
}

/** GARCH settings carried by a hybrid model to rebuild its extra input on new data. */
export interface HybridGarch {
  model: GarchModel;
  params: GarchParams;
  /** σ²_0 of the training window (its mean squared residual), where the recursion starts. */
  initialVariance: number;
}

/** Everything besides the weights that a fitted model needs to forecast (stored in model.json). */
export interface LstmMeta {
  kind: 'lstm' | 'hybrid';
  version: 1;
  seqLen: number;
  units: number;
  targetWindow: number;
  /** Floor f added to squared returns before taking logs (percentage² units). */
  floor: number;
  /** RMS of the training returns (scales the signed-return input). */
  returnScale: number;
  featureMean: number[];
  featureStd: number[];
  targetMean: number;
  targetStd: number;
  /** Duan smearing factor c. */
  smearing: number;
  seed: number;
  trainSamples: number;
  epochsRun: number;
  bestEpoch: number;
  bestValLoss: number;
  garch?: HybridGarch;
}

const FILE_MODEL = 'model.json';
const FILE_WEIGHTS = 'weights.bin';

function resolveOptions(o: LstmOptions) {
  const r = {
    seqLen: o.seqLen ?? 30,
    units: o.units ?? 16,
    targetWindow: o.targetWindow ?? 5,
    epochs: o.epochs ?? 40,
    patience: o.patience ?? 6,
    batchSize: o.batchSize ?? 128,
    learningRate: o.learningRate ?? 0.003,
    validationFraction: o.validationFraction ?? 0.2,
    seed: o.seed ?? 1,
  };
  const posInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`LSTM option ${name} must be a positive integer, got ${v}`);
  };
  posInt('seqLen', r.seqLen);
  posInt('units', r.units);
  posInt('targetWindow', r.targetWindow);
  posInt('epochs', r.epochs);
  posInt('patience', r.patience);
  posInt('batchSize', r.batchSize);
  if (!(r.learningRate > 0)) throw new RangeError(`LSTM option learningRate must be > 0, got ${r.learningRate}`);
  if (!(r.validationFraction >= 0 && r.validationFraction < 0.9)) throw new RangeError(`LSTM option validationFraction must be in [0, 0.9), got ${r.validationFraction}`);
  if (!Number.isFinite(r.seed)) throw new RangeError(`LSTM option seed must be a finite number, got ${r.seed}`);
  return r;
}

function featureCount(meta: Pick<LstmMeta, 'garch'>): number {
  return meta.garch ? 3 : 2;
}

/** Unstandardised inputs for every day s, feature-major: out[f][s]. */
function rawFeatures(returns: Float64Array, meta: Pick<LstmMeta, 'floor' | 'returnScale' | 'garch'>): Float64Array[] {
  const n = returns.length;
  const logSq = new Float64Array(n);
  const signed = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const r = returns[s];
    logSq[s] = Math.log(r * r + meta.floor);
    signed[s] = r / meta.returnScale;
  }
  const out = [logSq, signed];
  if (meta.garch) {
    const g = meta.garch;
    const path = garchVariancePath(returns, g.params, g.model, g.initialVariance);
    const logH = new Float64Array(n);
    for (let s = 0; s < n; s++) logH[s] = Math.log(path[s + 1]); // σ²_{s+1|s}: known at the end of day s
    out.push(logH);
  }
  return out;
}

/** Windows [s−L+1 .. s] of standardised features for s = first..last, as a [count, L, F] float32 buffer. */
function windows(features: Float64Array[], meta: Pick<LstmMeta, 'seqLen' | 'featureMean' | 'featureStd'>, first: number, last: number): Float32Array {
  const L = meta.seqLen;
  const F = features.length;
  const count = last - first + 1;
  const buf = new Float32Array(count * L * F);
  let k = 0;
  for (let s = first; s <= last; s++) {
    for (let j = s - L + 1; j <= s; j++) {
      for (let f = 0; f < F; f++) buf[k++] = (features[f][j] - meta.featureMean[f]) / meta.featureStd[f];
    }
  }
  return buf;
}

function meanStd(x: Float64Array, from: number, to: number): [number, number] {
  let m = 0;
  for (let i = from; i < to; i++) m += x[i];
  m /= to - from;
  let v = 0;
  for (let i = from; i < to; i++) v += (x[i] - m) * (x[i] - m);
  const sd = Math.sqrt(v / (to - from));
  return [m, sd > 1e-12 ? sd : 1];
}

function buildNetwork(tf: typeof TF, seqLen: number, features: number, units: number, seed: number): TF.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.lstm({
      units,
      inputShape: [seqLen, features],
      kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 1) }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: deriveSeed(seed, 2) }),
      biasInitializer: 'zeros',
      unitForgetBias: true,
    }),
  );
  model.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, 3) }), biasInitializer: 'zeros' }));
  return model;
}

/** Makes an LstmModel: the constructor is private so that tfjs's types stay out of the library's declarations. */
let wrap: (network: TF.LayersModel, meta: LstmMeta, tf: typeof TF) => LstmModel;

/**
 * A fitted LSTM (or hybrid) variance forecaster, from `fitLstm`, `fitHybrid` or `loadLstm`. Call
 * `dispose()` when done to free its weights. The network itself is private: importing the library
 * must not pull TensorFlow.js's typings (they need the DOM library) into a user's type check.
 */
export class LstmModel {
  static {
    wrap = (network, meta, tf) => new LstmModel(network, meta, tf);
  }

  private constructor(
    private readonly network: TF.LayersModel,
    readonly meta: LstmMeta,
    private readonly tf: typeof TF,
  ) {}

  /**
   * One-step variance forecasts along `returns` (percentage returns, the same units as training):
   * element t (0 ≤ t ≤ n) is the forecast of the variance of r_t made with r_0..r_{t−1}, so the
   * last element is the forecast for the day after the data. Elements t < seqLen are NaN (not
   * enough history). For a hybrid model the GARCH input restarts at the training window's σ²_0,
   * so pass the series from the start of the training window for forecasts that match fitting.
   */
  predict(returns: Float64Array): Float64Array {
    const n = returns.length;
    const L = this.meta.seqLen;
    const out = new Float64Array(n + 1).fill(NaN);
    if (n < L) return out;
    const F = featureCount(this.meta);
    const feats = rawFeatures(returns, this.meta);
    const buf = windows(feats, this.meta, L - 1, n - 1);
    const count = n - L + 1;
    const tf = this.tf;
    const yhat = tf.tidy(() => {
      const x = tf.tensor3d(buf, [count, L, F]);
      return (this.network.predict(x, { batchSize: 512 }) as TF.Tensor).dataSync() as Float32Array;
    });
    const { targetMean, targetStd, smearing, floor } = this.meta;
    for (let i = 0; i < count; i++) {
      const v = smearing * Math.exp(yhat[i] * targetStd + targetMean) - floor;
      out[L + i] = Math.max(v, 1e-3 * floor);
    }
    return out;
  }

  /** The forecast of next-period variance after the last return. */
  forecast(returns: Float64Array): number {
    const p = this.predict(returns);
    return p[p.length - 1];
  }

  /** Writes `model.json` and `weights.bin` into `dir` (atomically, replacing the folder). */
  async save(dir: string): Promise<void> {
    const tf = this.tf;
    const meta = this.meta;
    await this.network.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
        const modelJson = {
          format: artifacts.format ?? 'layers-model',
          generatedBy: artifacts.generatedBy,
          convertedBy: null,
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [FILE_WEIGHTS], weights: artifacts.weightSpecs ?? [] }],
          aftershock: meta,
        };
        writeFolderAtomic(
          dir,
          {
            [FILE_MODEL]: `${JSON.stringify(modelJson, null, 1)}\n`,
            [FILE_WEIGHTS]: new Uint8Array(weightData),
          },
          SAVED_MODEL_FOLDER,
        );
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength } };
      }),
    );
  }

  dispose(): void {
    this.network.dispose();
  }
}

/** Loads a model written by `LstmModel.save` (plain LSTM or hybrid). */
export async function loadLstm(dir: string): Promise<LstmModel> {
  const tf = await initTf();
  let json: {
    modelTopology: TF.io.ModelArtifacts['modelTopology'];
    weightsManifest: { paths: string[]; weights: TF.io.WeightsManifestEntry[] }[];
    aftershock?: LstmMeta;
  };
  try {
    json = JSON.parse(readFileSync(join(dir, FILE_MODEL), 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${join(dir, FILE_MODEL)}: ${(err as Error).message}`);
  }
  if (json.aftershock?.version !== 1) throw new Error(`${join(dir, FILE_MODEL)} is not an Aftershock LSTM model (no "aftershock" settings of version 1)`);
  const bytes = readFileSync(join(dir, FILE_WEIGHTS));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const handler: TF.io.IOHandler = {
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData,
    }),
  };
  const network = await tf.loadLayersModel(handler);
  return wrap(network, json.aftershock, tf);
}

/**
 * Shared training routine of the LSTM and the hybrid: `garch` adds the GARCH input.
 * @internal use fitLstm or fitHybrid
 */
export async function fitVolNetwork(returns: Float64Array, opts: LstmOptions, garch?: HybridGarch): Promise<LstmModel> {
  const tf = await initTf();
  const o = resolveOptions(opts);
  const n = returns.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(returns[i])) throw new RangeError(`LSTM: return ${i} is not finite (${returns[i]})`);
  const L = o.seqLen;
  const k = o.targetWindow;
  const m = n - k - L + 1; // samples s = L−1 .. n−1−k
  const minSamples = 50;
  if (m < minSamples) throw new RangeError(`LSTM: ${n} returns give ${m} training samples with seqLen ${L} and targetWindow ${k}; need at least ${minSamples}`);

  let ms = 0;
  for (let i = 0; i < n; i++) ms += returns[i] * returns[i];
  ms /= n;
  if (!(ms > 0)) throw new RangeError('LSTM: the returns are all zero');
  const floor = 0.01 * ms;
  const partial = { floor, returnScale: Math.sqrt(ms), garch };
  const feats = rawFeatures(returns, partial);
  const F = feats.length;
  const featureMean: number[] = [];
  const featureStd: number[] = [];
  for (const f of feats) {
    const [mu, sd] = meanStd(f, 0, n);
    featureMean.push(mu);
    featureStd.push(sd);
  }
  // log realised-variance target of each sample: running sum of r² over the next k days
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const s = L - 1 + i;
    let rv = 0;
    for (let j = 1; j <= k; j++) rv += returns[s + j] * returns[s + j];
    y[i] = Math.log(rv / k + floor);
  }
  const [targetMean, targetStd] = meanStd(y, 0, m);
  const meta: LstmMeta = {
    kind: garch ? 'hybrid' : 'lstm',
    version: 1,
    seqLen: L,
    units: o.units,
    targetWindow: k,
    floor,
    returnScale: Math.sqrt(ms),
    featureMean,
    featureStd,
    targetMean,
    targetStd,
    smearing: 1,
    seed: o.seed,
    trainSamples: m,
    epochsRun: 0,
    bestEpoch: 0,
    bestValLoss: NaN,
    ...(garch ? { garch } : {}),
  };
  const xAll = windows(feats, meta, L - 1, L - 1 + m - 1);
  const yStd = new Float32Array(m);
  for (let i = 0; i < m; i++) yStd[i] = (y[i] - targetMean) / targetStd;

  const nVal = o.validationFraction > 0 ? Math.max(1, Math.floor(m * o.validationFraction)) : 0;
  const nTrain = m - nVal;
  const network = buildNetwork(tf, L, F, o.units, o.seed);
  network.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'meanSquaredError' });

  const stride = L * F;
  const xTrainBuf = new Float32Array(nTrain * stride);
  const yTrainBuf = new Float32Array(nTrain);
  const order = Array.from({ length: nTrain }, (_, i) => i);
  const rng = new Rng(deriveSeed(o.seed, 4));
  const xVal = nVal > 0 ? tf.tensor3d(xAll.subarray(nTrain * stride), [nVal, L, F]) : undefined;
  const yVal = nVal > 0 ? tf.tensor2d(yStd.subarray(nTrain), [nVal, 1]) : undefined;

  let best: TF.Tensor[] | undefined;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let epochsRun = 0;
  let sinceBest = 0;
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      // our own shuffle (tfjs's own is unseeded): permute the training samples for this epoch
      rng.shuffle(order);
      for (let i = 0; i < nTrain; i++) {
        const src = order[i];
        xTrainBuf.set(xAll.subarray(src * stride, (src + 1) * stride), i * stride);
        yTrainBuf[i] = yStd[src];
      }
      const xs = tf.tensor3d(xTrainBuf, [nTrain, L, F]);
      const ys = tf.tensor2d(yTrainBuf, [nTrain, 1]);
      let trainLoss: number;
      try {
        const h = await network.fit(xs, ys, { epochs: 1, batchSize: o.batchSize, shuffle: false, verbose: 0 });
        trainLoss = Number(h.history.loss[0]);
      } finally {
        xs.dispose();
        ys.dispose();
      }
      epochsRun = epoch;
      let valLoss = trainLoss;
      if (xVal && yVal) {
        valLoss = tf.tidy(() => (network.evaluate(xVal, yVal, { batchSize: 512 }) as TF.Scalar).dataSync()[0]);
      }
      opts.onEpoch?.(epoch, trainLoss, valLoss);
      if (valLoss < bestLoss) {
        bestLoss = valLoss;
        bestEpoch = epoch;
        sinceBest = 0;
        best?.forEach((t) => t.dispose());
        best = network.getWeights().map((w) => w.clone());
      } else if (++sinceBest >= o.patience) {
        break;
      }
    }
    if (best) network.setWeights(best);
  } finally {
    best?.forEach((t) => t.dispose());
    xVal?.dispose();
    yVal?.dispose();
  }
  meta.epochsRun = epochsRun;
  meta.bestEpoch = bestEpoch;
  meta.bestValLoss = bestLoss;

  // Duan smearing over all samples: c = mean exp(y − ŷ)
  const yhat = tf.tidy(() => (network.predict(tf.tensor3d(xAll, [m, L, F]), { batchSize: 512 }) as TF.Tensor).dataSync() as Float32Array);
  let c = 0;
  for (let i = 0; i < m; i++) c += Math.exp(y[i] - (yhat[i] * targetStd + targetMean));
  meta.smearing = c / m;
  return wrap(network, meta, tf);
}

/** Fits the LSTM forecaster on percentage returns (e.g. `toReturns(prices)`). */
export function fitLstm(returns: Float64Array, opts: LstmOptions = {}): Promise<LstmModel> {
  return fitVolNetwork(returns, opts);
}
