/**
 * The differential run behind test/evm/aaveDifferential.test.ts: random multi-asset accounts on a
 * real Aave v3 market (aaveMarket.ts), price moves, and for every account the contract's health
 * factor and, on liquidatable accounts, liquidationCall's amounts next to the rule functions of
 * src/protocols/lending/accounts/rules/ fed with the balances and prices read from the chain.
 *
 * Tolerance. The contracts compute in integers: values in base currency floored to 1e-8 USD,
 * percentMul/percentDiv rounded half up, amounts floored to a token's smallest unit. On accounts
 * of $1M and more per reserve that moves a health factor by about 1e-13 relative and an amount by
 * at most a couple of units. So: health factors must agree to 1e-9 relative; an amount must agree
 * to 1e-9 relative when it is at least 2e9 units (where 2 units are within 1e-9), and to 2 units
 * below that (the small protocol fees of 6- and 8-decimal tokens). The rules are asked to average
 * the threshold in whole basis points as calculateUserAccountData does (AaveRules
 * .averageThresholdInBps); the exact formula's distance from the contract is reported beside it.
 */
import { AAVE_V3, type AaveRules, aaveHealthFactor, aaveLiquidationCall } from '../../src/protocols/lending/accounts/rules/aaveV3.js';
import { bestLiquidation, newPairChoice, seizable } from '../../src/protocols/lending/accounts/rules/liquidatorChoice.js';
import { newLiquidationOutcome } from '../../src/protocols/lending/accounts/rules/outcome.js';
import { Rng } from '../../src/util/rng.js';
import { AaveMarket, type AssetSpec } from './aaveMarket.js';
import { actor } from './chain.js';

export const ASSETS: AssetSpec[] = [
  { symbol: 'WETH', decimals: 18, price: 2000, ltv: 0.8, liquidationThreshold: 0.825, liquidationBonus: 0.05, protocolFee: 0.1 },
  { symbol: 'USDC', decimals: 6, price: 1, ltv: 0.85, liquidationThreshold: 0.875, liquidationBonus: 0.045, protocolFee: 0.1 },
  { symbol: 'WBTC', decimals: 8, price: 30000, ltv: 0.7, liquidationThreshold: 0.75, liquidationBonus: 0.1, protocolFee: 0.2 },
  { symbol: 'DAI', decimals: 18, price: 1, ltv: 0.75, liquidationThreshold: 0.8, liquidationBonus: 0.05, protocolFee: 0 },
];
const VOLATILE = [true, false, true, false];
const MAX_UINT = 2n ** 256n - 1n;
const RULES: AaveRules = { ...AAVE_V3, averageThresholdInBps: true };

export interface DifferentialFigures {
  accounts: number;
  priceMoves: number;
  healthFactorsCompared: number;
  maxHealthFactorRelativeError: number;
  /** The exact Σ c·P·LT / Σ d·P against the contract: the whole-basis-point average's effect. */
  maxExactFormulaRelativeDeviation: number;
  liquidations: number;
  fullCloses: number;
  seizeCapped: number;
  partialRequests: number;
  amountsCompared: number;
  maxAmountRelativeError: number;
  smallAmountsCompared: number;
  maxSmallAmountUnitError: number;
  failures: string[];
}

/** Token amount `tokens` in smallest units (tokens given to 6 decimals; every asset here has at least 6). */
function units(tokens: number, decimals: number): bigint {
  return BigInt(Math.floor(tokens * 1e6)) * 10n ** BigInt(decimals - 6);
}

