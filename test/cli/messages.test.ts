/**
 * The exact line a user reads for the mistakes a new user makes (issue 16, item 6): a misspelt
 * key (reported first, with the key it most likely meant), an unknown id (with the ids there are),
 * a wrong form of a union (with the forms allowed), a bad grid value (naming --grid), an unknown
 * command (exit 2, even with --help) and a scenario given where a price CSV belongs.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliAll } from './spawnCli.js';

const SMALL = 'test/fixtures/scenarios/small.yaml';

test('each mistake prints its one exact line on stderr and exits 2, with nothing on stdout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftershock-messages-'));
  try {
    // the file misspells the key and so also lacks the key it meant: the misspelling is the cause
    const text = readFileSync(SMALL, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('liquidationThreshold:')) + 1;
    const typo = join(dir, 'typo.yaml');
    writeFileSync(typo, text.replace('liquidationThreshold:', 'liquidationTreshold:'));
    const cases: [string[], string][] = [
      [['validate', typo], `aftershock: ${typo}:${line} protocols[0].reserves[0].liquidationTreshold: unknown field \`liquidationTreshold\`; did you mean \`liquidationThreshold\`?`],
      [
        ['validate', SMALL, '--set', 'oracles[1].asset=ETX'],
        `aftershock: ${SMALL} oracles[1].asset: expected the id of an asset, got "ETX" (known: ETH, WBTC, USDC, DAI) (from --set oracles[1].asset=ETX)`,
      ],
      [
        ['validate', SMALL, '--set', 'oracles[0].source=spot'],
        `aftershock: ${SMALL} oracles[0].source: expected one of the forms {kind: reference}, {kind: spot, venue}, {kind: twap, venue, window}, {kind: median, sources}, got "spot" (from --set oracles[0].source=spot)`,
      ],
      [
        ['sweep', SMALL, '--grid', 'shocks[0].magnitude=0.5,2', '--paths', '1', '--out', join(dir, 'sweep')],
        `aftershock: ${SMALL} shocks[0].magnitude: expected a fall below 1 (0.4 = 40 %), got 2 (from --grid shocks[0].magnitude=2)`,
      ],
      [
        ['train', '--help'],
        "aftershock: unknown command 'train' (commands: run, validate, schema, fit, forecast, backtest, liqprob, advise, evaluate, sweep, attribute, worker, verify, report, recommend)",
      ],
      [
        ['fit', 'garch', '--data', 'scenarios/demo.yaml'],
        'aftershock: scenarios/demo.yaml:1: not a price CSV: expected a header line such as timestamp,price or date,close (or a returns column such as return_pct), got "# Demo: an Aave-like market through a 40…"',
      ],
    ];
    const results = await cliAll(cases.map((c) => c[0]));
    results.forEach((r, i) => {
      assert.is(r.stderr, `${cases[i][1]}\n`, cases[i][0].join(' '));
      assert.is(r.code, 2, cases[i][0].join(' '));
      assert.is(r.stdout, '', cases[i][0].join(' '));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
