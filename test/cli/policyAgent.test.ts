/**
 * A trained policy as an agent of an ordinary run (`kind: policy`): the shipped liquidator policy
 * in scenarios/policy-liquidator.yaml runs on worker threads like any agent, gives the same bytes
 * at 1 and 2 workers (it acts deterministically; the reference is the 1-worker run, in-process,
 * against worker threads), actually liquidates (events name it), and a policy that does not fit the
 * scenario is refused with one line, exit 2, nothing written.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliAll, cliInProcess } from './spawnCli.js';

const SCENARIO = 'scenarios/policy-liquidator.yaml';
// the crash starts at 2 h: 4 h of it is enough to see the policy at work, at a third of the cost
const SHORT = ['--set', 'horizon=4h'];
const dir = mkdtempSync(join(tmpdir(), 'aftershock-policy-agent-'));

test('run --paths 4: the same bytes at 1 worker (in-process) and 2 worker threads', async () => {
  const [one, two] = await cliAll([
    ['run', SCENARIO, ...SHORT, '--paths', '4', '--workers', '1', '--out', join(dir, 'w1'), '--quiet'],
    ['run', SCENARIO, ...SHORT, '--paths', '4', '--workers', '2', '--out', join(dir, 'w2'), '--quiet'],
  ]);
  assert.is(one.code, 0, one.stderr);
  assert.is(two.code, 0, two.stderr);
  for (const f of ['paths.csv', 'paths.arrow', 'summary.json']) assert.ok(readFileSync(join(dir, 'w1', f)).equals(readFileSync(join(dir, 'w2', f))), `${f} differs between 1 and 2 workers`);
});

test('the policy agent liquidates: liquidation events name it, as they name the heuristic liquidators', async () => {
  const r = await cliInProcess(['run', SCENARIO, ...SHORT, '--out', join(dir, 'one'), '--quiet']);
  assert.is(r.code, 0, r.stderr);
  const events = readFileSync(join(dir, 'one', 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string; agent?: string; debtRepaid?: number });
  const by = (agent: string) => events.filter((e) => e.type === 'liquidation' && e.agent === agent);
  assert.ok(by('rl-liquidator').length > 0, 'the policy agent made no liquidation');
  assert.ok(by('liquidator-fast').length > 0);
  // every liquidation is someone's: the policy's and the heuristics' add up to the run's count
  const summary = JSON.parse(readFileSync(join(dir, 'one', 'summary.json'), 'utf8'));
  const total = ['rl-liquidator', 'liquidator-fast', 'liquidator-slow'].reduce((n, a) => n + by(a).length, 0);
  assert.is(total, summary.liquidations);
});

test('a policy that does not fit the scenario: one line naming the agent field, exit 2, nothing written', async () => {
  const cases: [string, RegExp][] = [
    ['agents.rl-liquidator.policy=policies/missing', /agents\[0\]\.policy: expected a policy folder written by aftershock train \(file not found/],
    [
      'agents.rl-liquidator.policy=policies/collateral-policy-s7',
      /policy-liquidator\.yaml:\d+ agents\[0\]\.policy: expected a liquidator policy \(trained with --env liquidator\), got one trained with --env collateral-policy/,
    ],
    [
      'rl.observation=[{feature: gas-price}]',
      /policy-liquidator\.yaml:\d+ agents\[0\]\.policy: this scenario observes 3 values where the policy was trained on 8 \(value 1: "self\.capital\.USDC" against "debt-near-liquidation\(lender, within=0, measure=debt\)"\)/,
    ],
    ['rl.liquidator.gasMultiples=[1, 2]', /agents\[0\]\.policy: this scenario gives the policy the choices \[4, 5, 2\] \(sizes, venues, gas bids\), where it was trained on \[4, 5, 5\]/],
  ];
  for (const [i, [set, message]] of cases.entries()) {
    const out = join(dir, `bad${i}`);
    const r = await cliInProcess(['run', SCENARIO, '--set', set, '--paths', '2', '--workers', '1', '--out', out, '--quiet']);
    assert.is(r.code, 2, `${set}: ${r.stderr}`);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.not.ok(existsSync(out), `${set}: ${out} was written`);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
