/**
 * CDP and contagion figures of a many-path run: the Black Thursday replay shortened to three days
 * (the crash of 12–13 March) with 400 vaults, debt auctions two hours after the deficit appears and
 * a surplus large enough that some paths end without a deficit; and the two-protocol contagion
 * fixture. References: the single-path engine (`run --path i`, its summary.json) for each row's
 * figures; byte equality between --workers 1 (in-process) and --workers 2 (threads); summary
 * figures recomputed here from paths.csv (order statistic x_(⌈np⌉), k/n, and the Wilson score
 * interval written out from Newcombe 1998, method 3); Arrow read back with apache-arrow's reader.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { cliInProcess as cli } from '../cli/spawnCli.js';

const BLACK_THURSDAY = 'scenarios/black-thursday-2020.yaml';
const SHORT = [
  '--set',
  'horizon=3d',
  '--set',
  'protocols.maker.vaults[0].count=400',
  '--set',
  'protocols.maker.debtAuction.delay=2h',
  '--set',
  'protocols.maker.debtAuction.retry=2h',
  '--set',
  'protocols.maker.surplus=3000000',
];
const N = 4;
const CDP_COLUMNS = ['maker.deficit', 'maker.auctions.count', 'maker.auctions.zeroBidWins', 'maker.auctions.collateralSoldAtZero', 'maker.governanceMinted'];

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-cdp-paths-'));
const out = (name: string) => join(tmp, name);
const read = (dir: string, file: string) => readFileSync(join(dir, file));

function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [head, ...lines] = text.trim().split('\n');
  const header = head.split(',');
  return { header, rows: lines.map((r) => Object.fromEntries(r.split(',').map((v, i) => [header[i], v]))) };
}

/** Wilson score interval, Newcombe (1998) method 3, z = 1.959964 (written out here, not the code under test). */
function wilson(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = k / n;
  const a = 2 * n * p + z * z;
  const b = z * Math.sqrt(z * z + 4 * n * p * (1 - p));
  const c = 2 * (n + z * z);
  return [(a - b) / c, (a + b) / c];
}

const close = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(b));

test('Black Thursday, many paths: deficit, auctions and MKR minted per path equal the single run of that path; W=1 and W=2 write the same bytes', async () => {
  const one = await cli(['run', BLACK_THURSDAY, ...SHORT, '--paths', String(N), '--workers', '1', '--out', out('bt1'), '--quiet', '--json']);
  assert.is(one.code, 0, one.stderr);
  const two = await cli(['run', BLACK_THURSDAY, ...SHORT, '--paths', String(N), '--workers', '2', '--out', out('bt2'), '--quiet']);
  assert.is(two.code, 0, two.stderr);
  for (const f of ['summary.json', 'paths.csv', 'paths.arrow']) assert.ok(read(out('bt1'), f).equals(read(out('bt2'), f)), `${f} differs between W=1 and W=2`);

  const { header, rows } = parseCsv(read(out('bt1'), 'paths.csv').toString());
  for (const c of CDP_COLUMNS) assert.ok(header.includes(c), `paths.csv has ${c}`);
  assert.not.ok(
    header.some((c) => c.startsWith('contagion.')),
    'one protocol: no contagion column',
  );
  const deficits = rows.map((r) => Number(r['maker.deficit']));
  const k = deficits.filter((x) => x > 0).length;
  assert.ok(k > 0 && k < N, `some paths should end with a deficit and some without (got ${k}/${N})`);
  assert.ok(
    rows.some((r) => Number(r['maker.governanceMinted']) > 0),
    'debt auctions minted MKR on some path',
  );
  assert.ok(
    rows.some((r) => Number(r['maker.auctions.zeroBidWins']) > 0),
    'some auctions were won at zero',
  );

  // every path through the single-path engine: its summary.json figures are the row's
  for (let i = 0; i < N; i++) {
    const single = await cli(['run', BLACK_THURSDAY, ...SHORT, '--path', String(i), '--out', out(`single${i}`), '--quiet', '--json']);
    assert.is(single.code, 0, single.stderr);
    const m = JSON.parse(single.stdout).protocols.maker;
    const row = rows[i];
    assert.is(Number(row['maker.deficit']), m.deficit, `path ${i} deficit`);
    assert.is(Number(row['maker.auctions.count']), m.auctions.count, `path ${i} auctions`);
    assert.is(Number(row['maker.auctions.zeroBidWins']), m.auctions.zeroBidWins, `path ${i} zero-bid wins`);
    assert.is(Number(row['maker.auctions.collateralSoldAtZero']), m.auctions.collateralSoldAtZero, `path ${i} sold at zero`);
    assert.is(Number(row['maker.governanceMinted']), m.governanceMinted, `path ${i} MKR minted`);
    assert.is(Number(row['maker.badDebt']), m.badDebt, `path ${i} bad debt`);
  }

  // the summary's figures recomputed from the rows
  const summary = JSON.parse(one.stdout);
  const maker = summary.protocols.maker;
  // the chance of a deficit is the system's P(bad debt): k paths of the rows have deficit > 0
  assert.is(maker.probabilityOfBadDebt.k, k);
  assert.is(maker.probabilityOfBadDebt.n, N);
  const [lo, hi] = wilson(k, N);
  assert.ok(close(maker.probabilityOfBadDebt.interval[0], lo, 1e-9) && close(maker.probabilityOfBadDebt.interval[1], hi, 1e-9), `Wilson [${lo}, ${hi}]`);
  // DAI is at par $1 here, so the deficit is the bad debt in USD
  assert.equal(maker.deficit, maker.badDebt);
  const checks: [string, (s: typeof maker) => { mean: number; max: number; p50: number; var95: number }][] = [
    ['maker.deficit', (s) => s.deficit],
    ['maker.auctions.count', (s) => s.auctions.count],
    ['maker.auctions.zeroBidWins', (s) => s.auctions.zeroBidWins],
    ['maker.auctions.collateralSoldAtZero', (s) => s.auctions.collateralSoldAtZero],
    ['maker.governanceMinted', (s) => s.governanceMinted],
  ];
  for (const [col, get] of checks) {
    const xs = rows.map((r) => Number(r[col]));
    const sorted = [...xs].sort((a, b) => a - b);
    const d = get(maker);
    assert.ok(close(d.mean, xs.reduce((a, x) => a + x, 0) / N, 1e-9), `${col} mean`);
    assert.is(d.max, sorted[N - 1], `${col} max`);
    assert.is(d.p50, sorted[Math.ceil(0.5 * N) - 1], `${col} p50 = x_(⌈n/2⌉)`);
    assert.is(d.var95, sorted[Math.ceil(0.95 * N) - 1], `${col} VaR95 = x_(⌈0.95 n⌉)`);
  }

  // paths.arrow holds the CSV's numbers in the new columns
  const table = tableFromIPC(read(out('bt1'), 'paths.arrow'));
  assert.equal(
    table.schema.fields.map((f) => f.name),
    header,
  );
  for (const c of CDP_COLUMNS) {
    const v = table.getChild(c)!;
    for (let i = 0; i < N; i++) assert.is(v.get(i), Number(rows[i][c]), `${c}[${i}]`);
  }
});

