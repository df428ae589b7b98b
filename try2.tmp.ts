import { collateralPolicyEnv } from './src/rl/envs/collateral/env.js';
const ov = process.argv.slice(2);
const env = collateralPolicyEnv({ scenario: 'scenarios/train-collateral.yaml', overrides: ov });
type P = (obs: Float32Array) => Float32Array;
const hold: P = () => env.holdAction;
const tight: P = () => new Float32Array([0]);
const reactive = (thr: number): P => (o) => new Float32Array([o[0] > thr ? 0 : o[5] < 0 ? 4 : 2]);
const N = 30;
const t0 = performance.now();
for (const [name, p] of [['hold', hold], ['tight', tight], ['react1.0', reactive(1.0)], ['react1.5', reactive(1.5)]] as [string, P][]) {
  let bd = 0; let lock = 0; let ch = 0; let R = 0;
  for (let seed = 100; seed < 100 + N; seed++) {
    let { observation: o } = env.reset({ seed });
    for (;;) { const s = env.step(p(o)); o = s.observation; R += s.reward; bd += s.info.badDebtUsd as number; lock += s.info.lockedUsdYears as number; ch += s.info.changes as number; if (s.terminated || s.truncated) break; }
  }
  console.log(name, { R: Math.round(R / N), badDebt: Math.round(bd / N), lockUsdYears: Math.round(lock / N), changes: ch / N });
}
console.log('ms/episode', (performance.now() - t0) / (4 * N));
