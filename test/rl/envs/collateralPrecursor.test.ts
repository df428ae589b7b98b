/**
 * scenarios/train-collateral-precursor.yaml is what its header says: on one seed the variants
 * share the price path and differ only by the shocks, so after the crash (60 h) ETH's reference
 * price in a crisis is the calm path's × (1 − 0.15)(1 − 0.30) = 0.595, in a false alarm × 0.85,
 * and at shock scale 1.4 × (1 − 0.21)(1 − 0.42) = 0.4582 (closed forms of the two crash sizes).
 * The policy observes the slide. At its end the crisis path is the calm one × a factor falling from
 * 1 to 0.85 over the day, so its drawdown is at least 1 − 0.85·(1 − d) = 0.15 + 0.85·d, d the calm
 * path's (the peak of the product is at most the calm peak): more than d + 0.1 while d < 1/3; and
 * the day's log return is the calm one's + ln 0.85 (to within the oracle's 0.5 % deviation rule).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { collateralPolicyEnv } from '../../../src/rl/envs/collateral/env.js';

const FILE = 'scenarios/train-collateral-precursor.yaml';
const env = collateralPolicyEnv({ scenario: FILE });
const STEP = 300;

/** ETH's reference price at the given times, and the observation there, holding the parameters. */
function play(variant: number, shockScale: number, times: number[]): { price: number[]; obs: Float32Array[] } {
  env.reset({ seed: 3, options: { variant, shockScale } });
  const w = env.currentWorld;
  const eth = w.assetIds.indexOf('ETH');
  const price: number[] = [];
  const obs: Float32Array[] = [];
  for (;;) {
    const r = env.step(env.holdAction);
    if (times.includes(w.step * STEP)) {
      price.push(w.reference[eth]);
      obs.push(r.observation);
    }
    if (r.terminated || r.truncated) break;
  }
  return { price, obs };
}

test('a crisis is the calm path × 0.85 × 0.70 after the crash, a false alarm × 0.85; shock scales multiply both', () => {
  const at = [60 * 3600];
  const calm = play(2, 1, at).price[0];
  assert.ok(Math.abs(play(1, 1, at).price[0] / calm - 0.595) < 1e-9);
  assert.ok(Math.abs(play(3, 1, at).price[0] / calm - 0.85) < 1e-9);
  assert.ok(Math.abs(play(1, 1.4, at).price[0] / calm - 0.79 * 0.58) < 1e-9);
});

test('the observation shows the slide: drawdown and the day’s log return at the slide’s end', () => {
  const names = env.observationNames;
  const dd = names.indexOf('drawdown(oracle=eth-usd, window=1d)');
  const ret = names.indexOf('log-return(oracle=eth-usd, window=1d)');
  assert.ok(dd >= 0 && ret >= 0, names.join(', '));
  const at = [48 * 3600];
  const calm = play(2, 1, at).obs[0];
  const crisis = play(1, 1, at).obs[0];
  // the oracle publishes on 0.5 % deviations, so its path is the reference's to within that
  assert.ok(crisis[dd] > calm[dd] + 0.1, `drawdown ${crisis[dd]} against ${calm[dd]} in calm`);
  assert.ok(Math.abs(crisis[ret] - calm[ret] - Math.log(0.85)) < 0.02, `log return ${crisis[ret]} against ${calm[ret]}`);
});

test.run();
