/**
 * `aftershock margin`: the JSON and text outputs on a hand-worked account, and one-line errors
 * with exit 2 for bad input. The numbers are those worked by hand in
 * test/protocols/options/margin.test.ts (Hull's put: S = 42, K = 40, r = 10 %, σ = 20 %,
 * T = 0.5, worth 0.8086; a short put's IM 5.1086 and MM 3.9586 per contract).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess, cli } from './spawnCli.js';

const dir = mkdtempSync(join(tmpdir(), 'aftershock-margin-'));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const HULL = write('hull.json', JSON.stringify({ market: { spot: 42, rate: 0.1, vol: 0.2 }, collateral: { cash: 100 }, positions: [{ type: 'put', strike: 40, expiry: 0.5, size: -3 }] }, null, 2));

test('--rule standard --json: equity, IM, MM and ratio of three short Hull puts', async () => {
  const r = await cliInProcess(['margin', '--account', HULL, '--rule', 'standard', '--json']);
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  // IM = 3 × 5.1086 = 15.3258; MM = 3 × 3.9586 = 11.8758; equity = 100 − 3 × 0.8086 = 97.5742
  assert.ok(Math.abs(doc.initialMargin - 15.3258) < 2e-4, `IM ${doc.initialMargin}`);
  assert.ok(Math.abs(doc.maintenanceMargin - 11.8758) < 2e-4, `MM ${doc.maintenanceMargin}`);
  assert.ok(Math.abs(doc.equity - 97.5742) < 2e-4);
  assert.ok(Math.abs(doc.marginRatio - 11.8758 / 97.5742) < 1e-5);
  assert.is(doc.underMaintenance, false);
  assert.ok(Math.abs(doc.positions[0].initialPerContract - 5.1086) < 1e-4);
  assert.not.ok('worstScenario' in doc);
});

test('--rule portfolio: the worst scenario of short puts is a fall with volatility up', async () => {
  const r = await cliInProcess(['margin', '--account', HULL, '--rule', 'portfolio', '--json']);
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal([doc.worstScenario.spotMove, doc.worstScenario.vol], [-0.16, 'up']);
  assert.ok(Math.abs(doc.maintenanceMargin - 0.8 * doc.initialMargin) < 1e-9);
  // no-arbitrage bounds of a European put at S' = 42 × 0.84: K·e^{−rT} − S' ≤ P ≤ K·e^{−rT}
  const pv = 40 * Math.exp(-0.05);
  assert.ok(doc.initialMargin >= 3 * (pv - 42 * 0.84 - 0.8086), `IM ${doc.initialMargin} below the no-arbitrage loss`);
  assert.ok(doc.initialMargin <= 3 * (pv - 0.8086));
});

test('the text output and the shipped example', async () => {
  const r = await cliInProcess(['margin', '--account', 'scenarios/accounts/short-puts.json', '--rule', 'portfolio']);
  assert.is(r.code, 0, r.stderr);
  for (const s of ['portfolio margin', 'initial margin', 'maintenance margin', 'margin ratio', 'worst scenario']) assert.ok(r.stdout.includes(s), `missing ${s}`);
});

test('bad input: one line naming the file, the line and the field; exit 2', async () => {
  const bad = write('bad.json', '{\n  "market": { "spot": 2000, "vol": 0.8 },\n  "positions": [\n    { "type": "put", "strike": -5, "expiry": "7d", "size": -1 }\n  ]\n}\n');
  const unknown = write('unknown.json', '{ "market": { "spot": 2000, "vol": 0.8 }, "leverage": 3 }\n');
  const cases: [string[], RegExp][] = [
    [['margin', '--account', bad, '--rule', 'standard'], /^aftershock: .*bad\.json:4 positions\[0\]\.strike: expected a number > 0, got -5\n$/],
    [['margin', '--account', unknown, '--rule', 'standard'], /unknown\.json:1: unknown field "leverage"\n$/],
    [['margin', '--account', HULL, '--rule', 'cross'], /^aftershock: --rule: expected one of standard, portfolio, got "cross"\n$/],
    [['margin', '--account', join(dir, 'missing.json'), '--rule', 'standard'], /missing\.json: file not found\n$/],
  ];
  for (const [args, want] of cases) {
    const r = await cliInProcess(args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(want.test(r.stderr), r.stderr);
    assert.is(r.stdout, '');
  }
});

test('the real command line exits 2 on bad input', async () => {
  const r = await cli(['margin', '--account', join(dir, 'missing.json'), '--rule', 'standard']);
  assert.is(r.code, 2);
  assert.is(r.stderr.split('\n').filter(Boolean).length, 1);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
