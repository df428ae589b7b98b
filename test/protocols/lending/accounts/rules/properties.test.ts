/**
 * Properties of the rule functions on random four-reserve accounts, each checked against a closed
 * form or an inequality derived by hand rather than against the code's own numbers:
 *  - Aave: the collateral seized is worth the debt repaid times (1 + bonus); the repayment stays
 *    within the close factor of the chosen debt (100 % exactly when HF ≤ 0.95, HF recomputed here
 *    by a separate loop) and the seizure within the balance; liquidator + treasury = seized, the
 *    treasury's part being its share of seized − seized / (1 + bonus);
 *  - Compound: the largest call (compoundMaxRepay) is never refused, and seizes at the incentive;
 *  - the best pair pays at least as much as every pair's largest call;
 *  - the two-step plan repays at least as much as one call and, with no sale cost, earns at least as
 *    much (r1 + CF·(D − r1) ≥ CF·D, or the collateral runs out, which one call cannot beat).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { AAVE_V3 } from '../../../../../src/protocols/lending/accounts/rules/aaveV3.js';
import { COMPOUND_V2_NOV_2020 } from '../../../../../src/protocols/lending/accounts/rules/compoundV2.js';
import { bestLiquidation, liquidationProfit, maxLiquidation, newPairChoice, type LiquidationRules } from '../../../../../src/protocols/lending/accounts/rules/liquidatorChoice.js';
import { newLiquidationOutcome } from '../../../../../src/protocols/lending/accounts/rules/outcome.js';
import { twoStepLiquidation } from '../../../../../src/protocols/lending/accounts/rules/twoStepLiquidation.js';

const within = (a: number, b: number, tol = 1e-10) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

const reserve = fc.record({
  price: fc.double({ min: 0.01, max: 1e5, noNaN: true }),
  lt: fc.double({ min: 0.4, max: 0.9, noNaN: true }),
  bonus: fc.double({ min: 0.01, max: 0.1, noNaN: true }),
  fee: fc.double({ min: 0, max: 0.5, noNaN: true }),
  collateral: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e6, noNaN: true })),
  debt: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e6, noNaN: true })),
  used: fc.boolean(),
});
const account = fc.array(reserve, { minLength: 4, maxLength: 4 });

function build(rs: { price: number; lt: number; bonus: number; fee: number; collateral: number; debt: number; used: boolean }[]) {
  return {
    entries: {
      reserve: Int32Array.from([0, 1, 2, 3]),
      // USD-sized balances: the draws are in USD, divided by the price
      collateral: Float64Array.from(rs, (r) => r.collateral / r.price),
      debt: Float64Array.from(rs, (r) => r.debt / r.price),
      usedAsCollateral: Uint8Array.from(rs, (r) => (r.used ? 1 : 0)),
    },
    terms: {
      price: Float64Array.from(rs, (r) => r.price),
      liquidationThreshold: Float64Array.from(rs, (r) => r.lt),
      ltv: Float64Array.from(rs, (r) => r.lt - 0.05),
      liquidationBonus: Float64Array.from(rs, (r) => r.bonus),
      protocolFee: Float64Array.from(rs, (r) => r.fee),
    },
  };
}

/** HF by a separate loop over the draws (USD values), the reference for the close factor. */
function referenceHf(rs: { lt: number; collateral: number; debt: number; used: boolean }[]): number {
  let w = 0;
  let b = 0;
  for (const r of rs) {
    if (r.used && r.collateral > 0) w += r.collateral * r.lt;
    b += r.debt;
  }
  return b > 0 ? w / b : Infinity;
}

test('Aave: value at the bonus, close factor, balance cap, fee split', () => {
  let calls = 0;
  fc.assert(
    fc.property(account, (rs) => {
      const { entries, terms } = build(rs);
      const hf = referenceHf(rs);
      const out = newLiquidationOutcome();
      for (let d = 0; d < 4; d++) {
        for (let c = 0; c < 4; c++) {
          maxLiquidation(entries, 0, 4, terms, AAVE_V3, d, c, out);
          if (out.status !== 'ok') continue;
          calls++;
          assert.ok(hf < 1 + 1e-12);
          const m = 1 + terms.liquidationBonus[c];
          assert.ok(within(out.collateralSeized * terms.price[c], out.debtRepaid * terms.price[d] * m));
          // away from the 0.95 boundary (float rounding of the two loops), the close factor follows HF
          if (Math.abs(hf - 0.95) > 1e-9) assert.is(out.closeFactor, hf <= 0.95 ? 1 : 0.5);
          assert.ok(out.debtRepaid <= entries.debt[d] * out.closeFactor * (1 + 1e-12));
          assert.ok(out.collateralSeized <= entries.collateral[c]);
          assert.ok(within(out.liquidatorCollateral + out.protocolFee, out.collateralSeized));
          assert.ok(within(out.protocolFee, (out.collateralSeized - out.collateralSeized / m) * terms.protocolFee[c], 1e-9));
        }
      }
    }),
    { seed: 15, numRuns: 400 },
  );
  assert.ok(calls > 100, `${calls} calls`);
});

test('Compound: the largest call is allowed and seizes at the incentive', () => {
  fc.assert(
    fc.property(account, (rs) => {
      const { entries, terms } = build(rs);
      const out = newLiquidationOutcome();
      for (let d = 0; d < 4; d++) {
        for (let c = 0; c < 4; c++) {
          maxLiquidation(entries, 0, 4, terms, COMPOUND_V2_NOV_2020, d, c, out);
          assert.ok(out.status !== 'too-much-repay' && out.status !== 'seize-too-much', out.status);
          if (out.status !== 'ok') continue;
          assert.ok(within(out.collateralSeized * terms.price[c], out.debtRepaid * terms.price[d] * 1.08));
          assert.ok(out.debtRepaid <= entries.debt[d] * 0.5 * (1 + 1e-12));
        }
      }
    }),
    { seed: 16, numRuns: 400 },
  );
});

test('the best pair pays at least every pair; two steps repay and earn at least one', () => {
  let twoSteps = 0;
  fc.assert(
    fc.property(account, fc.boolean(), (rs, aave) => {
      const rules: LiquidationRules = aave ? AAVE_V3 : COMPOUND_V2_NOV_2020;
      const { entries, terms } = build(rs);
      const best = bestLiquidation(entries, 0, 4, terms, rules, newPairChoice());
      const out = newLiquidationOutcome();
      for (let d = 0; d < 4; d++) {
        for (let c = 0; c < 4; c++) {
          maxLiquidation(entries, 0, 4, terms, rules, d, c, out);
          if (out.status !== 'ok') continue;
          assert.ok(liquidationProfit(out, terms.price[d], terms.price[c]) <= best.profit * (1 + 1e-12) + 1e-9);
          const plan = twoStepLiquidation(entries, 0, 4, terms, rules, d, c);
          twoSteps++;
          const repaid = plan.first.debtRepaid + plan.second.debtRepaid;
          assert.ok(repaid >= plan.oneStep.debtRepaid * (1 - 1e-9), `${repaid} < ${plan.oneStep.debtRepaid}`);
          assert.ok(plan.profit >= plan.oneStepProfit * (1 - 1e-9) - 1e-9);
          if (plan.second.status === 'ok') assert.ok(plan.healthFactorBetween < 1);
        }
      }
    }),
    { seed: 17, numRuns: 300 },
  );
  assert.ok(twoSteps > 100, `${twoSteps} plans`);
});

test.run();
