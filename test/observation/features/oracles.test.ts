/**
 * Oracles in the fixture: eth-usd publishes ETH's reference (every change), eth-spot the pool's
 * spot price, which stays 3,000 as nothing trades. After 5 steps ETH's reference is 2,700: the
 * book's mid follows it (2,700), the pool does not (3,000). Deviation = oracle / venue − 1:
 * against the pool 2700/3000 − 1 = −0.1; against the book 0; against the median of the two
 * venues trading ETH, (3000 + 2700)/2 = 2850, 2700/2850 − 1. USDC is priced by the pool at
 * 1/3000 ETH × 2,700 = 0.9 USD, by the book at 1/2700 × 2700 = 1 and by the three-pool at 1 DAI
 * × 1 = 1: median 1.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, inputErrorLine, readOne, worldAfter } from '../fixture.js';

const dev = (oracle: string, venue?: string) => ({ feature: 'oracle-deviation' as const, oracle, venue });

test('oracle price: what the oracle published', () => {
  assert.is(readOne(worldAfter(1), { feature: 'oracle-price', oracle: 'eth-usd' }), 3000);
  assert.is(readOne(worldAfter(5), { feature: 'oracle-price', oracle: 'eth-usd' }), 2700);
  assert.is(readOne(worldAfter(5), { feature: 'oracle-price', oracle: 'eth-spot' }), 3000);
});

test('oracle deviation from one venue and from the median of the venues', () => {
  const w = worldAfter(5);
  assertClose(readOne(w, dev('eth-usd', 'eth-usdc-pool')), -0.1, 'vs pool');
  assertClose(readOne(w, dev('eth-usd', 'eth-book')), 0, 'vs book', 1e-6, 1e-9);
  assertClose(readOne(w, dev('eth-usd')), 2700 / 2850 - 1, 'vs median');
  assertClose(readOne(w, dev('eth-spot', 'eth-usdc-pool')), 0, 'spot vs its pool', 1e-6, 1e-12);
  assertClose(readOne(w, dev('usdc-usd', 'eth-usdc-pool')), 1 / 0.9 - 1, 'USDC vs the ETH pool');
  assertClose(readOne(w, dev('usdc-usd')), 0, 'USDC vs median', 1e-6, 1e-9);
  assertClose(readOne(worldAfter(1), dev('eth-usd')), 0, 'before the fall', 1e-6, 1e-9);
});

test('a venue that does not trade the asset, an unknown oracle, or no venue at all is refused', () => {
  const w = worldAfter(0);
  assert.is(
    inputErrorLine(() => readOne(w, dev('eth-usd', 'three-pool'))),
    'observation[0].venue: expected an asset that three-pool trades (USDC, DAI, USDT), got "ETH"',
  );
  assert.is(
    inputErrorLine(() => readOne(w, dev('btc-usd'))),
    'observation[0].oracle: expected an oracle of the world (eth-usd, eth-spot, usdc-usd, dai-usd), got "btc-usd"',
  );
  const noVenues = worldAfter(0, [], 'test/fixtures/scenarios/contagion-pair.yaml');
  assert.is(
    inputErrorLine(() => readOne(noVenues, dev('eth-usd'))),
    'observation[0].oracle: expected an oracle of an asset some venue trades, got "eth-usd" (no venue trades ETH); compare with reference-price instead',
  );
});

test.run();
