/**
 * The trader environment against hand-worked moves on test/fixtures/rl/trader.yaml (a pool of
 * 1,000 ETH and 2,000,000 USDC, ETH at 2,000 USD, an oracle on the pool's spot price): a buy's
 * reward is what the ETH received is worth less what was paid and the gas (Uniswap v2's
 * formula); a deposit and a loan within the collateral's worth cost only their gas; a loan above
 * it (against a price pushed up in the pool) is walked away from, so its excess is the trader's
 * gain and the market's loss; ruin ends the episode. Then the adversary question on the shipped
 * pair of scenarios: pushing the pool and borrowing against the spot oracle pays, against a
 * 30-minute TWAP it does not.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { traderEnv } from '../../../src/rl/envs/trader/env.js';
import { doNothingPolicy } from '../../../src/rl/envs/trader/baselines.js';
import { checkEnv } from '../../../src/rl/checkEnv.js';
import { asLendingMarket } from '../../../src/protocols/kinds.js';

const FIXTURE = 'test/fixtures/rl/trader.yaml';
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
/** Gas in USD: the trader bids 1.2 × the 30 gwei gas price (its default), ETH at 2,000. */
const GWEI = 1.2 * 30;
const gasUsd = (gas: number) => gas * GWEI * 1e-9 * 2000;
// [operation (hold, buy, sell, deposit, withdraw, borrow, repay, liquidate), target, size (0.5, 1)]
const op = (...a: number[]) => Float32Array.from(a);
/** Uniswap v2: ETH out for `usdc` in, from reserves (x ETH, y USDC), 30 bp fee. */
const ethOut = (usdc: number, x: number, y: number) => (usdc * 0.997 * x) / (y + usdc * 0.997);

test('spaces and the trader’s own state', () => {
  const env = traderEnv({ scenario: FIXTURE });
  assert.equal(env.operations, ['hold', 'buy', 'sell', 'deposit', 'withdraw', 'borrow', 'repay', 'liquidate']);
  assert.equal(env.actionSpace.nvec, [8, 1, 2]);
  const { observation } = env.reset({ seed: 1 });
  const at = (n: string) => observation[env.observationNames.indexOf(n)];
  assert.is(at('self.wallet.USDC'), 100000);
  assert.is(at('self.wallet.ETH'), 2000);
  assert.is(at('self.lender.ETH/USDC.collateralUsd'), 0);
  assert.is(at('self.lender.ETH/USDC.healthFactor'), 10, 'no debt: the cap');
  assert.is(env.currentWorld.agents[env.currentWorld.agents.length - 1].id, 'trader');
});

test('a buy: reward = ETH received × 2,000 − USDC paid − gas; holding earns nothing at constant prices', () => {
  const env = traderEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  assert.is(env.step(op(0, 0, 0)).reward, 0);
  const r = env.step(op(1, 0, 1));
  const eth = ethOut(100000, 1000, 2000000);
  assert.ok(close(r.reward, eth * 2000 - 100000 - gasUsd(150000)), `${r.reward} vs ${eth * 2000 - 100000 - gasUsd(150000)}`);
});

test('deposit and borrow within the collateral’s worth cost only gas; the position shows in the observation', () => {
  const env = traderEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  env.step(op(1, 0, 1));
  const wallet = 1 + ethOut(100000, 1000, 2000000) - 150000 * GWEI * 1e-9;
  const deposit = env.step(op(3, 0, 0));
  assert.ok(close(deposit.reward, -gasUsd(250000)), `${deposit.reward}`);
  const m = asLendingMarket(env.currentWorld.protocols[0]);
  const i = m.book.count - 1;
  assert.ok(close(m.book.collateral[i], wallet / 2));
  // the oracle reads the pushed pool: 2,100,000 / (1,000 − ETH bought) USD, and 0.8 of it is lent per ETH
  const oracle = 2100000 / (1000 - ethOut(100000, 1000, 2000000));
  const borrow = env.step(op(5, 0, 1));
  assert.ok(close(m.debtTokens(i), (wallet / 2) * oracle * 0.8, 1e-6), `${m.debtTokens(i)}`);
  assert.ok(oracle * 0.8 < 2000, 'still under the collateral’s worth');
  assert.ok(close(borrow.reward, -gasUsd(250000), 1e-6), `${borrow.reward}`);
  const debtUsd = borrow.observation[env.observationNames.indexOf('self.lender.ETH/USDC.debtUsd')];
  assert.ok(close(debtUsd, m.debtTokens(i), 1e-6));
});

test('a loan above the collateral’s worth is walked away from: its excess is the trader’s gain', () => {
  const env = traderEnv({ scenario: FIXTURE, overrides: ['rl.trader.capital.USDC=500000'] });
  env.reset({ seed: 1 });
  env.step(op(1, 0, 1));
  env.step(op(3, 0, 0));
  const eth = ethOut(500000, 1000, 2000000);
  const collateral = (1 + eth - 150000 * GWEI * 1e-9) / 2;
  const oracle = 2500000 / (1000 - eth);
  const r = env.step(op(5, 0, 1));
  const borrowed = collateral * oracle * 0.8;
  assert.ok(borrowed > collateral * 2000, 'the pushed oracle lends more than the ETH is worth');
  // the position (collateral × 2,000 before, under water now) counts 0; the wallet gains the loan
  assert.ok(close(r.reward, borrowed - collateral * 2000 - gasUsd(250000), 1e-6), `${r.reward} vs ${borrowed - collateral * 2000 - gasUsd(250000)}`);
});

test('ruin terminates: net worth under rl.trader.ruin of the start', () => {
  const env = traderEnv({ scenario: FIXTURE, overrides: ['rl.trader.ruin=0.99'] });
  env.reset({ seed: 1 });
  const r = env.step(op(1, 0, 1));
  assert.ok(r.terminated);
  assert.match(String(r.info.terminatedBy), /trader's net worth fell/);
});

test('actions outside the space are refused', () => {
  const env = traderEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  assert.throws(() => env.step(op(8, 0, 0)), /action\[0\] must be an integer from 0 to 7/);
  assert.throws(() => env.step(op(1, 1, 0)), /action\[1\] must be an integer from 0 to 0/);
});

test('checkEnv on the spot-oracle training scenario', () => {
  checkEnv(traderEnv({ scenario: 'scenarios/train-trader-spot.yaml', overrides: ['horizon=1h'] }), { steps: 40 });
});

test('the adversary: push the pool, deposit, borrow pays against the spot oracle and not against a TWAP', () => {
  const plan = [op(1, 0, 3), op(3, 0, 2), op(5, 0, 3)];
  const run = (file: string, seed: number) => {
    const env = traderEnv({ scenario: file, overrides: ['horizon=1h'] });
    env.reset({ seed });
    let total = 0;
    for (let k = 0; ; k++) {
      const r = env.step(plan[k] ?? doNothingPolicy(env).act(new Float32Array(0)));
      total += r.reward;
      if (r.terminated || r.truncated) break;
    }
    return total;
  };
  for (const seed of [1, 2, 3]) {
    const spot = run('scenarios/train-trader-spot.yaml', seed);
    const twap = run('scenarios/train-trader-twap.yaml', seed);
    assert.ok(spot > 0, `seed ${seed}: spot ${spot}`);
    assert.ok(twap < 0, `seed ${seed}: twap ${twap}`);
  }
});

test.run();
