/**
 * `--set path=value` overrides, in-process: id-keyed and index paths reach the same field, values
 * are read as YAML scalars, a path that does not exist is bad input naming it, an error in an
 * overridden value names the `--set` rather than a line of the file, and the scenario hash covers
 * the overrides. References: the values written in small.yaml, and SHA-256 computed here with
 * node:crypto from the file's bytes and the documented `\n--set <override>` suffix.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../cli/spawnCli.js';
import { loadScenario, lineOfField, type LoadedScenario } from '../../src/scenario/load.js';
import { formatPath, parsePath } from '../../src/scenario/fieldPath.js';
import { InputError } from '../../src/util/errors.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const bytes = readFileSync(SMALL);

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

/** The scenario's first protocol, a lending market in small.yaml. */
const lender = (l: LoadedScenario) => {
  const p = l.scenario.protocols[0];
  if (p.kind !== 'lending') throw new Error('small.yaml starts with a lending market');
  return p;
};
const reserve = (l: LoadedScenario, asset: string) => lender(l).reserves.find((r) => r.asset === asset)!;

test('paths: a.b[0].c splits into keys and formats back', () => {
  assert.equal(parsePath('protocols[0].reserves[1].liquidationThreshold'), ['protocols', 0, 'reserves', 1, 'liquidationThreshold']);
  assert.equal(parsePath('protocols.lender.reserves.ETH.ltv'), ['protocols', 'lender', 'reserves', 'ETH', 'ltv']);
  assert.is(formatPath(['protocols', 0, 'reserves', 1, 'liquidationThreshold']), 'protocols[0].reserves[1].liquidationThreshold');
});

test('id-keyed and index paths set the same field; nothing else changes', () => {
  const base = loadScenario(SMALL);
  assert.is(reserve(base, 'ETH').liquidationThreshold, 0.825); // as written in small.yaml
  const byId = loadScenario(SMALL, ['protocols.lender.reserves.ETH.liquidationThreshold=0.8']);
  const byIndex = loadScenario(SMALL, ['protocols[0].reserves[0].liquidationThreshold=0.8']);
  const mixed = loadScenario(SMALL, ['protocols.0.reserves.ETH.liquidationThreshold=0.8']);
  for (const l of [byId, byIndex, mixed]) {
    assert.is(reserve(l, 'ETH').liquidationThreshold, 0.8);
    assert.equal({ ...reserve(l, 'ETH'), liquidationThreshold: 0.825 }, reserve(base, 'ETH'));
  }
  assert.equal(byId.scenario, byIndex.scenario);
  assert.equal(lender(byId).reserves.slice(1), lender(base).reserves.slice(1));
  assert.equal({ ...byId.scenario, protocols: base.scenario.protocols }, base.scenario);
});

test('agents, venues and record keys are reachable by id; later overrides win', () => {
  const l = loadScenario(SMALL, ['agents.liquidator.capital.USDC=5', 'venues.eth-usdc-pool.feeBps=5', 'agents.attentive-borrowers.share=0.5', 'agents.attentive-borrowers.share=0.6']);
  const liq = l.scenario.agents.find((a) => a.id === 'liquidator')!;
  assert.ok(liq.kind === 'liquidator' && liq.capital.USDC === 5 && liq.capital.DAI === 1000000);
  const v = l.scenario.venues[0];
  assert.ok(v.kind === 'constant-product' && v.feeBps === 5);
  const c = l.scenario.agents.find((a) => a.id === 'attentive-borrowers')!;
  assert.ok(c.kind === 'borrower-cohort' && c.share === 0.6);
});

test('values are YAML scalars: numbers, booleans, durations, lists, mappings, quoted text', () => {
  const l = loadScenario(SMALL, [
    'options.priceFeedback=false',
    'horizon=2h',
    'seed=12',
    'venues.eth-usdc-pool.reserves=[1000, 3000000]',
    'shocks[0].magnitude={ distribution: uniform, min: 0.1, max: 0.3 }',
    'description=a=b',
  ]);
  assert.is(l.scenario.options.priceFeedback, false);
  assert.is(l.scenario.horizon, 7200); // 2 h in seconds
  assert.is(l.scenario.seed, 12);
  const v = l.scenario.venues[0];
  assert.ok(v.kind === 'constant-product');
  assert.equal(v.reserves, [1000, 3000000]);
  assert.equal(l.scenario.shocks[0].kind === 'crash' && l.scenario.shocks[0].magnitude, { distribution: 'uniform', min: 0.1, max: 0.3 });
  assert.is(l.scenario.description, 'a=b'); // only the first = separates path from value
  // a quoted number is text, and a threshold must be a number
  const e = inputError(() => loadScenario(SMALL, ['protocols.lender.reserves.ETH.liquidationThreshold="0.8"']));
  assert.is(e.field, 'protocols[0].reserves[0].liquidationThreshold');
  assert.match(e.message, /expected a number, got "0\.8"/);
});

