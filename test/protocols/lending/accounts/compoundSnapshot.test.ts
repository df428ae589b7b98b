/**
 * The shipped example snapshot, scenarios/compound-dai-2020.accounts.csv: the 15 Compound accounts
 * of data/compound-dai-2020-11-26-liquidated-accounts.csv rebuilt from two points of each one's
 * liquidity line (data/SOURCES.md). The references are Compound's own getAccountLiquidity results
 * at OTHER DAI prices than the two the rebuild used, evaluated on a fork of Ethereum at the block
 * before each account's first liquidation (hankesong/Counterfork): the file must give the same
 * liquidity, Σ collateral factor × supply × price − Σ debt × price, with USDC at Compound's fixed
 * $1 and the collateral factors of November 2020 (0.75 for DAI and USDC).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkReserveTotals, readAccountSnapshot } from '../../../../src/protocols/lending/accounts/snapshotFile.js';
import { InputError } from '../../../../src/util/errors.js';

const FILE = 'scenarios/compound-dai-2020.accounts.csv';
const rows = readAccountSnapshot(FILE, ['DAI', 'USDC', 'ETH']);
const FACTOR: Record<string, number> = { DAI: 0.75, USDC: 0.75 };

function liquidity(account: string, daiPrice: number): number {
  let x = 0;
  for (const r of rows) {
    if (r.account !== account) continue;
    const price = r.asset === 'DAI' ? daiPrice : 1;
    x += (r.usedAsCollateral ? FACTOR[r.asset] * r.collateral * price : 0) - r.debt * price;
  }
  return x;
}

// [account, DAI price, on-chain liquidity in USD (negative: shortfall)], none of them used to build the file
const ON_CHAIN: [string, number, number][] = [
  ['0x909b443761bbd7fbb876ecde71a37e1433f6af6f', 1.095299, -61726.547573096117],
  ['0xb1adceddb2941033a090dd166a462fe1c2029484', 1.1, 1018514.309164615407],
  ['0xb1adceddb2941033a090dd166a462fe1c2029484', 1.3, -8129772.926727831733],
  ['0xed3c4c5d7a9abfd74f33c1042793dfd6a6daef42', 1.2, -1134486.625689519702],
  ['0x189c2c1834b1414a6aee9eba5dc4b4d547c9a44c', 1.3, -236860.280866887363],
  ['0x39c09fdc4e5c5ab72f6319ddbc2cae40e67b2a60', 1.2, 22787.040382581148],
  ['0x889abdd2bc0f3a884e607279ba132501698fbcd5', 1.3, -586673.697319303145],
  ['0x03324cfffabc10193de63186a374d7cfe932b162', 1.3, -428359.5768150236],
];

test('the example snapshot: 15 accounts, DAI and USDC rows, all flagged as collateral', () => {
  assert.is(new Set(rows.map((r) => r.account)).size, 15);
  // a USDC row each, and a DAI row each (3 with DAI supplied and owed, 12 with DAI owed alone)
  assert.is(rows.filter((r) => r.asset === 'USDC').length, 15);
  assert.is(rows.filter((r) => r.asset === 'DAI' && r.collateral > 0).length, 3);
  assert.is(rows.filter((r) => r.asset === 'DAI' && r.debt > 0).length, 15);
  assert.ok(rows.every((r) => r.usedAsCollateral));
});

test("the example snapshot reproduces Compound's getAccountLiquidity at DAI prices it was not built from (to a cent)", () => {
  for (const [account, price, usd] of ON_CHAIN) {
    const x = liquidity(account, price);
    assert.ok(Math.abs(x - usd) < 0.01, `${account} at $${price}: ${x} against ${usd} on chain`);
  }
});

test('the largest account: liquidatable from $1.0901 on (the critical price on chain, 1.090083005770537829)', () => {
  const account = '0x909b443761bbd7fbb876ecde71a37e1433f6af6f';
  assert.ok(liquidity(account, 1.09) > 0);
  assert.ok(liquidity(account, 1.0902) < 0);
  // split into single-asset pairs (issue 15): DAI against DAI is short at any price, USDC against USDC never
  const dai = rows.find((r) => r.account === account && r.asset === 'DAI')!;
  const usdc = rows.find((r) => r.account === account && r.asset === 'USDC')!;
  assert.ok(0.75 * dai.collateral < dai.debt);
  assert.ok(0.75 * usdc.collateral >= usdc.debt);
});

test('reserve totals of the example: a scenario claiming other totals is refused with both numbers', () => {
  const dai = rows.filter((r) => r.asset === 'DAI');
  const supply = dai.reduce((s, r) => s + r.collateral, 0);
  const borrow = dai.reduce((s, r) => s + r.debt, 0);
  // the file's own sums pass at any tolerance
  checkReserveTotals(rows, [{ asset: 'DAI', supply, borrow }], 0, FILE);
  try {
    checkReserveTotals(rows, [{ asset: 'DAI', supply, borrow: 1.3e9 }], 0.05, FILE);
    assert.unreachable("1.3 billion DAI borrowed on Compound is not these 15 accounts' debt");
  } catch (e) {
    assert.instance(e, InputError);
    // the 15 debts add up to 175,153,867.67 DAI (summed when the file was built), 1 − 175.15M / 1.3B = 86.5 % off
    assert.match((e as InputError).message, /DAI borrow of 1300000000 within 5 %, got 175153867\.6\d* \(86\.5 % off\)$/);
  }
});

test.run();
