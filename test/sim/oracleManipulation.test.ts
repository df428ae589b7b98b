/**
 * A manipulation acts on what an oracle's sources observe (one pushed pool), so the published price
 * depends on how the oracle reads that pool. Run on the small test scenario with ETH's reference
 * held flat at 3,000, the pool pushed to half price (k = 0.5) for 10 minutes from step 60, and the
 * lender's ETH oracle reading the pool spot, a one-hour TWAP of it, or the median of the reference
 * and the spot. References: the oracle observes the pool as it stood before the step's trades
 * (recorded at the end of step 59), so on the first pushed step the spot oracle shows k × that
 * price, the median of two (the mean) (1 + k)/2 of it, and a TWAP of n samples is the mean of the
 * last n recorded pool prices with the pushed ones × k; after d pushed steps of a flat pool it is at
 * 1 − (1 − k)·d/n of it (closed form).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import { createAgent } from '../../agents/index.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const k = 0.5;
const [first, pushedSteps, windowSteps] = [60, 10, 60]; // dt = 60 s

function run(source?: string) {
  const overrides = ['assets.ETH.price.volatility=0', `shocks[0]={kind: oracle-manipulation, oracle: eth-usd, venue: eth-usdc-pool, start: ${first}m, duration: ${pushedSteps}m, factor: ${k}}`];
  if (source) overrides.push(`oracles.eth-usd.source=${source}`);
  const r = runPath(loadScenario(SMALL, overrides), { createAgent, checkInvariants: true });
  return {
    oracle: r.world.metrics.series('oracle.eth-usd.price'),
    pool: r.world.metrics.series('venue.eth-usdc-pool.price'),
    liquidations: r.world.protocols[0].figures().liquidations,
  };
}

const rel = (a: number, b: number) => Math.abs(a / b - 1);

test('the spot oracle shows the pushed price for exactly the push, and the liquidations it triggers crash the pool', () => {
  const spot = run('{kind: spot, venue: eth-usdc-pool}');
  const last = first + pushedSteps - 1;
  assert.ok(rel(spot.oracle[first - 1], spot.pool[first - 2]) < 1e-12, 'unpushed before');
  assert.ok(rel(spot.oracle[first], k * spot.pool[first - 1]) < 1e-12, `${spot.oracle[first]} vs ${k * spot.pool[first - 1]}`);
  assert.ok(rel(spot.oracle[last], k * spot.pool[last - 1]) < 1e-12, 'pushed on the last step');
  assert.ok(rel(spot.oracle[last + 1], spot.pool[last]) < 1e-12, 'unpushed after');
  assert.ok(spot.liquidations > 0);
  assert.ok(Math.min(...spot.pool) < 0.9 * 3000, `pool low ${Math.min(...spot.pool)}`);
});

test('a one-hour TWAP of the pool averages in the pushed samples only', () => {
  const spot = run('{kind: spot, venue: eth-usdc-pool}');
  const twap = run(`{kind: twap, venue: eth-usdc-pool, window: ${windowSteps}m}`);
  // independent route: the TWAP at step s is the mean of the last n pool prices it sampled (the
  // pool as it stood before each step's trades, pool[t − 1]), × k for the pushed steps
  const expected = (s: number) => {
    let sum = 0;
    for (let t = s - windowSteps + 1; t <= s; t++) sum += twap.pool[t - 1] * (t >= first && t < first + pushedSteps ? k : 1);
    return sum / windowSteps;
  };
  for (const s of [first, first + pushedSteps - 1, first + pushedSteps + 5]) {
    // the oracle republishes on a 0.5 % move or its hourly heartbeat: within 0.5 % of its candidate
    assert.ok(rel(twap.oracle[s], expected(s)) < 0.005, `step ${s}: ${twap.oracle[s]} vs ${expected(s)}`);
  }
  assert.ok(rel(twap.oracle[first], expected(first)) < 1e-12, 'first pushed step published at once');
  // on a flat pool the whole push moves the TWAP to 1 − (1 − k)·d/n of it (closed form)
  const closedForm = 1 - ((1 - k) * pushedSteps) / windowSteps;
  assert.ok(rel(expected(first + pushedSteps - 1), closedForm * 3000) < 0.005, `${expected(first + pushedSteps - 1)} vs ${closedForm * 3000}`);
  assert.ok(twap.liquidations < spot.liquidations, `TWAP ${twap.liquidations} vs spot ${spot.liquidations}`);
  // once the window has moved past the push, the TWAP is back at the pool's price
  const end = twap.oracle.length - 1;
  assert.ok(rel(twap.oracle[end], twap.pool[end]) < 0.005);
});

test('the median of the reference and the pushed pool moves half as far', () => {
  const median = run(); // small.yaml's eth-usd oracle: median of the reference and the pool spot
  assert.ok(rel(median.oracle[first], ((1 + k) / 2) * median.pool[first - 1]) < 1e-12);
});

test.run();
