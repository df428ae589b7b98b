import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { toReturns } from '../../src/models/returns.js';
import { loadReturns } from '../../src/models/loadReturns.js';
import { InputError } from '../../src/util/errors.js';

const close = (a: number, b: number) => Math.abs(a - b) < 1e-12 * Math.max(1, Math.abs(b));

test('log, pct and raw returns of 100 → 110 → 99', () => {
  const p = [100, 110, 99];
  const log = toReturns(p, 'log');
  assert.ok(close(log[0], 9.531017980432486)); // 100·ln 1.1
  assert.ok(close(log[1], -10.536051565782628)); // 100·ln 0.9
  assert.equal(
    Array.from(toReturns(p, 'pct')).map((x) => Math.round(x * 1e9) / 1e9),
    [10, -10],
  );
  assert.equal(Array.from(toReturns(p, 'raw')), p);
  assert.is(toReturns([5], 'log').length, 0);
});

test('loadReturns: a return_pct column is read as is, a close column as log returns x100', () => {
  const dem = loadReturns('data/dem2gbp.csv');
  assert.is(dem.kind, 'raw');
  assert.is(dem.column, 'return_pct');
  assert.is(dem.returns.length, 1974);
  assert.is(dem.returns[0], 0.12533286); // first row of the file
  assert.is(dem.times, null);
  const btc = loadReturns('data/btc-usd-daily.csv');
  assert.is(btc.kind, 'log');
  assert.is(btc.returns.length, 3483);
  // first two closes 457.334015, 424.440002
  assert.ok(close(btc.returns[0], 100 * Math.log(424.440002 / 457.334015)));
  assert.is(btc.periodsPerYear, 365.25); // calendar-day crypto data
  assert.is(btc.times![0], Date.UTC(2014, 8, 18) / 1000); // time of the first return: the second close
});

test('loadReturns: the ETH daily file has real gaps (Yahoo export) and needs allowGaps', () => {
  try {
    loadReturns('data/eth-usd-daily.csv');
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, InputError);
    assert.is((e as InputError).line, 1717); // 2020-04-18 follows 2020-04-16
  }
  assert.is(loadReturns('data/eth-usd-daily.csv', { allowGaps: true }).returns.length, 2297);
});

test('loadReturns: --returns log on a returns file is rejected at the first non-positive "price"', () => {
  try {
    loadReturns('data/dem2gbp.csv', { kind: 'log' });
    assert.unreachable('should have thrown');
  } catch (e) {
    assert.instance(e, InputError);
    assert.match((e as InputError).message, /not positive/);
    assert.is((e as InputError).line, 6); // file line 6 holds -0.21426695, the first negative value
  }
});

test.run();
