/**
 * The collateral-policy environment against hand-worked worlds (test/fixtures/rl/): the reward's
 * locked-capital term for a known change of threshold, its bad-debt term against the protocol's
 * own books and the plain run's summary, the Risk-Steward bounds (a change clipped to
 * maxPercentChange, one held by minDelay, one delayed by a timelock), the borrowers' response to
 * a tighter threshold, a CDP system's ratio; Gymnasium's checks (checkEnv), the interval of steps,
 * truncation at the horizon, termination on insolvency, refused actions; and that a policy that
 * always holds leaves the world exactly as the scenario alone runs it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collateralPolicyEnv } from '../../../src/rl/envs/collateral/env.js';
import { holdPolicy, requirementRulePolicy, staticPolicy } from '../../../src/rl/envs/collateral/baselines.js';
import { checkEnv } from '../../../src/rl/checkEnv.js';
import { asLendingMarket, asCdpSystem } from '../../../src/protocols/kinds.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { buildWorld } from '../../../src/sim/world.js';
import { runWorld } from '../../../src/sim/run.js';
import { createAgent } from '../../../agents/index.js';

const FIXTURE = 'test/fixtures/rl/collateral.yaml';
const CRASH = 'test/fixtures/rl/crash.yaml';
const YEAR = 365 * 86400;
const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const act = (n: number) => Float32Array.of(n);
// notches: 2, so action 2 holds, 1 tightens one notch (0.01), 0 two notches
const HOLD = act(2);
/** train-collateral.yaml cut to 12 hours, its crash and variants moved inside them. */
const SHORT = ['horizon=12h', 'shocks[0].start=3h', 'rl.training.variants=[{set: ["shocks[0].start=2h"]}, {set: ["shocks[0].start=4h"]}, {set: ["shocks[0].start=6h"]}]'];

test('checkEnv: spaces, finite rewards, fresh observations, same seed same trajectory', () => {
  const env = collateralPolicyEnv({ scenario: 'scenarios/train-collateral.yaml', overrides: SHORT });
  const steps = checkEnv(env, { steps: 20 });
  assert.is(steps, 20);
  assert.equal(env.actionSpace, { type: 'multi-discrete', nvec: [5] });
});

test('a one-notch tightening costs lockCostPerYear × collateral × Δ LTV × the interval in years, plus the change cost', () => {
  const env = collateralPolicyEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  const r = env.step(act(1));
  const m = asLendingMarket(env.currentWorld.protocols[0]);
  assert.is(m.reserves[0].liquidationThreshold, 0.815);
  assert.ok(close(m.reserves[0].ltv, 0.79));
  // 20 ETH × 2,000 USD × 0.01 of LTV withheld for 3,600 s; c_lock 1,000/yr; one change at 10 USD
  const lockUsdYears = (20 * 2000 * 0.01 * 3600) / YEAR;
  assert.ok(close(r.info.lockedUsdYears as number, lockUsdYears), `${r.info.lockedUsdYears} vs ${lockUsdYears}`);
  assert.ok(close(r.reward, -(1000 * lockUsdYears + 10)), `${r.reward}`);
  assert.is(r.info.changes, 1);
  // the next hour holds: the charge continues, no change
  const held = env.step(HOLD);
  assert.ok(close(held.reward, -1000 * lockUsdYears));
  assert.is(held.info.changes, 0);
  // loosening back to the start stops the charge (only the change is paid)
  const back = env.step(act(3));
  assert.ok(close(m.reserves[0].liquidationThreshold, 0.825));
  assert.ok(close(back.reward, -10), `${back.reward}`);
});

