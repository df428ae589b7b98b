/**
 * `events: all` (`run --events all`, issue 16 item 10): every swap and every transaction an agent
 * submits is recorded on top of the default events, which stay exactly as they were.
 *
 * References: the swaps on test/fixtures/scenarios/small.yaml's constant-product pool (2,000 ETH
 * against 6,000,000 USDC, 30 bps) are replayed here with Uniswap v2's formula written out by hand,
 * out = y·a·(1 − f) / (x + a·(1 − f)), starting from the file's reserves and scaling both by
 * `kept` at a liquidity withdrawal: every recorded amount out and every price before and after
 * must follow. The default log is compared with the default run's bytes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/scenario/load.js';
import { runPath } from '../../src/sim/run.js';
import type { SimEvent } from '../../src/sim/world.js';
import { createAgent } from '../../agents/index.js';
import { cliAll, type CliResult } from '../cli/spawnCli.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';
const loaded = loadScenario(SMALL, ['options.amplification=false']);
const plain = runPath(loaded, { createAgent }).world.events;
const all = runPath(loaded, { createAgent, events: 'all' }).world.events;
const EXTRA = new Set(['swap', 'swap-reverted', 'decision', 'not-mined']);

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-events-'));
let cli: CliResult[];
const ready = cliAll([
  ['run', SMALL, '--events', 'all', '--out', join(tmp, 'all'), '--quiet'],
  ['run', SMALL, '--events', 'some', '--out', join(tmp, 'bad')],
  ['run', SMALL, '--events', 'all', '--paths', '2', '--out', join(tmp, 'bad2')],
]).then((r) => (cli = r));
test.before(async () => {
  await ready;
});
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('default events unchanged: all = the default events, in order, plus swaps and decisions', () => {
  assert.ok(plain.every((e) => !EXTRA.has(e.type)));
  assert.equal(
    all.filter((e) => !EXTRA.has(e.type)),
    plain,
  );
  assert.ok(all.some((e) => e.type === 'swap') && all.some((e) => e.type === 'decision'));
});

test("every swap on the pool follows the constant-product formula from the file's reserves", () => {
  let eth = 2000;
  let usdc = 6_000_000;
  const g = 1 - 30 / 10_000;
  let swaps = 0;
  for (const e of all) {
    if (e.type === 'liquidity-withdrawn' && e.venue === 'eth-usdc-pool') {
      eth *= e.kept as number;
      usdc *= e.kept as number;
    }
    if (e.type !== 'swap' || e.venue !== 'eth-usdc-pool') continue;
    swaps++;
    const a = e.amountIn as number;
    const rel = (x: number, y: number) => Math.abs(x / y - 1);
    assert.ok(rel(e.priceBefore as number, usdc / eth) < 1e-9, `price before at step ${e.step}`);
    const ethIn = e.assetIn === 'ETH';
    const [x, y] = ethIn ? [eth, usdc] : [usdc, eth];
    const out = (y * a * g) / (x + a * g);
    assert.ok(rel(e.amountOut as number, out) < 1e-9, `amount out at step ${e.step}`);
    if (ethIn) [eth, usdc] = [eth + a, usdc - out];
    else [usdc, eth] = [usdc + a, eth - out];
    assert.ok(rel(e.priceAfter as number, usdc / eth) < 1e-9, `price after at step ${e.step}`);
  }
  assert.ok(swaps > 20, `${swaps} swaps`);
});

test('decisions: who submitted what, with ids; every arbitrage swap was a decision of its agent in that step', () => {
  const decisions = all.filter((e) => e.type === 'decision');
  const key = (e: SimEvent) => `${e.step}:${e.agent}:${e.venue}:${e.assetIn}:${e.amountIn}`;
  const submitted = new Set(decisions.filter((d) => d.kind === 'swap').map(key));
  const arbitrage = all.filter((e) => e.type === 'swap' && e.agent === 'arbitrageur');
  assert.ok(arbitrage.length > 0);
  for (const s of arbitrage) assert.ok(submitted.has(key(s)), key(s));
  const liquidations = decisions.filter((d) => d.kind === 'liquidation');
  assert.ok(liquidations.length >= plain.filter((e) => e.type === 'liquidation').length);
  assert.is(liquidations[0].agent, 'liquidator');
  assert.is(liquidations[0].protocol, 'lender');
  assert.is(typeof liquidations[0].sellVia, 'string');
});

test('run --events all writes them, and its manifest reproduces with --events all; bad uses exit 2', () => {
  assert.is(cli[0].code, 0, cli[0].stderr);
  const lines = readFileSync(join(tmp, 'all', 'events.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(lines.some((e) => e.type === 'swap'));
  const m = JSON.parse(readFileSync(join(tmp, 'all', 'manifest.json'), 'utf8'));
  assert.equal(m.reproduce.slice(-2), ['--events', 'all']);
  assert.is(cli[1].code, 2);
  assert.is(cli[1].stderr, 'aftershock: --events: expected default or all, got "some"\n');
  assert.is(cli[2].code, 2);
  assert.match(cli[2].stderr, /--events: events\.jsonl is written for one path/);
});

test.run();
