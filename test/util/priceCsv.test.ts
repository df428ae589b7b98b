import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTime, readPriceCsv, readReturnsCsv } from '../../src/util/priceCsv.js';
import { InputError } from '../../src/util/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'aftershock-csv-'));
let k = 0;
function csv(text: string): string {
  const f = join(dir, `f${k++}.csv`);
  writeFileSync(f, text);
  return f;
}

/** Asserts that `fn` throws an InputError at `line` (and field), whose message matches `re`. */
function failsAt(fn: () => unknown, line: number | undefined, re: RegExp, field?: string): InputError {
  try {
    fn();
  } catch (e) {
    assert.instance(e, InputError);
    const err = e as InputError;
    assert.is(err.line, line, `line of "${err.message}"`);
    assert.match(err.message, re);
    if (field !== undefined) assert.is(err.field, field);
    assert.ok(err.file, 'names the file');
    return err;
  }
  assert.unreachable(`expected an InputError matching ${re}`);
  throw new Error('unreachable');
}

test('timestamp,price with ISO date-times', () => {
  const s = readPriceCsv(csv('timestamp,price\n2024-01-01T00:00:00Z,10\n2024-01-01T01:00:00Z,11\n2024-01-01T02:00:00Z,12.5\n'));
  assert.is(s.column, 'price');
  assert.equal(Array.from(s.prices), [10, 11, 12.5]);
  assert.equal(Array.from(s.times), [1704067200, 1704070800, 1704074400]); // 2024-01-01 = 1704067200 s
});

test('date,close (case-insensitive), CRLF line ends, blank trailing lines', () => {
  const s = readPriceCsv(csv('Date,CLOSE\r\n2020-03-11,194.7\r\n2020-03-12,112.35\r\n2020-03-13,133.2\r\n\r\n'));
  assert.equal(Array.from(s.prices), [194.7, 112.35, 133.2]);
  assert.is(s.times[1], Date.UTC(2020, 2, 12) / 1000);
});

test('Yahoo layout: Adj Close is preferred over Close; --column picks another', () => {
  const text = 'Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-01,1,2,0.5,1.5,1.4,100\n2024-01-02,1.5,2,1,1.8,1.7,120\n2024-01-03,1.8,2,1.6,1.9,1.85,90\n';
  const f = csv(text);
  assert.equal(Array.from(readPriceCsv(f).prices), [1.4, 1.7, 1.85]);
  assert.equal(Array.from(readPriceCsv(f, { column: 'open' }).prices), [1, 1.5, 1.8]);
  failsAt(() => readPriceCsv(f, { column: 'vwap' }), 1, /no column named "vwap"/, '--column');
});

test('Gemini layouts: timestamp,open,high,low,close and the original export with its URL line and unix ms', () => {
  const s = readPriceCsv(csv('timestamp,open,high,low,close\n2020-03-12T00:00:00Z,194.46,195,180,181\n2020-03-12T01:00:00Z,181,182,170,171\n2020-03-12T02:00:00Z,171,175,168,174\n'));
  assert.equal(Array.from(s.prices), [181, 171, 174]);
  const orig = readPriceCsv(
    csv(
      'https://www.CryptoDataDownload.com\nUnix Timestamp,Date,Symbol,Open,High,Low,Close,Volume\n1583971200000,2020-03-12 00:00:00,ETHUSD,194.46,195,180,181,10\n1583974800000,2020-03-12 01:00:00,ETHUSD,181,182,170,171,12\n',
    ),
  );
  assert.equal(Array.from(orig.times), [1583971200, 1583974800]); // milliseconds read as ms
  assert.is(orig.column, 'Close');
});

test('the shipped price files load (BTC: no gaps; first close 457.334015 on 2014-09-17)', () => {
  const s = readPriceCsv('data/btc-usd-daily.csv');
  assert.is(s.prices.length, 3484);
  assert.is(s.prices[0], 457.334015);
  assert.is(s.times[0], Date.UTC(2014, 8, 17) / 1000);
});

