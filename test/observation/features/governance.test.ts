/**
 * Time since a parameter changed. The protocols here have no governance yet, so every target
 * counts from the start of the run: after 5 one-minute steps, 300 s. A protocol with
 * `lastConfiguredAt` (given to the objects here as governance will give it) reports its own
 * time: ETH configured at 120 s → 300 − 120 = 180 s; a target it says was never configured
 * (−Infinity) → 300 s.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inputErrorLine, readOne, worldAfter } from '../fixture.js';

const since = (protocol: string, target: string) => ({ feature: 'time-since-configured' as const, protocol, target });

test('never configured: the time since the start of the run', () => {
  const w = worldAfter(5);
  assert.is(readOne(w, since('lender', 'ETH')), 300);
  assert.is(readOne(w, since('maker', 'ETH-A')), 300);
  assert.is(readOne(worldAfter(0), since('lender', 'USDC')), 0);
});

test('a protocol that reports lastConfiguredAt: seconds since that time', () => {
  const w = worldAfter(5);
  const configuredAt: Record<string, number> = { ETH: 120, 'ETH-A': 240 };
  const lastConfiguredAt = (target: string) => configuredAt[target] ?? -Infinity;
  Object.assign(w.protocols[0], { lastConfiguredAt });
  Object.assign(w.protocols.find((p) => p.id === 'maker')!, { lastConfiguredAt });
  assert.is(readOne(w, since('lender', 'ETH')), 180);
  assert.is(readOne(w, since('lender', 'DAI')), 300);
  assert.is(readOne(w, since('maker', 'ETH-A')), 60);
  assert.is(readOne(w, since('maker', 'ETH-B')), 300);
});

test('targets are the protocol reserves or vault types', () => {
  const w = worldAfter(0);
  assert.is(inputErrorLine(() => readOne(w, since('lender', 'ETH-A'))), 'observation[0].target: expected a reserve of lender (ETH, USDC, DAI), got "ETH-A"');
  assert.is(inputErrorLine(() => readOne(w, since('maker', 'ETH'))), 'observation[0].target: expected a vault type of maker (ETH-A, ETH-B), got "ETH"');
});

test.run();
