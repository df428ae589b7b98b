/**
 * Durations in reports read as scenarios write them: the largest unit that divides the value.
 * Reference: hand-worked values (86,400 s = 1 d, 5,400 s = 90 min, 90 s = 90 s); zero, which every
 * unit divides, reads in seconds.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { duration } from '../../src/report/content/format.js';

test('duration: the largest whole unit, and zero in seconds', () => {
  assert.is(duration(0), '0 s');
  assert.is(duration(12), '12 s');
  assert.is(duration(90), '90 s');
  assert.is(duration(120), '2 min');
  assert.is(duration(5_400), '90 min');
  assert.is(duration(7_200), '2 h');
  assert.is(duration(86_400), '1 d');
  assert.is(duration(3 * 86_400), '3 d');
});

test.run();