export async function runDifferential(seed: number, accounts: number, priceMoves: number): Promise<DifferentialFigures> {
  const rng = new Rng(seed);
  const market = await AaveMarket.deploy(ASSETS);
  const n = ASSETS.length;
  const prices = ASSETS.map((a) => a.price);
  const fig: DifferentialFigures = {
    accounts,
    priceMoves,
    healthFactorsCompared: 0,
    maxHealthFactorRelativeError: 0,
    maxExactFormulaRelativeDeviation: 0,
    liquidations: 0,
    fullCloses: 0,
    seizeCapped: 0,
    partialRequests: 0,
    amountsCompared: 0,
    maxAmountRelativeError: 0,
    smallAmountsCompared: 0,
    maxSmallAmountUnitError: 0,
    failures: [],
  };

  // deep liquidity in every reserve, so borrows and liquidators' withdrawals never run short
  for (let i = 0; i < n; i++) await market.supply(actor(2), i, units(1e11 / prices[i], ASSETS[i].decimals));

  const users: string[] = [];
  for (let k = 0; k < accounts; k++) {
    const user = actor(100 + k);
    users.push(user);
    const order = [0, 1, 2, 3];
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const supplied = order.slice(0, 2 + rng.int(n - 1)); // 2 to 4 collateral reserves
    let power = 0;
    const used: number[] = [];
    for (const i of supplied) {
      const usd = Math.exp(Math.log(1e6) + rng.uniform() * Math.log(20));
      await market.supply(user, i, units(usd / prices[i], ASSETS[i].decimals));
      used.push(i);
    }
    if (rng.uniform() < 0.25) {
      const off = used.splice(rng.int(used.length), 1)[0]; // a supply the account does not use as collateral
      await market.useAsCollateral(user, off, false);
    }
    const b = await market.balances(user);
    for (const i of used) power += (Number(b.collateral[i]) / 10 ** ASSETS[i].decimals) * prices[i] * ASSETS[i].ltv;
    const count = 1 + rng.int(3);
    const weights = Array.from({ length: count }, () => 0.2 + rng.uniform());
    const total = weights.reduce((s, w) => s + w, 0);
    const usage = 0.6 + 0.37 * rng.uniform();
    for (let j = 0; j < count; j++) {
      const i = rng.int(n); // any reserve, supplied or not
      const usd = (power * usage * weights[j]) / total;
      await market.borrow(user, i, units(usd / prices[i], ASSETS[i].decimals));
    }
  }

  const entries = {
    reserve: Int32Array.from({ length: n }, (_, i) => i),
    collateral: new Float64Array(n),
    debt: new Float64Array(n),
    usedAsCollateral: new Uint8Array(n),
  };
  const terms = {
    price: new Float64Array(n),
    liquidationThreshold: Float64Array.from(ASSETS, (a) => a.liquidationThreshold),
    ltv: Float64Array.from(ASSETS, (a) => a.ltv),
    liquidationBonus: Float64Array.from(ASSETS, (a) => a.liquidationBonus),
    protocolFee: Float64Array.from(ASSETS, (a) => a.protocolFee),
  };
  const load = async (user: string) => {
    const b = await market.balances(user);
    for (let i = 0; i < n; i++) {
      entries.collateral[i] = Number(b.collateral[i]) / 10 ** ASSETS[i].decimals;
      entries.debt[i] = Number(b.debt[i]) / 10 ** ASSETS[i].decimals;
      entries.usedAsCollateral[i] = b.usedAsCollateral[i] && b.collateral[i] > 0n ? 1 : 0;
    }
  };
  const amount = (label: string, rule: number, chain: bigint, decimals: number) => {
    const chainUnits = Number(chain);
    const unitError = Math.abs(rule * 10 ** decimals - chainUnits);
    if (chainUnits >= 2e9) {
      const rel = unitError / chainUnits;
      fig.amountsCompared++;
      fig.maxAmountRelativeError = Math.max(fig.maxAmountRelativeError, rel);
      if (!(rel <= 1e-9)) fig.failures.push(`${label}: rules ${rule}, contract ${chain} (relative ${rel})`);
    } else {
      fig.smallAmountsCompared++;
      fig.maxSmallAmountUnitError = Math.max(fig.maxSmallAmountUnitError, unitError);
      if (!(unitError <= 2)) fig.failures.push(`${label}: rules ${rule}, contract ${chain} (${unitError} units)`);
    }
  };

  const choice = newPairChoice();
  const out = newLiquidationOutcome();
  for (let move = 0; move <= priceMoves; move++) {
    if (move > 0) {
      for (let i = 0; i < n; i++) {
        prices[i] *= Math.exp(VOLATILE[i] ? 0.2 * rng.normal() - 0.08 : 0.03 * rng.normal());
        await market.setPrice(i, prices[i]);
      }
    }
    for (let i = 0; i < n; i++) terms.price[i] = Number(await market.price(i)) / 1e8;
    for (let k = 0; k < users.length; k++) {
      const user = users[k];
      await load(user);
      const data = await market.accountData(user);
      if (data.totalDebtBase === 0n) continue; // repaid in full by an earlier liquidation
      const chainHf = Number(data.healthFactor) / 1e18;
      const ruleHf = aaveHealthFactor(entries, 0, n, terms, RULES);
      const rel = Math.abs(ruleHf - chainHf) / chainHf;
      fig.healthFactorsCompared++;
      fig.maxHealthFactorRelativeError = Math.max(fig.maxHealthFactorRelativeError, rel);
      fig.maxExactFormulaRelativeDeviation = Math.max(fig.maxExactFormulaRelativeDeviation, Math.abs(aaveHealthFactor(entries, 0, n, terms) - chainHf) / chainHf);
      if (!(rel <= 1e-9)) fig.failures.push(`move ${move} account ${k}: HF rules ${ruleHf}, contract ${chainHf}`);
      if (!(chainHf < 1)) continue;

      // the pair: the rules' best on even accounts, a random allowed pair on odd ones
      let d: number;
      let c: number;
      if (k % 2 === 0) {
        bestLiquidation(entries, 0, n, terms, RULES, choice);
        d = choice.debtAt;
        c = choice.collateralAt;
      } else {
        const debts = [0, 1, 2, 3].filter((i) => entries.debt[i] > 0);
        const collaterals = [0, 1, 2, 3].filter((i) => seizable(entries, terms, RULES, i));
        d = debts[rng.int(debts.length)];
        c = collaterals[rng.int(collaterals.length)];
      }
      if (d < 0 || c === undefined) {
        fig.failures.push(`move ${move} account ${k}: liquidatable on chain (HF ${chainHf}) but no pair by the rules`);
        continue;
      }
      // the most allowed on about half the calls, a part of it (20–90 %) on the others
      aaveLiquidationCall(entries, 0, n, terms, d, c, Infinity, out, RULES);
      let request = MAX_UINT;
      let ruleRequest = Infinity;
      if (rng.uniform() < 0.5) {
        request = units(out.debtRepaid * (0.2 + 0.7 * rng.uniform()), ASSETS[d].decimals);
        ruleRequest = Number(request) / 10 ** ASSETS[d].decimals;
        fig.partialRequests++;
      }
      aaveLiquidationCall(entries, 0, n, terms, d, c, ruleRequest, out, RULES);
      if (out.status !== 'ok') {
        fig.failures.push(`move ${move} account ${k}: rules refuse (${out.status}) a call the contract allows`);
        continue;
      }
      const funding = units(entries.debt[d] + 1, ASSETS[d].decimals);
      const res = await market.liquidate(actor(3), user, c, d, request, funding);
      fig.liquidations++;
      if (out.closeFactor === 1) fig.fullCloses++;
      if (out.collateralSeized === entries.collateral[c]) fig.seizeCapped++;
      const label = `move ${move} account ${k} ${ASSETS[d].symbol}→${ASSETS[c].symbol}`;
      amount(`${label} debt repaid`, out.debtRepaid, res.debtRepaid, ASSETS[d].decimals);
      amount(`${label} collateral to liquidator`, out.liquidatorCollateral, res.liquidatorCollateral, ASSETS[c].decimals);
      amount(`${label} protocol fee`, out.protocolFee, res.protocolFee, ASSETS[c].decimals);
      amount(`${label} collateral seized`, out.collateralSeized, res.userCollateralLoss, ASSETS[c].decimals);
      if (res.userDebtLoss !== res.debtRepaid) fig.failures.push(`${label}: debt fell by ${res.userDebtLoss}, event says ${res.debtRepaid}`);
      if (res.userCollateralLoss !== res.liquidatorCollateral + res.protocolFee) fig.failures.push(`${label}: collateral loss is not liquidator + treasury`);
    }
  }
  return fig;
}
