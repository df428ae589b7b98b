/**
 * The Risk-Steward bound on one change, against values worked by hand from the rules of
 * aave-dao/aave-v3-risk-stewards (`_validateParamUpdate`, `_updateWithinAllowedRange`): relative
 * changes (caps) in percent of the current value, absolute ones (ratios, rates) in percentage
 * points, a change of exactly the bound allowed, and `minDelay` counted since the parameter's last
 * change, exactly `minDelay` later being allowed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { boundViolation, changeSize, type ParameterBound } from '../../src/sim/riskSteward.js';

const capBound: ParameterBound = { maxPercentChange: 50, minDelay: 0, change: 'relative' };
const ratioBound: ParameterBound = { maxPercentChange: 10, minDelay: 0, change: 'absolute' };

test('relative: a cap of 1,000,000 with ±50 % may go from 500,000 to 1,500,000', () => {
  assert.is(boundViolation('supplyCap', 1e6, 1.5e6, 0, -Infinity, capBound), null);
  assert.is(boundViolation('supplyCap', 1e6, 5e5, 0, -Infinity, capBound), null);
  assert.is(boundViolation('supplyCap', 1e6, 1_500_001, 0, -Infinity, capBound), 'supplyCap 1000000 → 1500001 is a change of 50.0001%, above its maxPercentChange of 50%');
  assert.match(boundViolation('supplyCap', 1e6, 499_999, 0, -Infinity, capBound)!, /change of 50.0001%/);
  // from no cap, or from 0, any relative change is unbounded
  assert.is(changeSize(Infinity, 1e6, 'relative'), Infinity);
  assert.is(changeSize(0, 1, 'relative'), Infinity);
  assert.match(boundViolation('supplyCap', Infinity, 1e6, 0, -Infinity, capBound)!, /change of Infinity%/);
});

test('absolute: an LTV of 0.70 with 10 points may go from 0.60 to 0.80, and 0.825 → 0.775 is 5 points exactly', () => {
  assert.is(boundViolation('ltv', 0.7, 0.8, 0, -Infinity, ratioBound), null);
  assert.is(boundViolation('ltv', 0.7, 0.6, 0, -Infinity, ratioBound), null);
  assert.is(boundViolation('ltv', 0.7, 0.8001, 0, -Infinity, ratioBound), 'ltv 0.7 → 0.8001 is a change of 10.01 percentage points, above its maxPercentChange of 10 percentage points');
  // 0.825 − 0.775 is 0.04999999999999993 in floating point: still within 5 points
  assert.is(boundViolation('liquidationThreshold', 0.825, 0.775, 0, -Infinity, { maxPercentChange: 5, minDelay: 0, change: 'absolute' }), null);
  assert.ok(boundViolation('liquidationThreshold', 0.825, 0.7749, 0, -Infinity, { maxPercentChange: 5, minDelay: 0, change: 'absolute' }) !== null);
});

test('minDelay: refused sooner than the delay after the last change, allowed at it; no size limit without maxPercentChange', () => {
  const b: ParameterBound = { minDelay: 86400, change: 'absolute' };
  assert.is(boundViolation('liquidationThreshold', 0.8, 0.1, 100 + 86399, 100, b), 'liquidationThreshold last changed 86399 s ago, sooner than its minDelay of 86400 s');
  assert.is(boundViolation('liquidationThreshold', 0.8, 0.1, 100 + 86400, 100, b), null);
  assert.is(boundViolation('liquidationThreshold', 0.8, 0.1, 0, -Infinity, b), null);
});

test.run();
