/** Gas price: the fixture's chain is at 42 gwei and has no block space, so it stays there. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readOne, worldAfter } from '../fixture.js';

test('gas price in gwei, as the scenario sets it', () => {
  assert.is(readOne(worldAfter(0), { feature: 'gas-price' }), 42);
  assert.is(readOne(worldAfter(3, ['chain.gasPrice=7.5']), { feature: 'gas-price' }), 7.5);
});

test.run();
