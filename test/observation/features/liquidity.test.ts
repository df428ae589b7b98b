/**
 * Depth and slippage against closed forms.
 *
 * Constant-product pool, x = 1,000 ETH, y = 3,000,000 USDC, γ = 1 − 0.003, price p = y/x. Selling
 * a ETH the marginal rate is γxy/(x + γa)²; it reaches p(1 − b) at x + γa = x√(γ/(1 − b)), where
 * the USDC received γay/(x + γa) is y(1 − √((1 − b)/γ)) (the bid depth). Buying with a USDC the
 * marginal ETH per USDC is γyx/(y + γa)², which reaches 1/(p(1 + b)) at a = y(√(γ(1 + b)) − 1)/γ
 * (the ask depth). Selling a ETH slips 1 − γay/(x + γa) / (a·p) = 1 − γx/(x + γa).
 *
 * Order book calibrated to ±2 % depth D = 1,000,000 USDC with uniform density κ = D/(0.02·m):
 * each side within b holds κ·m·b = D·b/0.02 of USDC; selling q ETH fetches κm(1 − e^{−q/κ}), so it
 * slips 1 − κ(1 − e^{−q/κ})/q.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assertClose, inputErrorLine, readOne, worldAfter } from '../fixture.js';

const [x, y, g] = [1000, 3_000_000, 0.997];
const poolBid = (b: number) => y * (1 - Math.sqrt((1 - b) / g));
const poolAsk = (b: number) => (y * (Math.sqrt(g * (1 + b)) - 1)) / g;
const poolSlip = (a: number) => 1 - (g * x) / (x + g * a);

test('pool depth within ±2 % and ±5 %, each side and both', () => {
  const w = worldAfter(1);
  const depth = (side: 'bid' | 'ask' | 'both', band?: number) => readOne(w, { feature: 'venue-depth', venue: 'eth-usdc-pool', side, band });
  assertClose(depth('bid'), poolBid(0.02), 'bid 2 %');
  assertClose(depth('ask'), poolAsk(0.02), 'ask 2 %');
  assertClose(depth('both'), poolBid(0.02) + poolAsk(0.02), 'both 2 %');
  assertClose(depth('both', 0.05), poolBid(0.05) + poolAsk(0.05), 'both 5 %');
  // a 30 bp pool has nothing inside a 10 bp band: its first unit already costs more
  assert.is(depth('both', 0.001), 0);
});

test('order-book depth is its calibration: D on each side at ±2 %, D/2 at ±1 %, whatever the mid', () => {
  for (const steps of [1, 5]) {
    const w = worldAfter(steps);
    assertClose(readOne(w, { feature: 'venue-depth', venue: 'eth-book', side: 'bid' }), 1e6, `bid after ${steps}`);
    assertClose(readOne(w, { feature: 'venue-depth', venue: 'eth-book', side: 'ask' }), 1e6, `ask after ${steps}`);
    assertClose(readOne(w, { feature: 'venue-depth', venue: 'eth-book', band: 0.01 }), 1e6, `both at 1 % after ${steps}`);
  }
});

test('slippage of selling into the pool, in tokens or in USD at the reference price', () => {
  assertClose(readOne(worldAfter(1), { feature: 'slippage', venue: 'eth-usdc-pool', sell: 'ETH', amount: 10 }), poolSlip(10), '10 ETH');
  assertClose(readOne(worldAfter(1), { feature: 'slippage', venue: 'eth-usdc-pool', sell: 'ETH', amountUsd: 30000 }), poolSlip(10), '$30k at 3,000');
  // at a reference of 2,700 the same USD is 11.1 ETH (the pool, untraded, still prices 3,000)
  assertClose(readOne(worldAfter(5), { feature: 'slippage', venue: 'eth-usdc-pool', sell: 'ETH', amountUsd: 30000 }), poolSlip(30000 / 2700), '$30k at 2,700');
  // selling USDC for ETH: the same form with the reserves swapped
  assertClose(readOne(worldAfter(1), { feature: 'slippage', venue: 'eth-usdc-pool', sell: 'USDC', amount: 1e5 }), 1 - (g * y) / (y + g * 1e5), 'USDC');
});

test('slippage of selling into the order book (no fee: the walk down the book alone)', () => {
  const w = worldAfter(5);
  const k = 1e6 / (0.02 * 2700);
  const q = 500;
  assertClose(readOne(w, { feature: 'slippage', venue: 'eth-book', sell: 'ETH', amount: q }), 1 - (k * -Math.expm1(-q / k)) / q, 'book', 1e-5);
});

test('a tiny sale into the stableswap slips by its fee alone (4 bp); a pool of three needs the asset bought', () => {
  const w = worldAfter(1);
  assertClose(readOne(w, { feature: 'slippage', venue: 'three-pool', sell: 'USDC', buy: 'DAI', amount: 1 }), 0.0004, '1 USDC', 1e-4);
  assert.is(
    inputErrorLine(() => readOne(w, { feature: 'slippage', venue: 'three-pool', sell: 'USDC', amount: 1 })),
    'observation[0].buy: required field is missing: three-pool trades 3 assets, so name the other one',
  );
  assert.is(
    inputErrorLine(() => readOne(w, { feature: 'slippage', venue: 'eth-usdc-pool', sell: 'WBTC', amount: 1 })),
    'observation[0].sell: expected an asset of the world (ETH, USDC, DAI, USDT), got "WBTC"',
  );
  assert.is(
    inputErrorLine(() => readOne(w, { feature: 'venue-depth', venue: 'uni' })),
    'observation[0].venue: expected a venue of the world (eth-usdc-pool, eth-book, three-pool), got "uni"',
  );
});

test.run();
