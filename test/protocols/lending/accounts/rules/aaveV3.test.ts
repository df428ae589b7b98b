/**
 * Aave v3's rules on a cross-margined account, against values worked by hand in the comments.
 * Reference: @aave/core-v3 1.19 GenericLogic.calculateUserAccountData (HF = Σ c·P·LT / Σ d·P over
 * reserves used as collateral), LiquidationLogic (close factor 50 % while HF > 0.95, 100 % at or
 * below; seized = repaid · P_d / P_c · (1 + bonus), capped at the balance with the repayment cut to
 * match; protocol fee = share of the bonus part). The EVM differential test (test/evm/) checks the
 * same functions against the contracts' bytecode.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { accountTotals, healthFactor, newAccountTotals } from '../../../../../src/protocols/lending/accounts/rules/accountRows.js';
import { AAVE_V3, aaveHealthFactor, aaveLiquidationCall } from '../../../../../src/protocols/lending/accounts/rules/aaveV3.js';
import { newLiquidationOutcome } from '../../../../../src/protocols/lending/accounts/rules/outcome.js';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

// Reserves: 0 WETH, 1 USDC, 2 DAI, 3 WBTC (prices in USD; bonus as a fraction; fee = share of the bonus)
const terms = (wethPrice: number) => ({
  price: [wethPrice, 1, 1, 30000],
  liquidationThreshold: [0.825, 0.875, 0.8, 0.75],
  ltv: [0.8, 0.85, 0.75, 0.7],
  liquidationBonus: [0.05, 0.045, 0.05, 0.1],
  protocolFee: [0.1, 0.1, 0, 0.1],
});
// The account: supplies 10 WETH and 5,000 USDC as collateral, 3,000 DAI NOT used as collateral;
// borrows 2,000 USDC and 0.5 WBTC. Entries 0..3, stored from offset 2 of longer arrays (another
// account's rows sit before it) to exercise the offsets.
const account = {
  reserve: Int32Array.from([9, 9, 0, 1, 2, 3]),
  collateral: Float64Array.from([1, 1, 10, 5000, 3000, 0]),
  debt: Float64Array.from([1, 1, 0, 2000, 0, 0.5]),
  usedAsCollateral: Uint8Array.from([1, 1, 1, 1, 0, 0]),
};
const [FROM, TO, WETH, USDC, DAI, WBTC] = [2, 6, 2, 3, 4, 5];

test('multi-asset health factor: collateral not enabled and debt of every reserve', () => {
  // W = 10·2000·0.825 + 5000·0.875 = 16500 + 4375 = 20875 (the DAI supply is not collateral)
  // B = 2000·1 + 0.5·30000 = 2000 + 15000 = 17000;  HF = 20875 / 17000 = 1.2279411764705883
  const t = accountTotals(account, FROM, TO, terms(2000), newAccountTotals());
  close(t.collateralValue, 25000);
  close(t.thresholdValue, 20875);
  close(t.ltvValue, 16000 + 4250); // 20000·0.8 + 5000·0.85
  close(t.debtValue, 17000);
  close(healthFactor(account, FROM, TO, terms(2000)), 1.2279411764705883);
  close(aaveHealthFactor(account, FROM, TO, terms(2000)), 1.2279411764705883);
  const out = aaveLiquidationCall(account, FROM, TO, terms(2000), WBTC, WETH, Infinity, newLiquidationOutcome());
  assert.is(out.status, 'healthy');
  assert.is(out.debtRepaid, 0);
});

test('HF between 0.95 and 1: half of the chosen debt, bonus and protocol fee', () => {
  // WETH at $1500: W = 10·1500·0.825 + 4375 = 16750;  HF = 16750 / 17000 = 0.9852941176470589
  const t = terms(1500);
  close(aaveHealthFactor(account, FROM, TO, t), 0.9852941176470589);
  const out = aaveLiquidationCall(account, FROM, TO, t, WBTC, WETH, Infinity, newLiquidationOutcome());
  assert.is(out.status, 'ok');
  assert.is(out.closeFactor, 0.5);
  close(out.debtRepaid, 0.25); // 0.5 WBTC · 50 %
  close(out.collateralSeized, 5.25); // 0.25 · 30000 / 1500 · 1.05 = 5 · 1.05
  close(out.protocolFee, 0.025); // (5.25 − 5.25/1.05) · 0.1 = 0.25 · 0.1
  close(out.liquidatorCollateral, 5.225);
  // asking for less than the close factor allows repays what was asked
  const part = aaveLiquidationCall(account, FROM, TO, t, WBTC, WETH, 0.1, newLiquidationOutcome());
  close(part.debtRepaid, 0.1);
  close(part.collateralSeized, 2.1); // 0.1 · 30000 / 1500 · 1.05 = 2 · 1.05
});

test('seize cap: a small collateral balance cuts the repayment to what it pays for', () => {
  // WBTC debt against the 5,000 USDC: 0.25 WBTC would seize 7500 · 1.045 = 7837.5 USDC > 5000,
  // so seized = 5000 and repaid = 5000 · 1 / 30000 / 1.045 = 0.1594896331738437 WBTC;
  // fee = (5000 − 5000/1.045) · 0.1 = 215.31100478468852 · 0.1 = 21.531100478468854 USDC
  const out = aaveLiquidationCall(account, FROM, TO, terms(1500), WBTC, USDC, Infinity, newLiquidationOutcome());
  close(out.collateralSeized, 5000);
  close(out.debtRepaid, 0.1594896331738437);
  close(out.protocolFee, 21.531100478468854);
  close(out.liquidatorCollateral, 4978.468899521531);
});

test('HF at or below 0.95: the whole balance of the chosen debt may be repaid', () => {
  // WETH at $1400: W = 10·1400·0.825 + 4375 = 15925;  HF = 15925 / 17000 = 0.9367647058823529 ≤ 0.95
  const t = terms(1400);
  close(aaveHealthFactor(account, FROM, TO, t), 0.9367647058823529);
  // USDC debt against WETH: all 2,000 USDC; seized 2000 / 1400 · 1.05 = 1.5 WETH
  const usdc = aaveLiquidationCall(account, FROM, TO, t, USDC, WETH, Infinity, newLiquidationOutcome());
  assert.is(usdc.closeFactor, 1);
  close(usdc.debtRepaid, 2000);
  close(usdc.collateralSeized, 1.5);
  // WBTC debt against WETH: 0.5 WBTC would seize 15000 · 1.05 / 1400 = 11.25 WETH > 10, so all
  // 10 WETH go and repaid = 10 · 1400 / 30000 / 1.05 = 14000 / 31500 = 0.4444… WBTC
  const wbtc = aaveLiquidationCall(account, FROM, TO, t, WBTC, WETH, Infinity, newLiquidationOutcome());
  close(wbtc.collateralSeized, 10);
  close(wbtc.debtRepaid, 14000 / 31500);
  close(wbtc.protocolFee, (10 - 10 / 1.05) * 0.1);
});

test('the 0.95 boundary belongs to the full close (healthFactor > 0.95 ? 50 % : 100 %)', () => {
  // one reserve pair: 10 ETH at LT 0.75, 15,000 USDC debt. At $1900: HF = 10·1900·0.75 / 15000 =
  // 14250 / 15000 = 0.95 exactly (a correctly rounded quotient equals the literal 0.95)
  const t = { price: [1900, 1], liquidationThreshold: [0.75, 0.8], ltv: [0.7, 0.75], liquidationBonus: [0.05, 0.05], protocolFee: [0, 0] };
  const acc = { reserve: [0, 1], collateral: [10, 0], debt: [0, 15000], usedAsCollateral: [1, 0] };
  assert.is(aaveHealthFactor(acc, 0, 2, t), 0.95);
  assert.is(aaveLiquidationCall(acc, 0, 2, t, 1, 0, Infinity, newLiquidationOutcome()).closeFactor, 1);
  t.price[0] = 1901; // HF = 14257.5 / 15000 = 0.9505
  assert.is(aaveLiquidationCall(acc, 0, 2, t, 1, 0, Infinity, newLiquidationOutcome()).closeFactor, 0.5);
});

test('refusals: collateral not enabled, no debt in the chosen reserve', () => {
  const t = terms(1500);
  assert.is(aaveLiquidationCall(account, FROM, TO, t, WBTC, DAI, Infinity, newLiquidationOutcome()).status, 'collateral-not-enabled');
  assert.is(aaveLiquidationCall(account, FROM, TO, t, WETH, WETH, Infinity, newLiquidationOutcome()).status, 'no-debt');
  // a threshold of zero disables a reserve as collateral even when the user's bit is set
  const zeroLt = { ...t, liquidationThreshold: [0.825, 0, 0.8, 0.75] };
  assert.is(aaveLiquidationCall(account, FROM, TO, zeroLt, WBTC, USDC, Infinity, newLiquidationOutcome()).status, 'collateral-not-enabled');
});

test("the contract's whole-basis-point average threshold", () => {
  // 2,000 X at LT 0.80 and 1,000 Y at LT 0.85, both $1; debt 2,000 X.
  // exact: W = 1600 + 850 = 2450, HF = 2450 / 2000 = 1.225
  // contract: avg LT = ⌊(2000·8000 + 1000·8500) / 3000⌋ = ⌊24,500,000 / 3000⌋ = ⌊8166.67⌋ = 8166 bps,
  //           HF = 3000 · 0.8166 / 2000 = 2449.8 / 2000 = 1.2249
  const t = { price: [1, 1], liquidationThreshold: [0.8, 0.85], ltv: [0.75, 0.8], liquidationBonus: [0.05, 0.05], protocolFee: [0, 0] };
  const acc = { reserve: [0, 1], collateral: [2000, 1000], debt: [2000, 0], usedAsCollateral: [1, 1] };
  close(aaveHealthFactor(acc, 0, 2, t), 1.225);
  close(aaveHealthFactor(acc, 0, 2, t, { ...AAVE_V3, averageThresholdInBps: true }), 1.2249);
  // a single collateral reserve keeps its exact threshold (8250 bps, not 8249): 10·2000·0.825 / 10000
  const one = { reserve: [0, 1], collateral: [10, 0], debt: [0, 10000], usedAsCollateral: [1, 0] };
  const t1 = { ...t, price: [2000, 1], liquidationThreshold: [0.825, 0.85] };
  close(aaveHealthFactor(one, 0, 2, t1, { ...AAVE_V3, averageThresholdInBps: true }), 1.65);
});

test.run();
