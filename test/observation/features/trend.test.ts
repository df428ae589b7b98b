/**
 * Drawdown, log return and realised volatility against values worked by hand. In the fixture
 * ETH's reference price recorded at the end of steps 0–4 is 3000, 3000·e^0.01, 3000, 3000·e^0.02,
 * 2700 (percent log returns 1, −1, 2, then ln(2700 / 3060.6)), so:
 *
 *   after 4 steps the last price is the peak: drawdown 0; over three steps (p0 … p3) the log
 *   return is 0.02, over two (p1 … p3) 0.02 − 0.01 = 0.01; the realised volatility of the returns
 *   0.01, −0.01, 0.02 is √((1 + 1 + 4)/3 · 10⁻⁴ · 525,600) a year (525,600 one-minute steps), the
 *   zero-mean estimator (the sample variance about the mean 2/3 % would give 14/9 in place of 2);
 *   after 5 steps the drawdown from the peak 3000·e^0.02 is 1 − 0.9·e^−0.02 and the log return
 *   over the whole run ln(0.9).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, inputErrorLine, read, readOne, worldAfter } from '../fixture.js';
import { buildObservation } from '../../../src/observation/observation.js';
import { step } from '../../../src/sim/step.js';

const dd = (window: string | number, source: Record<string, string> = { asset: 'ETH' }) => ({ feature: 'drawdown' as const, ...source, window });
const ret = (window: string | number) => ({ feature: 'log-return' as const, asset: 'ETH', window });
const rv = (window: string | number) => ({ feature: 'realised-volatility' as const, asset: 'ETH', window });

test('at a new high the drawdown is 0; after the fall to 2700 it is 1 − 0.9·e^−0.02 over any window holding the peak', () => {
  assert.is(readOne(worldAfter(4), dd('3m')), 0);
  const w = worldAfter(5);
  const expected = 1 - 0.9 * Math.exp(-0.02);
  for (const window of ['1m', '3m', '1h']) assertClose(readOne(w, dd(window)), expected, `window ${window}`);
  // the reference-fed oracle publishes every change (deviation 0): the same
  assertClose(readOne(w, dd('1h', { oracle: 'eth-usd' })), expected, 'oracle');
});

test('log return over the window: 0.02 over three steps, 0.01 over two, ln 0.9 over the run', () => {
  const w = worldAfter(4);
  assertClose(readOne(w, ret('3m')), 0.02, 'three steps');
  assertClose(readOne(w, ret('2m')), 0.01, 'two steps');
  assertClose(readOne(worldAfter(5), ret('1h')), Math.log(0.9), 'whole run');
});

test('realised volatility of the returns 1 %, −1 %, 2 % is the zero-mean √(2 · 10⁻⁴ · 525,600)', () => {
  assertClose(readOne(worldAfter(4), rv('3m')), Math.sqrt(2e-4 * 525600), 'three returns');
  // one return of 1 %: √(10⁻⁴ · 525,600)
  assertClose(readOne(worldAfter(2), rv('1h')), Math.sqrt(1e-4 * 525600), 'one return');
});

test('before two recorded prices every value is 0; names say the source and window', () => {
  for (const n of [0, 1]) assert.equal(read(worldAfter(n), dd('1h'), ret('1h'), rv('1h')), [0, 0, 0]);
  const obs = buildObservation([dd('1d', { oracle: 'eth-usd' }), ret('6h'), rv('90m')], worldAfter(0));
  assert.equal(obs.names, ['drawdown(oracle=eth-usd, window=1d)', 'log-return(ETH, window=6h)', 'realised-volatility(ETH, window=90m)']);
});

test('values do not depend on how often they were read (every step against every fifth)', () => {
  const GBM = ['assets.ETH.price={process: gbm, price: 3000, volatility: 0.6}', 'horizon=1d', 'options.checkInvariants=false'];
  const every = worldAfter(0, GBM);
  const sparse = worldAfter(0, GBM);
  const specs = [dd('2h'), ret('1h'), rv('1h')];
  const a = buildObservation(specs, every);
  const b = buildObservation(specs, sparse);
  const va = new Float32Array(a.size);
  const vb = new Float32Array(b.size);
  for (let s = 1; s <= 300; s++) {
    step(every);
    step(sparse);
    a.read(every.view, va);
    if (s % 5 === 0) {
      b.read(sparse.view, vb);
      assert.equal(Array.from(vb), Array.from(va), `step ${s}`);
    }
  }
  // a GBM of 0.6 a year: the realised volatility of 60 one-minute returns is near it
  assert.ok(va[2] > 0.3 && va[2] < 0.9, `realised volatility ${va[2]}`);
});

test('bad specs are refused, naming the field', () => {
  const w = worldAfter(0);
  assert.is(
    inputErrorLine(() => read(w, dd('30s'))),
    'observation[0].window: expected at least one step (60 s), got 30 s',
  );
  assert.is(
    inputErrorLine(() => read(w, { feature: 'log-return', asset: 'ETH', oracle: 'eth-usd', window: '1h' })),
    'observation[0]: expected exactly one of asset, oracle or venue (whose price the feature reads)',
  );
  assert.is(inputErrorLine(() => read(w, dd('1h', { asset: 'SOL' }))).startsWith('observation[0].asset: expected'), true);
});

test.run();
