/**
 * Reports of the demo (one path), a 1,000-path run, a sweep and the Black Thursday replay, opened
 * in headless Chromium: no script error, failed load or console message; every chart present,
 * drawn with a size and marks; a screenshot of each kept in test-artifacts/ (git-ignored). The
 * Markdown's images exist as PNG and SVG files, its tables have their separator rows, and the
 * numbers it prints are those of the results files (reference: summary.json / sweep.json read here).
 *
 * Chromium: CI installs Debian's chromium-headless-shell (.ci/run); on a machine without it the
 * browser checks are skipped with a printed reason, the rest still runs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliInProcess } from '../cli/spawnCli.js';
import { findChromium, probePage, screenshot } from './browser.js';

const ROOT = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'aftershock-report-test-'));
const ARTIFACTS = join(ROOT, 'test-artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const chromium = findChromium();
if (!chromium) {
  if (process.env.CI) throw new Error('CI must have chromium-headless-shell (.ci/run installs it)');
  console.log('report.test: chromium-headless-shell not found; browser checks skipped (apt-get install chromium-headless-shell)');
}

const LT = 'protocols.lender.reserves.ETH.liquidationThreshold';
const CASES = {
  demo: ['run', 'scenarios/demo.yaml'],
  paths: ['run', 'test/fixtures/scenarios/report-paths.yaml', '--paths', '1000', '--workers', '1'],
  sweep: ['sweep', 'test/fixtures/scenarios/report-paths.yaml', '--grid', `${LT}=0.8,0.825,0.85`, '--paths', '200', '--workers', '1'],
  'black-thursday': ['run', 'scenarios/black-thursday-2020.yaml'],
} as const;
type Case = keyof typeof CASES;

const CHARTS: Record<Case, string[]> = {
  demo: ['prices', 'losses', 'network'],
  paths: ['bad-debt', 'liquidated', 'network'],
  sweep: ['sweep-0'],
  'black-thursday': ['prices', 'losses', 'auctions-maker', 'network'],
};

const resultsDir = (c: Case) => join(work, c);
const reportDir = (c: Case) => join(work, `${c}-report`);

test.before(async () => {
  for (const [name, args] of Object.entries(CASES)) {
    const r = await cliInProcess([...args, '--out', resultsDir(name as Case), '--quiet']);
    assert.is(r.code, 0, `${name}: ${r.stderr}`);
    const rep = await cliInProcess(['report', resultsDir(name as Case)]);
    assert.is(rep.code, 0, `${name} report: ${rep.stderr}`);
    assert.is(rep.stdout, `report: ${reportDir(name as Case)}\n`);
  }
});

test.after(() => rmSync(work, { recursive: true, force: true }));

for (const name of Object.keys(CASES) as Case[]) {
  test(`${name}: the report folder holds the HTML, the Markdown and each chart as SVG and PNG, listed in its manifest`, () => {
    const dir = reportDir(name);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.is(manifest.kind, 'report');
    assert.equal(manifest.charts, CHARTS[name]);
    const results = JSON.parse(readFileSync(join(resultsDir(name), 'manifest.json'), 'utf8'));
    assert.is(manifest.source.digest, results.results.digest);
    for (const f of manifest.files) assert.ok(existsSync(join(dir, f)), f);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    for (const id of CHARTS[name]) {
      assert.ok(md.includes(`![`) && md.includes(`](charts/${id}.png)`), `image ${id} in the Markdown`);
      const png = readFileSync(join(dir, 'charts', `${id}.png`));
      assert.equal([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${id}.png is a PNG`);
      assert.ok(png.length > 5000, `${id}.png has content (${png.length} bytes)`);
      assert.match(readFileSync(join(dir, 'charts', `${id}.svg`), 'utf8'), /^<svg[^>]*width="\d+"/);
    }
    // pipe tables: a header row followed by its separator
    assert.match(md, /\n\| [^\n]+ \|\n\|( -{3}:? \|| -{3} \|)+\n/);
    // self-contained: no link to anywhere
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    assert.not.match(html, /(src|href)="(https?:)?\/\//);
    assert.is((html.match(/<figure class="chart"/g) ?? []).length, CHARTS[name].length);
    assert.ok(html.includes(`aftershock verify ${resultsDir(name)}`), 'the report prints the command that verifies it');
  });

  test(`${name}: opened in headless Chromium, no errors, every chart drawn; screenshot saved`, async () => {
    if (!chromium) return;
    const scratch = mkdtempSync(join(work, 'page-'));
    const probe = await probePage(chromium, join(reportDir(name), 'report.html'), scratch);
    assert.equal(probe.errors, [], 'script errors or failed loads');
    assert.equal(probe.console, [], 'console messages');
    assert.equal(
      probe.charts.map((c) => c.id),
      CHARTS[name],
    );
    for (const c of probe.charts) {
      assert.ok(c.width > 200 && c.height > 100, `${c.id} drawn at ${c.width}×${c.height}`);
      assert.ok(c.marks > 10, `${c.id} has ${c.marks} marks`);
    }
    const shot = join(ARTIFACTS, `report-${name}.png`);
    await screenshot(chromium, join(reportDir(name), 'report.html'), shot);
    assert.ok(readFileSync(shot).length > 20_000, 'screenshot written');
  });
}

test("the numbers are the results files' own: P(bad debt), ES99 and its interval of the 1,000-path run", () => {
  const s = JSON.parse(readFileSync(join(resultsDir('paths'), 'summary.json'), 'utf8'));
  const md = readFileSync(join(reportDir('paths'), 'report.md'), 'utf8');
  const usd = (x: number) => `$${x.toLocaleString('en-US', { maximumFractionDigits: 0, minimumFractionDigits: 0 })}`;
  assert.ok(md.includes(`(${s.probabilityOfBadDebt.k} of 1000 paths)`));
  assert.ok(md.includes(`${usd(s.badDebt.es99)} on average (ES99, 95 % interval [${usd(s.badDebt.intervals.es99[0])}, ${usd(s.badDebt.intervals.es99[1])}])`));
  const bt = JSON.parse(readFileSync(join(resultsDir('black-thursday'), 'summary.json'), 'utf8'));
  const btMd = readFileSync(join(reportDir('black-thursday'), 'report.md'), 'utf8');
  assert.ok(btMd.includes(`| auctions won with a zero bid | ${bt.protocols.maker.auctions.zeroBidWins.toLocaleString('en-US')} (`));
});

test('the probe catches what it must: a script error, a console.error and a missing image', async () => {
  if (!chromium) return;
  const scratch = mkdtempSync(join(work, 'bad-'));
  const page = join(scratch, 'bad.html');
  writeFileSync(page, '<html><head></head><body><img src="missing.png"><script>console.error("boom");</script><script>undefinedFn();</script></body></html>');
  const probe = await probePage(chromium, page, scratch);
  assert.is(probe.errors.length, 3, JSON.stringify(probe.errors));
  assert.ok(probe.console.length >= 2);
});

test("report refuses to write over a results folder or a folder of someone else's: exit 2, one line, nothing changed", async () => {
  const results = resultsDir('demo');
  const before = readFileSync(join(results, 'summary.json'));
  const r = await cliInProcess(['report', results, '--out', results]);
  assert.is(r.code, 2);
  assert.is(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /^aftershock: --out: .* is not an Aftershock report folder/);
  assert.equal(readFileSync(join(results, 'summary.json')), before);
  const theirs = join(work, 'theirs');
  mkdirSync(theirs);
  writeFileSync(join(theirs, 'notes.md'), 'mine');
  const r2 = await cliInProcess(['report', results, '--out', theirs]);
  assert.is(r2.code, 2);
  assert.is(readFileSync(join(theirs, 'notes.md'), 'utf8'), 'mine');
  // an earlier report of Aftershock's is replaced
  const again = await cliInProcess(['report', results, '--format', 'html']);
  assert.is(again.code, 0, again.stderr);
  assert.ok(!existsSync(join(reportDir('demo'), 'report.md')));
});

test.run();
