/**
 * The trader environment against hand-worked moves on test/fixtures/rl/trader.yaml (a pool of
 * 1,000 ETH and 2,000,000 USDC, ETH at 2,000 USD, an oracle on the pool's spot price, nobody else
 * trading; the trader has 100,000 USDC and 1 ETH, of which 0.5 is its gas reserve; levels
 * 0, 0.5, 1): an exposure target's swap is the difference of shares at the pool's price, and its
 * reward what the ETH received is worth less what was paid and the gas (Uniswap v2's formula); a
 * deposit and a loan within the collateral's worth cost only their gas; a loan above it (against
 * a price pushed up in the pool) is walked away from, so its excess is the trader's gain and the
 * market's loss; lowering the targets repays and withdraws; ruin ends the episode. Then the
 * adversary question on the shipped pair of scenarios: pushing the pool and borrowing against the
 * spot oracle pays, against a 30-minute TWAP it does not.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { traderEnv } from '../../../src/rl/envs/trader/env.js';
import { doNothingPolicy } from '../../../src/rl/envs/trader/baselines.js';
import { checkEnv } from '../../../src/rl/checkEnv.js';
import { asLendingMarket } from '../../../src/protocols/kinds.js';

const FIXTURE = 'test/fixtures/rl/trader.yaml';
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
/** Gas in ETH and USD: the trader bids 1.2 × the 30 gwei gas price (its default), ETH at 2,000. */
const GWEI = 1.2 * 30;
const gasEth = (gas: number) => gas * GWEI * 1e-9;
const gasUsd = (gas: number) => gasEth(gas) * 2000;
// [exposure, collateral, borrowing, liquidate]; targets 0 keep, 1 → 0, 2 → 0.5, 3 → 1
const act = (...a: number[]) => Float32Array.from(a);
const HOLD = act(0, 0, 0, 0);
/** Uniswap v2: ETH out for `usdc` in, from reserves (x ETH, y USDC), 30 bp fee. */
const ethOut = (usdc: number, x: number, y: number) => (usdc * 0.997 * x) / (y + usdc * 0.997);

function ownPosition(env: ReturnType<typeof traderEnv>) {
  const m = asLendingMarket(env.currentWorld.protocols[0]);
  const owner = env.currentWorld.agents[env.currentWorld.agents.length - 1].account;
  let i = -1;
  for (let s = 0; s < m.book.count; s++) if (m.book.owner[s] === owner) i = s;
  return { m, i };
}

test('spaces and the trader’s own state', () => {
  const env = traderEnv({ scenario: FIXTURE });
  assert.equal(env.actionSpace.nvec, [4, 4, 4, 2]);
  assert.equal(env.actionNames, ['exposure(eth-usdc-pool)', 'collateral(lender.ETH/USDC)', 'borrowing(lender.ETH/USDC)', 'liquidate']);
  const { observation } = env.reset({ seed: 1 });
  const at = (n: string) => observation[env.observationNames.indexOf(n)];
  assert.is(at('self.wallet.USDC'), 100000);
  assert.is(at('self.wallet.ETH'), 2000);
  assert.is(at('self.eth-usdc-pool.premium'), 0, 'the pool is at the reference price');
  // 0.5 ETH beyond the reserve at 2,000 against 100,000 USDC
  assert.ok(close(at('self.eth-usdc-pool.exposure'), 1000 / 101000, 1e-6));
  assert.is(at('self.lender.ETH/USDC.collateralUsd'), 0);
  assert.is(at('self.lender.ETH/USDC.healthFactor'), 10, 'no debt: the cap');
  assert.is(at('self.lender.ETH/USDC.oraclePremium'), 0);
  assert.is(at('self.lender.ETH/USDC.collateralShare'), 0);
  assert.is(at('self.lender.ETH/USDC.borrowing'), 0);
  assert.is(at('self.netWorthChange'), 0);
  // 30 one-minute steps, one of them the warm-up
  assert.ok(close(at('self.timeLeft'), 29 / 30, 1e-6));
  assert.is(env.currentWorld.agents[env.currentWorld.agents.length - 1].id, 'trader');
});

test('holding sends nothing and earns nothing at constant prices', () => {
  const env = traderEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  const r = env.step(doNothingPolicy(env).act(new Float32Array(0)));
  assert.is(r.reward, 0);
  assert.is(r.observation[env.observationNames.indexOf('self.wallet.ETH')], 2000);
});

test('an exposure target buys the difference of shares at the pool’s price: reward = ETH received × 2,000 − USDC paid − gas', () => {
  const env = traderEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  const r = env.step(act(2, 0, 0, 0));
  // value 0.5 × 2,000 + 100,000 = 101,000; a half share is 50,500 in ETH, 1,000 held: buy with 49,500 USDC
  const eth = ethOut(49500, 1000, 2000000);
  assert.ok(close(r.reward, eth * 2000 - 49500 - gasUsd(150000)), `${r.reward} vs ${eth * 2000 - 49500 - gasUsd(150000)}`);
  assert.ok(close(r.observation[env.observationNames.indexOf('self.wallet.USDC')], 50500));
});

