/**
 * The liquidator passes over a candidate without reading the book when even the most a call
 * could repay earns too little, and a block of candidates at once when even the block's largest
 * figures do. Those are the same decisions as a full look only if the bounds hold:
 *  - what the market's own liquidation call (Aave's amounts, liquidationCall.ts, from the book's
 *    collateral and debt at oracle prices) would repay is never above the bound computed from
 *    the liquidation index's key and level, at any prices, borrow index, threshold, bonus and
 *    close factor: checked for every liquidatable position of random books, and by hand once;
 *  - end to end, a bot that passes nothing over (both shortcuts switched off in a subclass) makes
 *    the same decisions in the same order: the same events, with every transaction recorded, on
 *    the demo's market scaled down through a 60 % crash and on the small fixture.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { Liquidator, mostRepayable, ROUNDING } from '../../agents/liquidator.js';
import { createAgent } from '../../agents/index.js';
import type { AgentFactory } from '../../src/sim/agent.js';
import { LendingMarket } from '../../src/protocols/lending/lendingMarket.js';
import { Ledger } from '../../src/sim/ledger.js';
import { loadScenario } from '../../src/scenario/load.js';
import { buildWorld } from '../../src/sim/world.js';
import { runWorld } from '../../src/sim/run.js';

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

/** A liquidator that looks at every candidate of its window in full. */
class FullLook extends Liquidator {
  protected override cannotPay(): boolean {
    return false;
  }
  protected override hopelessBlock(): boolean {
    return false;
  }
}

const fullLook: AgentFactory = (spec, ctx, dt, tag) => (spec.kind === 'liquidator' ? new FullLook(spec, ctx) : createAgent(spec, ctx, dt, tag));

function eventsDigest(file: string, overrides: string[], factory: AgentFactory): { digest: string; liquidations: number } {
  const w = runWorld(buildWorld(loadScenario(file, overrides), { createAgent: factory, events: 'all' }));
  const h = createHash('sha256');
  for (const e of w.events) h.update(JSON.stringify(e));
  return { digest: h.digest('hex'), liquidations: w.events.filter((e) => e.type === 'liquidation').length };
}

test('a bot that passes candidates over decides as one that looks at all of them', () => {
  // the demo at 6,000 positions, pools and capital scaled with it, through a 60 % crash
  const k = 0.6;
  const demo = [
    'options.amplification=false',
    'shocks[0].magnitude=0.6',
    `protocols[0].positions[0].count=${7000 * k}`,
    `protocols[0].positions[1].count=${3000 * k}`,
    `venues[0].reserves=[${40000 * k}, ${120000000 * k}]`,
    `venues[1].reserves=[${500 * k}, ${30000000 * k}]`,
    `agents[0].capital.USDC=${5000000 * k}`,
    `agents[1].capital.USDC=${3000000 * k}`,
  ];
  for (const [file, overrides] of [
    ['scenarios/demo.yaml', demo],
    ['test/fixtures/scenarios/small.yaml', []],
  ] as [string, string[]][]) {
    const passing = eventsDigest(file, overrides, createAgent);
    const full = eventsDigest(file, overrides, fullLook);
    assert.ok(full.liquidations > 100, `${file}: ${full.liquidations} liquidations`);
    assert.is(passing.digest, full.digest, file);
  }
});

test.run();
