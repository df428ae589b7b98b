/**
 * `chain.nativeAsset` when the file does not write it: ETH, or the only ETH-like asset (WETH) of a
 * scenario without ETH; with neither, one line that names the field and says why it is needed.
 * References: the rule as documented in README's scenario table and src/scenario/nativeAsset.ts.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/util/errors.js';

// the small fixture with its chain section's nativeAsset line removed and ETH renamed
const small = readFileSync('test/fixtures/scenarios/small.yaml', 'utf8').replace(/^\s*nativeAsset: ETH\n/m, '');
const renamed = (to: string) => small.replace(/\bETH\b/g, to);

test('without nativeAsset: ETH if there is one, else the only WETH', () => {
  assert.ok(!/nativeAsset/.test(small), 'the fixture no longer names the gas asset');
  assert.is(parseScenario(small, 'eth.yaml').scenario.chain.nativeAsset, 'ETH');
  assert.is(parseScenario(renamed('WETH'), 'weth.yaml').scenario.chain.nativeAsset, 'WETH');
  // written explicitly, it is taken as written
  assert.is(parseScenario(renamed('WETH'), 'weth.yaml', ['chain.nativeAsset=WBTC']).scenario.chain.nativeAsset, 'WBTC');
});

test('with no ETH-like asset, the message names the field and why', () => {
  const text = renamed('XETH');
  let err: unknown;
  try {
    parseScenario(text, 'xeth.yaml');
  } catch (e) {
    err = e;
  }
  assert.instance(err, InputError);
  const line = text.split('\n').findIndex((l) => /^chain:/.test(l)) + 1;
  assert.is(
    (err as InputError).oneLine(),
    `xeth.yaml:${line} chain.nativeAsset: gas is paid in ETH unless chain.nativeAsset names another asset, and this scenario has no asset ETH (nor one WETH): set chain.nativeAsset to the asset that pays gas (known: XETH, WBTC, USDC, DAI)`,
  );
});

test.run();
