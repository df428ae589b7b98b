/**
 * Oracle publication rules on hand-made price paths: a delay publishes the price of `delay`
 * ago (Maker's OSM), a Chainlink-style feed publishes on heartbeat or on a deviation beyond the
 * threshold, a freeze holds the last price, a manipulation scales what the sources observe, so a
 * TWAP dampens it and a median ignores one manipulated venue.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ANY_VENUE, Oracle, OracleManipulation, twapReader, medianReader } from '../../../src/protocols/oracles/oracle.js';

const path = (f: (s: number) => number, n: number) => Float64Array.from({ length: n + 1 }, (_, s) => f(s));

test('a one-hour delay publishes the price of an hour ago', () => {
  const p = path((s) => 100 + s, 200); // +1 a minute
  const o = new Oracle('osm', 0, (s) => p[s], 3600, 60, 0, 60, 200, 100);
  let last = 0;
  for (let s = 0; s <= 120; s++) last = o.update(s);
  assert.is(last, 100 + 60); // at minute 120 the price of minute 60
});

test('heartbeat and deviation threshold', () => {
  // price rises 0.1 % a step: 1.001^4 − 1 = 0.4006 % stays within the 0.5 % threshold,
  // 1.001^5 − 1 = 0.5010 % passes it
  const p = path((s) => 100 * Math.pow(1.001, s), 100);
  const o = new Oracle('feed', 0, (s) => p[s], 0, 3600, 0.005, 60, 100, 100);
  const published: number[] = [];
  for (let s = 0; s <= 12; s++) published.push(o.update(s));
  assert.is(published[0], 100);
  assert.is(published[4], 100);
  assert.is(published[5], p[5]);
  assert.is(published[9], p[5]); // 1.001^4 again below the threshold relative to the new price
  assert.is(published[10], p[10]);
  // a flat price is republished only at the heartbeat
  const flat = new Oracle('flat', 0, () => 50, 0, 600, 0.005, 60, 100, 50);
  for (let s = 0; s <= 10; s++) flat.update(s);
  assert.is(flat.lastPublishedAt, 600);
});

test('freeze holds the last price; manipulation scales the source', () => {
  const p = path((s) => 100 - s, 100);
  const m = new OracleManipulation();
  const o = new Oracle('x', 0, (s) => p[s] * m.scale(s * 60, ANY_VENUE), 0, 60, 0, 60, 100, 100, m);
  o.update(0);
  o.frozenUntil = 600;
  for (let s = 1; s < 10; s++) assert.is(o.update(s), 100);
  assert.is(o.update(10), 90);
  m.add(3, 1200, ANY_VENUE);
  assert.is(o.update(11), 89 * 3);
  assert.is(o.update(20), 80);
});

test('a manipulation of one venue leaves the others alone and ends on time; several combine', () => {
  const m = new OracleManipulation();
  assert.is(m.scale(0, 4), 1);
  m.add(2, 600, 4);
  assert.is(m.scale(0, 4), 2);
  assert.is(m.scale(599, 4), 2);
  assert.is(m.scale(600, 4), 1);
  assert.is(m.scale(0, 3), 1);
  assert.is(m.scale(0, ANY_VENUE), 1);
  // a later, shorter push of the same venue does not cut the first one short; a push of every
  // observation multiplies with it
  m.add(1.5, 300, 4);
  m.add(0.5, 900, ANY_VENUE);
  assert.is(m.scale(0, 4), 2 * 1.5 * 0.5);
  assert.is(m.scale(300, 4), 2 * 0.5);
  assert.is(m.scale(0, 3), 0.5);
  assert.is(m.scale(700, 4), 0.5);
  assert.is(m.scale(900, 4), 1);
});

// A pool pushed × k for d steps, read through a TWAP of n steps on a flat price P: the TWAP rises
// to P·(1 + (k − 1)·d/n) at most (closed form: d of the n averaged samples are k·P), and is back
// at P once the window has moved past the push; the spot source would have shown k·P.
test('a TWAP moves by only the manipulated share of its window', () => {
  const P = 2000;
  const k = 3;
  const [n, d, start] = [30, 3, 40];
  const m = new OracleManipulation();
  m.add(k, (start + d) * 60, 7);
  const spot = (s: number) => P * (s >= start ? m.scale(s * 60, 7) : 1);
  const twap = twapReader(spot, n * 60, 60, 200);
  let peak = 0;
  let last = 0;
  for (let s = 0; s <= 120; s++) {
    last = twap(s);
    peak = Math.max(peak, last);
  }
  assert.ok(Math.abs(peak - P * (1 + ((k - 1) * d) / n)) < 1e-9);
  assert.is(last, P);
  assert.is(spot(start), k * P);
});

test('a median over three venues ignores one manipulated venue, not two', () => {
  const m = new OracleManipulation();
  m.add(5, 3600, 1);
  const venuePrices = [100, 101, 99];
  const leaf = (v: number) => (s: number) => venuePrices[v] * m.scale(s * 60, v);
  const med = medianReader([leaf(0), leaf(1), leaf(2)]);
  assert.is(med(0), 100); // sorted (99, 100, 505)
  assert.is(leaf(1)(0), 505);
  m.add(5, 3600, 2); // a second pool pushed: the majority is manipulated
  assert.is(med(0), 495); // sorted (100, 495, 505)
  assert.is(med(60), 100); // both pushes over
});

test('TWAP averages the last window of steps; median of three', () => {
  let price = 0;
  const twap = twapReader(() => price, 180, 60, 10); // three steps
  const seen: number[] = [];
  for (let s = 0; s < 5; s++) {
    price = [10, 20, 30, 40, 50][s];
    seen.push(twap(s));
  }
  assert.equal(seen, [10, 15, 20, 30, 40]);
  const med = medianReader([() => 3, () => 1, () => 2]);
  assert.is(med(0), 2);
});

test.run();
