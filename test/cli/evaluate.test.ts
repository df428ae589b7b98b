import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { ewmaFilter } from '../../src/models/ewma.js';
import { main } from '../../src/cli/program.js';

/** Runs the command in this process (a child process would pay the tsx start-up each time), capturing its output. */
async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    const code = await main(['evaluate', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

test('--json: one document; the EWMA row agrees with a direct computation', async () => {
  const r = await run('--data', 'data/dem2gbp.csv', '--models', 'ewma,garch', '--window', '1500', '--refit', '250', '--json');
  assert.is(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.is(doc.n, 1974);
  assert.equal(doc.outOfSample, { start: 1500, end: 1974, days: 474, from: null, to: null });
  assert.is(doc.fits, 2);
  assert.equal(
    doc.scores.map((s: { model: string }) => s.model),
    ['ewma', 'garch'],
  );
  assert.is(doc.dieboldMariano.length, 4); // ewma vs garch and garch vs ewma, under QLIKE and MSE
  assert.match(r.stderr, /ewma fit 1\/2/);
  // reference: RiskMetrics EWMA (λ = 0.94) restarted on days [T−1500, T) at T = 1500 and 1750,
  // computed here from the data file without the evaluation code
  const x = readFileSync('data/dem2gbp.csv', 'utf8').trim().split('\n').slice(1).map(Number);
  let q = 0;
  for (const T of [1500, 1750]) {
    let h = ewmaFilter(x.slice(T - 1500, T)).nextVariance;
    for (let t = T; t < Math.min(T + 250, 1974); t++) {
      q += Math.log(h) + (x[t] * x[t]) / h;
      h = 0.94 * h + 0.06 * x[t] * x[t];
    }
  }
  assert.ok(Math.abs(doc.scores[0].meanQlike - q / 474) < 1e-10, `${doc.scores[0].meanQlike} vs ${q / 474}`);
});

test('the readable table names the out-of-sample dates of a price file', async () => {
  const r = await run('--data', 'data/eth-usd-daily.csv', '--allow-gaps', '--models', 'ewma,garch', '--window', '2000', '--refit', '500');
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /days 2000\.\.2296 \(297 days, 2021-02-01 to 2021-11-24\)/);
  assert.match(r.stdout, /Diebold–Mariano vs garch/);
});

test('bad input: one line, exit code 2', async () => {
  for (const [args, pattern] of [
    [['--data', 'data/dem2gbp.csv', '--models', 'ewma,foo'], /--models: expected one of ewma, garch, gjr, lstm, hybrid, got "foo"/],
    [['--data', 'data/dem2gbp.csv', '--window', '5000'], /--window: window 5000 leaves no out-of-sample days in 1974 returns/],
    [['--data', 'data/dem2gbp.csv', '--refit', '0'], /--refit: expected an integer >= 1/],
    [['--data', 'data/dem2gbp.csv', '--models', 'garch,garch'], /listed twice/],
  ] as const) {
    const r = await run(...args);
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, pattern);
    assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.is(r.stdout, '');
  }
});

test.run();
