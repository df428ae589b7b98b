import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitLstm, loadLstm, type LstmOptions } from '../../src/models/lstm.js';
import { fitHybrid } from '../../src/models/hybrid.js';
import { simulateGarch } from '../../src/models/garch.js';
import { qlike } from '../../src/models/evaluate/losses.js';
import { Rng } from '../../src/util/rng.js';

// A tiny network: each fit takes a second or two on the wasm backend.
const TINY: LstmOptions = { seqLen: 10, units: 8, epochs: 10, batchSize: 64, patience: 3, seed: 1 };
const N_TRAIN = 1000;
const N_TEST = 500;

function garchSample(seed: number) {
  // GARCH(1,1), ω = 0.05, α = 0.10, β = 0.85: unconditional variance 1, persistence 0.95
  return simulateGarch({ mu: 0, omega: 0.05, alpha: 0.1, beta: 0.85 }, 'garch', 'normal', N_TRAIN + N_TEST, new Rng(seed));
}

function meanQlike(returns: Float64Array, h: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let t = from; t < to; t++) s += qlike(returns[t] * returns[t], h[t]);
  return s / (to - from);
}

test('on simulated GARCH data the LSTM beats a constant-variance forecast out of sample', async () => {
  const { returns, variance } = garchSample(1);
  const model = await fitLstm(returns.subarray(0, N_TRAIN), TINY);
  try {
    const h = model.predict(returns);
    assert.is(h.length, returns.length + 1);
    assert.ok(Number.isNaN(h[TINY.seqLen! - 1]) && h[TINY.seqLen!] > 0);
    let v = 0;
    for (let i = 0; i < N_TRAIN; i++) v += returns[i] * returns[i];
    v /= N_TRAIN;
    const lstm = meanQlike(returns, h, N_TRAIN, N_TRAIN + N_TEST);
    const constant = meanQlike(returns, new Float64Array(returns.length).fill(v), N_TRAIN, N_TRAIN + N_TEST);
    const oracle = meanQlike(returns, variance, N_TRAIN, N_TRAIN + N_TEST);
    // reference points: the constant training variance (no signal) and the true simulated
    // variance (the best possible forecast); the LSTM must land between them, clearly below
    // the constant (on 5 seeds tried while writing this the gap was 0.02 – 0.12)
    assert.ok(lstm < constant - 0.01, `LSTM QLIKE ${lstm} vs constant ${constant}`);
    assert.ok(oracle < lstm, `oracle ${oracle} vs LSTM ${lstm}`);
  } finally {
    model.dispose();
  }
});

test('smearing corrects the log bias: on i.i.d. N(0, 4) returns the forecasts average about 4', async () => {
  const rng = new Rng(101);
  const r = new Float64Array(N_TRAIN + 300);
  for (let i = 0; i < r.length; i++) r[i] = 2 * rng.normal();
  const model = await fitLstm(r.subarray(0, N_TRAIN), TINY); // targetWindow 5 (default)
  try {
    // closed form: for 5-day RV of Gaussian returns, log(RV/σ²) ~ log(χ²₅/5), whose mean is
    // ψ(5/2) − log(5/2) = 0.703157 − 0.916291 = −0.213134, so Duan's factor should be near
    // exp(0.213134) = 1.2375 (the 1 % floor moves it slightly).
    assert.ok(Math.abs(model.meta.smearing - 1.2375) < 0.08, `smearing ${model.meta.smearing}`);
    const h = model.predict(r);
    let s = 0;
    for (let t = N_TRAIN; t < r.length; t++) s += h[t];
    const avg = s / (r.length - N_TRAIN);
    // true variance 4; uncorrected exp(ŷ) would sit near 4 / 1.24 = 3.2
    assert.ok(Math.abs(avg - 4) < 0.3, `mean forecast ${avg}`);
  } finally {
    model.dispose();
  }
});

test('same seed gives identical forecasts; another seed does not', async () => {
  const { returns } = garchSample(2);
  const train = returns.subarray(0, 600);
  const opts = { ...TINY, epochs: 3 };
  const a = await fitLstm(train, { ...opts, seed: 7 });
  const b = await fitLstm(train, { ...opts, seed: 7 });
  const c = await fitLstm(train, { ...opts, seed: 8 });
  try {
    const pa = a.predict(returns);
    const pb = b.predict(returns);
    const pc = c.predict(returns);
    assert.equal(Array.from(pa), Array.from(pb));
    assert.not.equal(Array.from(pa.subarray(20)), Array.from(pc.subarray(20)));
  } finally {
    a.dispose();
    b.dispose();
    c.dispose();
  }
});

test('save and load round trip gives identical predictions (LSTM and hybrid)', async () => {
  const { returns } = garchSample(3);
  const train = returns.subarray(0, 600);
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-lstm-'));
  try {
    for (const [name, fit] of [
      ['lstm', () => fitLstm(train, { ...TINY, epochs: 2 })],
      ['hybrid', () => fitHybrid(train, { ...TINY, epochs: 2 })],
    ] as const) {
      const model = await fit();
      const path = join(dir, name);
      await model.save(path);
      const json = JSON.parse(readFileSync(join(path, 'model.json'), 'utf8'));
      assert.is(json.weightsManifest[0].paths[0], 'weights.bin');
      assert.is(json.aftershock.kind, name);
      const loaded = await loadLstm(path);
      try {
        assert.equal(Array.from(loaded.predict(returns)), Array.from(model.predict(returns)));
        assert.equal(loaded.meta, model.meta);
      } finally {
        model.dispose();
        loaded.dispose();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the hybrid carries the GARCH input and forecasts positive variances', async () => {
  const { returns } = garchSample(4);
  const model = await fitHybrid(returns.subarray(0, N_TRAIN), TINY);
  try {
    assert.is(model.meta.kind, 'hybrid');
    assert.is(model.meta.featureMean.length, 3);
    const g = model.meta.garch!;
    assert.is(g.model, 'garch');
    assert.ok(g.params.alpha > 0 && g.params.beta > 0 && g.initialVariance > 0);
    const h = model.predict(returns);
    for (let t = TINY.seqLen!; t < h.length; t++) assert.ok(h[t] > 0 && Number.isFinite(h[t]));
  } finally {
    model.dispose();
  }
});

test('bad options are refused', async () => {
  const r = new Float64Array(100).fill(1);
  await fitLstm(r, { seqLen: 0 }).then(
    () => assert.unreachable('accepted seqLen 0'),
    (e) => assert.instance(e, RangeError),
  );
  await fitLstm(new Float64Array(40).fill(1), { seqLen: 30 }).then(
    () => assert.unreachable('accepted too few returns'),
    (e) => assert.match(String(e), /training samples/),
  );
});

test.run();
