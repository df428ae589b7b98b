/**
 * Prices as they stand, in the fixture (nothing trades): the pool holds 1,000 ETH and 3,000,000
 * USDC, so it prices ETH at 3,000 USDC; the order book's mid follows ETH's reference (resilience
 * 10/s re-centres it fully each step); the three-pool is balanced, so each coin is worth 1 of another.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, inputErrorLine, readOne, worldAfter } from '../fixture.js';

test('reference price: 3,000 after the first step, 2,700 once the fixture has moved', () => {
  assert.is(readOne(worldAfter(1), { feature: 'reference-price', asset: 'ETH' }), 3000);
  assert.is(readOne(worldAfter(5), { feature: 'reference-price', asset: 'ETH' }), 2700);
  assert.is(readOne(worldAfter(5), { feature: 'reference-price', asset: 'USDC' }), 1);
});

test('venue price: reserves ratio of the pool, either way round; the book at the reference', () => {
  const w = worldAfter(5);
  assert.is(readOne(w, { feature: 'venue-price', venue: 'eth-usdc-pool' }), 3000);
  assertClose(readOne(w, { feature: 'venue-price', venue: 'eth-usdc-pool', base: 'USDC' }), 1 / 3000, 'USDC in ETH');
  assertClose(readOne(w, { feature: 'venue-price', venue: 'eth-usdc-pool', base: 'USDC', quote: 'ETH' }), 1 / 3000, 'named quote');
  assertClose(readOne(w, { feature: 'venue-price', venue: 'eth-book' }), 2700, 'book');
  assertClose(readOne(w, { feature: 'venue-price', venue: 'three-pool', base: 'DAI', quote: 'USDT' }), 1, 'balanced stableswap');
});

test('venue price: a pool of three needs its quote; assets the venue does not trade are refused', () => {
  const w = worldAfter(0);
  assert.is(
    inputErrorLine(() => readOne(w, { feature: 'venue-price', venue: 'three-pool' })),
    'observation[0].quote: required field is missing: three-pool trades 3 assets, so name the other one',
  );
  assert.is(
    inputErrorLine(() => readOne(w, { feature: 'venue-price', venue: 'eth-usdc-pool', base: 'DAI' })),
    'observation[0].base: expected an asset that eth-usdc-pool trades (ETH, USDC), got "DAI"',
  );
  assert.is(
    inputErrorLine(() => readOne(w, { feature: 'venue-price', venue: 'eth-usdc-pool', quote: 'ETH' })),
    'observation[0].quote: expected an asset other than the base, got "ETH"',
  );
  assert.is(
    inputErrorLine(() => readOne(w, { feature: 'reference-price', asset: 'BTC' })),
    'observation[0].asset: expected an asset of the world (ETH, USDC, DAI, USDT), got "BTC"',
  );
});

test.run();
