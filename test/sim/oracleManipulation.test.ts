/**
 * A manipulation acts on what an oracle's sources observe (one pushed pool), so the published price
 * depends on how the oracle reads that pool. Run on the small test scenario with ETH's reference
 * held flat at 3,000, the pool pushed to half price (k = 0.5) for 10 minutes from step 60, and the
 * lender's ETH oracle reading the pool spot, a one-hour TWAP of it, or the median of the reference
 * and the spot. References: the oracle observes the pool as it stood before the step's trades
 * (recorded at the end of step 59), so on the first pushed step the spot oracle shows k × that
 * price, the median of two (the mean) (1 + k)/2 of it, and a TWAP of n samples moves by (1 − k)/n;
 * after d pushed steps of a flat pool the TWAP is at 1 − (1 − k)·d/n of it (closed form).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const k = 0.5;
const [first, pushedSteps, windowSteps] = [60, 10, 60]; // dt = 60 s

function run(source?: string) {
  const overrides = [
    'assets.ETH.price.volatility=0',
    `shocks[0]={kind: oracle-manipulation, oracle: eth-usd, venue: eth-usdc-pool, start: ${first}m, duration: ${pushedSteps}m, factor: ${k}}`,
  ];
  if (source) overrides.push(`oracles.eth-usd.source=${source}`);
  const r = runPath(loadScenario(SMALL, overrides), { checkInvariants: true });
  return {
    oracle: r.world.metrics.series('oracle.eth-usd.price'),
    pool: r.world.metrics.series('venue.eth-usdc-pool.price'),
    liquidations: r.world.totals[0].liquidations,
  };
}

const rel = (a: number, b: number) => Math.abs(a / b - 1);

test('the spot oracle shows the pushed price, and the liquidations it triggers crash the pool for real', () => {
  const spot = run('{kind: spot, venue: eth-usdc-pool}');
  assert.ok(rel(spot.oracle[first], k * spot.pool[first - 1]) < 1e-12, `${spot.oracle[first]} vs ${k * spot.pool[first - 1]}`);
  assert.ok(spot.liquidations > 0);
  assert.ok(Math.min(...spot.pool) < 0.9 * 3000, `pool low ${Math.min(...spot.pool)}`);
});

test('a one-hour TWAP of the pool moves by the pushed share of its window only', () => {
  const spot = run('{kind: spot, venue: eth-usdc-pool}');
  const twap = run(`{kind: twap, venue: eth-usdc-pool, window: ${windowSteps}m}`);
  assert.ok(rel(twap.oracle[first], twap.pool[first - 1] * (1 - (1 - k) / windowSteps)) < 1e-12);
  const lowest = Math.min(...twap.oracle) / 3000;
  const closedForm = 1 - ((1 - k) * pushedSteps) / windowSteps; // 0.9167
  // the few liquidations the dip allows move the pool by well under 1 %
  assert.ok(Math.abs(lowest - closedForm) < 0.01, `TWAP low ${lowest}, closed form ${closedForm}`);
  assert.ok(twap.liquidations < spot.liquidations, `TWAP ${twap.liquidations} vs spot ${spot.liquidations}`);
  // once the window has moved past the push, the TWAP is back at the pool's price
  const last = twap.oracle.length - 1;
  assert.ok(rel(twap.oracle[last], twap.pool[last]) < 0.005);
});

test('the median of the reference and the pushed pool moves half as far', () => {
  const median = run(); // small.yaml's eth-usd oracle: median of the reference and the pool spot
  assert.ok(rel(median.oracle[first], ((1 + k) / 2) * median.pool[first - 1]) < 1e-12);
});

test.run();
