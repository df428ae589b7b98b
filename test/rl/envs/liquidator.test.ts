/**
 * The liquidator environment against the hand-worked liquidation of test/fixtures/rl/liquidation.yaml
 * (10 ETH at 2,000 USD against 17,000 USDC; all of it may be repaid; 8.925 ETH seized): the
 * reward of a forced liquidation is the value received less the debt repaid less the gas, for
 * collateral kept (at the reference price) or sold into the pool (Uniswap v2's formula), for a
 * smaller size and a higher gas bid; two controlled liquidators sharing a policy compete for the
 * same position (the higher bid wins, the other pays gas for a failed call); Gymnasium's checks;
 * refused actions; and the heuristic baseline in the controlled slot is the scenario's plain path.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { liquidatorEnv } from '../../../src/rl/envs/liquidator/env.js';
import { heuristicLiquidatorPolicy } from '../../../src/rl/envs/liquidator/baselines.js';
import { agentSpaces, agentTransitions, jointAction } from '../../../src/rl/envs/multiAgent.js';
import { checkEnv } from '../../../src/rl/checkEnv.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { buildWorld } from '../../../src/sim/world.js';
import { step } from '../../../src/sim/step.js';
import { createAgent } from '../../../agents/index.js';

const FIXTURE = 'test/fixtures/rl/liquidation.yaml';
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
/** Gas of one call: 400,000 gas × 30 gwei × multiple, in ETH at 2,000 USD. */
const gasUsd = (multiple: number) => 400_000 * 30 * multiple * 1e-9 * 2000;
const SEIZED = (17000 * 1.05) / 2000;
// action blocks: [size (0, 0.25, 0.5, 1), venue (best, keep, eth-usdc-pool), gas (1, 1.25, 1.5, 2, 3)]
const order = (...a: number[]) => Float32Array.from(a);

test('the action and observation of one liquidator', () => {
  const env = liquidatorEnv({ scenario: FIXTURE });
  assert.equal(env.actionSpace.nvec, [4, 3, 5]);
  assert.equal(env.venueChoices, ['best', 'keep', 'eth-usdc-pool']);
  assert.equal(env.observationNames.slice(-2), ['self.capital.USDC', 'self.capital.ETH']);
  const { observation } = env.reset({ seed: 1 });
  assert.is(observation[env.observationNames.indexOf('self.capital.USDC')], 50000);
  assert.is(observation[env.observationNames.indexOf('debt-near-liquidation(lender, within=0, measure=debt)')], 17000);
});

test('kept collateral: reward = 8.925 ETH × 2,000 − 17,000 − gas = 826 USD', () => {
  const env = liquidatorEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  const r = env.step(order(3, 1, 0));
  assert.ok(close(r.reward, SEIZED * 2000 - 17000 - gasUsd(1)), `${r.reward}`);
  assert.is(r.reward.toFixed(6), '826.000000');
  assert.equal(r.info.calls, [1]);
  // nothing left to liquidate: the next interval earns nothing
  assert.is(env.step(order(3, 1, 0)).reward, 0);
});

test('sold into the pool: reward = Uniswap v2 proceeds − 17,000 − gas; "best" picks the same pool', () => {
  // out = Δ · 0.997 · 2,000,000 / (1,000 + Δ · 0.997) for Δ = 8.925 ETH
  const proceeds = (SEIZED * 0.997 * 2_000_000) / (1000 + SEIZED * 0.997);
  for (const venue of [2, 0]) {
    const env = liquidatorEnv({ scenario: FIXTURE });
    env.reset({ seed: 1 });
    const r = env.step(order(3, venue, 0));
    assert.ok(close(r.reward, proceeds - 17000 - gasUsd(1)), `${r.reward} vs ${proceeds - 17000 - gasUsd(1)}`);
  }
});

test('half the close-factor amount, a doubled gas bid; size 0 liquidates nothing', () => {
  let env = liquidatorEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  // 8,500 repaid seizes 4.4625 ETH; gas at 2 × 30 gwei
  let r = env.step(order(2, 1, 3));
  assert.ok(close(r.reward, ((8500 * 1.05) / 2000) * 2000 - 8500 - gasUsd(2)), `${r.reward}`);
  env = liquidatorEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  r = env.step(order(0, 1, 0));
  assert.is(r.reward, 0);
  assert.equal(r.info.calls, [0]);
});

test('actions outside the space are refused', () => {
  const env = liquidatorEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  assert.throws(() => env.step(order(4, 0, 0)), /action\[0\] must be an integer from 0 to 3/);
  assert.throws(() => env.step(order(3, 0)), /expected an action of 3 values/);
});

