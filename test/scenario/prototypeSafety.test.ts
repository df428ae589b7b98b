/**
 * Keys that reach the object prototype (`__proto__`, `constructor`, `prototype`) are refused in
 * `--set` and `--grid` paths, in `--set` values, in scenario files at any depth, and in any
 * document handed to `assertSafeKeys` (queue jobs); and what the loader builds has no prototype to
 * reach. Each check runs in this process, so a pollution would show on `Object.prototype` here.
 * Reference: the language itself — a plain `{}` made after the call must have no extra property.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../cli/spawnCli.js';
import { assertSafeKeys } from '../../src/util/safeKeys.js';
import { InputError } from '../../src/util/errors.js';
import { parseYamlText } from '../../src/scenario/yamlValue.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-proto-'));

/** Properties a clean Object.prototype does not have, and the methods it must keep. */
function assertPrototypeClean(what: string): void {
  const probe = {} as Record<string, unknown>;
  for (const k of ['polluted', 'x', 'a']) assert.is(probe[k], undefined, `${what}: Object.prototype.${k} appeared`);
  assert.is(typeof probe.toString, 'function', `${what}: Object.prototype.toString was replaced`);
  assert.is(String(probe), '[object Object]', what);
  assert.is((Object.prototype.hasOwnProperty as unknown as Record<string, unknown>).x, undefined, `${what}: a property was set on Object.prototype.hasOwnProperty`);
}

/** One line on stderr starting `aftershock: `, exit 2, nothing on stdout. */
function assertBadInput(r: { code: number | null; stdout: string; stderr: string }, what: string, pattern: RegExp): void {
  assert.is(r.code, 2, `${what}: ${r.stderr}`);
  assert.is(r.stdout, '', what);
  const lines = r.stderr.trimEnd().split('\n');
  assert.is(lines.length, 1, `${what}: ${r.stderr}`);
  assert.ok(lines[0].startsWith('aftershock: '), what);
  assert.match(lines[0], pattern, what);
}

test('--set with __proto__, constructor or prototype in the path: exit 2, one line, nothing polluted', async () => {
  const cases = ['__proto__.toString=1', '__proto__.polluted=1', 'constructor.prototype.polluted=1', 'assets[0].constructor.x=1', 'options.prototype=1'];
  for (const set of cases) {
    const r = await cliInProcess(['validate', SMALL, '--set', set]);
    assertBadInput(r, set, /--set: the key "(__proto__|constructor|prototype)" is not allowed in a field path/);
    assertPrototypeClean(set);
  }
});

test('--set on an inherited name (hasOwnProperty, toString) creates an own field the schema refuses, and never touches the prototype', async () => {
  for (const set of ['hasOwnProperty.x=1', 'toString.x=1', 'options.valueOf.x=1']) {
    const r = await cliInProcess(['validate', SMALL, '--set', set]);
    assertBadInput(r, set, /unknown field `(hasOwnProperty|toString|valueOf)`/);
    assertPrototypeClean(set);
  }
});

test('--set values are read with the same checks: a mapping with __proto__ is refused', async () => {
  const r = await cliInProcess(['validate', SMALL, '--set', 'options={__proto__: {polluted: 1}}']);
  assertBadInput(r, 'value', /options\.__proto__: the key "__proto__" is not allowed .*\(from --set options=/);
  assertPrototypeClean('value');
});

test('--grid with __proto__ in the path: exit 2, nothing polluted (the grid resolver used to create Object.prototype.a)', async () => {
  const out = join(tmp, 'sweep');
  const r = await cliInProcess(['sweep', SMALL, '--grid', '__proto__.a.b=1,2', '--paths', '1', '--workers', '1', '--out', out, '--quiet']);
  assertBadInput(r, 'grid', /--grid: the key "__proto__" is not allowed in a field path/);
  assertPrototypeClean('grid');
});

test('scenario files: the three keys are refused at any depth with their line and field path', async () => {
  const text = readFileSync(SMALL, 'utf8');
  // each inserted text is on a line of its own, found by reading the text (not from the loader)
  const cases: [string, string, string, string][] = [
    ['top', text.replace('seed: 7\n', 'seed: 7\n__proto__: { polluted: 1 }\n'), '__proto__: {', '__proto__: the key "__proto__" is not allowed'],
    [
      'nested',
      text.replace('    capital: { USDC: 2000000, DAI: 1000000, ETH: 50 }', '    capital: { USDC: 2000000, constructor: 1 }'),
      'constructor: 1',
      'agents[0].capital.constructor: the key "constructor" is not allowed',
    ],
    ['deep', text.replace('    latency: 20m\n', '    latency: 20m\n    x: { y: [ { prototype: 1 } ] }\n'), 'prototype: 1', 'agents[2].x.y[0].prototype: the key "prototype" is not allowed'],
  ];
  for (const [name, body, marker, message] of cases) {
    const file = join(tmp, `${name}.yaml`);
    writeFileSync(file, body);
    const line = body.split('\n').findIndex((l) => l.includes(marker)) + 1;
    const r = await cliInProcess(['validate', file]);
    assertBadInput(r, name, /is not allowed/);
    assert.ok(r.stderr.startsWith(`aftershock: ${file}:${line} ${message}`), `${name}: ${r.stderr}`);
    assertPrototypeClean(name);
  }
});

test('the loader builds mappings without a prototype', () => {
  const { value } = parseYamlText('a: { b: [ { c: 1 } ] }\n');
  const a = (value as Record<string, Record<string, Record<string, unknown>[]>>).a;
  assert.is(Object.getPrototypeOf(value), null);
  assert.is(Object.getPrototypeOf(a), null);
  assert.is(Object.getPrototypeOf(a.b[0]), null);
  assert.is(a.b[0].c, 1);
  assert.is((a as Record<string, unknown>).toString, undefined, 'no inherited toString to walk into');
});

test('assertSafeKeys (the queue-job check): finds the keys at any depth, names the path, passes clean documents', () => {
  // JSON.parse makes __proto__ an ordinary own key, as BullMQ's job data arrives from Redis
  const bad: [string, string][] = [
    ['{"__proto__": {"polluted": 1}}', '__proto__'],
    ['{"scenario": {"text": "x", "overrides": [], "constructor": {}}}', 'scenario.constructor'],
    ['{"paths": [1, 2, {"prototype": 3}]}', 'paths[2].prototype'],
  ];
  for (const [json, field] of bad) {
    let err: unknown;
    try {
      assertSafeKeys(JSON.parse(json), 'queue job 7');
    } catch (e) {
      err = e;
    }
    assert.instance(err, InputError, json);
    assert.is((err as InputError).field, field, json);
    assert.is((err as InputError).file, 'queue job 7', json);
  }
  const cyclic: Record<string, unknown> = { a: [1, 2, 3], text: 'constructor' };
  cyclic.self = cyclic;
  assertSafeKeys(cyclic, 'x'); // a value "constructor" is fine, and a cycle does not loop
  assertSafeKeys({ scenario: { text: 'name: x', overrides: ['a=1'] }, seed: 1, paths: [0, 1] }, 'x');
  assertPrototypeClean('assertSafeKeys');
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
