/**
 * Malformed scenario files: each is test/fixtures/scenarios/small.yaml with one thing broken (see
 * the comment on each file's first line). Every one must give one line naming the file, the line
 * where the YAML parser knows it, the field path and what was expected; exit code 2; no stack
 * trace; nothing on stdout; and, for `run`, nothing written.
 *
 * The expected line numbers are not taken from the loader: each case names a marker that occurs on
 * exactly one line of its file, and the test finds that line by reading the file itself.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, locateError } from '../../src/scenario/load.js';
import { buildWorld } from '../../src/sim/world.js';
import type { LendingMarket } from '../../src/protocols/lending/lendingMarket.js';
import { InputError } from '../../src/util/errors.js';
import { cliAll } from '../cli/spawnCli.js';
import { createAgent } from '../../agents/index.js';

const DIR = 'test/fixtures/bad-scenarios';

interface Case {
  file: string;
  /** A line of the file holding this text (or matching it) is where the error must point; null: no line. */
  marker: string | RegExp | null;
  field: string | undefined;
  expected: string;
  /** Only found when the world is built (positions drawn), not by the loader alone. */
  atBuild?: boolean;
}

const CASES: Case[] = [
  { file: 'wrong-type.yaml', marker: 'reserves: [2000, lots]', field: 'venues[0].reserves[1]', expected: 'expected a number, got "lots"' },
  {
    file: 'unknown-top-level-field.yaml',
    marker: 'duration: 3h',
    field: 'duration',
    expected:
      'unknown field `duration`; expected one of name, description, seed, horizon, market, assets, venues, oracles, protocols, agents, shocks, governance, uncertain, chain, contagion, options',
  },
  { file: 'unknown-nested-field.yaml', marker: 'latencySeconds: 0', field: 'agents[0].latencySeconds', expected: 'unknown field `latencySeconds`; did you mean `latency`?' },
  { file: 'missing-asset.yaml', marker: 'asset: BTC', field: 'oracles[1].asset', expected: 'expected the id of an asset, got "BTC"' },
  { file: 'missing-oracle.yaml', marker: 'oracle: btc-usd', field: 'protocols[0].reserves[1].oracle', expected: 'expected the id of an oracle, got "btc-usd"' },
  { file: 'missing-venue.yaml', marker: 'eth-usdt-pool', field: 'oracles[0].source.sources[1].venue', expected: 'expected the id of a venue, got "eth-usdt-pool"' },
  { file: 'missing-protocol.yaml', marker: 'protocol: aave', field: 'agents[2].protocol', expected: 'expected the id of a lending protocol, got "aave" (known: lender)' },
  { file: 'negative-size.yaml', marker: 'size: -20000', field: 'protocols[0].positions[0].size', expected: 'expected a number > 0, got -20000' },
  { file: 'negative-balance.yaml', marker: 'balances: [5000000, -5000000]', field: 'venues[1].balances[1]', expected: 'expected a number > 0, got -5000000' },
  {
    file: 'threshold-above-one.yaml',
    marker: 'liquidationThreshold: 1.2',
    field: 'protocols[0].reserves[1].liquidationThreshold',
    expected: 'expected a number in (0, 1], got 1.2',
  },
  { file: 'ltv-above-threshold.yaml', marker: 'ltv: 0.85', field: 'protocols[0].reserves[0].ltv', expected: 'expected ltv <= liquidationThreshold (0.825), got 0.85' },
  { file: 'empty.yaml', marker: null, field: undefined, expected: 'the file is empty' },
  // the parser notices the unclosed `[` on the next line, where the block mapping resumes
  { file: 'not-yaml.yaml', marker: /^assets:/, field: undefined, expected: 'not valid YAML: Flow sequence' },
  { file: 'top-level-list.yaml', marker: '- name: small', field: undefined, expected: 'expected a YAML mapping (name, assets, …) at the top level, got a list' },
  { file: 'binary.yaml', marker: null, field: undefined, expected: 'not a text file' },
  { file: 'duplicate-id.yaml', marker: 'the id of the agent above', field: 'agents[1].id', expected: 'id "liquidator" is already used by agents[0]' },
  { file: 'duplicate-key.yaml', marker: 'aggressiveness: 0.5', field: 'agents[1].aggressiveness', expected: 'not valid YAML: Map keys must be unique' },
  { file: 'bad-duration.yaml', marker: 'horizon: 3 hours', field: 'horizon', expected: 'expected a duration such as 90, "30m", "6h" or "1d", got "3 hours"' },
  {
    file: 'bad-distribution.yaml',
    marker: 'distribution: pareto',
    field: 'protocols[0].positions[0].healthFactor.distribution',
    expected: 'expected one of "fixed", "uniform", "normal", "lognormal", "choice", got "pareto"',
  },
  { file: 'not-positive-definite.yaml', marker: 'matrix: [[1, 1], [1, 1]]', field: 'market.correlations.matrix', expected: 'not positive definite' },
  // a missing key has no line of its own: the error points at the mapping it is missing from
  {
    file: 'missing-required-field.yaml',
    marker: '{ asset: DAI, oracle: dai-usd, ltv: 0.75 }',
    field: 'protocols[0].reserves[3].liquidationThreshold',
    expected: 'required field is missing (expected a number)',
  },
  { file: 'missing-csv.yaml', marker: 'no-such-positions.csv', field: 'protocols[0].positions[2].file', expected: 'file not found: no-such-positions.csv' },
  { file: 'crash-magnitude.yaml', marker: 'magnitude: 1', field: 'shocks[0].magnitude', expected: 'expected a fall below 1 (0.4 = 40 %), got 1' },
  { file: 'supply-too-small.yaml', marker: 'supply: 100000', field: 'protocols[0].reserves[2].supply', expected: 'but only 100000 is supplied', atBuild: true },
  {
    file: 'governance-unknown-parameter.yaml',
    marker: 'auction: { ttl: 10m }',
    field: 'governance[0].set.auction.ttl',
    expected:
      'expected a parameter of lender\'s ETH (ltv, liquidationThreshold, liquidationBonus, supplyCap, borrowCap, rate.base, rate.slope1, rate.slope2, rate.optimalUtilisation), got "auction.ttl"',
  },
];

