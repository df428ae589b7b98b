/**
 * CartPole-v1 and the environment checker.
 * References: one Euler step from rest worked by hand from Barto, Sutton & Anderson's equations
 * with Gymnasium's constants (F = 10, total mass 1.1, pole m·l = 0.05, l = 0.5): θ̈ = −600/41,
 * ẍ = 4400/451, so after τ = 0.02 s ẋ = 88/451 and θ̇ = −12/41 with x and θ still 0; mirror
 * symmetry of the two pushes; the failure thresholds (12°, 2.4); the 500-step limit, reached by a
 * hand-written balancing rule; Gymnasium's env_checker rules, which a broken environment must fail.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkEnv } from '../../src/rl/checkEnv.js';
import { CartPole } from '../../src/rl/envs/cartPole.js';
import { makeEnv } from '../../src/rl/envs/registry.js';
import type { Env, StepResult } from '../../src/rl/env.js';
import { box, discrete } from '../../src/rl/spaces.js';
import { Rng } from '../../src/util/rng.js';

const f = Math.fround;

test('one step from rest pushing right, worked by hand', () => {
  const env = new CartPole();
  const r0 = env.reset({ seed: 1, options: { low: 0, high: 0 } });
  assert.equal(Array.from(r0.observation), [0, 0, 0, 0]);
  const r = env.step(1);
  assert.equal(Array.from(r.observation), [0, f(88 / 451), 0, f(-12 / 41)]);
  assert.is(r.reward, 1);
  assert.is(r.terminated, false);
  const mirrored = new CartPole();
  mirrored.reset({ options: { low: 0, high: 0 } });
  assert.equal(Array.from(mirrored.step(0).observation), [0, f(-88 / 451), 0, f(12 / 41)]);
});

test('the second step moves positions with the first step’s velocities (explicit Euler)', () => {
  const env = new CartPole();
  env.reset({ options: { low: 0, high: 0 } });
  env.step(1);
  const o = env.step(1).observation;
  assert.ok(Math.abs(o[0] - 0.02 * (88 / 451)) < 1e-8, `x ${o[0]}`);
  assert.ok(Math.abs(o[2] - 0.02 * (-12 / 41)) < 1e-8, `θ ${o[2]}`);
});

test('terminates once the pole passes 12° or the cart 2.4, and not before', () => {
  const env = new CartPole();
  env.reset({ seed: 3 });
  let last: StepResult | undefined;
  let steps = 0;
  do {
    last = env.step(1);
    steps++;
    const [x, , theta] = last.observation;
    const out = Math.abs(x) > 2.4 || Math.abs(theta) > (12 * Math.PI) / 180;
    assert.is(last.terminated, out, `step ${steps}: x ${x}, θ ${theta}`);
  } while (!last.terminated && steps < 200);
  assert.ok(last.terminated && steps < 50, `pushing one way ends an episode quickly (${steps} steps)`);
  assert.throws(() => env.step(1), /finished episode/);
});

test('a balancing rule lasts until the 500-step limit, which truncates (not terminates)', () => {
  const env = makeEnv('cartpole');
  let { observation: o } = env.reset({ seed: 4 });
  let r: StepResult;
  let steps = 0;
  let total = 0;
  do {
    // push toward where the pole is falling, with a little cart-centring
    r = env.step(o[2] + 0.5 * o[3] + 0.01 * o[0] + 0.1 * o[1] > 0 ? 1 : 0);
    o = r.observation;
    total += r.reward;
    steps++;
  } while (!r.terminated && !r.truncated);
  assert.is(steps, 500);
  assert.is(total, 500);
  assert.ok(r.truncated && !r.terminated);
  assert.is(makeEnv('cartpole', { maxEpisodeSteps: 7 }) instanceof Object, true);
});

test('checkEnv passes CartPole and the registered test environments', () => {
  assert.ok(checkEnv(makeEnv('cartpole')) > 0);
  assert.ok(checkEnv(makeEnv('identity')) > 0);
  assert.ok(checkEnv(makeEnv('identity-box')) > 0);
  assert.ok(checkEnv(makeEnv('chain')) > 0);
  assert.ok(checkEnv(makeEnv('infinite-horizon'), { deterministicAcrossSeeds: true }) > 0);
});

/** CartPole with one fault injected. */
class Broken implements Env {
  readonly observationSpace = box(-1, 1, 2);
  readonly actionSpace = discrete(2);
  readonly observationNames = ['a', 'b'];
  private rng = new Rng(0);
  private own = new Rng(0);
  private calls = 0;
  constructor(private readonly fault: 'unseeded' | 'outside') {}
  reset(args: { seed?: number } = {}) {
    if (args.seed !== undefined) this.rng = new Rng(args.seed);
    return { observation: Float32Array.of(this.rng.uniform(), 0), info: {} };
  }
  step(): StepResult {
    this.calls++;
    // 'unseeded' draws from a stream that the seed does not reset; 'outside' leaves the box at step 3
    const x = this.fault === 'unseeded' ? this.own.uniform() : this.rng.uniform();
    return { observation: Float32Array.of(x, this.fault === 'outside' && this.calls % 5 === 3 ? 2 : 0), reward: 1, terminated: false, truncated: false, info: {} };
  }
}

test('checkEnv fails an environment whose trajectory the seed does not fix', () => {
  assert.throws(() => checkEnv(new Broken('unseeded')), /same seed gave two trajectories/);
});

test('checkEnv fails an environment whose observation leaves its space', () => {
  assert.throws(() => checkEnv(new Broken('outside')), /outside the observation space \(value 1 "b" = 2\)/);
});

test('unknown environments and settings are refused with one line naming the field', () => {
  assert.throws(
    () => makeEnv('pendulum'),
    (e: Error) => e.name === 'InputError' && /expected one of collateral-policy, liquidator, trader, cartpole/.test(e.message),
  );
  assert.throws(
    () => makeEnv('cartpole', { maxSteps: 3 }),
    (e: Error & { field?: string }) => e.field === 'env.cartpole.maxSteps',
  );
  assert.throws(
    () => makeEnv('cartpole', { maxEpisodeSteps: 0 }),
    (e: Error & { field?: string }) => e.field === 'env.cartpole.maxEpisodeSteps' && /positive integer/.test(e.message),
  );
});

test.run();
