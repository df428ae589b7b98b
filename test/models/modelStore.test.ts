import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitGarch, garchForecast, simulateGarch, type GarchFit } from '../../src/models/garch.js';
import { fitEwma } from '../../src/models/ewma.js';
import { loadModel, saveModel } from '../../src/models/modelStore.js';
import { InputError } from '../../src/util/errors.js';
import { Rng } from '../../src/util/rng.js';

const dir = mkdtempSync(join(tmpdir(), 'aftershock-models-'));
const returns = simulateGarch({ mu: 0, omega: 0.1, alpha: 0.1, beta: 0.8, gamma: 0.1, nu: 6 }, 'gjr', 't', 800, new Rng(3)).returns;

test('a GJR-t fit saved to a folder loads back identical, and forecasts the same', () => {
  const fit = fitGarch(returns, { model: 'gjr', dist: 't' });
  saveModel(join(dir, 'gjr'), fit);
  const back = loadModel(join(dir, 'gjr')) as GarchFit;
  assert.equal(back.params, fit.params);
  assert.equal(back.stderr, fit.stderr);
  assert.is(back.loglik, fit.loglik);
  assert.equal(Array.from(back.condVariance), Array.from(fit.condVariance));
  assert.equal(Array.from(garchForecast(back, 10)), Array.from(garchForecast(fit, 10)));
});

test('an EWMA fit round-trips too; saving again replaces the folder', () => {
  const e = fitEwma(returns, { lambda: 0.97 });
  saveModel(join(dir, 'm'), fitGarch(returns));
  saveModel(join(dir, 'm'), e);
  const back = loadModel(join(dir, 'm'));
  assert.is(back.model, 'ewma');
  assert.is(back.nextVariance, e.nextVariance);
});

test('loading from a folder without a model, or with a foreign model.json, is an InputError', () => {
  assert.throws(
    () => loadModel(join(dir, 'nothing')),
    (e: unknown) => e instanceof InputError && /not found/.test((e as Error).message),
  );
  mkdirSync(join(dir, 'foreign'));
  writeFileSync(join(dir, 'foreign', 'model.json'), JSON.stringify({ modelTopology: {} }));
  assert.throws(
    () => loadModel(join(dir, 'foreign')),
    (e: unknown) => e instanceof InputError && /not an Aftershock volatility model/.test((e as Error).message),
  );
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
