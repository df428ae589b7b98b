import { SCENARIO_ENVS } from './src/rl/envs/index.js';
import { sample } from './src/rl/spaces.js';
import { Rng } from './src/util/rng.js';
const runs: [keyof typeof SCENARIO_ENVS, string][] = [['collateral-policy', 'scenarios/train-collateral.yaml'], ['liquidator', 'scenarios/train-liquidator.yaml'], ['trader', 'scenarios/train-trader-spot.yaml'], ['trader', 'scenarios/train-trader-twap.yaml']];
for (const [name, file] of runs) {
  const t0 = performance.now();
  const env = SCENARIO_ENVS[name]({ scenario: file });
  const build = performance.now() - t0;
  const rng = new Rng(1);
  const N = 20; let decisions = 0;
  env.reset({ seed: 1000 });
  const t1 = performance.now();
  for (let e = 0; e < N; e++) {
    env.reset({ seed: e });
    for (;;) { const r = env.step(sample(env.actionSpace, rng) as Float32Array); decisions++; if (r.terminated || r.truncated) break; }
  }
  const ms = (performance.now() - t1) / N;
  console.log(`${name} ${file}: construct ${build.toFixed(0)} ms, ${(decisions / N).toFixed(0)} decisions/episode, ${ms.toFixed(0)} ms/episode (random actions, ${N} episodes)`);
}
