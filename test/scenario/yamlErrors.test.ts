/**
 * YAML problems of every kind are bad input: one line with the file and the line, exit 2 — never
 * a JavaScript error (exit 1) and never minutes of work. Each case is small.yaml with one thing
 * added; the expected line is found by reading the text for a marker, not from the loader.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../cli/spawnCli.js';
import { loadScenario } from '../../src/scenario/load.js';
import { InputError } from '../../src/util/errors.js';

const SMALL = readFileSync('test/fixtures/scenarios/small.yaml', 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-yaml-'));

/** Nine levels of nine aliases each: 9^9 ≈ 387 million values if expanded. */
function aliasBomb(): string {
  let s = 'lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 10; i++)
    s += `lol${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return s;
}

interface Case {
  name: string;
  text: string;
  /** Text on the one line the error must name. */
  marker: string;
  message: RegExp;
}

const CASES: Case[] = [
  { name: 'alias-bomb', text: `${SMALL}${aliasBomb()}`, marker: 'lol5: &a5', message: /aliases expand to more than 100,000 values/ },
  { name: 'undefined-alias', text: SMALL.replace('seed: 7', 'seed: *nothing'), marker: 'seed: *nothing', message: /not valid YAML: alias \*nothing has no anchor &nothing before it/ },
  { name: 'self-alias', text: `${SMALL}extra: &loop [1, *loop]\n`, marker: 'extra: &loop', message: /alias \*loop refers to a node that contains it/ },
  {
    name: 'duplicate-top-key',
    text: SMALL.replace('horizon: 3h\n', 'horizon: 3h\nseed: 8\n'),
    marker: 'seed: 8',
    message: /not valid YAML: Map keys must be unique; "seed" is already a key of this mapping \(line \d+\)/,
  },
  { name: 'duplicate-nested-key', text: SMALL.replace('    latency: 20m\n', '    latency: 20m\n    latency: 30m\n'), marker: 'latency: 30m', message: /Map keys must be unique; "latency"/ },
  { name: 'syntax', text: SMALL.replace('horizon: 3h', 'horizon: [3h'), marker: 'market:', message: /not valid YAML/ },
  { name: 'bad-indent', text: SMALL.replace('  dt: 60', '    dt: 60\n  x: 1'), marker: 'x: 1', message: /not valid YAML/ },
  { name: 'unknown-tag', text: SMALL.replace('seed: 7', 'seed: !!binary aGVsbG8='), marker: 'seed: !!binary', message: /expected a number, a text, true\/false or null, got a YAML !!binary value/ },
  { name: 'collection-key', text: SMALL.replace('seed: 7', 'seed: 7\n? [a, b]\n: 1'), marker: '? [a, b]', message: /./ },
  { name: 'too-deep', text: `${SMALL}deep: ${'['.repeat(200)}${']'.repeat(200)}\n`, marker: 'deep: [', message: /nested more than 64 levels deep/ },
  {
    name: 'non-finite',
    text: SMALL.replace('price: 3000, volatility: 0.6', 'price: .inf, volatility: 0.6'),
    marker: 'price: .inf',
    message: /assets\[0\]\.price\.price: expected a finite number, got \.inf$/,
  },
  {
    name: 'overflowing-literal',
    text: SMALL.replace('price: 3000, volatility: 0.6', 'price: 1e309, volatility: 0.6'),
    marker: 'price: 1e309',
    message: /assets\[0\]\.price\.price: expected a finite number, got 1e309$/,
  },
];

function lineOf(text: string, marker: string): number {
  const hits = text.split('\n').flatMap((l, i) => (l.includes(marker) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`marker ${marker} is on ${hits.length} lines`);
  return hits[0];
}

for (const c of CASES) {
  test(`YAML problem "${c.name}": InputError with the file and the line; through the CLI exit 2 and that one line`, async () => {
    const file = join(tmp, `${c.name}.yaml`);
    writeFileSync(file, c.text);
    let err: unknown;
    try {
      loadScenario(file);
    } catch (e) {
      err = e;
    }
    assert.instance(err, InputError, `${c.name}: ${String(err)}`);
    const e = err as InputError;
    assert.is(e.file, file, c.name);
    assert.is(e.line, lineOf(c.text, c.marker), `${c.name}: ${e.oneLine()}`);
    assert.match(e.oneLine(), c.message, `${c.name}: ${e.oneLine()}`);
    const r = await cliInProcess(['validate', file]);
    assert.is(r.code, 2, `${c.name}: ${r.stderr}`);
    assert.is(r.stderr, `aftershock: ${e.oneLine()}\n`, c.name);
    assert.is(r.stdout, '', c.name);
  });
}

test("a mapping's load time grows linearly with its keys (the yaml package's pairwise duplicate check was quadratic)", () => {
  // measured before the change: 20,000 keys 4.4 s, 40,000 keys 13 s (quadratic). CPU time, not
  // wall time, and a ratio, not a limit, so that a busy machine does not decide the outcome:
  // 4 × the keys costs about 4 × linearly and 16 × quadratically
  const cpuSecondsToLoad = (n: number): number => {
    const keys = Array.from({ length: n }, (_, i) => `  k${i}: ${i}\n`).join('');
    const file = join(tmp, `many-keys-${n}.yaml`);
    writeFileSync(file, `${SMALL}junk:\n${keys}`);
    const before = process.cpuUsage();
    let err: unknown;
    try {
      loadScenario(file);
    } catch (e) {
      err = e;
    }
    const used = process.cpuUsage(before);
    assert.instance(err, InputError);
    assert.match((err as InputError).message, /unknown field `junk`/);
    return (used.user + used.system) / 1e6;
  };
  cpuSecondsToLoad(2_000); // warm-up: compile the parser's paths before measuring
  const small = cpuSecondsToLoad(10_000);
  const large = cpuSecondsToLoad(40_000);
  assert.ok(large / small < 9, `10,000 keys ${small.toFixed(2)} s, 40,000 keys ${large.toFixed(2)} s of CPU: ratio ${(large / small).toFixed(1)}`);
});

test('a choice of 200,000 values is a valid distribution (its bounds no longer spread the list onto the stack)', () => {
  const values = Array.from({ length: 200_000 }, (_, i) => 0.1 + (i % 5) / 10).join(', ');
  const file = join(tmp, 'big-choice.yaml');
  writeFileSync(file, SMALL.replace('magnitude: 0.35', `magnitude: { distribution: choice, values: [${values}] }`));
  const loaded = loadScenario(file);
  const m = loaded.scenario.shocks[0] as { magnitude: { values: number[] } };
  assert.is(m.magnitude.values.length, 200_000);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
