/**
 * What every results folder keeps besides its JSON (issue 16 item 9): `scenario.yaml` (the
 * scenario as run, overrides applied), `start.json` (the starting book and parameters) and the
 * printed tables as Markdown (`summary.md`, `sweep.md`), all listed in the manifest.
 *
 * References: start.json of test/fixtures/scenarios/observation.yaml is worked by hand from its
 * CSV files (below); the scenario as run is checked by loading it again and comparing with the
 * loader's own result for the file and its overrides; the Markdown tables against what the same
 * command printed on stdout; the many-path folder's start.json against the one-path run's, which
 * is built by a different route (the run's own world, not the preflight's).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliAll, type CliResult } from '../cli/spawnCli.js';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import { scenarioAsRun } from '../../src/report/scenarioAsRun.js';
import { recordedStartingDebts, startingDebtUsd } from '../../src/report/recommend/startingDebt.js';
import { createAgent } from '../../agents/index.js';

const OBS = 'test/fixtures/scenarios/observation.yaml';
const SMALL = 'test/fixtures/scenarios/small.yaml';
const SETS = ['--set', 'horizon=5m', '--set', 'protocols.lender.reserves.ETH.ltv=0.7'];
const LIGHT = ['--set', 'horizon=40m', '--set', 'protocols.lender.positions[0].count=40', '--set', 'protocols.lender.positions[1].count=20'];
const tmp = mkdtempSync(join(tmpdir(), 'aftershock-folder-files-'));
const one = join(tmp, 'one');
const many = join(tmp, 'many');
const plain = join(tmp, 'plain');
const sweep = join(tmp, 'sweep');

let r: CliResult[];
const ready = cliAll([
  ['run', OBS, '--out', one, '--quiet', ...SETS],
  ['run', OBS, '--out', many, '--paths', '2', '--workers', '1', '--quiet', ...SETS],
  ['run', SMALL, '--out', plain, '--quiet', ...LIGHT],
  ['sweep', SMALL, '--out', sweep, '--paths', '2', '--workers', '1', '--quiet', '--grid', 'reserves.ETH.liquidationThreshold=0.83,0.86', ...LIGHT],
]).then((x) => (r = x));

test.before(async () => {
  await ready;
  for (const x of r) assert.is(x.code, 0, x.stderr);
});
test.after(() => rmSync(tmp, { recursive: true, force: true }));

const json = (dir: string, f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));

test('every folder lists each of its files in the manifest, the new ones included', () => {
  for (const [dir, extra] of [
    [one, ['scenario.yaml', 'start.json', 'summary.md']],
    [many, ['scenario.yaml', 'start.json', 'summary.md']],
    [sweep, ['scenario.yaml', 'start.json', 'sweep.md']],
  ] as const) {
    const m = json(dir, 'manifest.json');
    for (const f of extra) assert.ok(m.files.includes(f), `${dir}: ${f} listed`);
    assert.equal([...m.files, 'manifest.json'].sort(), readdirSync(dir).sort());
    for (const f of extra) assert.match(m.results.files[f], /^[0-9a-f]{64}$/, `${f} digested`);
  }
});

test('start.json: the starting book and parameters, worked by hand from the fixture CSV files', () => {
  const s = json(one, 'start.json');
  // positions: ETH collateral 10+10+10+5+1 = 36 at $3,000; DAI 10,000 at $1; USDC debt 20,000 +
  // 23,000 + 25,000 + 6,000 + 0 + 5,000 = 79,000; vaults: ETH-A 3 × 10 ETH for 15,000 + 19,000 +
  // 21,000 DAI, ETH-B 10 ETH for 20,000 DAI (par $1)
  const lender = s.protocols.lender;
  const res = Object.fromEntries(lender.reserves.map((x: { asset: string }) => [x.asset, x]));
  assert.is(res.ETH.collateral, 36);
  assert.is(res.ETH.collateralUsd, 108000);
  assert.is(res.DAI.collateralUsd, 10000);
  assert.is(res.USDC.debt, 79000);
  assert.is(res.USDC.supply, 100000);
  // every configurable parameter (LendingMarket.parameters): caps not set read Infinity, null in JSON
  assert.equal(
    { ltv: res.ETH.parameters.ltv, liquidationThreshold: res.ETH.parameters.liquidationThreshold, liquidationBonus: res.ETH.parameters.liquidationBonus },
    { ltv: 0.7, liquidationThreshold: 0.8, liquidationBonus: 0.05 },
    'the --set LTV is in force',
  );
  assert.is(res.ETH.parameters.supplyCap, null);
  assert.is(res.ETH.parameters.borrowCap, null);
  assert.is(lender.positions, 6);
  assert.is(lender.collateralUsd, 118000);
  assert.is(lender.debtUsd, 79000);
  const ilks = Object.fromEntries(s.protocols.maker.ilks.map((x: { ilk: string }) => [x.ilk, x]));
  assert.equal([ilks['ETH-A'].collateral, ilks['ETH-A'].debt, ilks['ETH-A'].vaults, ilks['ETH-A'].collateralUsd], [30, 55000, 3, 90000]);
  assert.equal([ilks['ETH-B'].collateral, ilks['ETH-B'].debt, ilks['ETH-B'].vaults], [10, 20000, 1]);
  assert.is(ilks['ETH-A'].parameters.liquidationRatio, 1.5);
  assert.is(ilks['ETH-B'].parameters.liquidationRatio, 1.2);
  assert.equal(s.totals, { collateralUsd: 118000 + 120000, debtUsd: 79000 + 75000 });
});

test('start.json of many paths is path 0 of the run: equal to the one-path folder of the same seed', () => {
  assert.equal(json(many, 'start.json'), json(one, 'start.json'));
});

test('scenario.yaml loads to the scenario the run used (overrides applied); without overrides it is the file itself', () => {
  for (const dir of [one, many]) {
    const asRun = parseScenario(readFileSync(join(dir, 'scenario.yaml'), 'utf8'), OBS);
    assert.equal(asRun.scenario, loadScenario(OBS, ['horizon=5m', 'protocols.lender.reserves.ETH.ltv=0.7']).scenario);
    assert.is(asRun.scenario.horizon, 300);
  }
  assert.equal(
    parseScenario(readFileSync(join(plain, 'scenario.yaml'), 'utf8'), SMALL).scenario,
    loadScenario(
      SMALL,
      LIGHT.filter((_, i) => i % 2),
    ).scenario,
  );
  assert.is(scenarioAsRun(loadScenario(OBS)), readFileSync(OBS, 'utf8'), 'no overrides: the file verbatim, comments kept');
  assert.equal(
    parseScenario(readFileSync(join(sweep, 'scenario.yaml'), 'utf8'), SMALL).scenario,
    loadScenario(
      SMALL,
      LIGHT.filter((_, i) => i % 2),
    ).scenario,
  );
});

test('summary.md has every row the one-path run printed', () => {
  const md = readFileSync(join(plain, 'summary.md'), 'utf8');
  const printed = r[2].stdout.split('\n').filter((l) => l && !l.startsWith('results:'));
  assert.ok(printed.length >= 8);
  for (const line of printed) {
    const [label, value] = line.split(/\s{2,}/, 2);
    assert.ok(md.includes(`| ${label} | ${value} |`), `row ${label}`);
  }
});

test('summary.md of many paths: the tail table printed, as Markdown rows', () => {
  const md = readFileSync(join(many, 'summary.md'), 'utf8');
  const printed = r[1].stdout.split('\n');
  assert.ok(md.startsWith(`# ${printed[0]}\n`), 'title');
  const liquidated = printed.find((l) => l.startsWith('  liquidated value'))!;
  const cells = liquidated.trim().split(/\s{2,}/);
  assert.ok(md.includes(`| ${cells.join(' | ')} |`), liquidated);
});

test("sweep: sweep.md has the printed rows; start.json per cell shows the shared book under each cell's threshold", () => {
  const md = readFileSync(join(sweep, 'sweep.md'), 'utf8');
  const printed = r[3].stdout.split('\n').filter((l) => /^\d/.test(l));
  assert.is(printed.length, 2);
  for (const line of printed)
    assert.ok(
      md.includes(
        `| ${line
          .trim()
          .split(/\s{2,}/)
          .join(' | ')} |`,
      ),
      line,
    );
  const s = json(sweep, 'start.json');
  assert.is(s.loanBook, 'shared');
  const eth = (k: number) => s.cells[k].start.protocols.lender.reserves.find((x: { asset: string }) => x.asset === 'ETH');
  assert.equal([eth(0).parameters.liquidationThreshold, eth(1).parameters.liquidationThreshold], [0.83, 0.86]);
  assert.equal(
    s.cells.map((c: { grid: Record<string, string> }) => c.grid['reserves.ETH.liquidationThreshold']),
    ['0.83', '0.86'],
  );
  // one book for both cells: the same debt and collateral
  assert.is(s.cells[0].start.totals.debtUsd, s.cells[1].start.totals.debtUsd);
  assert.ok(s.cells[0].start.totals.debtUsd > 0);
});

test("recommend reads each cell's starting debt from start.json: the same as rebuilding the cell's world", () => {
  const listed = json(sweep, 'manifest.json').files;
  const recorded = recordedStartingDebts(sweep, listed, 'lender')!;
  const base = loadScenario(
    SMALL,
    LIGHT.filter((_, i) => i % 2),
  );
  for (const [k, lt] of ['0.83', '0.86'].entries()) {
    const cell = loadScenario(SMALL, [...LIGHT.filter((_, i) => i % 2), `protocols.lender.reserves.ETH.liquidationThreshold=${lt}`]);
    const rebuilt = startingDebtUsd(cell, cell.scenario.seed, 'lender', createAgent, base.scenario);
    assert.ok(Math.abs(recorded[k] / rebuilt - 1) < 1e-11, `cell ${k}: ${recorded[k]} vs ${rebuilt}`);
  }
  assert.is(recordedStartingDebts(one, ['summary.json'], 'lender'), undefined, 'no start.json listed: rebuild');
});

test.run();