test('two liquidators share one policy: N blocks, N rewards; the higher bid liquidates, the other pays gas for nothing', () => {
  const env = liquidatorEnv({ scenario: FIXTURE, overrides: ['rl.liquidator.agents=[rl, other]', 'agents.other.latency=0'] });
  assert.is(env.agentCount, 2);
  assert.equal(env.actionSpace.nvec, [4, 3, 5, 4, 3, 5]);
  const spaces = agentSpaces(env);
  assert.equal(spaces.actionSpace.nvec, [4, 3, 5]);
  assert.is(spaces.observationSpace.shape[0], env.observationNames.length / 2);
  assert.ok(env.observationNames[0].startsWith('agent0.') && env.observationNames[env.agentObservationSize].startsWith('agent1.'));
  const { observation } = env.reset({ seed: 1 });
  const action = jointAction([order(3, 1, 0), order(3, 1, 1)]);
  const r = env.step(action);
  // agent 1 bids 1.25 × and is included first: it repays all 17,000; agent 0's call fails, its gas spent
  const rewards = r.info.agentRewards as number[];
  assert.ok(close(rewards[0], -gasUsd(1)), `${rewards[0]}`);
  assert.ok(close(rewards[1], SEIZED * 2000 - 17000 - gasUsd(1.25)), `${rewards[1]}`);
  assert.ok(close(r.reward, rewards[0] + rewards[1]));
  const split = agentTransitions(env, observation, action, r);
  assert.is(split.length, 2);
  assert.equal(Array.from(split[1].action), [3, 1, 1]);
  assert.equal(Array.from(split[0].observation), Array.from(observation.subarray(0, env.agentObservationSize)));
  assert.is(split[1].reward, rewards[1]);
});

test('one liquidator of two driven (N = 1), the other the scenario’s heuristic', () => {
  // the heuristic reacts after one minute: in the step of the first decision (the warm-up step precedes it)
  const env = liquidatorEnv({ scenario: FIXTURE, overrides: ['agents.other.latency=1m', 'agents.other.gasBid={kind: multiple, factor: 1.2}'] });
  env.reset({ seed: 1 });
  // bidding 1.25 × beats the heuristic's 1.2 ×
  const won = env.step(order(3, 1, 1));
  assert.ok(close(won.reward, SEIZED * 2000 - 17000 - gasUsd(1.25)));
  env.reset({ seed: 1 });
  // bidding 1 × loses the race: the call fails and costs its gas
  const lost = env.step(order(3, 1, 0));
  assert.ok(close(lost.reward, -gasUsd(1)), `${lost.reward}`);
});

const SHORT = ['horizon=3h'];

test('checkEnv on the training scenario (one agent, and two sharing a policy)', () => {
  checkEnv(liquidatorEnv({ scenario: 'scenarios/train-liquidator.yaml', overrides: SHORT }), { steps: 12 });
  checkEnv(liquidatorEnv({ scenario: 'scenarios/train-liquidator.yaml', overrides: [...SHORT, 'rl.liquidator.agents=[rl-liquidator, liquidator-slow]'] }), { steps: 12 });
});

test('the heuristic baseline in the slot is the scenario’s plain path, its reward the heuristic’s profit', () => {
  const env = liquidatorEnv({ scenario: 'scenarios/train-liquidator.yaml', overrides: SHORT });
  const heuristic = heuristicLiquidatorPolicy(env);
  let obs = env.reset({ seed: 4, options: { ...heuristic.resetOptions, shockScale: 1 } }).observation;
  let total = 0;
  for (;;) {
    const r = env.step(heuristic.act(obs));
    obs = r.observation;
    total += r.reward;
    if (r.truncated || r.terminated) break;
  }
  const w = env.currentWorld;
  // the plain path, stepped by hand in the environment's intervals (one warm-up step, then 5 steps a
  // decision), its liquidator's profit marked as the reward's definition says: each interval's
  // change of balances at that interval's closing reference prices
  const plain = buildWorld(loadScenario('scenarios/train-liquidator.yaml', SHORT), { createAgent, seed: 4 });
  const account = plain.agents.find((a) => a.id === 'rl-liquidator')!.account;
  const balances = () => plain.assetIds.map((_, a) => plain.ledger.balance(account, a));
  step(plain);
  let before = balances();
  let profit = 0;
  while (plain.step < plain.steps) {
    for (let k = 0; k < 5 && plain.step < plain.steps; k++) step(plain);
    const now = balances();
    now.forEach((b, a) => (profit += (b - before[a]) * plain.reference[a]));
    before = now;
  }
  for (const c of plain.metrics.columns) assert.equal(Array.from(w.metrics.series(c)), Array.from(plain.metrics.series(c)), c);
  assert.ok(close(total, profit), `${total} vs ${profit}`);
  assert.ok(profit !== 0, 'the heuristic did something');
  assert.ok(plain.protocols[0].figures().liquidations > 0);
});

test.run();
