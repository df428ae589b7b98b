/**
 * Subgraph exports to account snapshots. The expected amounts are worked by hand from the
 * README's formulas: Aave's integer base units shifted by the reserve's decimals (exact decimal
 * strings), Compound's cTokens × exchange rate and stored borrow × index ratio. The script is run
 * once end to end and its output read back by the snapshot reader.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertExport, snapshotCsv, toSnapshotRows, unitsToTokens } from '../../../../src/protocols/lending/accounts/subgraphExport.js';
import { readAccountSnapshot } from '../../../../src/protocols/lending/accounts/snapshotFile.js';
import { InputError } from '../../../../src/util/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-subgraph-'));

const AAVE = {
  data: {
    userReserves: [
      // 1,500 DAI supplied, flagged as collateral, nothing owed
      { user: { id: '0xABC' }, reserve: { symbol: 'DAI', decimals: 18 }, currentATokenBalance: '1500000000000000000000', currentVariableDebt: '0', usageAsCollateralEnabledOnUser: true },
      // 250 USDC variable + 1 USDC stable owed (6 decimals), 0.5 USDC supplied but not collateral
      {
        user: { id: '0xabc' },
        reserve: { symbol: 'USDC', decimals: '6' },
        currentATokenBalance: '500000',
        currentVariableDebt: '250000000',
        currentStableDebt: '1000000',
        usageAsCollateralEnabledOnUser: false,
      },
      // 2 WETH supplied by another user, renamed to the scenario's ETH; one wei of dust owed
      { user: { id: '0x0def' }, reserve: { symbol: 'WETH', decimals: 18 }, currentATokenBalance: '2000000000000000000', currentVariableDebt: '1', usageAsCollateralEnabledOnUser: true },
    ],
  },
};

test('units to tokens: exact shifts, 15 decimals at most', () => {
  assert.is(unitsToTokens('1500000000000000000000', 18), '1500');
  assert.is(unitsToTokens('251000000', 6), '251');
  assert.is(unitsToTokens('500000', 6), '0.5');
  assert.is(unitsToTokens('1', 18), '0'); // one wei is below 1e-15
  assert.is(unitsToTokens('123456789012345678901', 18), '123.456789012345678'); // the 16th to 18th decimals cut
  assert.is(unitsToTokens('0', 8), '0');
  assert.is(unitsToTokens('42', 0), '42');
});

test('Aave v3 userReserves: supply, variable + stable debt, the flag, renames, sorted rows', () => {
  const rows = convertExport(JSON.stringify(AAVE), 'aave-v3', 'aave.json', new Map([['WETH', 'ETH']]));
  assert.equal(rows, [
    { account: '0x0def', asset: 'ETH', collateral: '2', debt: '0', usedAsCollateral: true },
    { account: '0xabc', asset: 'DAI', collateral: '1500', debt: '0', usedAsCollateral: true },
    { account: '0xabc', asset: 'USDC', collateral: '0.5', debt: '251', usedAsCollateral: false },
  ]);
  assert.is(snapshotCsv(rows), 'account,asset,collateral,debt,usedAsCollateral\n0x0def,ETH,2,0,true\n0xabc,DAI,1500,0,true\n0xabc,USDC,0.5,251,false\n');
});

test('Compound v2 accountCTokens: cTokens × exchange rate, stored borrow × index / account index', () => {
  const doc = {
    data: {
      accountCTokens: [
        // 5,000 cDAI at 0.02 DAI each = 100 DAI; 80 DAI stored at account index 1.0, market index 1.05 → 84 DAI
        {
          account: { id: '0xA' },
          market: { underlyingSymbol: 'DAI', exchangeRate: '0.02', borrowIndex: '1.05' },
          cTokenBalance: '5000',
          storedBorrowBalance: '80',
          accountBorrowIndex: '1',
          enteredMarket: true,
        },
        // no indexes: the stored balance as it is; not entered
        { account: { id: '0xA' }, market: { underlyingSymbol: 'USDC', exchangeRate: '0.0225' }, cTokenBalance: '40000', storedBorrowBalance: '12.5', enteredMarket: false },
      ],
    },
  };
  // paged: two answers in a list read as one export
  const rows = toSnapshotRows(convertExport(JSON.stringify([doc, { data: { accountCTokens: [] } }]), 'compound-v2', 'c.json'));
  assert.is(rows.length, 2);
  assert.is(rows[0].asset, 'DAI');
  assert.ok(Math.abs(rows[0].collateral - 100) < 1e-12, String(rows[0].collateral));
  assert.ok(Math.abs(rows[0].debt - 84) < 1e-12, String(rows[0].debt));
  assert.is(rows[0].usedAsCollateral, true);
  assert.ok(Math.abs(rows[1].collateral - 900) < 1e-12, String(rows[1].collateral)); // 40,000 × 0.0225
  assert.is(rows[1].debt, 12.5);
  assert.is(rows[1].usedAsCollateral, false);
});

test('bad exports: one line naming the field', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ data: {} }, 'aave-v3', /data\.userReserves: expected \{"data": \{"userReserves": \[\.\.\.\]\}\}/],
    [
      { data: { userReserves: [{ ...AAVE.data.userReserves[0], currentATokenBalance: '1.5e21' }] } },
      'aave-v3',
      /data\.userReserves\[0\]\.currentATokenBalance: expected an unsigned integer string \(base units\), got "1\.5e21"/,
    ],
    [{ data: { userReserves: [{ ...AAVE.data.userReserves[0], usageAsCollateralEnabledOnUser: 'yes' }] } }, 'aave-v3', /usageAsCollateralEnabledOnUser: expected true or false, got "yes"/],
    [{ data: { userReserves: [AAVE.data.userReserves[0], AAVE.data.userReserves[0]] } }, 'aave-v3', /expected one row per account and asset, got two DAI rows for 0xabc/],
    [
      { data: { accountCTokens: [{ account: { id: '0xA' }, market: { underlyingSymbol: 'DAI' }, cTokenBalance: '1', storedBorrowBalance: '0', enteredMarket: true }] } },
      'compound-v2',
      /data\.accountCTokens\[0\]: expected the field market\.exchangeRate, got none/,
    ],
  ];
  for (const [doc, format, message] of cases) {
    try {
      convertExport(JSON.stringify(doc), format as 'aave-v3', 'x.json');
      assert.unreachable(String(message));
    } catch (e) {
      assert.instance(e, InputError);
      assert.match((e as InputError).oneLine(), message);
    }
  }
  try {
    convertExport('{not json', 'aave-v3', 'x.json');
    assert.unreachable('bad JSON');
  } catch (e) {
    assert.match((e as InputError).oneLine(), /^x\.json: expected JSON as the subgraph answers, got a parse error/);
  }
});

test('the script end to end: the CSV it prints is read back by the snapshot reader; bad input exits 2', () => {
  const input = join(tmp, 'aave.json');
  writeFileSync(input, JSON.stringify(AAVE));
  const r = spawnSync(process.execPath, ['scripts/snapshot-from-subgraph.mjs', 'aave-v3', input, '--rename', 'WETH=ETH'], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const csv = join(tmp, 'accounts.csv');
  writeFileSync(csv, r.stdout);
  assert.equal(readAccountSnapshot(csv, ['DAI', 'USDC', 'ETH']), [
    { account: '0x0def', asset: 'ETH', collateral: 2, debt: 0, usedAsCollateral: true },
    { account: '0xabc', asset: 'DAI', collateral: 1500, debt: 0, usedAsCollateral: true },
    { account: '0xabc', asset: 'USDC', collateral: 0.5, debt: 251, usedAsCollateral: false },
  ]);
  const bad = spawnSync(process.execPath, ['scripts/snapshot-from-subgraph.mjs', 'maker', input], { encoding: 'utf8' });
  assert.is(bad.status, 2);
  assert.is(bad.stdout, '');
  assert.match(bad.stderr, /^aftershock: usage: .*got format "maker"\n$/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
