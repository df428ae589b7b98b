import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requiredRatio } from '../../src/risk/collateralRequirement.js';

const dir = mkdtempSync(join(tmpdir(), 'aftershock-advise-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'advise', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DATA = ['--data', 'data/eth-usd-daily.csv', '--allow-gaps'];

test('--json: one valid document whose numbers agree with the closed form and sum in the explanation', () => {
  const venues = join(dir, 'venues.json');
  writeFileSync(
    venues,
    JSON.stringify([
      { kind: 'constant-product', name: 'uniswap', reserveAsset: 20000, reserveQuote: 20000 * 133.2, feeBps: 30 },
      { kind: 'depth-curve', name: 'cex', depth2pct: 2e6 },
    ]),
  );
  const r = run(...DATA, '--size', '2000', '--venues', venues, '--at', '2020-03-13', '--oracle-delay', '1h', '--congestion-delay', '20m', '--json');
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.date, '2020-03-13T00:00:00.000Z');
  assert.is(doc.window.total, 3600 + 1200 + 600);
  assert.is(doc.liquidity.sale.split.length, 2);
  assert.is(doc.liquidity.sale.split[1].kind, 'depth-curve');
  // the ratio is the closed form on the reported inputs (σ_τ, haircut, default bonus 5 %, ε 1 %)
  assert.ok(Math.abs(doc.ratio - requiredRatio(doc.volatility.sigmaTau, doc.liquidity.haircut, 0.05, 0.01)) < 1e-12);
  assert.ok(Math.abs(doc.maxLtv * doc.ratio - 1) < 1e-12);
  const sum = Object.values(doc.explanation.contributions as Record<string, number>).reduce((s, c) => s + c, 0);
  assert.ok(Math.abs(sum - (doc.ratio - doc.baseline.ratio)) < 1e-12);
  assert.equal(Object.keys(doc.explanation.contributions).sort(), ['bonus', 'congestion', 'liquidity', 'oracleDelay', 'volatility']);
});

test('readable output names the ratio, the threshold and the Shapley table', () => {
  const r = run(...DATA, '--size', '100', '--depth2pct', '5000000', '--at', '2020-07-15', '--model', 'garch');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /required collateral ratio\s+1\.\d{4}/);
  assert.match(r.stdout, /liquidation threshold/);
  assert.match(r.stdout, /volatility \(garch\)/);
  assert.match(r.stdout, /oracle delay\s+[+-]\d/);
});

test('bad input: one line on stderr, exit code 2, nothing on stdout', () => {
  const badVenues = join(dir, 'bad.json');
  writeFileSync(badVenues, JSON.stringify([{ kind: 'constant-product', reserveAsset: -5, reserveQuote: 10 }]));
  const cases: [string[], RegExp][] = [
    [[...DATA, '--size', '0', '--haircut', '0.01'], /--size/],
    [[...DATA, '--size', '10'], /--venues/],
    [[...DATA, '--size', '10', '--venues', badVenues], /bad\.json \[0\]\.reserveAsset/],
    [[...DATA, '--size', '10', '--haircut', '0.01', '--oracle-delay', 'soon'], /--oracle-delay/],
    [[...DATA, '--size', '10', '--haircut', '0.01', '--at', '2015-08-20'], /at least/],
  ];
  for (const [args, re] of cases) {
    const r = run(...args);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.is(r.stdout, '');
    assert.match(r.stderr, re);
    assert.is(r.stderr.trim().split('\n').length, 1);
  }
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
