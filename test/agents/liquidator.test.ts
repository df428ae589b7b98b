/**
 * The liquidator passes over a candidate without reading the book when even the most a call
 * could repay earns too little. That is the same decision as before only if the bound holds:
 * what the market's own liquidation call (Aave's amounts, liquidationCall.ts, from the book's
 * collateral and debt at oracle prices) would repay is never above the bound computed from the
 * liquidation index's key and level, at any prices, borrow index, threshold, bonus and close
 * factor. Checked here for every liquidatable position of random books; and by hand once.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { mostRepayable, ROUNDING } from '../../agents/liquidator.js';
import { LendingMarket } from '../../src/protocols/lending/lendingMarket.js';
import { Ledger } from '../../src/sim/ledger.js';

const curve = { base: 0.02, slope1: 0.04, slope2: 0.75, optimalUtilisation: 0.8 };

test('mostRepayable by hand: the close factor share, or what the collateral pays for', () => {
  // 10 ETH at $1,400 against 15,000 USDC, LT 0.825, bonus 5 %: HF = 14,000 · 0.825 / 15,000 = 0.77
  // (≤ 0.95: all the debt may be repaid), but the collateral pays for 14,000 / 1.05 = 13,333.33
  const hf = (10 * 1400 * 0.825) / 15000;
  assert.ok(Math.abs(mostRepayable(15000, hf, 0.95, 0.5, 1 / (0.825 * 1.05)) - 14000 / 1.05) < 1e-9);
  // at $1,800, HF 0.99 > 0.95: half the debt, 7,500, less than the 17,142.86 the collateral pays for
  assert.ok(Math.abs(mostRepayable(15000, (10 * 1800 * 0.825) / 15000, 0.95, 0.5, 1 / (0.825 * 1.05)) - 7500) < 1e-9);
});

test('no liquidation call repays more than mostRepayable, from the index alone', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.nat(1), fc.double({ min: 0.001, max: 100, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 40 }),
      fc.double({ min: 1, max: 10000, noNaN: true }),
      fc.double({ min: 1000, max: 100000, noNaN: true }),
      fc.double({ min: 0.9, max: 1.1, noNaN: true }),
      fc.tuple(
        fc.double({ min: 0.5, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 0.1, noNaN: true }),
        fc.double({ min: 0.2, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
      ),
      fc.nat(5),
      (positions, eth, wbtc, usdc, [lt, bonus, closeFactor, closeFactorHealthFactor], years) => {
        const ledger = new Ledger(3, ['protocol:m', 'borrowers:m']);
        const reserve = (asset: number, id: string) => ({
          asset,
          assetId: id,
          oracle: asset,
          ltv: lt * 0.9,
          liquidationThreshold: lt,
          liquidationBonus: bonus,
          supply: asset === 2 ? 1e12 : 0,
          rate: curve,
        });
        const reserves = [reserve(0, 'ETH'), reserve(1, 'WBTC'), reserve(2, 'USDC')];
        const rows = { collateralReserve: positions.map((p) => p[0]), debtReserve: positions.map(() => 2), collateral: positions.map((p) => p[1]), debt: positions.map((p) => p[2]) };
        const m = new LendingMarket('m', reserves, rows, { closeFactor, closeFactorHealthFactor }, 1e-6, 1, ledger);
        for (let y = 0; y < years; y++) m.accrue({ dt: 365 * 86400 });
        m.mark({ step: 0, oraclePrices: Float64Array.of(eth, wbtc, usdc) });
        const level = m.index.zones[0].boundary;
        for (let k = 0; k < m.liquidatableCount; k++) {
          const i = m.liquidatable[k];
          const q = m.index.pairOf[i];
          const hf = level[q] / m.index.key[i];
          const most = mostRepayable(m.book.scaledDebt[i] * m.reserves[2].borrowIndex, hf, closeFactorHealthFactor, closeFactor, 1 / (lt * (1 + bonus)));
          for (const request of [Infinity, most / 3]) {
            const repaid = m.previewLiquidation(i, request).debtRepaid;
            assert.ok(repaid <= most * (1 + ROUNDING), `position ${m.positionId(i)}: repays ${repaid}, bound ${most}`);
          }
        }
      },
    ),
    { seed: 11, numRuns: 300 },
  );
});

test.run();