test('contagion: the worst-step systemic loss per path equals the single run; lending-only runs gain no column', async () => {
  const pair = 'test/fixtures/scenarios/contagion-pair.yaml';
  const many = await cli(['run', pair, '--paths', '2', '--workers', '1', '--out', out('pair'), '--quiet', '--json']);
  assert.is(many.code, 0, many.stderr);
  const { header, rows } = parseCsv(read(out('pair'), 'paths.csv').toString());
  assert.is(header[header.length - 1], 'contagion.systemicLoss');
  assert.ok(header.includes('maker.deficit') && !header.includes('lender.deficit'), 'CDP columns for the CDP system only');
  const single = await cli(['run', pair, '--path', '1', '--out', out('pair1'), '--quiet', '--json']);
  assert.is(single.code, 0, single.stderr);
  const loss = JSON.parse(single.stdout).contagion.systemicLoss;
  assert.ok(loss > 0, 'the exploit costs the system equity');
  assert.is(Number(rows[1]['contagion.systemicLoss']), loss);
  const s = JSON.parse(many.stdout);
  assert.is(s.contagion.systemicLoss.max, Math.max(...rows.map((r) => Number(r['contagion.systemicLoss']))));
  assert.not.ok('probabilityOfDeficit' in s.protocols.lender, 'a lending market has no deficit figures');

  // one lending protocol: the columns and summary keys are those of before
  const lending = await cli(['run', 'test/fixtures/scenarios/paths-small.yaml', '--paths', '2', '--workers', '1', '--out', out('lend'), '--quiet', '--json']);
  assert.is(lending.code, 0, lending.stderr);
  const lh = parseCsv(read(out('lend'), 'paths.csv').toString()).header;
  const perProtocol = ['liquidatedValue', 'liquidations', 'badDebt', 'amplification', 'timeToFirstBadDebt', 'peakLiquidatableDebt'];
  const shockCols = lh.filter((c) => c.startsWith('shocks['));
  assert.equal(lh, [
    'path',
    'pathSeed',
    'liquidatedValue',
    'liquidations',
    'badDebt',
    'amplification',
    'timeToFirstBadDebt',
    'peakLiquidatableDebt',
    'maxOracleDeviation',
    ...shockCols,
    ...perProtocol.map((f) => `lender.${f}`),
  ]);
  const ls = JSON.parse(lending.stdout);
  assert.not.ok('contagion' in ls);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
