/**
 * `run`, `validate` and `--set` through the real command line on the small scenario.
 * References: figures read off test/fixtures/scenarios/small.yaml by hand (3 h at 60 s = 180
 * steps, seed 7, a crash starting at 30 min = step 30 to 1 − 0.35 = 0.65 of the price), SHA-256
 * of the file's bytes computed here with node:crypto, and agreement between independent records of
 * the same run (summary.json against events.jsonl and timeseries.csv, stdout against the folder).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import graphology from 'graphology';
import type { MultiDirectedGraph as MultiDirectedGraphType } from 'graphology';
import { cliAll, type CliResult } from './spawnCli.js';

const { MultiDirectedGraph } = graphology as unknown as { MultiDirectedGraph: typeof MultiDirectedGraphType };

const SMALL = 'test/fixtures/scenarios/small.yaml';
const SHA = createHash('sha256').update(readFileSync(SMALL)).digest('hex');
const SET = 'protocols.lender.reserves.ETH.liquidationThreshold=0.8';
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-run-'));
const outA = join(tmp, 'a');
const outB = join(tmp, 'b');
const graphBase = join(tmp, 'world');

// every process the tests need, started once, two at a time
let results: CliResult[];
const ready = cliAll([
  ['run', SMALL, '--out', outA, '--json', '--graph', `${graphBase}.json`, '--check-invariants'],
  ['run', SMALL, '--out', outB, '--json', '--set', SET, '--seed', '11'],
  ['validate', SMALL],
  ['validate', SMALL, '--set', 'protocols.lender.reserves.SOL.ltv=0.5'],
  ['run', SMALL, '--out', join(tmp, 'c'), '--set', 'protocols.lender.reserves.ETH.ltv=0.9'],
]).then((r) => (results = r));

test.before(async () => {
  await ready;
});

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));

test('run --json: one JSON document on stdout with the fields scripts rely on', () => {
  const r = results[0];
  assert.is(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.scenario.name, 'small');
  assert.is(s.scenario.sha256, SHA);
  assert.equal(s.scenario.overrides, []);
  assert.is(s.seed, 7);
  assert.is(s.steps, 180);
  for (const k of ['liquidatedValue', 'badDebt']) assert.ok(typeof s[k] === 'number' && s[k] >= 0, k);
  assert.ok(s.amplification === null || (typeof s.amplification === 'number' && s.amplification > 0));
  assert.equal(Object.keys(s.protocols), ['lender']);
  const p = s.protocols.lender;
  // one protocol: the run's totals are its totals
  assert.is(p.liquidatedValue, s.liquidatedValue);
  assert.is(p.badDebt, s.badDebt);
  // amplification is defined as liquidated value with feedback over liquidated value without
  assert.ok(s.counterfactual.liquidatedValue > 0);
  assert.ok(rel(s.amplification, s.liquidatedValue / s.counterfactual.liquidatedValue) < 1e-9);
  // a 35 % crash over 300 positions at health factors 1.05–2 liquidates some of them
  assert.ok(s.liquidations > 0 && s.liquidatedValue > 0);
});

test('the results folder: summary.json equals stdout; timeseries and events agree with it; manifest names the run', () => {
  assert.equal(readdirSync(outA).sort(), ['events.jsonl', 'manifest.json', 'scenario.yaml', 'start.json', 'summary.json', 'summary.md', 'timeseries.csv']);
  const summaryText = readFileSync(join(outA, 'summary.json'), 'utf8');
  assert.is(summaryText, results[0].stdout);
  const s = JSON.parse(summaryText);

  const rows = readFileSync(join(outA, 'timeseries.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  const header = rows[0];
  assert.is(rows.length, 1 + 180);
  assert.equal(
    rows.slice(1).map((r) => Number(r[0])),
    Array.from({ length: 180 }, (_, i) => i),
  );
  assert.is(Number(rows[180][header.indexOf('time')]), 179 * 60);
  const col = (name: string) => rows.slice(1).map((r) => Number(r[header.indexOf(name)]));
  assert.ok(header.includes('lender.liquidatedUsd'), header.join(','));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  assert.ok(rel(sum(col('lender.liquidatedUsd')), s.liquidatedValue) < 1e-9);
  assert.is(sum(col('lender.liquidations')), s.liquidations);
  // bad debt is recorded cumulatively: the last row holds the run's total
  const badDebt = col('lender.badDebtUsd');
  assert.ok(rel(badDebt[179], s.badDebt) < 1e-9);
  assert.ok(badDebt.every((x, i) => i === 0 || x >= badDebt[i - 1]));

  const events = readFileSync(join(outA, 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  const liq = events.filter((e) => e.type === 'liquidation');
  assert.is(liq.length, s.liquidations);
  assert.ok(rel(sum(liq.map((e) => e.valueUsd)), s.liquidatedValue) < 1e-9);
  assert.ok(rel(sum(events.filter((e) => e.type === 'bad-debt').map((e) => e.usd)), s.badDebt) < 1e-9);
  const shock = events.find((e) => e.type === 'shock');
  assert.is(shock.step, 30);
  assert.ok(Math.abs(shock.target - 0.65) < 1e-12);

  const m = JSON.parse(readFileSync(join(outA, 'manifest.json'), 'utf8'));
  assert.is(m.scenario.sha256, SHA);
  assert.is(m.seed, 7);
  assert.ok(typeof m.wallTimeSeconds === 'number');
});

test('--set and --seed: the override is applied, recorded, and changes the hash', () => {
  const r = results[1];
  assert.is(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.is(s.seed, 11);
  assert.equal(s.scenario.overrides, [SET]);
  assert.is(s.scenario.sha256, createHash('sha256').update(readFileSync(SMALL)).update(`\n--set ${SET}`).digest('hex'));
  assert.is.not(s.scenario.sha256, SHA);
  const m = JSON.parse(readFileSync(join(outB, 'manifest.json'), 'utf8'));
  assert.equal(m.scenario.overrides, [SET]);
  assert.is(m.scenario.sha256, s.scenario.sha256);
});

test('validate: a good file gives one line on stdout and exit 0', () => {
  const r = results[2];
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stderr, '');
  assert.is(r.stdout.split('\n').length, 2);
  assert.match(r.stdout, /^test\/fixtures\/scenarios\/small\.yaml: ok — 4 assets, 2 venues, 4 oracles, 1 protocols, 4 agents, 1 shocks, 300 generated positions, 180 steps/);
  assert.ok(r.stdout.includes(SHA.slice(0, 12)));
});

test('--set with a missing path, or a bad value: one line naming it, exit 2, nothing on stdout or disk', () => {
  for (const [r, re] of [
    [results[3], /^aftershock: protocols\[0\]\.reserves\.SOL: no such field in test\/fixtures\/scenarios\/small\.yaml \(from --set protocols\.lender\.reserves\.SOL\.ltv=0\.5\)\n$/],
    [
      results[4],
      /^aftershock: test\/fixtures\/scenarios\/small\.yaml protocols\[0\]\.reserves\[0\]\.ltv: expected ltv <= liquidationThreshold \(0\.825\), got 0\.9 \(from --set protocols\.lender\.reserves\.ETH\.ltv=0\.9\)\n$/,
    ],
  ] as const) {
    assert.is(r.code, 2, r.stderr);
    assert.is(r.stdout, '');
    assert.match(r.stderr, re);
  }
  assert.not.ok(existsSync(join(tmp, 'c')));
});

test('--graph: graphology JSON that MultiDirectedGraph.from reads back, with the kinds of the scenario', () => {
  const json = JSON.parse(readFileSync(`${graphBase}.json`, 'utf8'));
  const g = MultiDirectedGraph.from(json);
  // nodes counted off small.yaml: 4 assets, 2 venues, 4 oracles, 1 protocol, 4 agents
  const kinds = (kind: string) => g.filterNodes((_, a) => a.kind === kind).length;
  assert.equal([kinds('asset'), kinds('venue'), kinds('oracle'), kinds('protocol'), kinds('agent')], [4, 2, 4, 1, 4]);
  assert.is(g.order, 15);
  const hasEdge = (kind: string, from: string, to: string) => g.hasEdge(from, to) && g.someEdge(from, to, (_, a) => a.kind === kind);
  // pair: each venue to each asset it trades (2 + 2)
  assert.is(g.filterEdges((_, a) => a.kind === 'pair').length, 4);
  assert.ok(hasEdge('pair', 'venue:eth-usdc-pool', 'asset:ETH'));
  assert.ok(hasEdge('pair', 'venue:usdc-dai-curve', 'asset:DAI'));
  // source: the ETH oracle's median reads the reference and the pool's spot
  assert.ok(hasEdge('source', 'oracle:eth-usd', 'venue:eth-usdc-pool'));
  assert.ok(hasEdge('source', 'oracle:eth-usd', 'asset:ETH'));
  assert.ok(hasEdge('source', 'oracle:dai-usd', 'venue:usdc-dai-curve'));
  assert.ok(hasEdge('reads', 'protocol:lender', 'oracle:wbtc-usd'));
  assert.ok(hasEdge('collateral', 'protocol:lender', 'asset:ETH'));
  assert.ok(hasEdge('acts-on', 'agent:liquidator', 'protocol:lender'));
  assert.ok(hasEdge('acts-on', 'agent:eth-pool-lp', 'venue:eth-usdc-pool'));
  assert.ok(hasEdge('acts-on', 'agent:arbitrageur', 'venue:usdc-dai-curve'));
  // positions borrow USDC and DAI: the lender holds debt in both
  const debtTargets = g.filterOutNeighbors('protocol:lender', (n) => g.someEdge('protocol:lender', n, (_, a) => a.kind === 'debt'));
  assert.equal(debtTargets.sort(), ['asset:DAI', 'asset:USDC'], 'protocol → asset edges of kind debt');
});

/** Checks that text is well-formed XML (tags nest and close, attributes quoted), returning the root's name. */
function wellFormedRoot(xml: string): string {
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  let root = '';
  const token = /<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(body))) {
    if (m[0].startsWith('<!--')) continue;
    if (m[6]) throw new Error(`malformed markup at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    if (m[5] !== undefined) {
      if (stack.length === 0 && m[5].trim() !== '') throw new Error('text outside the root element');
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(m[5])) throw new Error('bad entity in text');
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong element`);
    } else {
      if (stack.length === 0) {
        if (root) throw new Error('two root elements');
        root = name;
      }
      if (!selfClose) stack.push(name);
    }
  }
  if (stack.length) throw new Error(`unclosed <${stack.pop()}>`);
  return root;
}

test('--graph: GEXF is well-formed XML with a <gexf> root holding every node and edge', () => {
  const xml = readFileSync(`${graphBase}.gexf`, 'utf8');
  assert.is(wellFormedRoot(xml), 'gexf');
  const g = MultiDirectedGraph.from(JSON.parse(readFileSync(`${graphBase}.json`, 'utf8')));
  assert.is((xml.match(/<node\s/g) ?? []).length, g.order);
  assert.is((xml.match(/<edge\s/g) ?? []).length, g.size);
  assert.ok(xml.includes('id="asset:ETH"'));
  // the checker itself rejects what is not well-formed
  assert.throws(() => wellFormedRoot('<gexf><graph></gexf></graph>'));
  assert.throws(() => wellFormedRoot('<gexf a=1/>'));
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
