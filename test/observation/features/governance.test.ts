/**
 * Time since a parameter changed, read from the protocols' own `lastConfiguredAt` (the protocol
 * contract). Without changes every target counts from the start of the run: after 5 one-minute
 * steps, 300 s. With changes scheduled in the scenario (no block space: sent and applied at the
 * start of their step), lender's ETH reserve configured at 2m and maker's ETH-A at 4m: after 5
 * steps 300 − 120 = 180 s and 300 − 240 = 60 s; the targets left alone still read 300 s. Before a
 * change the clock runs from the start (120 s after 2 steps) and at the change it starts again
 * (60 s after 3 steps, the change being 60 s old).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inputErrorLine, readOne, worldAfter } from '../fixture.js';

const since = (protocol: string, target: string) => ({ feature: 'time-since-configured' as const, protocol, target });
const CHANGES = 'governance=[{at: 2m, protocol: lender, target: ETH, set: {liquidationBonus: 0.06}}, {at: 4m, protocol: maker, target: ETH-A, set: {penalty: 0.1}}]';

test('never configured: the time since the start of the run', () => {
  const w = worldAfter(5);
  assert.is(readOne(w, since('lender', 'ETH')), 300);
  assert.is(readOne(w, since('maker', 'ETH-A')), 300);
  assert.is(readOne(worldAfter(0), since('lender', 'USDC')), 0);
});

test('a reserve and a vault type configured mid-run: seconds since their change', () => {
  const w = worldAfter(5, [CHANGES]);
  // the changes went in when the scenario scheduled them
  assert.equal(
    w.events.filter((e) => e.type === 'configure').map((e) => [e.protocol, e.target, e.time]),
    [
      ['lender', 'ETH', 120],
      ['maker', 'ETH-A', 240],
    ],
  );
  assert.is(w.protocols[w.protocolIndex('lender')].lastConfiguredAt('ETH'), 120);
  assert.is(readOne(w, since('lender', 'ETH')), 180);
  assert.is(readOne(w, since('lender', 'DAI')), 300);
  assert.is(readOne(w, since('maker', 'ETH-A')), 60);
  assert.is(readOne(w, since('maker', 'ETH-B')), 300);
  // before the change, and one step after it
  assert.is(readOne(worldAfter(2, [CHANGES]), since('lender', 'ETH')), 120);
  assert.is(readOne(worldAfter(3, [CHANGES]), since('lender', 'ETH')), 60);
});

test('targets are the protocol reserves or vault types', () => {
  const w = worldAfter(0);
  assert.is(
    inputErrorLine(() => readOne(w, since('lender', 'ETH-A'))),
    'observation[0].target: expected a reserve of lender (ETH, USDC, DAI), got "ETH-A"',
  );
  assert.is(
    inputErrorLine(() => readOne(w, since('maker', 'ETH'))),
    'observation[0].target: expected a vault type of maker (ETH-A, ETH-B), got "ETH"',
  );
});

test.run();
