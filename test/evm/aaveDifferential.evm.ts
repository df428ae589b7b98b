/**
 * Differential test of the Aave v3 rule functions against Aave v3's own bytecode (issue 15, Build 4):
 * @aave/core-v3 1.19.3's compiled Pool, PoolConfigurator, logic libraries, tokens and AaveOracle
 * run in an in-process EVM; 200 random multi-asset accounts (2–4 collateral reserves of $1M–$20M
 * each, a quarter with one supply not used as collateral, 1–3 borrowed reserves at 60–97 % of
 * their borrowing power) over four assets of 18, 6, 8 and 18 decimals; three random price moves.
 * After deployment and after each move, every account's getUserAccountData health factor is
 * compared with aaveHealthFactor, and every liquidatable account is liquidated (the rules' best
 * pair or a random one; the most allowed or a part of it), liquidationCall's debt repaid,
 * collateral to the liquidator, protocol fee and collateral seized compared with
 * aaveLiquidationCall. The reference is the contracts, not the code under test; tolerances and
 * their reasoning are in aaveDifferential.ts.
 *
 * About 1½ minutes of CPU, so it runs in `npm run test:evm` (called by .ci/run), not `npm test`.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runDifferential } from './aaveDifferential.js';

test('Aave v3 bytecode and the rule functions agree on 200 multi-asset accounts over three price moves', async () => {
  const started = performance.now();
  const fig = await runDifferential(15, 200, 3);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `aave differential: ${fig.accounts} accounts, ${fig.healthFactorsCompared} health factors (max relative error ${fig.maxHealthFactorRelativeError.toExponential(2)}; ` +
      `exact formula off by up to ${fig.maxExactFormulaRelativeDeviation.toExponential(2)}), ${fig.liquidations} liquidations (${fig.fullCloses} full closes, ` +
      `${fig.seizeCapped} capped by the collateral, ${fig.partialRequests} partial), ${fig.amountsCompared} amounts (max relative error ${fig.maxAmountRelativeError.toExponential(2)}) ` +
      `+ ${fig.smallAmountsCompared} small ones (max ${fig.maxSmallAmountUnitError.toFixed(2)} units), ${seconds.toFixed(0)} s`,
  );
  assert.equal(fig.failures.slice(0, 5), []);
  assert.ok(fig.healthFactorsCompared >= 700, `${fig.healthFactorsCompared} health factors`); // 200 accounts × 4 states, less the few repaid in full
  assert.ok(fig.maxHealthFactorRelativeError <= 1e-9);
  // the regimes the rules distinguish all occurred
  assert.ok(fig.liquidations >= 20, `${fig.liquidations} liquidations`);
  assert.ok(fig.fullCloses > 0 && fig.fullCloses < fig.liquidations, 'both close factors');
  assert.ok(fig.seizeCapped > 0, 'a seize capped by the collateral');
  assert.ok(fig.partialRequests > 0, 'a call asking for less than allowed');
  // the whole-basis-point average matters: without it the health factors differ well beyond 1e-9
  assert.ok(fig.maxExactFormulaRelativeDeviation > 1e-6);
});

test.run();