/** 1-based line of the only line holding the marker; a marker on several lines is a broken fixture. */
function markerLine(file: string, marker: string | RegExp | null): number | undefined {
  if (marker === null) return undefined;
  const lines = readFileSync(join(DIR, file), 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => ((typeof marker === 'string' ? l.includes(marker) : new RegExp(marker.source).test(l)) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`${file}: marker ${String(marker)} is on ${hits.length} lines`);
  return hits[0];
}

/** The exact line the CLI must print. */
function expectedLine(c: Case): string {
  const line = markerLine(c.file, c.marker);
  const where = `${DIR}/${c.file}${line ? `:${line}` : ''}`;
  return `aftershock: ${[where, c.field].filter(Boolean).join(' ')}: `;
}

test('every fixture in the folder is in the table, and there are at least twenty', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  assert.equal(files, CASES.map((c) => c.file).sort());
  assert.ok(files.length >= 20);
});

test('the loader (or, for position-dependent checks, world building) throws InputError with file, line, field and message', () => {
  for (const c of CASES) {
    const file = `${DIR}/${c.file}`;
    let err: unknown;
    try {
      const loaded = loadScenario(file);
      assert.ok(c.atBuild, `${c.file}: loaded without error`);
      try {
        buildWorld(loaded, { createAgent });
      } catch (e) {
        err = locateError(e, loaded);
      }
    } catch (e) {
      assert.not.ok(c.atBuild, `${c.file}: the loader already rejects it: ${(e as Error).message}`);
      err = e;
    }
    assert.instance(err, InputError, `${c.file}: ${String(err)}`);
    const e = err as InputError;
    assert.is(e.file, file, c.file);
    assert.is(e.line, markerLine(c.file, c.marker), `${c.file}: line of ${String(c.marker)}`);
    assert.is(e.field, c.field, c.file);
    assert.ok(e.message.includes(c.expected), `${c.file}: "${e.message}" lacks "${c.expected}"`);
    assert.not.match(e.message, /\n/, c.file);
  }
});

test('the small scenario itself is valid (so each fixture fails for its one defect)', () => {
  const loaded = loadScenario('test/fixtures/scenarios/small.yaml');
  const w = buildWorld(loaded, { createAgent });
  assert.is((w.protocols[0] as LendingMarket).book.count, 300);
});

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-bad-'));

// a subset through the real CLI: one of each way of failing (schema, references, YAML syntax,
// not a mapping, empty, binary, world building); the loader covers the rest in-process
const VALIDATE = ['threshold-above-one.yaml', 'empty.yaml', 'binary.yaml', 'not-yaml.yaml', 'top-level-list.yaml', 'missing-csv.yaml', 'supply-too-small.yaml'];
const RUN = ['threshold-above-one.yaml', 'bad-distribution.yaml', 'supply-too-small.yaml'];

test('through the CLI: one line naming file:line field: expected…, exit 2, nothing on stdout, nothing written by run', async () => {
  const jobs = [...VALIDATE.map((f) => ({ f, cmd: 'validate', out: undefined as string | undefined })), ...RUN.map((f, i) => ({ f, cmd: 'run', out: join(tmp, `out-${i}`) }))];
  const results = await cliAll(jobs.map((j) => [j.cmd, `${DIR}/${j.f}`, ...(j.out ? ['--out', j.out] : [])]));
  jobs.forEach((j, k) => {
    const r = results[k];
    const c = CASES.find((x) => x.file === j.f)!;
    const what = `${j.cmd} ${j.f}`;
    assert.is(r.code, 2, `${what}: ${r.stderr}`);
    assert.is(r.stdout, '', what);
    assert.ok(r.stderr.endsWith('\n'), what);
    const lines = r.stderr.slice(0, -1).split('\n');
    assert.is(lines.length, 1, `${what}: ${r.stderr}`);
    assert.ok(lines[0].startsWith(expectedLine(c)), `${what}: "${lines[0]}" does not start with "${expectedLine(c)}"`);
    assert.ok(lines[0].includes(c.expected), `${what}: "${lines[0]}" lacks "${c.expected}"`);
    assert.not.match(r.stderr, /^\s+at /m, `${what}: stack trace`);
    if (j.out) assert.not.ok(existsSync(j.out), `${what}: wrote ${j.out}`);
  });
  // the issue's own example, to the character
  assert.is(
    results[0].stderr,
    `aftershock: ${DIR}/threshold-above-one.yaml:${markerLine('threshold-above-one.yaml', 'liquidationThreshold: 1.2')} protocols[0].reserves[1].liquidationThreshold: expected a number in (0, 1], got 1.2\n`,
  );
  assert.equal(readdirSync(tmp), [], 'run left something in the temporary folder');
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