test('the Risk-Steward bounds: a change is clipped to maxPercentChange, held by minDelay, delayed by the timelock', () => {
  // maxPercentChange 1 point: two notches (2 points) are cut to one
  let env = collateralPolicyEnv({ scenario: FIXTURE, overrides: ['protocols.lender.governance.bounds.liquidationThreshold.maxPercentChange=1'] });
  env.reset({ seed: 1 });
  env.step(act(0));
  assert.ok(close(asLendingMarket(env.currentWorld.protocols[0]).reserves[0].liquidationThreshold, 0.815));
  // decisions every 30 minutes, minDelay 1h: the second tightening is held, the third goes through
  env = collateralPolicyEnv({ scenario: FIXTURE, overrides: ['rl.decisionInterval=30m'] });
  let first = env.reset({ seed: 1 });
  assert.is(first.observation[env.observationNames.indexOf('self.ETH.wait')], 0);
  env.step(act(1));
  const held = env.step(act(1));
  assert.is(held.info.held, 1);
  assert.is(held.info.changes, 0);
  assert.is(held.observation[env.observationNames.indexOf('self.ETH.wait')], 0, 'an hour has passed by the next decision');
  const third = env.step(act(1));
  assert.is(third.info.changes, 1);
  assert.ok(close(asLendingMarket(env.currentWorld.protocols[0]).reserves[0].liquidationThreshold, 0.805));
  // a one-hour timelock: asked at 5 minutes (the first decision follows the first step), in force from the start of the third half-hour
  env = collateralPolicyEnv({ scenario: FIXTURE, overrides: ['rl.decisionInterval=30m', 'protocols.lender.governance.timelock=1h'] });
  first = env.reset({ seed: 1 });
  const a = env.step(act(1));
  assert.is(a.info.changes, 0);
  assert.ok(close(a.observation[env.observationNames.indexOf('self.ETH.pending')], -0.01), 'the queued change shows as pending');
  const b = env.step(HOLD);
  assert.is(b.info.changes, 0);
  const c = env.step(HOLD);
  assert.is(c.info.changes, 1);
  assert.ok(close(c.info.lockedUsdYears as number, (20 * 2000 * 0.01 * 1800) / YEAR));
  assert.is(c.observation[env.observationNames.indexOf('self.ETH.pending')], 0);
  assert.ok(close(c.observation[env.observationNames.indexOf('self.ETH.offset')], -0.01, 1e-6));
});

test('a change beyond the policy range or the protocol rules is cut to them', () => {
  // tighten 0.015 at most: the second notch of 0.01 stops at 0.81
  const env = collateralPolicyEnv({
    scenario: FIXTURE,
    overrides: ['rl.collateralPolicy.tighten=0.015', 'protocols.lender.governance.bounds.liquidationThreshold.minDelay=0', 'protocols.lender.governance.bounds.ltv.minDelay=0'],
  });
  env.reset({ seed: 1 });
  env.step(act(1));
  env.step(act(1));
  assert.ok(close(asLendingMarket(env.currentWorld.protocols[0]).reserves[0].liquidationThreshold, 0.81));
  const r = env.step(act(1));
  assert.is(r.info.submitted, 0, 'nothing left to change');
  // loosening stops where threshold × (1 + bonus) = 1: 1 / 1.05 = 0.95238…
  const loose = collateralPolicyEnv({
    scenario: FIXTURE,
    overrides: [
      'rl.collateralPolicy.loosen=0.5',
      'rl.collateralPolicy.step=0.1',
      'protocols.lender.governance.bounds.liquidationThreshold.maxPercentChange=50',
      'protocols.lender.governance.bounds.ltv.maxPercentChange=50',
      'protocols.lender.governance.bounds.liquidationThreshold.minDelay=0',
      'protocols.lender.governance.bounds.ltv.minDelay=0',
    ],
  });
  loose.reset({ seed: 1 });
  loose.step(act(4));
  loose.step(act(4));
  assert.ok(close(asLendingMarket(loose.currentWorld.protocols[0]).reserves[0].liquidationThreshold, 1 / 1.05));
});

test('actions outside the space are refused with a RangeError', () => {
  const env = collateralPolicyEnv({ scenario: FIXTURE });
  env.reset({ seed: 1 });
  assert.throws(() => env.step(act(5)), /integer from 0 to 4/);
  assert.throws(() => env.step(act(1.5)), /integer from 0 to 4/);
});

test('the bad-debt term is the protocol’s booked bad debt: the hand-worked 8,761.90 USD, as in the plain run', () => {
  const env = collateralPolicyEnv({ scenario: CRASH });
  env.reset({ seed: 1 });
  let total = 0;
  let steps = 0;
  for (;;) {
    const r = env.step(act(1));
    steps += r.info.steps as number;
    total += r.info.badDebtUsd as number;
    if (r.truncated || r.terminated) break;
  }
  // notches 1 here: action 1 holds
  const booked = 24000 - (2 * 8000) / 1.05;
  assert.ok(close(total, booked, 1e-6), `${total} vs ${booked}`);
  const plain = runWorld(buildWorld(loadScenario(CRASH), { createAgent, seed: 1 }));
  assert.ok(close(plain.protocols[0].figures().badDebtUsd, booked, 1e-6));
  assert.is(steps, 35, 'every step of the horizon but the first, which precedes the first decision');
});

test('terminated when a protocol’s booked losses reach rl.insolventAtLossUsd; stepping on is refused', () => {
  const env = collateralPolicyEnv({ scenario: CRASH, overrides: ['rl.insolventAtLossUsd=5000'] });
  env.reset({ seed: 1 });
  const flags: string[] = [];
  for (;;) {
    const r = env.step(act(1));
    flags.push(`${r.terminated}/${r.truncated}`);
    if (r.terminated) {
      assert.match(String(r.info.terminatedBy), /lender booked losses of 8761\.9/);
      break;
    }
  }
  // the crash is at 1h05: the third half-hour is the one that books the loss
  assert.equal(flags, ['false/false', 'false/false', 'true/false']);
  assert.throws(() => env.step(act(1)), /call reset/);
});

