/**
 * Drawn accounts against hand-worked balances: fixed weights split the collateral value and the
 * debt, and the debt is sized so that Σ used collateral · P · LT / Σ debt · P is the drawn health
 * factor (a supply not used as collateral is held but does not count); an asset may be on both
 * sides; draws that give nothing to hold make no account.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AccountRows } from '../../../../src/protocols/lending/accounts/accountRows.js';
import { generateAccounts } from '../../../../src/protocols/lending/accounts/generateAccounts.js';
import { Rng } from '../../../../src/util/rng.js';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

test('fixed weights: 60/30/10 collateral, 75/25 debt, HF 1.5', () => {
  const rows = new AccountRows();
  // reserves: 0 ETH ($2,000, LT 0.8), 1 WBTC ($40,000, LT 0.75), 2 USDC ($1, LT 0.8), 3 DAI ($1, LT 0.8)
  const price = [2000, 40000, 1, 1];
  const lt = [0.8, 0.75, 0.8, 0.8];
  const assets = [
    { reserve: 0, collateral: 6, usedAsCollateral: true },
    { reserve: 1, collateral: 3, usedAsCollateral: true },
    { reserve: 2, collateral: 1, debt: 1, usedAsCollateral: false },
    { reserve: 3, debt: 3, usedAsCollateral: true },
  ];
  generateAccounts({ count: 2, assets, size: 100000, healthFactor: 1.5 }, price, lt, new Rng(1), rows);
  assert.is(rows.accounts, 2);
  // collateral $60,000 ETH = 30 ETH, $30,000 WBTC = 0.75 WBTC, $10,000 USDC (not used as collateral)
  // backing 60,000 · 0.8 + 30,000 · 0.75 = 70,500; debt 70,500 / 1.5 = 47,000: 11,750 USDC, 35,250 DAI
  assert.equal(Array.from(rows.reserve.subarray(0, 4)), [0, 1, 2, 3]);
  assert.ok(close(rows.collateral[0], 30) && close(rows.collateral[1], 0.75) && close(rows.collateral[2], 10000) && rows.collateral[3] === 0);
  assert.ok(rows.debt[0] === 0 && rows.debt[1] === 0 && close(rows.debt[2], 11750) && close(rows.debt[3], 35250));
  assert.equal(Array.from(rows.usedAsCollateral.subarray(0, 4)), [1, 1, 0, 1]);
  assert.equal(Array.from(rows.start.subarray(0, 3)), [0, 4, 8]);
});

test('draws with no size, no health factor or no collateral weight make no account', () => {
  const rows = new AccountRows();
  const assets = [
    { reserve: 0, collateral: { distribution: 'normal' as const, mean: 0, sd: 1 }, usedAsCollateral: true },
    { reserve: 1, debt: 1, usedAsCollateral: true },
  ];
  // half the collateral weights draw below 0 (counted 0): those accounts hold nothing
  generateAccounts({ count: 1000, assets, size: 1000, healthFactor: 2 }, [1, 1], [0.8, 0.8], new Rng(3), rows);
  assert.ok(rows.accounts > 400 && rows.accounts < 600, `${rows.accounts}`);
  for (let a = 0; a < rows.accounts; a++) assert.ok(close(rows.collateral[rows.start[a]], 1000) && close(rows.debt[rows.start[a] + 1], 400));
});

test.run();