test('deposit and borrow within the collateral’s worth cost only gas; the position shows in the observation', () => {
  const env = traderEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  env.step(act(3, 0, 0, 0));
  const eth = ethOut(100000, 1000, 2000000);
  const wallet = 1 + eth - gasEth(150000);
  // half of what it has beyond the reserve (less the gas of the calls the decision may send)
  const deposit = env.step(act(0, 2, 0, 0));
  assert.ok(close(deposit.reward, -gasUsd(250000)), `${deposit.reward}`);
  const { m, i } = ownPosition(env);
  const deposited = 0.5 * (wallet - 0.5 - gasEth(500000));
  assert.ok(close(m.book.collateral[i], deposited), `${m.book.collateral[i]} vs ${deposited}`);
  // the oracle reads the pushed pool: 2,100,000 / (1,000 − ETH bought) USD, and 0.8 of it is lent per ETH
  const oracle = 2100000 / (1000 - eth);
  const borrow = env.step(act(0, 0, 3, 0));
  assert.ok(close(m.debtTokens(i), deposited * oracle * 0.8, 1e-6), `${m.debtTokens(i)}`);
  assert.ok(oracle * 0.8 < 2000, 'still under the collateral’s worth');
  assert.ok(close(borrow.reward, -gasUsd(250000), 1e-6), `${borrow.reward}`);
  const at = (n: string) => borrow.observation[env.observationNames.indexOf(n)];
  assert.ok(close(at('self.lender.ETH/USDC.debtUsd'), m.debtTokens(i), 1e-6));
  assert.ok(close(at('self.lender.ETH/USDC.borrowing'), 1, 1e-6), 'all its borrowing power used');
  assert.ok(close(at('self.lender.ETH/USDC.oraclePremium'), oracle / 2000 - 1, 1e-6));
  // lowering both targets to 0 in one decision: the debt repaid from the wallet, then all collateral withdrawn
  const back = env.step(act(0, 1, 1, 0));
  assert.ok(close(back.reward, -2 * gasUsd(250000), 1e-6), `${back.reward}`);
  assert.is(m.debtTokens(i), 0);
  assert.is(m.book.collateral[i], 0);
});

test('a loan above the collateral’s worth is walked away from: its excess is the trader’s gain', () => {
  const env = traderEnv({ scenario: FIXTURE, overrides: ['rl.trader.capital.USDC=500000'] });
  env.reset({ seed: 1 });
  // one decision: buy with all the USDC and deposit all the ETH beyond the reserve (sized by the pool's quote)
  const first = env.step(act(3, 3, 0, 0));
  const eth = ethOut(500000, 1000, 2000000);
  const collateral = 1 + eth - 0.5 - gasEth(150000 + 500000);
  const { m, i } = ownPosition(env);
  assert.ok(close(m.book.collateral[i], collateral, 1e-9), `${m.book.collateral[i]} vs ${collateral}`);
  assert.ok(close(first.reward, eth * 2000 - 500000 - gasUsd(150000 + 250000), 1e-9), `${first.reward}`);
  const oracle = 2500000 / (1000 - eth);
  const r = env.step(act(0, 0, 3, 0));
  const borrowed = collateral * oracle * 0.8;
  assert.ok(borrowed > collateral * 2000, 'the pushed oracle lends more than the ETH is worth');
  // the position (collateral × 2,000 before, under water now) counts 0; the wallet gains the loan
  assert.ok(close(r.reward, borrowed - collateral * 2000 - gasUsd(250000), 1e-6), `${r.reward} vs ${borrowed - collateral * 2000 - gasUsd(250000)}`);
  // the market's side: what the position owes beyond its collateral, not yet booked as bad debt
  const measures = r.info.measures as Record<string, number>;
  assert.ok(close(measures.traderShortfallUsd, borrowed - collateral * 2000, 1e-6), `${measures.traderShortfallUsd}`);
  assert.is(measures.protocolBadDebtUsd, 0);
  assert.is((first.info.measures as Record<string, number>).traderShortfallUsd, 0);
});

test('the interval’s activity names what changed in its holdings; describeAction names the targets', () => {
  const env = traderEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  assert.is(env.describeAction(HOLD), null);
  assert.is(env.describeAction(act(3, 2, 0, 1)), 'exposure 1, collateral 0.5, liquidate');
  const hold = env.step(HOLD);
  assert.is(hold.info.activity, null);
  // all 100,000 USDC into the pool: ethOut(100,000) ETH more in the wallet (less 0.0054 ETH of gas)
  const buy = env.step(act(3, 0, 0, 0));
  const eth = ethOut(100000, 1000, 2000000) - gasEth(150000);
  assert.is(buy.info.activity, `wallet +${eth.toPrecision(3)} ETH, wallet −100k USDC`);
});

test('ruin terminates: net worth under rl.trader.ruin of the start', () => {
  const env = traderEnv({ scenario: FIXTURE, overrides: ['rl.trader.ruin=0.99'] });
  env.reset({ seed: 1 });
  const r = env.step(act(3, 0, 0, 0));
  assert.ok(r.terminated);
  assert.match(String(r.info.terminatedBy), /trader's net worth fell/);
});

test('actions outside the space are refused', () => {
  const env = traderEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  assert.throws(() => env.step(act(4, 0, 0, 0)), /action\[0\] must be an integer from 0 to 3/);
  assert.throws(() => env.step(act(0, 0, 0, 2)), /action\[3\] must be an integer from 0 to 1/);
  assert.throws(() => env.step(act(0, 0, 0)), /expected an action of 4 values/);
});

test('checkEnv on the spot-oracle training scenario', () => {
  checkEnv(traderEnv({ scenario: 'scenarios/train-trader-spot.yaml', overrides: ['horizon=1h'] }), { steps: 40 });
});

test('the adversary: push the pool and deposit, then borrow, pays against the spot oracle and not against a TWAP', () => {
  const plan = [act(5, 5, 0, 0), act(0, 0, 5, 0)];
  const run = (file: string, seed: number) => {
    const env = traderEnv({ scenario: file, overrides: ['horizon=1h'] });
    env.reset({ seed });
    let total = 0;
    for (let k = 0; ; k++) {
      const r = env.step(plan[k] ?? HOLD);
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