test('the world advances decisionInterval steps per step; the horizon truncates (a shorter last interval)', () => {
  const env = collateralPolicyEnv({ scenario: FIXTURE, overrides: ['rl.decisionInterval=25m', 'rl.warmup=10m'] });
  const first = env.reset({ seed: 1 });
  assert.is(first.info.step, 2, 'the warm-up runs two 5-minute steps');
  const lengths: number[] = [];
  let last = env.currentWorld.step;
  for (;;) {
    const r = env.step(HOLD);
    lengths.push(env.currentWorld.step - last);
    last = env.currentWorld.step;
    assert.is(r.info.steps, lengths[lengths.length - 1]);
    if (r.truncated) break;
    assert.not.ok(r.terminated);
  }
  // 72 steps: 2 of warm-up, then 14 intervals of 5
  assert.equal(lengths, Array(14).fill(5));
  // without a warm-up, the first decision still comes after one step (nothing is priced before it): 71 = 14 × 5 + 1
  const shorter = collateralPolicyEnv({ scenario: FIXTURE, overrides: ['rl.decisionInterval=25m'] });
  assert.is(shorter.reset({ seed: 1 }).info.step, 1);
  const tail: number[] = [];
  for (;;) {
    const r = shorter.step(HOLD);
    tail.push(r.info.steps as number);
    if (r.truncated) break;
  }
  assert.equal(tail, [...Array(14).fill(5), 1]);
});

test('always holding leaves the world exactly as the scenario alone runs it (the step loop is unchanged)', () => {
  const overrides = SHORT;
  const env = collateralPolicyEnv({ scenario: 'scenarios/train-collateral.yaml', overrides });
  const hold = holdPolicy(env);
  let r = env.reset({ seed: 11, options: { variant: -1, shockScale: 1 } });
  for (;;) {
    const s = env.step(hold.act(r.observation));
    r = s;
    if (s.truncated || s.terminated) break;
  }
  const w = env.currentWorld;
  const plain = runWorld(buildWorld(loadScenario('scenarios/train-collateral.yaml', overrides), { createAgent, seed: 11 }));
  assert.equal(w.metrics.columns, plain.metrics.columns);
  for (const c of plain.metrics.columns) assert.equal(Array.from(w.metrics.series(c)), Array.from(plain.metrics.series(c)), c);
  assert.equal(w.protocols[0].figures(), plain.protocols[0].figures());
  assert.ok(plain.protocols[0].figures().liquidations > 0, 'the comparison covers liquidations');
});

test('borrowers respond: a tighter threshold puts a position under the cohort’s alert level and it tops up to the target at the new threshold', () => {
  // the second position's health factor 10 · 2000 · 0.825 / 14,000 = 1.1786 becomes 1.1643 at 0.815, under an alert level of 1.17
  const cohort = 'agents=[{id: borrowers, kind: borrower-cohort, protocol: lender, share: 1, alertHealthFactor: 1.17, targetHealthFactor: 1.4, latency: 30m}]';
  const env = collateralPolicyEnv({ scenario: FIXTURE, overrides: [cohort, 'rl.decisionInterval=30m'] });
  env.reset({ seed: 1 });
  const m = asLendingMarket(env.currentWorld.protocols[0]);
  env.step(act(1));
  assert.is(m.book.collateral[1], 10, 'within the latency nothing happens');
  const r = env.step(HOLD);
  // to health factor 1.4 at 0.815: collateral = 1.4 · 14,000 / (2,000 · 0.815)
  const topped = (1.4 * 14000) / (2000 * 0.815);
  assert.ok(close(m.book.collateral[1], topped), `${m.book.collateral[1]} vs ${topped}`);
  assert.is(m.book.collateral[0], 10, 'the other position stays above the alert level');
  // the top-up, included in the interval's first step, is collateral locked by the change: the charge counts it
  assert.ok(close(r.info.lockedUsdYears as number, ((10 + topped) * 2000 * 0.01 * 1800) / YEAR), `${r.info.lockedUsdYears}`);
});

