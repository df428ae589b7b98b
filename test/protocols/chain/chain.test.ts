import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Chain, type ChainParams } from '../../../src/protocols/chain/chain.js';
import { CongestionProcess } from '../../../src/protocols/chain/congestion.js';
import type { Transaction } from '../../../src/protocols/chain/mempool.js';
import { Rng } from '../../../src/util/rng.js';

const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

// Deterministic congestion (σ = 0): background demand = target × 3 × (20 / base) gas, tips
// exponential with mean 2 gwei, so gas bidding above a tip f is G × exp(−f / 2).
const congested: ChainParams = {
  blockTime: 13,
  gasLimit: 10_000_000, // target 5M
  initialBaseFee: 20,
  congestion: {
    meanLogDemand: Math.log(3),
    reversionRate: 0,
    volatility: 0,
    referenceBaseFee: 20,
    elasticity: 1,
    tipScale: 2,
  },
};

const keeperTx = (id: string, priorityFee: number, maxFeePerGas: number): Transaction<string> => ({
  id,
  sender: id,
  gasUsed: 200_000,
  maxFeePerGas,
  priorityFee,
  submittedAt: 0,
  expiresAt: 1000,
  payload: id,
});

test('congested chain: high fee in first, a low tip gets in later, a capped low bid never (expires)', () => {
  // Hand-worked with the EIP-1559 rule and the background model above:
  // block 1 (t=13, base 20): G = 15M. high (tip 50): ahead 15M·e^-25 ≈ 0 → in.
  //   low tips (0.5): ahead 15M·e^-0.25 = 11.68M > 10M − 0.2M → out. Block full → base 22.5.
  // block 2 (t=26, base 22.5): G = 13.33M, ahead 10.38M → out again. Full → base 25.3125.
  // block 3 (t=39, base 25.3125): 'capped' (maxFee 25) is now below the base fee: ineligible;
  //   'patient' (maxFee 100): G = 11.852M, ahead 9.230M + 0.2M ≤ 10M → in.
  // The base fee keeps rising towards b* = 20 × 3 = 60 > 25, so 'capped' never gets in and is
  // reported expired in the first block at t ≥ 1000 (block 77, t = 1001).
  const chain = new Chain<string>(congested, new Rng(1));
  chain.submit(keeperTx('high', 50, 200));
  chain.submit(keeperTx('patient', 0.5, 100));
  chain.submit(keeperTx('capped', 0.5, 25));
  const blocks = chain.produceBlocksThrough(1001);
  const includedAt = new Map<string, number>();
  const expiredAt = new Map<string, number>();
  for (const b of blocks) {
    for (const i of b.included) includedAt.set(i.tx.id as string, b.number);
    for (const t of b.expired) expiredAt.set(t.id as string, b.number);
  }
  assert.is(includedAt.get('high'), 1);
  assert.is(includedAt.get('patient'), 3);
  assert.not.ok(includedAt.has('capped'));
  assert.is(expiredAt.get('capped'), 77);
  assert.is(blocks[0].baseFee, 20);
  assert.is(blocks[1].baseFee, 22.5);
  assert.is(blocks[2].baseFee, 25.3125);
  assert.ok(close(blocks[2].backgroundDemand, 15e6 * (20 / 25.3125)));
});

test('the same capped low bid is included at once when the chain is not congested', () => {
  const chain = new Chain<string>({ ...congested, congestion: undefined }, new Rng(1));
  chain.submit(keeperTx('capped', 0.5, 25));
  const [b1] = chain.produceBlocksThrough(13);
  assert.equal(
    b1.included.map((i) => i.tx.id),
    ['capped'],
  );
  // only 0.2M of a 5M target used: base falls by (0.2 − 5) / 5 / 8 = −12 %
  assert.ok(close(b1.nextBaseFee, 20 * (1 - 4.8 / 5 / 8)));
});

test('base fee settles where background demand meets the target: b* = b_ref (e^μ m)^(1/ε)', () => {
  // Closed form from G(b*) = target: 5M × 3 × m × (20 / b*)^2 = 5M  ⇒  b* = 20 √(3m).
  const params: ChainParams = {
    ...congested,
    congestion: { ...congested.congestion!, elasticity: 2 },
  };
  const chain = new Chain<string>(params, new Rng(1));
  chain.addSpike({ factor: 4, start: 13 * 400, end: 13 * 800 });
  const blocks = chain.produceBlocksThrough(13 * 1200);
  const at = (n: number) => blocks[n - 1].baseFee;
  assert.ok(close(at(399), 20 * Math.sqrt(3), 1e-8));
  // during the spike: × √4 = 2
  assert.ok(close(at(799), 40 * Math.sqrt(3), 1e-8));
  // blocks run full while the base fee climbs after the spike starts
  assert.is(blocks[400].gasUsed, 10_000_000);
  // and it comes back after the spike
  assert.ok(close(at(1200), 20 * Math.sqrt(3), 1e-8));
});

test('log demand moves by the exact OU transition (Monte Carlo vs closed form)', () => {
  // x0 = 2, μ = 0, κ = 1/600 s⁻¹, σ = 0.01, Δ = 600 s:
  // mean = 2 e^-1 = 0.735759; variance = σ² (1 − e^-2) / (2κ) = 1e-4 × 0.864665 × 300 = 0.0259400.
  // With N = 20,000 draws the standard error of the mean is √(0.02594/N) = 0.00114 and of the
  // variance ≈ 0.02594 √(2/N) = 0.00026; accept within 4 standard errors.
  const rng = new Rng(12345);
  const N = 20_000;
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < N; k++) {
    const c = new CongestionProcess({ meanLogDemand: 0, reversionRate: 1 / 600, volatility: 0.01, referenceBaseFee: 1, elasticity: 1, tipScale: 1, initialLogDemand: 2 }, rng);
    c.advance(600);
    s += c.logDemand;
    s2 += c.logDemand * c.logDemand;
  }
  const mean = s / N;
  const variance = s2 / N - mean * mean;
  assert.ok(Math.abs(mean - 2 * Math.exp(-1)) < 4 * 0.00114, `mean ${mean}`);
  assert.ok(Math.abs(variance - 1e-4 * (1 - Math.exp(-2)) * 300) < 4 * 0.00026, `variance ${variance}`);
});

test('same seed, same chain: congestion is deterministic given the Rng', () => {
  const params: ChainParams = {
    ...congested,
    congestion: { ...congested.congestion!, reversionRate: 1 / 3600, volatility: 0.02 },
  };
  const run = () => new Chain<string>(params, new Rng(7)).produceBlocksThrough(13 * 100).map((b) => b.baseFee);
  assert.equal(run(), run());
});

test.run();
