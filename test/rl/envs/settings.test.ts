/**
 * The `rl` block and the positions agents own are checked like the rest of a scenario: one line
 * naming the file, the line where known, the field and what was expected — by the schema, by the
 * cross-references, and, for what only a world can tell (the observation's ids, the variants'
 * overrides), when an environment is built. Also: the scaling of shock-size distributions is exact
 * (every family's draws scale by k), and an environment needs its own section.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../../../src/scenario/load.js';
import { InputError } from '../../../src/util/errors.js';
import { Rng } from '../../../src/util/rng.js';
import { draw } from '../../../src/scenario/distribution.js';
import { scaleDistribution } from '../../../src/rl/envs/episodes.js';
import { collateralPolicyEnv } from '../../../src/rl/envs/collateral/env.js';
import { traderEnv } from '../../../src/rl/envs/trader/env.js';
import { liquidatorEnv } from '../../../src/rl/envs/liquidator/env.js';

const FIXTURE = 'test/fixtures/rl/collateral.yaml';

function errorLine(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.oneLine();
    throw e;
  }
  throw new Error('expected an InputError');
}

test('schema and cross-reference errors name the rl field', () => {
  assert.match(
    errorLine(() => loadScenario(FIXTURE, ['rl.collateralPolicy.taregts=[ETH]'])),
    /rl\.collateralPolicy\.taregts: unknown field `taregts`; did you mean `targets`\?/,
  );
  assert.match(
    errorLine(() => loadScenario(FIXTURE, ['rl.collateralPolicy.targets=[WBTC]'])),
    /rl\.collateralPolicy\.targets\[0\]: expected an asset with a reserve in lender \(ETH, USDC\), got "WBTC"/,
  );
  assert.match(
    errorLine(() => loadScenario(FIXTURE, ['rl.collateralPolicy.protocol=maker'])),
    /rl\.collateralPolicy\.protocol: expected the id of a lending market or CDP system \(lender\), got "maker"/,
  );
  assert.match(
    errorLine(() => loadScenario(FIXTURE, ['rl.decisionInterval=1m'])),
    /rl\.decisionInterval: expected at least one step \(market\.dt = 300 s\), got 60 s/,
  );
  assert.match(
    errorLine(() => loadScenario(FIXTURE, ['rl.collateralPolicy.notches=9'])),
    /rl\.collateralPolicy\.notches: expected a number <= 5, got 9/,
  );
  assert.match(
    errorLine(() => loadScenario('test/fixtures/rl/liquidation.yaml', ['rl.liquidator.agents=[arb]'])),
    /rl\.liquidator\.agents\[0\]: expected the id of a liquidator \(rl, other\), got "arb"/,
  );
  assert.match(
    errorLine(() => loadScenario('test/fixtures/rl/trader.yaml', ['rl.trader.id=lender'])),
    /rl\.trader\.id: expected an id no asset, venue, oracle, protocol or agent uses, got "lender"/,
  );
  assert.match(
    errorLine(() => loadScenario('test/fixtures/rl/trader.yaml', ['rl.trader.borrow[0].debt=ETH'])),
    /rl\.trader\.borrow\[0\]\.debt: expected a debt asset different from the collateral/,
  );
  // the line of a field in the file
  assert.match(
    errorLine(() => loadScenario(FIXTURE, ['rl.collateralPolicy.step=-1'])),
    /rl\.collateralPolicy\.step: expected a number > 0, got -1/,
  );
});

test('a position an agent owns names an agent of the scenario', () => {
  assert.match(
    errorLine(() => loadScenario(FIXTURE, ['protocols.lender.positions[1]={owner: nobody, collateral: ETH, debt: USDC}'])),
    /protocols\[0\]\.positions\[1\]\.owner: expected the id of an agent, got "nobody"/,
  );
});

test('what only a world can tell is refused when the environment is built, with the field and its line', () => {
  const line = errorLine(() => collateralPolicyEnv({ scenario: FIXTURE, overrides: ['rl.observation=[{feature: oracle-price, oracle: eth-spot}]'] }));
  assert.match(line, /^test\/fixtures\/rl\/collateral\.yaml:\d+ rl\.observation\[0\]\.oracle: expected an oracle of the world \(eth-usd, usdc-usd\), got "eth-spot"/);
  const variant = errorLine(() => collateralPolicyEnv({ scenario: FIXTURE, overrides: ['rl.training={variants: [{set: ["horizon=soon"]}]}'] }));
  assert.match(
    variant,
    /^test\/fixtures\/rl\/collateral\.yaml horizon: expected a duration such as 90, "30m", "6h" or "1d", got "soon" \(from test\/fixtures\/rl\/collateral\.yaml rl\.training\.variants\[0\]\.set\[0\] horizon=soon\)/,
  );
  assert.match(
    errorLine(() => traderEnv({ scenario: FIXTURE })),
    /rl\.trader: required to train the trader environment/,
  );
  assert.match(
    errorLine(() => collateralPolicyEnv({ scenario: 'test/fixtures/rl/trader.yaml' })),
    /rl\.collateralPolicy: required to train the collateral-policy environment/,
  );
  assert.match(
    errorLine(() => liquidatorEnv({ scenario: FIXTURE })),
    /agents: expected a scenario with a liquidator/,
  );
});

test('shock sizes scale exactly: k × each family’s draw equals the scaled family’s draw', () => {
  const families = [
    0.3,
    { distribution: 'fixed' as const, value: 0.3 },
    { distribution: 'uniform' as const, min: 0.1, max: 0.4 },
    { distribution: 'normal' as const, mean: 0.3, sd: 0.05 },
    { distribution: 'lognormal' as const, median: 0.3, sigma: 0.2 },
    { distribution: 'choice' as const, values: [0.1, 0.2, 0.4], weights: [1, 2, 1] },
  ];
  for (const k of [0.5, 1.5]) {
    for (const d of families) {
      const a = new Rng(17);
      const b = new Rng(17);
      for (let i = 0; i < 50; i++) {
        const x = k * draw(d, a);
        const y = draw(scaleDistribution(d, k), b);
        assert.ok(Math.abs(x - y) <= 1e-12 * Math.abs(x), `${JSON.stringify(d)} × ${k}: ${x} vs ${y}`);
      }
    }
  }
});

test.run();
