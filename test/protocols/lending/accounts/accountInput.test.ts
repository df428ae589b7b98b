/**
 * Bad input about cross-margined accounts gets one line naming the file, the line or field and
 * what was expected, exit 2, and nothing written: an account group's asset without a reserve, a
 * group with no collateral that counts, a snapshot row of an asset the market does not have, a
 * snapshot whose sums disagree with the scenario's reserve totals, totals for an asset without a
 * reserve. A snapshot is told from a positions file by its `account` column.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../../../cli/spawnCli.js';

const dir = mkdtempSync(join(tmpdir(), 'aftershock-accounts-input-'));
const yaml = join(dir, 'small-accounts.yaml');
const csv = join(dir, 'small-accounts.csv');
copyFileSync('test/fixtures/scenarios/small-accounts.yaml', yaml);
const goodCsv = readFileSync('test/fixtures/scenarios/small-accounts.csv', 'utf8');

const CASES: [string, string[], string, string][] = [
  [
    'an account asset without a reserve',
    ['--set', 'protocols[0].accounts[0].assets[3].asset=LINK'],
    goodCsv,
    `aftershock: ${yaml} protocols[0].accounts[0].assets[3].asset: expected an asset with a reserve in lender, got "LINK" (known: ETH, WBTC, USDC, DAI) (from --set protocols[0].accounts[0].assets[3].asset=LINK)`,
  ],
  [
    'no collateral that counts',
    ['--set', 'protocols[0].accounts[0].assets=[{asset: ETH, collateral: 1, usedAsCollateral: false}, {asset: DAI, debt: 1}]'],
    goodCsv,
    `aftershock: ${yaml} protocols[0].accounts[0].assets: expected at least one asset with a collateral weight that is used as collateral (from --set protocols[0].accounts[0].assets=[{asset: ETH, collateral: 1, usedAsCollateral: false}, {asset: DAI, debt: 1}])`,
  ],
  [
    'a snapshot row of an unknown asset',
    [],
    goodCsv.replace('0xeth,ETH,20,0,true', '0xeth,LINK,20,0,true'),
    `aftershock: ${csv}:4 asset: expected one of the market's assets (ETH, WBTC, USDC, DAI), got "LINK"`,
  ],
  [
    'a snapshot off the reserve totals',
    ['--set', 'protocols[0].positions[1].reserveTotals.DAI.borrow=100000'],
    goodCsv,
    `aftershock: ${csv} debt: expected the DAI rows' debt to add up to the scenario's DAI borrow of 100000 within 1 %, got 140000 (40 % off)`,
  ],
  [
    'totals of an asset without a reserve',
    ['--set', 'protocols[0].positions[1].reserveTotals={LINK: {supply: 1, borrow: 1}}'],
    goodCsv,
    `aftershock: ${yaml} protocols[0].positions[1].reserveTotals.LINK: expected an asset with a reserve in lender, got "LINK" (known: ETH, WBTC, USDC, DAI) (from --set protocols[0].positions[1].reserveTotals={LINK: {supply: 1, borrow: 1}})`,
  ],
];

for (const [name, sets, csvText, line] of CASES) {
  test(`${name}: one line, exit 2, nothing written`, async () => {
    writeFileSync(csv, csvText);
    const out = join(dir, 'out');
    for (const command of ['validate', 'run']) {
      const args = command === 'run' ? ['run', yaml, ...sets, '--out', out] : ['validate', yaml, ...sets];
      const r = await cliInProcess(args);
      assert.is(r.stderr, `${line}\n`, command);
      assert.is(r.code, 2);
      assert.is(r.stdout, '');
      assert.not.ok(existsSync(out));
    }
  });
}

test('accounts drawn below HF 1 are legal but warned about, once, naming the field', async () => {
  writeFileSync(csv, goodCsv);
  const r = await cliInProcess(['validate', yaml, '--set', 'protocols[0].accounts[0].healthFactor=0.9']);
  assert.is(r.code, 0);
  const line =
    readFileSync(yaml, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('healthFactor: { distribution: uniform, min: 1.02')) + 1;
  assert.is(r.stderr, `aftershock: warning: ${yaml}:${line} protocols[0].accounts[0].healthFactor: health factors from 0.9 are below 1: some accounts are liquidatable from the first step\n`);
  assert.match(r.stdout, /300 generated accounts/);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));

test.run();
