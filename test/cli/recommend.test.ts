/**
 * `recommend` on a sweep of the demo's ETH liquidation threshold (the demo shrunk to 400 positions
 * and 10 hours so 5 cells × 100 paths take a few seconds; the shrinking is in the --set flags).
 * Reference: the sweep's own sweep.json, read here, and the appetite's limits: the chosen value is
 * the highest threshold whose P(bad debt) upper Wilson bound is within the limit, and the binding
 * constraint is the one the next threshold breaks.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from './spawnCli.js';

const work = mkdtempSync(join(tmpdir(), 'aftershock-recommend-test-'));
const sweepDir = join(work, 'sweep');
const LT = 'reserves.ETH.liquidationThreshold';
const LIMIT = 0.25;

let appetites = 0;
const appetite = (extra = '', constraints = `  probabilityOfBadDebt: { max: ${LIMIT} }\n  liquidationsAtRisk: { maxShareOfDebt: 0.9 }\n`) => {
  const file = join(work, `appetite-${++appetites}.yaml`);
  writeFileSync(file, `version: 1\nprotocol: lender\nobjective:\n  maximise: ${LT}\nconstraints:\n${constraints}stewards:\n  maxPercentChange: { ${LT}: 2.5 }\n${extra}`);
  return file;
};

test.before(async () => {
  const r = await cliInProcess([
    'sweep',
    'scenarios/demo.yaml',
    '--grid',
    `${LT}=0.8,0.825,0.85,0.875,0.9`,
    '--set',
    'protocols.lender.positions[0].count=300',
    '--set',
    'protocols.lender.positions[1].count=100',
    '--set',
    'horizon=10h',
    '--set',
    'options.amplification=false',
    '--paths',
    '100',
    '--workers',
    '2',
    '--out',
    sweepDir,
    '--quiet',
  ]);
  assert.is(r.code, 0, r.stderr);
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test("the chosen threshold and the binding constraint are those of the sweep's own table; the change is split into steward-sized steps", async () => {
  const out = join(work, 'rec');
  const r = await cliInProcess(['recommend', sweepDir, '--appetite', appetite(), '--out', out]);
  assert.is(r.code, 0, r.stderr);
  const sweep = JSON.parse(readFileSync(join(sweepDir, 'sweep.json'), 'utf8'));
  const rows = sweep.cells.map((c: { grid: Record<string, string>; summary: { protocols: { lender: { probabilityOfBadDebt: { interval: [number, number] } } } } }) => ({
    lt: Number(c.grid[LT]),
    upper: c.summary.protocols.lender.probabilityOfBadDebt.interval[1],
  }));
  const ok = rows.filter((x: { upper: number }) => x.upper <= LIMIT).map((x: { lt: number }) => x.lt);
  const expected = Math.max(...ok);
  const next = Math.min(...rows.map((x: { lt: number }) => x.lt).filter((v: number) => v > expected));
  const payload = JSON.parse(readFileSync(join(out, 'payload.json'), 'utf8'));
  assert.is(payload.current, 0.825, "the demo file's threshold");
  assert.is(payload.recommended, expected);
  assert.is(payload.binding.next, next);
  assert.equal(
    payload.binding.failed.map((f: { constraint: string }) => f.constraint),
    ['probabilityOfBadDebt'],
  );
  // steps of at most 2.5 points from 0.825: e.g. 0.85 then 0.875
  const steps: number[] = payload.steps;
  assert.is(steps[steps.length - 1], expected);
  [0.825, ...steps].reduce((a, b) => (assert.ok(Math.abs(b - a) <= 0.025 + 1e-12, `${a} → ${b}`), b));
  assert.is(steps.length, Math.ceil(Math.round((expected - 0.825) * 1e4) / 250));
  // the payload: Aave v3 config-engine collateral updates in bps, the rest KEEP_CURRENT
  assert.equal(payload.payloads[steps.length - 1].collateralUpdates[0], {
    asset: 'ETH',
    ltv: 'KEEP_CURRENT',
    liqThreshold: Math.round(expected * 1e4),
    liqBonus: 'KEEP_CURRENT',
    debtCeiling: 'KEEP_CURRENT',
    liqProtocolFee: 'KEEP_CURRENT',
  });
  const md = readFileSync(join(out, 'recommendation.md'), 'utf8');
  for (const h of ['## Summary', '## Motivation', '## Specification', '## Effect on the risk figures', '## Method and assumptions', '## Reproduction', '## Next Steps'])
    assert.ok(md.includes(`\n${h}\n`), h);
  assert.ok(md.includes(`aftershock verify ${sweepDir}`));
  assert.match(r.stdout, new RegExp(`^recommend ${LT.replace(/\./g, '\\.')}: 0\\.825 → ${expected}`));
});

test("a change beyond the stewards' limit with onExceed: refuse is refused in one line, nothing written", async () => {
  const out = join(work, 'refused');
  const r = await cliInProcess(['recommend', sweepDir, '--appetite', appetite('  onExceed: refuse\n'), '--out', out]);
  assert.is(r.code, 1);
  assert.is(r.stderr.trim().split('\n').length, 1);
  assert.match(
    r.stderr,
    /^aftershock: error: refused: reserves\.ETH\.liquidationThreshold: 0\.825 → 0\.\d+ is a change of \d+\.\d\d percentage points; the stewards allow 2\.5 percentage points per update/,
  );
  assert.not.ok(existsSync(out));
});

test('ES99 needs 1,000 paths: with 100 its interval is unbounded and no value passes', async () => {
  const r = await cliInProcess(['recommend', sweepDir, '--appetite', appetite('', '  badDebtEs99: { maxUsd: 1000000 }\n'), '--out', join(work, 'es')]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /no value of reserves\.ETH\.liquidationThreshold swept .* unbounded \(too few paths\)/);
});

test('a bad appetite file: one line with file, line and field, exit 2', async () => {
  const file = join(work, 'bad.yaml');
  writeFileSync(file, `version: 1\nprotocol: lender\nobjective:\n  maximise: ${LT}\nconstraints:\n  probabilityOfBadDebt: { max: 1.5 }\n`);
  const r = await cliInProcess(['recommend', sweepDir, '--appetite', file]);
  assert.is(r.code, 2);
  assert.is(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, new RegExp(`^aftershock: ${file.replace(/[.]/g, '\\.')}:6 constraints\\.probabilityOfBadDebt\\.max: .*1\\.5`));
});

test.run();
