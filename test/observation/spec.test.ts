/**
 * Feature specs as a scenario or RL configuration writes them: defaults filled in, durations in
 * seconds, and every mistake one line naming the field and what was expected.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { FEATURE_NAMES, parseFeatureSpecs } from '../../src/observation/spec.js';
import { inputErrorLine } from './fixture.js';

test('defaults and durations', () => {
  const specs = parseFeatureSpecs([
    { feature: 'ewma-volatility', asset: 'ETH', window: '1d' },
    { feature: 'garch-volatility', oracle: 'eth-usd', window: 3600, refit: '30m' },
    { feature: 'venue-depth', venue: 'pool' },
    { feature: 'health-histogram', protocol: 'lender', edges: [1, 1.1] },
    { feature: 'gas-price' },
  ]);
  assert.equal(specs, [
    { feature: 'ewma-volatility', asset: 'ETH', window: 86400, lambda: 0.94 },
    { feature: 'garch-volatility', oracle: 'eth-usd', window: 3600, refit: 1800 },
    { feature: 'venue-depth', venue: 'pool', band: 0.02, side: 'both' },
    { feature: 'health-histogram', protocol: 'lender', edges: [1, 1.1], measure: 'debt' },
    { feature: 'gas-price' },
  ]);
});

test('every feature kind has a spec', () => {
  assert.is(FEATURE_NAMES.length, 16);
  assert.ok(FEATURE_NAMES.includes('time-since-configured'));
  assert.ok(FEATURE_NAMES.includes('drawdown') && FEATURE_NAMES.includes('log-return') && FEATURE_NAMES.includes('realised-volatility'));
});

const errorOf = (raw: unknown) => inputErrorLine(() => parseFeatureSpecs(raw, { file: 'rl.yaml', field: 'env.observation' }));

test('one-line errors naming the file and the field', () => {
  const cases: [unknown, string][] = [
    [[{ feature: 'ewma-vol', asset: 'ETH' }], `rl.yaml env.observation[0].feature: expected one of ${FEATURE_NAMES.join(', ')}, got "ewma-vol"`],
    [[{ feature: 'gas-price' }, { feature: 'ewma-volatility', asset: 'ETH' }], 'rl.yaml env.observation[1].window: required field is missing'],
    [[{ feature: 'ewma-volatility', asset: 'ETH', window: 'soon' }], 'rl.yaml env.observation[0].window: expected a duration such as 90, "30m", "6h" or "1d", got "soon"'],
    [[{ feature: 'ewma-volatility', asset: 'ETH', window: '1d', lambda: 1 }], 'rl.yaml env.observation[0].lambda: expected a number in (0, 1), got 1'],
    [[{ feature: 'ewma-volatility', asset: 'ETH', window: '1d', lamda: 0.9 }], 'rl.yaml env.observation[0].lamda: unknown field "lamda"'],
    [[{ feature: 'ewma-volatility', asset: 'ETH', oracle: 'eth-usd', window: '1d' }], 'rl.yaml env.observation[0]: expected exactly one of asset, oracle or venue (whose price the feature reads)'],
    [
      [{ feature: 'garch-volatility', asset: 'ETH', window: '1d', refit: '1h', params: { omega: 0.1, alpha: 0.1, beta: 0.8 } }],
      'rl.yaml env.observation[0]: expected either refit (fitted parameters) or params (fixed ones), not both',
    ],
    [[{ feature: 'garch-volatility', asset: 'ETH', window: '1d', params: { omega: 0, alpha: 0.1, beta: 0.8 } }], 'rl.yaml env.observation[0].params.omega: expected a number > 0, got 0'],
    [[{ feature: 'slippage', venue: 'pool', sell: 'ETH', amount: 1, amountUsd: 1 }], 'rl.yaml env.observation[0]: expected exactly one of amount (tokens) or amountUsd'],
    [[{ feature: 'health-histogram', protocol: 'lender', edges: [1.1, 1] }], 'rl.yaml env.observation[0].edges: expected strictly increasing bucket edges'],
    [[{ feature: 'venue-depth', venue: 'pool', side: 'up' }], 'rl.yaml env.observation[0].side: expected one of "bid", "ask", "both", got "up"'],
    [[{ feature: 'debt-near-liquidation', protocol: 'lender', within: -0.1 }], 'rl.yaml env.observation[0].within: expected a number >= 0, got -0.1'],
    [[{ feature: 'utilisation', protocol: 'lender', reserve: 7 }], 'rl.yaml env.observation[0].reserve: expected a text, got 7'],
    [[], 'rl.yaml env.observation: expected at least one feature, got a list of 0'],
    [{ feature: 'gas-price' }, 'rl.yaml env.observation: expected a list, got a mapping'],
  ];
  for (const [raw, line] of cases) assert.is(errorOf(raw), line);
});

test.run();
