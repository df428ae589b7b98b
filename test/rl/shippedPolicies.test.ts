/**
 * The trained policies shipped under scenarios/policies/ still fit the environments they were
 * trained on: the folder loads, the environment built from policy.json's settings observes the
 * same named values, the scenario file has the hash recorded at training, and the policy's
 * decision at the first observation is an action of the environment's space.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPolicy } from '../../src/rl/policy/policyFile.js';
import { ActingPolicy } from '../../src/rl/policy/actingPolicy.js';
import { makeEnv } from '../../src/rl/envs/registry.js';
import { contains } from '../../src/rl/spaces.js';
import { loadScenario } from '../../src/scenario/load.js';

const ROOT = 'scenarios/policies';

for (const name of readdirSync(ROOT)) {
  test(`shipped policy ${name} fits its environment`, () => {
    const loaded = loadPolicy(join(ROOT, name));
    const doc = loaded.document;
    const config = doc.env.config as { scenario: string; overrides: string[] };
    assert.is(loadScenario(config.scenario, config.overrides).sha256, doc.scenarioHash, `${config.scenario} changed since ${name} was trained`);
    const env = makeEnv(doc.env.name, doc.env.config);
    try {
      assert.equal([...env.observationNames], doc.observationNames);
      const { observation } = env.reset({ seed: 1 });
      const action = new ActingPolicy(loaded).decide(observation);
      assert.ok(contains(env.actionSpace, action), `action ${String(action)}`);
    } finally {
      env.close?.();
    }
  });
}

test.run();