test('a path that does not exist is bad input naming the missing part and the --set', () => {
  const cases: [string, string][] = [
    ['protocols.lender.reserves.SOL.ltv=0.5', 'protocols[0].reserves.SOL'],
    ['protocols.aave.closeFactor=0.5', 'protocols.aave'],
    ['shocks[3].start=1h', 'shocks[3]'],
    ['seed.value=3', 'seed.value'],
  ];
  for (const [o, field] of cases) {
    const e = inputError(() => loadScenario(SMALL, [o]));
    assert.is(e.field, field, o);
    assert.ok(e.message.includes(`--set ${o}`), e.message);
    assert.ok(e.message.includes(SMALL), e.message);
  }
  for (const o of ['noequals', '=5']) {
    const e = inputError(() => loadScenario(SMALL, [o]));
    assert.is(e.field, '--set');
    assert.match(e.message, /expected path\.to\.field=value/);
  }
});

test('an error in an overridden value names the --set, not a line of the file', () => {
  const cases: [string, string, string][] = [
    ['protocols.lender.reserves.WBTC.liquidationThreshold=1.2', 'protocols[0].reserves[1].liquidationThreshold', 'expected a number in (0, 1], got 1.2'],
    ['protocols.lender.reserves.ETH.ltv=0.9', 'protocols[0].reserves[0].ltv', 'expected ltv <= liquidationThreshold (0.825), got 0.9'],
    ['horizn=3h', 'horizn', 'unknown field `horizn`; did you mean `horizon`?'],
    ['agents.liquidator.capital.SOL=5', 'agents[0].capital.SOL', 'expected the id of an asset, got "SOL" (known: ETH, WBTC, USDC, DAI)'],
    ['venues.eth-usdc-pool.reserves=[1000, x]', 'venues[0].reserves[1]', 'expected a number, got "x"'],
    // a misspelt section on the way to the field is created by the override, then rejected
    ['market.correlation.assets=[ETH]', 'market.correlation', 'unknown field `correlation`; did you mean `correlations`?'],
  ];
  for (const [o, field, expected] of cases) {
    const e = inputError(() => loadScenario(SMALL, [o]));
    assert.is(e.file, SMALL);
    assert.is(e.line, undefined, o);
    assert.is(e.field, field, o);
    assert.is(e.message, `${expected} (from --set ${o})`);
  }
  // an error elsewhere in the file still gets its line, even with overrides given
  const e = inputError(() => loadScenario('test/fixtures/bad-scenarios/threshold-above-one.yaml', ['seed=3']));
  assert.ok(e.line !== undefined && e.field === 'protocols[0].reserves[1].liquidationThreshold');
});

test('sha256: the file bytes alone, then each override as "\\n--set <o>"; any override changes it', () => {
  const plain = createHash('sha256').update(bytes).digest('hex');
  assert.is(loadScenario(SMALL).sha256, plain);
  const o = 'protocols.lender.reserves.ETH.liquidationThreshold=0.8';
  const withSet = loadScenario(SMALL, [o]);
  assert.is(withSet.sha256, createHash('sha256').update(bytes).update(`\n--set ${o}`).digest('hex'));
  assert.is.not(withSet.sha256, plain);
  assert.equal(withSet.overrides, [o]);
  const other = loadScenario(SMALL, ['protocols.lender.reserves.ETH.liquidationThreshold=0.81']);
  assert.is.not(other.sha256, withSet.sha256);
});

test('lineOfField finds a field, or its nearest parent when the field is not written', () => {
  const l = loadScenario(SMALL);
  const lines = bytes.toString('utf8').split('\n');
  const lineOf = (text: string) => lines.findIndex((x) => x.includes(text)) + 1;
  assert.is(lineOfField(l, 'protocols[0].reserves[1].liquidationThreshold'), lineOf('asset: WBTC, oracle: wbtc-usd'));
  assert.is(lineOfField(l, 'agents[3].volatilityThreshold'), lineOf('volatilityThreshold: 1.5'));
  // supply is not written: the reserve's own line
  assert.is(lineOfField(l, 'protocols[0].reserves[2].supply'), lineOf('asset: USDC, oracle: usdc-usd'));
});

test('the one-protocol shorthand works in --set as in --grid; an ambiguous one is refused', async () => {
  const full = loadScenario(SMALL, ['protocols.lender.reserves.ETH.liquidationThreshold=0.8']);
  const short = loadScenario(SMALL, ['reserves.ETH.liquidationThreshold=0.8']);
  assert.is(lender(short).reserves.find((r) => r.asset === 'ETH')!.liquidationThreshold, 0.8);
  assert.equal(short.scenario, full.scenario);
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-set-'));
  const two = join(dir, 'two.yaml');
  writeFileSync(two, 'name: two\nassets: [{ id: A, price: { process: constant, price: 1 } }]\nprotocols:\n  - { id: p1, reserves: [] }\n  - { id: p2, reserves: [] }\n');
  const e = inputError(() => loadScenario(two, ['reserves.A.ltv=0.5']));
  assert.is(e.oneLine(), '--set: ambiguous: 2 protocols have "reserves"; write protocols.<id>.reserves.A.ltv');
  rmSync(dir, { recursive: true, force: true });
  const r = await cliInProcess(['validate', SMALL, '--set', 'reserves.ETH.ltv=0.5']);
  assert.is(r.code, 0, r.stderr);
});

test.run();
