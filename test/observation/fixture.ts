/**
 * The hand-workable world of test/fixtures/scenarios/observation.yaml (see its header): built,
 * stepped a given number of times, and read through an observation of the given features.
 */
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { buildWorld, type World } from '../../src/sim/world.js';
import { step } from '../../src/sim/step.js';
import { buildObservation } from '../../src/observation/observation.js';
import type { FeatureSpecInput } from '../../src/observation/spec.js';
import { InputError } from '../../src/util/errors.js';
import { createAgent } from '../../agents/index.js';

export const FIXTURE = 'test/fixtures/scenarios/observation.yaml';

/** The fixture's world after `steps` completed steps (view.step = steps). */
export function worldAfter(steps: number, overrides: string[] = [], file = FIXTURE): World {
  const w = buildWorld(loadScenario(file, overrides), { createAgent });
  for (let s = 0; s < steps; s++) step(w);
  return w;
}

/** The values the features write, read from `w` as it stands. */
export function read(w: World, ...specs: FeatureSpecInput[]): number[] {
  const obs = buildObservation(specs, w);
  const out = new Float32Array(obs.size);
  obs.read(w.view, out);
  return Array.from(out);
}

/** The single value of one feature. */
export function readOne(w: World, spec: FeatureSpecInput): number {
  const values = read(w, spec);
  if (values.length !== 1) throw new Error(`expected one value, got ${values.length}`);
  return values[0];
}

/** Float32 holds about 7 significant digits: compare relatively, or absolutely near zero. */
export function close(actual: number, expected: number, rel = 1e-6, abs = 1e-9): boolean {
  return Math.abs(actual - expected) <= Math.max(abs, rel * Math.abs(expected));
}

export function assertClose(actual: number, expected: number, what: string, rel = 1e-6, abs = 1e-9): void {
  assert.ok(close(actual, expected, rel, abs), `${what}: got ${actual}, expected ${expected}`);
}

/** The one line an `InputError` thrown by `fn` shows the user (fails if `fn` throws nothing or something else). */
export function inputErrorLine(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.oneLine();
    throw e;
  }
  assert.unreachable('expected an InputError, but nothing was thrown');
  return '';
}
