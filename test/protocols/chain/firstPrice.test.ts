/**
 * The first-price (pre-London) fee market: the mined gas-price distribution (minedGasPrices.ts),
 * its series over time (gasPriceSeries.ts), and blocks filled by bid after the background that
 * outbids each transaction (firstPrice.ts, chain.ts). References: closed forms of the lognormal
 * (median = mean·e^{−σ²/2}; Φ⁻¹ of the given percentiles), blocks worked by hand below, and a
 * run of the fixture auction on the first-price market with the accounting invariants checked at
 * every step.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MinedGasPrices } from '../../../src/protocols/chain/minedGasPrices.js';
import { GasPriceSeries, buildGasPriceSeries } from '../../../src/protocols/chain/gasPriceSeries.js';
import { FirstPriceBackground } from '../../../src/protocols/chain/firstPrice.js';
import { Chain } from '../../../src/protocols/chain/chain.js';
import type { Transaction } from '../../../src/protocols/chain/mempool.js';
import { normalQuantile } from '../../../src/risk/distributions.js';
import { Rng } from '../../../src/util/rng.js';
import { InputError } from '../../../src/util/errors.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { runPath } from '../../../src/sim/run.js';
import { summarise } from '../../../src/report/summary.js';
import { createAgent } from '../../../agents/index.js';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('mined gas prices: given percentiles exactly, lognormal median from the mean, tails along the outer segment', () => {
  const g = MinedGasPrices.fromPercentiles([
    [0.35, 167],
    [0.6, 188],
    [0.9, 259],
  ]);
  close(g.quantile(0.35), 167);
  close(g.quantile(0.6), 188);
  close(g.quantile(0.9), 259);
  for (const q of [0.01, 0.2, 0.5, 0.75, 0.97]) close(g.cdf(g.quantile(q)), q, 1e-9);
  // below the 35th percentile the prices follow the 35–60 segment: ln g = ln 167 + (z − z35)·slope
  const slope = (Math.log(188) - Math.log(167)) / (normalQuantile(0.6) - normalQuantile(0.35));
  close(g.quantile(0.01), 167 * Math.exp((normalQuantile(0.01) - normalQuantile(0.35)) * slope));
  const ln = MinedGasPrices.lognormal(77.9, 0.5);
  close(ln.quantile(0.5), 77.9 * Math.exp(-0.125));
  close(ln.quantile(0.8413447460685429), 77.9 * Math.exp(-0.125 + 0.5), 1e-7); // Φ(1)
  close(ln.scaled(2).quantile(0.5), 2 * 77.9 * Math.exp(-0.125));
  assert.throws(() =>
    MinedGasPrices.fromPercentiles([
      [0.35, 10],
      [0.6, 9],
    ]),
  );
});

// gas limit 1,000,000; background prices lognormal with median 10 gwei and log-sd 1 for the first
// 26 s (blocks at t = 0 and 13), then median 1 gwei: G(g) = Φ(ln(g / median))
const seg = (from: number, to: number, median: number) => ({ from, to, prices: MinedGasPrices.lognormal(median * Math.exp(0.5), 1) });
const series = () => new GasPriceSeries([seg(0, 26, 10), seg(26, 1000, 1)]);
const tx = (id: string, bid: number, expiresAt = 1000): Transaction<string> => ({ id, sender: id, gasUsed: 100_000, maxFeePerGas: bid, priorityFee: bid, submittedAt: 0, expiresAt, payload: id });

test('first-price blocks by hand: a bid at the median gets in, one at the 12th percentile waits behind it, a lower one waits for prices to fall or expires', () => {
  const chain = new Chain<string>({ blockTime: 13, gasLimit: 1_000_000, initialBaseFee: 0, firstBlockTime: 0, firstPrice: new FirstPriceBackground(series(), 5) }, new Rng(1));
  const p12 = 10 * Math.exp(normalQuantile(0.12)); // 3.085 gwei
  const p05 = 10 * Math.exp(normalQuantile(0.05)); // 1.931 gwei
  chain.submit(tx('median', 10));
  chain.submit(tx('twelfth', p12));
  chain.submit(tx('fifth', p05, 20));
  close(chain.gasPrice, 10); // agents see the median mined price
  const [b0, b1, b2] = chain.produceBlocksThrough(26);
  // block 0: 'median' has 1M × (1 − 0.5) = 500k of background ahead: 500k + 100k ≤ 1M, in, pays 10.
  // 'twelfth' has 880k ahead; with 'median' in, 100k + 880k + 100k > 1M: it waits. 'fifth': 950k ahead, out.
  assert.equal(
    b0.included.map((i) => i.tx.id),
    ['median'],
  );
  close(b0.included[0].gasPrice, 10);
  // block 1 (t = 13): alone now, 'twelfth' fits: 880k + 100k ≤ 1M; 'fifth' still out (950k + 100k)
  assert.equal(
    b1.included.map((i) => i.tx.id),
    ['twelfth'],
  );
  close(b1.included[0].gasPrice, p12);
  // block 2 (t = 26): the median fell to 1 gwei, but 'fifth' expired at t = 20: dropped, never mined
  assert.equal(b2.included, []);
  assert.equal(
    b2.expired.map((t) => t.id),
    ['fifth'],
  );
  assert.is(b0.baseFee, 0);
  close(chain.gasPrice, 1);
});

test('the same low bid that expires above is mined once prices fall, if it waits', () => {
  const chain = new Chain<string>({ blockTime: 13, gasLimit: 1_000_000, initialBaseFee: 0, firstBlockTime: 0, firstPrice: new FirstPriceBackground(series(), 5) }, new Rng(1));
  const p05 = 10 * Math.exp(normalQuantile(0.05));
  chain.submit(tx('fifth', p05));
  const blocks = chain.produceBlocksThrough(26);
  assert.equal(
    blocks.map((b) => b.included.map((i) => i.tx.id)),
    [[], [], ['fifth']],
  );
  // at t = 26 the median is 1 gwei: G(1.931) = Φ(ln 1.931) = 0.745, 255k ahead
  close(blocks[2].included[0].gasPrice, p05);
});

test('gas spikes scale the background; no series means only the agents compete', () => {
  const bg = new FirstPriceBackground(series(), 5);
  bg.addSpike({ factor: 3, start: 0, end: 13 });
  close(bg.suggested(0), 30);
  close(bg.suggested(13), 10);
  const empty = new FirstPriceBackground(null, 7);
  close(empty.suggested(0), 7);
  assert.is(empty.load(0, 1e6), undefined);
});

test('series files: rows hold until the next, coverage and overlap are checked', () => {
  const s = buildGasPriceSeries([{ file: '../data/ethereum-gas-prices-2020-03-12.csv', start: '2020-03-12T00:00:00Z' }], 'scenarios', 'x.yaml', 86_400);
  // the 15:00 row of 12 March: p35 164.014…, p60 200, p90 280 (data/ethereum-gas-prices-2020-03-12.csv)
  const g = s.at(15 * 3600 + 5)!;
  close(g.quantile(0.35), 164.01433677419354);
  close(g.quantile(0.6), 200);
  close(g.quantile(0.9), 280);
  assert.ok(s.at(86_399) !== undefined, 'the last row holds for one row interval');
  assert.throws(
    () => buildGasPriceSeries([{ file: '../data/ethereum-gas-prices-2020-03-12.csv', start: '2020-03-12T00:00:00Z' }], 'scenarios', 'x.yaml', 2 * 86_400),
    (e: unknown) => e instanceof InputError && /none cover 86400 s/.test(e.message),
  );
  assert.throws(
    () =>
      buildGasPriceSeries(
        [
          { from: 0, to: 100, mean: 10, logSd: 1 },
          { from: 50, to: 200, mean: 10, logSd: 1 },
        ],
        '.',
        'x.yaml',
        200,
      ),
    (e: unknown) => e instanceof InputError && /overlap/.test(e.message),
  );
});

test('a malformed series file is named by a path that opens it from where the command runs, not as the scenario spells it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-gas-'));
  try {
    mkdirSync(join(dir, 'scenarios'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'gas.csv'), 'timestamp,p50\n2020-03-12T00:00:00Z,40\n');
    assert.throws(
      () => buildGasPriceSeries([{ file: '../data/gas.csv', start: '2020-03-12T00:00:00Z' }], join(dir, 'scenarios'), 'x.yaml', 600),
      (e: unknown) => e instanceof InputError && resolve(e.file ?? '') === join(dir, 'data', 'gas.csv') && /two percentile columns/.test(e.message) && e.field === 'chain.congestion.gasPrices[0]',
    );
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('the fixture auction on the first-price market runs with the invariants checked at every step', () => {
  const loaded = loadScenario('test/fixtures/scenarios/blockspace-auction.yaml', [
    'chain.feeMarket=first-price',
    'chain.congestion={enabled: true, gasPrices: [{from: 0, to: 3h, mean: 250, logSd: 0.3}]}',
    'shocks=[]',
  ]);
  const r = runPath(loaded, { createAgent, checkInvariants: true });
  const s = summarise(loaded, r);
  assert.ok(s.chain && s.chain.included > 0);
  assert.ok(s.protocols.maker.liquidations >= 1, 'the vault was bitten');
  // every gas price agents saw was the median of the background: 250·e^{−0.045}
  for (const g of r.world.metrics.series('chain.baseFee')) close(g, 250 * Math.exp(-0.045), 1e-9);
});

test.run();