test('time formats: ISO date, date-time with offset, space separator, unix seconds', () => {
  assert.is(parseTime('2020-03-12'), 1583971200);
  assert.is(parseTime('2020-03-12T02:00:00+02:00'), 1583971200);
  assert.is(parseTime('2020-03-12 00:00'), 1583971200);
  assert.is(parseTime('1583971200'), 1583971200);
  assert.is(parseTime('1583971200000'), 1583971200);
  assert.ok(Number.isNaN(parseTime('2021-02-30')));
  assert.ok(Number.isNaN(parseTime('12/03/2020')));
});

test('empty, non-numeric and non-positive prices name their line and column', () => {
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-01,1\n2024-01-02,\n2024-01-03,2\n')), 3, /empty price/, 'close');
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-01,1\n2024-01-02,2\n2024-01-03,abc\n')), 4, /"abc" is not a number/, 'close');
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-01,1\n2024-01-02,1e400\n')), 3, /not a number/, 'close');
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-01,1\n2024-01-02,0\n')), 3, /not positive/, 'close');
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-01,-3\n2024-01-02,1\n')), 2, /not positive/, 'close');
});

test('unparsable, unsorted and duplicate times name their line', () => {
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-01,1\n01/02/2024,2\n')), 3, /cannot read "01\/02\/2024" as a time/, 'date');
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-02,1\n2024-01-01,2\n')), 3, /earlier than the previous row/, 'date');
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-01,1\n2024-01-02,2\n2024-01-02,3\n')), 4, /duplicate time/, 'date');
});

test('a gap (> 1.5x the median interval) names its line and size, unless allowGaps', () => {
  const f = csv('timestamp,price\n2024-01-01T00:00:00Z,1\n2024-01-01T01:00:00Z,2\n2024-01-01T02:00:00Z,3\n2024-01-01T05:00:00Z,4\n2024-01-01T06:00:00Z,5\n');
  failsAt(() => readPriceCsv(f), 5, /gap of 3 hours .*median interval of 1 hour/, 'timestamp');
  assert.is(readPriceCsv(f, { allowGaps: true }).prices.length, 5);
  // exactly 1.5x is not a gap
  assert.is(readPriceCsv(csv('timestamp,price\n0,1\n60,2\n120,3\n210,4\n')).prices.length, 4);
});

test('weekday-only daily data: weekends are not gaps, a missing weekday is', () => {
  // 2024-01-04 Thu, 05 Fri, 08 Mon, 09 Tue
  assert.is(readPriceCsv(csv('date,close\n2024-01-04,1\n2024-01-05,2\n2024-01-08,3\n2024-01-09,4\n')).prices.length, 4);
  // Tuesday 2024-01-09 missing between Mon 08 and Wed 10
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-04,1\n2024-01-05,2\n2024-01-08,3\n2024-01-10,4\n2024-01-11,5\n')), 5, /gap of 2 weekdays/);
});

test('structure errors: missing file, empty file, no rows, no time column, ragged row', () => {
  failsAt(() => readPriceCsv(join(dir, 'absent.csv')), undefined, /file not found/);
  failsAt(() => readPriceCsv(csv('')), undefined, /empty/);
  failsAt(() => readPriceCsv(csv('date,close\n')), 1, /no data rows/);
  failsAt(() => readPriceCsv(csv('close\n1\n2\n')), 1, /no time column/);
  failsAt(() => readPriceCsv(csv('date,close\n2024-01-01,1\n2024-01-02,2,7\n')), 3, /expected 2 fields/);
  failsAt(() => readPriceCsv(csv('date,volume\n2024-01-01,1\n')), 1, /no price\/adj close/);
});

test('readReturnsCsv: dem2gbp.csv (one return_pct column), negatives allowed, bad cells located', () => {
  const r = readReturnsCsv('data/dem2gbp.csv');
  assert.is(r.column, 'return_pct');
  assert.is(r.returns.length, 1974);
  assert.is(r.times, null);
  assert.is(r.returns[4], -0.21426695);
  failsAt(() => readReturnsCsv(csv('return\n0.1\n-x\n')), 3, /not a number/, 'return');
  failsAt(() => readReturnsCsv(csv('date,ret\n2024-01-02,0.1\n2024-01-01,0.2\n')), 3, /earlier/);
  assert.equal(Array.from(readReturnsCsv(csv('date,log_return\n2024-01-01,0.5\n2024-01-02,-0.25\n')).returns), [0.5, -0.25]);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
