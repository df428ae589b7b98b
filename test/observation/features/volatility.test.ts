/**
 * Volatility features against values worked by hand. In the fixture ETH's reference price makes
 * percent log returns 1, −1, 2 over steps 0–3, so after 4 steps (view.step = 4) a window of three
 * steps holds exactly those returns. Annualising a per-step variance v (percent², dt = 60 s):
 * √(v / 10⁴ · 525600), 525,600 being the one-minute steps in a 365-day year.
 *
 * EWMA, λ = 0.94, started at the mean square (1 + 1 + 4)/3 = 2:
 *   after 1: 0.94·2 + 0.06·1 = 1.94; after −1: 0.94·1.94 + 0.06 = 1.8836;
 *   after 2: 0.94·1.8836 + 0.06·4 = 2.010584.
 * GARCH(1,1), ω = 0.1, α = 0.1, β = 0.8, μ = 0, started at ω + (α + β)·2 = 1.9:
 *   h₁ = 0.1 + 0.1·1 + 0.8·1.9 = 1.72; h₂ = 0.1 + 0.1·1 + 0.8·1.72 = 1.576;
 *   next = 0.1 + 0.1·4 + 0.8·1.576 = 1.7608.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, inputErrorLine, read, readOne, worldAfter } from '../fixture.js';
import { buildObservation } from '../../../src/observation/observation.js';
import { step } from '../../../src/sim/step.js';

const annual = (v: number) => Math.sqrt((v / 1e4) * 525600);
const ewma = (window: string | number, lambda?: number) => ({ feature: 'ewma-volatility' as const, asset: 'ETH', window, lambda });

test('EWMA of the three returns 1, −1, 2 (worked by hand above)', () => {
  const w = worldAfter(4);
  assertClose(readOne(w, ewma('3m')), annual(2.010584), 'λ 0.94');
  // λ = 0.5 from 2: 1.5, 1.25, 0.5·1.25 + 0.5·4 = 2.625
  assertClose(readOne(w, ewma('3m', 0.5)), annual(2.625), 'λ 0.5');
  // a window longer than the history takes what there is
  assertClose(readOne(w, ewma('1d')), annual(2.010584), 'window 1d');
  // two steps: returns −1, 2 from their mean square 2.5: 0.94·2.5 + 0.06 = 2.41, 0.94·2.41 + 0.24 = 2.5054
  assertClose(readOne(w, ewma('2m')), annual(2.5054), 'window 2 steps');
});

test('EWMA before there are returns is 0; with one return r it is |r|', () => {
  assert.is(readOne(worldAfter(0), ewma('1h')), 0);
  assert.is(readOne(worldAfter(1), ewma('1h')), 0);
  // one return of 1 %: started at 1, 0.94·1 + 0.06·1 = 1
  assertClose(readOne(worldAfter(2), ewma('1h')), annual(1), 'one return');
});

test('volatility of an oracle or a venue price reads that price: the reference-fed oracle gives the same, the untraded pool 0', () => {
  const w = worldAfter(4);
  assertClose(readOne(w, { feature: 'ewma-volatility', oracle: 'eth-usd', window: '3m' }), annual(2.010584), 'oracle');
  assert.is(readOne(w, { feature: 'ewma-volatility', venue: 'eth-usdc-pool', window: '3m' }), 0);
  assert.is(readOne(w, { feature: 'ewma-volatility', oracle: 'eth-spot', window: '3m' }), 0);
});

test('GARCH(1,1) with fixed parameters (worked by hand above)', () => {
  const w = worldAfter(4);
  const v = readOne(w, { feature: 'garch-volatility', asset: 'ETH', window: '3m', params: { omega: 0.1, alpha: 0.1, beta: 0.8 } });
  assertClose(v, annual(1.7608), 'GARCH');
});

test('fitted GARCH before its first refit step stands in the window sample variance', () => {
  // returns 1, −1, 2: mean 2/3, squared deviations 1/9, 25/9, 16/9, variance 14/9
  const v = readOne(worldAfter(4), { feature: 'garch-volatility', asset: 'ETH', window: '3m', refit: '1h' });
  assertClose(v, annual(14 / 9), 'sample variance');
});

// ETH as a GBM of volatility 0.6 a year over a day of one-minute steps, nothing else moving
const GBM = ['assets.ETH.price={process: gbm, price: 3000, volatility: 0.6}', 'horizon=1d', 'options.checkInvariants=false'];
const GARCH = { feature: 'garch-volatility' as const, asset: 'ETH', window: '12h', refit: '6h' };

test('fitted GARCH on a GBM path recovers the path volatility (0.6) within 10 %', () => {
  const w = worldAfter(1440, GBM);
  const v = readOne(w, GARCH);
  assert.ok(Math.abs(v / 0.6 - 1) < 0.1, `GARCH volatility ${v}`);
});

test('the same seed gives the same GARCH and EWMA values whether read every step or every seventh', () => {
  const every = worldAfter(0, GBM);
  const sparse = worldAfter(0, GBM);
  const specs = [GARCH, ewma('1h')];
  const a = buildObservation(specs, every);
  const b = buildObservation(specs, sparse);
  const va = new Float32Array(a.size);
  const vb = new Float32Array(b.size);
  let compared = 0;
  for (let s = 1; s <= 1100; s++) {
    step(every);
    step(sparse);
    a.read(every.view, va);
    if (s % 7 === 0) {
      b.read(sparse.view, vb);
      assert.equal(Array.from(vb), Array.from(va), `step ${s}`);
      compared++;
    }
  }
  assert.is(compared, 157);
  assert.ok(va[0] > 0 && va[1] > 0);
});

test('a window shorter than a step is refused, naming the field', () => {
  const w = worldAfter(0);
  assert.is(
    inputErrorLine(() => read(w, ewma('30s'))),
    'observation[0].window: expected at least one step (60 s), got 30 s',
  );
  assert.is(
    inputErrorLine(() => read(w, ewma('1h'), { feature: 'garch-volatility', asset: 'ETH', window: '1h', refit: 59 })),
    'observation[1].refit: expected at least one step (60 s), got 59 s',
  );
});

test.run();
