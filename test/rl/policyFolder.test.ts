/**
 * Policy folders: save → load gives identical actions (reference: the policy in memory before
 * saving, acting on the same observations), the layers model that TensorFlow.js rebuilds holds the
 * same weights, and bad or foreign folders are refused with one line, without touching them.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainPpo, type PpoResult } from '../../src/rl/train.js';
import { savePolicy, loadPolicyForTraining } from '../../src/rl/policy/layersModel.js';
import { loadPolicy, POLICY_FOLDER } from '../../src/rl/policy/policyFile.js';
import { ActingPolicy } from '../../src/rl/policy/actingPolicy.js';
import { InputError } from '../../src/util/errors.js';
import { checkOutputFolder } from '../../src/util/outputFolder.js';
import { Rng } from '../../src/util/rng.js';

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-policy-'));
let box: PpoResult;
let categorical: PpoResult;

test.before(async () => {
  box = await trainPpo({ env: 'identity-box', seed: 2, iterations: 1, config: { numSteps: 64, numMinibatches: 2, updateEpochs: 1 } });
  categorical = await trainPpo({ env: 'cartpole', seed: 2, iterations: 1, config: { numEnvs: 1, numSteps: 64, numMinibatches: 2, updateEpochs: 1 } });
});
test.after(() => rmSync(tmp, { recursive: true, force: true }));

function sameActions(a: ActingPolicy, b: ActingPolicy, size: number) {
  const rng = new Rng(4);
  for (let i = 0; i < 200; i++) {
    const o = Float32Array.from({ length: size }, () => 2 * rng.normal());
    assert.equal(b.decide(o), a.decide(o));
    assert.is(b.value(o), a.value(o));
    assert.equal(b.sample(o, new Rng(i)), a.sample(o, new Rng(i)));
  }
}

test('a saved box policy (with normalisation) acts exactly as before saving', async () => {
  const dir = join(tmp, 'box');
  await savePolicy(dir, box, { scenarioHash: 'abc', commit: 'def' });
  const loaded = loadPolicy(dir);
  assert.equal(loaded.weights, box.weights);
  assert.equal(loaded.normalization, box.normalization);
  assert.is(loaded.document.scenarioHash, 'abc');
  assert.is(loaded.document.iterations, 1);
  assert.equal(loaded.document.observationNames, ['target']);
  sameActions(new ActingPolicy(box), new ActingPolicy(loaded), 1);
  const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  assert.is(model.format, 'layers-model');
  assert.equal(model.weightsManifest[0].weights.map((w: { name: string }) => w.name).sort(), [
    'actor_hidden_1/bias',
    'actor_hidden_1/kernel',
    'actor_hidden_2/bias',
    'actor_hidden_2/kernel',
    'actor_out/bias',
    'actor_out/kernel',
    'critic_hidden_1/bias',
    'critic_hidden_1/kernel',
    'critic_hidden_2/bias',
    'critic_hidden_2/kernel',
    'critic_out/bias',
    'critic_out/kernel',
  ]);
});

test('a saved categorical policy acts exactly as before; TensorFlow.js rebuilds the same weights for further training', async () => {
  const dir = join(tmp, 'cartpole');
  await savePolicy(dir, categorical);
  const loaded = loadPolicy(dir);
  sameActions(new ActingPolicy(categorical), new ActingPolicy(loaded), 4);
  const again = await loadPolicyForTraining(dir);
  assert.equal(again.weights, categorical.weights);
  // resuming continues the iteration count
  const resumed = await trainPpo({
    env: 'cartpole',
    seed: 2,
    iterations: 1,
    config: again.document.hyperparameters,
    start: { weights: again.weights, normalization: again.document.normalization, iterations: 1, steps: 64 },
  });
  assert.is(resumed.iterations, 2);
  assert.is(resumed.curve[0].iteration, 2);
  // saving again replaces the policy folder (it is ours)
  await savePolicy(dir, resumed);
  assert.is(loadPolicy(dir).document.iterations, 2);
});

const refused = (fn: () => unknown, pattern: RegExp) => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InputError, `InputError, got ${(e as Error).name}: ${(e as Error).message}`);
    const line = (e as InputError).oneLine();
    assert.not.match(line, /\n/);
    assert.match(line, pattern);
    return;
  }
  assert.unreachable('expected an InputError');
};

test('bad or foreign folders: one line naming the file (and field)', async () => {
  refused(() => loadPolicy(join(tmp, 'nothing-here')), /policy\.json: not an Aftershock policy folder \(policy\.json not found\)/);
  const foreign = join(tmp, 'foreign');
  mkdirSync(foreign);
  writeFileSync(join(foreign, 'policy.json'), JSON.stringify({ format: 'something-else' }));
  refused(() => loadPolicy(foreign), /policy\.json format: not an Aftershock policy/);
  const good = join(tmp, 'box');
  const broken = join(tmp, 'broken');
  mkdirSync(broken);
  const doc = JSON.parse(readFileSync(join(good, 'policy.json'), 'utf8'));
  for (const f of ['model.json', 'weights.bin']) writeFileSync(join(broken, f), readFileSync(join(good, f)));
  writeFileSync(join(broken, 'policy.json'), JSON.stringify({ ...doc, network: { ...doc.network, hiddenSizes: [32, 64] } }));
  refused(() => loadPolicy(broken), /model\.json weightsManifest\[0\]\.weights\[0\]\.shape: expected shape \[1, 32\] for actor_hidden_1\/kernel, got \[1, 64\]/);
  writeFileSync(join(broken, 'policy.json'), JSON.stringify({ ...doc, observationNames: 'target' }));
  refused(() => loadPolicy(broken), /policy\.json observationNames: expected array/);
  writeFileSync(join(broken, 'policy.json'), JSON.stringify(doc));
  writeFileSync(join(broken, 'weights.bin'), new Uint8Array(12));
  refused(() => loadPolicy(broken), /weights\.bin: expected \d+ bytes/);
  writeFileSync(join(broken, 'model.json'), '{"modelTopology": ');
  refused(() => loadPolicy(broken), /model\.json: expected JSON/);
});

test('saving refuses a folder that is not an Aftershock policy, and leaves it untouched', async () => {
  const theirs = join(tmp, 'theirs');
  mkdirSync(theirs);
  writeFileSync(join(theirs, 'notes.txt'), 'mine');
  await savePolicy(theirs, box).then(
    () => assert.unreachable('should refuse'),
    (e: Error) => assert.match(e.message, /is not an Aftershock policy folder/),
  );
  assert.is(readFileSync(join(theirs, 'notes.txt'), 'utf8'), 'mine');
  assert.not.ok(existsSync(join(theirs, 'policy.json')));
  // a policy folder with a file the tool did not write is not replaced either
  writeFileSync(join(tmp, 'box', 'extra.txt'), 'x');
  assert.throws(() => checkOutputFolder(join(tmp, 'box'), POLICY_FOLDER, '--out'), /holds files Aftershock did not write \(extra\.txt\)/);
});

test.run();