test('a CDP vault type: tightening raises the ratio; the borrowing power withheld is collateral × (1/1.5 − 1/1.55)', () => {
  const env = collateralPolicyEnv({ scenario: 'test/fixtures/rl/cdp.yaml' });
  assert.equal(env.actionSpace.nvec, [3]);
  env.reset({ seed: 1 });
  const r = env.step(act(0));
  assert.is(asCdpSystem(env.currentWorld.protocols[0]).ilks[0].mat, 1.55);
  const lock = (20 * 2000 * (1 / 1.5 - 1 / 1.55) * 3600) / YEAR;
  assert.ok(close(r.info.lockedUsdYears as number, lock), `${r.info.lockedUsdYears} vs ${lock}`);
  assert.ok(close(r.reward, -1000 * lock));
  assert.ok(close(r.observation[env.observationNames.indexOf('self.ETH-A.offset')], 0.05, 1e-6));
});

test('baselines: the static policy walks to its offset and holds; the requirement rule tightens as volatility rises', () => {
  const env = collateralPolicyEnv({ scenario: FIXTURE, overrides: ['protocols.lender.governance.bounds.liquidationThreshold.minDelay=0', 'protocols.lender.governance.bounds.ltv.minDelay=0'] });
  const fixed = staticPolicy(env, [-0.03]);
  let obs = env.reset({ seed: 1 }).observation;
  for (let k = 0; k < 4; k++) obs = env.step(fixed.act(obs)).observation;
  assert.ok(close(asLendingMarket(env.currentWorld.protocols[0]).reserves[0].liquidationThreshold, 0.795));
  assert.equal(Array.from(fixed.act(obs)), [2], 'there: hold');
  // the rule: LT* = 0.825 · CR(σ_calm) / CR(σ) with CR(σ) = exp(σ_τ z + σ_τ²/2), z = Φ⁻¹(0.99) = 2.326348 (tables)
  const rule = requirementRulePolicy(env, { calmVolatility: [0.6], windowSeconds: 86400 });
  const vol = env.observationNames.findIndex((n) => n.startsWith('ewma-volatility(oracle=eth-usd'));
  const offset = env.observationNames.indexOf('self.ETH.offset');
  const ruleAt = (sigma: number) => {
    const o = new Float32Array(env.observationNames.length);
    o[vol] = sigma;
    return rule.act(o)[0];
  };
  const z = 2.326348;
  const lt = (sigma: number) => {
    const s = sigma * Math.sqrt(1 / 365);
    const c = 0.6 * Math.sqrt(1 / 365);
    return (0.825 * Math.exp(c * z + (c * c) / 2)) / Math.exp(s * z + (s * s) / 2);
  };
  assert.is(ruleAt(0.6), 2, 'calm: hold');
  // σ = 0.8: LT* ≈ 0.8048, 2.02 points down: two notches (action 0)
  assert.ok(Math.abs(lt(0.8) - 0.8048) < 5e-4, `${lt(0.8)}`);
  assert.is(ruleAt(0.8), 0);
  // σ = 0.66: LT* ≈ 0.8193, 0.57 points down: one notch
  assert.ok(Math.abs(lt(0.66) - 0.8193) < 5e-4, `${lt(0.66)}`);
  assert.is(ruleAt(0.66), 1);
  // already 2 points under the start: at σ = 0.8 the rule holds
  const o = new Float32Array(env.observationNames.length);
  o[vol] = 0.8;
  o[offset] = -0.02;
  assert.is(rule.act(o)[0], 2);
});

test('episodes: variants and shock scales drawn per seed, chosen by options, reproducible', () => {
  const env = collateralPolicyEnv({ scenario: 'scenarios/train-collateral.yaml', overrides: SHORT });
  const seen = new Set<number>();
  const scales: number[] = [];
  for (let seed = 0; seed < 40; seed++) {
    const r = env.reset({ seed });
    seen.add(r.info.variant as number);
    scales.push(r.info.shockScale as number);
    assert.equal(env.reset({ seed }).info, r.info, 'the same seed draws the same episode');
  }
  assert.equal([...seen].sort(), [0, 1, 2]);
  assert.ok(scales.every((k) => k >= 0.5 && k <= 1.5));
  const chosen = env.reset({ seed: 3, options: { variant: 2, shockScale: 1.25 } });
  assert.is(chosen.info.variant, 2);
  assert.is(chosen.info.shockScale, 1.25);
  assert.is(env.currentWorld.scenario.shocks[0].start, 6 * 3600);
  assert.equal(env.currentWorld.scenario.shocks[0].kind === 'crash' && env.currentWorld.scenario.shocks[0].magnitude, { distribution: 'uniform', min: 0.125, max: 0.5625 });
  // without a seed the next episode is drawn from the environment's stream: a function of the last seed
  env.reset({ seed: 9 });
  const a = env.reset().info.seed;
  env.reset({ seed: 9 });
  assert.is(env.reset().info.seed, a);
});

test.run();
