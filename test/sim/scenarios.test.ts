/**
 * Every shipped scenario validates and runs to the end with the accounting invariants checked at
 * every step; and each small scenario shows the mechanism it is there for, against its own
 * counterfactual (the direction of the effect, not a tuned number).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import { createAgent } from '../../agents/index.js';
import { withPolicyAgents } from '../../src/rl/agents/factory.js';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml') && f !== 'demo.yaml'); // the demo has its own test

for (const f of files) {
  test(`${f} validates and runs with invariants on`, () => {
    const loaded = loadScenario(`scenarios/${f}`);
    const r = runPath(loaded, { createAgent: withPolicyAgents(createAgent, loaded), checkInvariants: true });
    assert.is(r.world.step, r.world.steps);
  });
}

test('oracle delay and freeze leave more bad debt than a live oracle', () => {
  const delayed = runPath(loadScenario('scenarios/oracle-delay.yaml'), { createAgent });
  const live = runPath(loadScenario('scenarios/oracle-delay.yaml', ['shocks[1].delay=0', 'shocks[2].duration=1']), { createAgent });
  assert.ok(
    delayed.world.protocols[0].figures().badDebtUsd > 10 * Math.max(1, live.world.protocols[0].figures().badDebtUsd),
    `${delayed.world.protocols[0].figures().badDebtUsd} vs ${live.world.protocols[0].figures().badDebtUsd}`,
  );
});

test('liquidity withdrawal with a pool-TWAP oracle amplifies liquidations', () => {
  const r = runPath(loadScenario('scenarios/liquidity-withdrawal.yaml'), { createAgent });
  assert.ok(r.amplification !== null && r.amplification > 1.1, `amplification ${r.amplification}`);
  const kept = runPath(loadScenario('scenarios/liquidity-withdrawal.yaml', ['shocks[1].factor=1', 'agents.pool-lp.volatilityThreshold=1000']), { createAgent });
  assert.ok(r.world.protocols[0].figures().liquidatedUsd > kept.world.protocols[0].figures().liquidatedUsd);
});

test('a USDC depeg liquidates USDC-collateral positions and drags the DAI oracle', () => {
  const r = runPath(loadScenario('scenarios/depeg.yaml'), { createAgent });
  const dai = r.world.metrics.series('oracle.dai-usd.price');
  assert.ok(dai[dai.length - 1] < 0.99, `DAI oracle ends at ${dai[dai.length - 1]}`);
  assert.ok(r.world.protocols[0].figures().liquidations > 0);
  const calm = runPath(loadScenario('scenarios/depeg.yaml', ['shocks[0].level=1']), { createAgent });
  assert.ok(r.world.protocols[0].figures().liquidatedUsd > 2 * calm.world.protocols[0].figures().liquidatedUsd);
});

test.run();
