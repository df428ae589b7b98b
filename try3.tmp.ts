import { collateralPolicyEnv } from './src/rl/envs/collateral/env.js';
import { holdPolicy, requirementRulePolicy, staticPolicy } from './src/rl/envs/collateral/baselines.js';
const env = collateralPolicyEnv({ scenario: 'scenarios/train-collateral.yaml' });
const N = 20;
for (const p of [holdPolicy(env), staticPolicy(env, [-0.05]), staticPolicy(env, [-0.1]), requirementRulePolicy(env), requirementRulePolicy(env, {windowSeconds: 6*3600})]) {
  let bd = 0; let lock = 0; let ch = 0; let R = 0;
  for (let seed = 100; seed < 100 + N; seed++) {
    let { observation: o } = env.reset({ seed });
    for (;;) { const s = env.step(p.act(o)); o = s.observation; R += s.reward; bd += s.info.badDebtUsd as number; lock += s.info.lockedUsdYears as number; ch += s.info.changes as number; if (s.terminated || s.truncated) break; }
  }
  console.log(p.name, { R: Math.round(R / N), badDebt: Math.round(bd / N), lockUsdYears: Math.round(lock / N), changes: ch / N });
}
