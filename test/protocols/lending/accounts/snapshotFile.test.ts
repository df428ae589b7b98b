/**
 * Account snapshots: each refusal names the file, the line and the column with what was expected
 * and the cell as written; a correct file is read as written (the expected rows are the file's
 * text typed out by hand); reserve totals are compared with the scenario's figures by hand-added
 * sums.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReserveTotals, readAccountSnapshot, type AccountSnapshotRow } from '../../../../src/protocols/lending/accounts/snapshotFile.js';
import { InputError } from '../../../../src/util/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'aftershock-snapshot-'));
const ASSETS = ['DAI', 'USDC', 'ETH'];
const HEADER = 'account,asset,collateral,debt';

function read(name: string, body: string): { err?: InputError; rows?: AccountSnapshotRow[] } {
  const path = join(tmp, name);
  writeFileSync(path, body);
  try {
    return { rows: readAccountSnapshot(path, ASSETS) };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { err: e };
  }
}

const BAD: [string, string, number, string, string][] = [
  ['unknown asset', `${HEADER}\n0xa,DAI,10,5\n0xa,WBTC,1,0\n`, 3, 'asset', 'expected one of the market\'s assets (DAI, USDC, ETH), got "WBTC"'],
  ['negative collateral', `${HEADER}\n0xa,DAI,-10,5\n`, 2, 'collateral', 'expected 0 or a decimal number from 1e-15 to 1e15, got "-10"'],
  ['negative debt', `${HEADER}\n0xa,DAI,10,-0.5\n`, 2, 'debt', 'expected 0 or a decimal number from 1e-15 to 1e15, got "-0.5"'],
  ['non-numeric collateral', `${HEADER}\n0xa,DAI,ten,5\n`, 2, 'collateral', 'expected 0 or a decimal number from 1e-15 to 1e15, got "ten"'],
  ['non-numeric debt', `${HEADER}\n0xa,DAI,10,1e309\n`, 2, 'debt', 'expected 0 or a decimal number from 1e-15 to 1e15, got "1e309"'],
  ['duplicate row', `${HEADER}\n0xa,DAI,10,5\n0xb,DAI,1,0\n\n0xa,DAI,3,0\n`, 5, 'asset', 'expected one row per account and asset, got a second DAI row for 0xa (first at line 2)'],
  ['empty account', `${HEADER}\n,DAI,10,5\n`, 2, 'account', 'expected an account identifier (an address or a name), got an empty cell'],
  ['bad flag', `${HEADER},usedAsCollateral\n0xa,DAI,10,5,yes\n`, 2, 'usedAsCollateral', 'expected true, false, 1 or 0, got "yes"'],
];

for (const [name, body, line, field, message] of BAD) {
  test(`account snapshot, ${name}: one line naming line ${line} and column ${field}`, () => {
    const file = `${name.replace(/\W/g, '-')}.csv`;
    const { err } = read(file, body);
    assert.instance(err, InputError, name);
    assert.is(err!.oneLine(), `${join(tmp, file)}:${line} ${field}: ${message}`);
  });
}

test('account snapshot, a header without debt or with a stray column: refused at the header', () => {
  const missing = read('missing.csv', 'account,asset,collateral\n0xa,DAI,1\n').err;
  assert.instance(missing, InputError);
  assert.is(missing!.line, 1);
  assert.match(missing!.message, /expected the header account,asset,collateral,debt \(optionally usedAsCollateral\) \(in any order\), without "debt"/);
  const stray = read('stray.csv', `${HEADER},note\n0xa,DAI,1,0,x\n`).err;
  assert.instance(stray, InputError);
  assert.match(stray!.message, /unknown column "note"/);
});

test('account snapshot, a correct file: rows as written, the flag defaulting to true, all-zero rows dropped', () => {
  const body = ['debt,asset,account,collateral,usedAsCollateral', '5,DAI,0xa,10,true', '0,USDC,0xa,2.5,FALSE', '0,ETH,0xa,0,1', '1000.25,USDC,"acct, two",0,0', ''].join('\n');
  const { err, rows } = read('ok.csv', body);
  assert.is(err, undefined);
  assert.equal(rows, [
    { account: '0xa', asset: 'DAI', collateral: 10, debt: 5, usedAsCollateral: true },
    { account: '0xa', asset: 'USDC', collateral: 2.5, debt: 0, usedAsCollateral: false },
    { account: 'acct, two', asset: 'USDC', collateral: 0, debt: 1000.25, usedAsCollateral: false },
  ]);
  const noFlag = read('noflag.csv', `${HEADER}\n0xa,ETH,1.5,0\n`).rows;
  assert.equal(noFlag, [{ account: '0xa', asset: 'ETH', collateral: 1.5, debt: 0, usedAsCollateral: true }]);
});

const ROWS: AccountSnapshotRow[] = [
  { account: 'a', asset: 'DAI', collateral: 100, debt: 40, usedAsCollateral: true },
  { account: 'b', asset: 'DAI', collateral: 50, debt: 0, usedAsCollateral: false },
  { account: 'b', asset: 'USDC', collateral: 0, debt: 20, usedAsCollateral: true },
];

test('reserve totals: within the tolerance, no error (DAI supply 100 + 50 = 150, borrow 40; USDC 0 and 20)', () => {
  checkReserveTotals(
    ROWS,
    [
      { asset: 'DAI', supply: 151, borrow: 40 },
      { asset: 'USDC', supply: 0, borrow: 20 },
    ],
    0.01,
    'accounts.csv',
  );
});

test('reserve totals: a supply off by more than the tolerance names the reserve and both numbers', () => {
  try {
    checkReserveTotals(ROWS, [{ asset: 'DAI', supply: 200, borrow: 40 }], 0.01, 'accounts.csv');
    assert.unreachable('150 against 200 is 25 % off');
  } catch (e) {
    assert.instance(e, InputError);
    // 150 / 200 − 1 = −25 %
    assert.is((e as InputError).oneLine(), "accounts.csv collateral: expected the DAI rows' collateral to add up to the scenario's DAI supply of 200 within 1 %, got 150 (25 % off)");
  }
});

test('reserve totals: a borrow off, and a reserve the scenario says is empty, are refused', () => {
  try {
    checkReserveTotals(ROWS, [{ asset: 'USDC', supply: 0, borrow: 10 }], 0.5, 'accounts.csv');
    assert.unreachable('20 against 10 is 100 % off');
  } catch (e) {
    assert.is((e as InputError).oneLine(), "accounts.csv debt: expected the USDC rows' debt to add up to the scenario's USDC borrow of 10 within 50 %, got 20 (100 % off)");
  }
  try {
    checkReserveTotals(ROWS, [{ asset: 'USDC', supply: 0, borrow: 0 }], 0.5, 'accounts.csv');
    assert.unreachable('20 against 0');
  } catch (e) {
    assert.is((e as InputError).oneLine(), "accounts.csv debt: expected the USDC rows' debt to add up to the scenario's USDC borrow of 0 within 50 %, got 20 (the scenario says 0)");
  }
  // a reserve with no rows sums to 0
  try {
    checkReserveTotals(ROWS, [{ asset: 'ETH', supply: 5, borrow: 0 }], 0.01, 'accounts.csv');
    assert.unreachable('0 against 5');
  } catch (e) {
    assert.match((e as InputError).message, /ETH supply of 5 within 1 %, got 0 \(100 % off\)/);
  }
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
