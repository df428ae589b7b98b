/**
 * Margin requirements on hand-worked accounts, for both rules. References: the worked example of
 * bit.com's "Margin Rules for USD Margined Options" (Deribit's rule restated in USD); Hull's
 * option of Options, Futures and Other Derivatives (S = 42, K = 40, r = 10 %, σ = 20 %, T = 0.5:
 * call 4.7594, put 0.8086) for the marks, with every margin term computed by hand in the
 * comments; and put–call parity, under which a long put, a short call and a coin are worth
 * K·e^{−rT} whatever the scenario, so the portfolio rule must find no loss.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  DERIBIT_PORTFOLIO,
  portfolioMargin,
  scenarioOf,
  shortInitialMargin,
  shortMaintenanceMargin,
  spotMove,
  standardMargin,
  volFactor,
  type MarginAccount,
} from '../../../src/protocols/options/margin.js';

const close = (got: number, want: number, tol: number, what: string) => assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}`);

test('standard rule: bit.com worked example ETH-USDT-17NOV23-1850-P (S 2098, mark 2.4, 50 contracts)', () => {
  // OTM = 2098 − 1850 = 248; 15 % S = 314.7; 10 % S = 209.8; IM = max(max(314.7 − 248, 209.8) + 2.4, MM) = 212.2
  // MM = max(7.5 % × 2098, 7.5 % × 2.4) + 2.4 = 157.35 + 2.4 = 159.75
  close(shortInitialMargin('put', 2098, 1850, 2.4), 212.2, 1e-9, 'IM per contract');
  close(shortMaintenanceMargin('put', 2098, 1850, 2.4), 159.75, 1e-9, 'MM per contract');
  close(50 * shortInitialMargin('put', 2098, 1850, 2.4), 10610, 1e-7, 'IM of 50');
  close(50 * shortMaintenanceMargin('put', 2098, 1850, 2.4), 7987.5, 1e-7, 'MM of 50');
});

test('standard rule: short calls in and out of the money', () => {
  // OTM call K 2200 at S 2000, mark 30: IM = max(300 − 200, 200) + 30 = 230; MM = 150 + 30 = 180
  close(shortInitialMargin('call', 2000, 2200, 30), 230, 1e-9, 'OTM call IM');
  close(shortMaintenanceMargin('call', 2000, 2200, 30), 180, 1e-9, 'OTM call MM');
  // ITM call K 1800: OTM 0, IM = max(300, 200) + 260 = 560; MM = 150 + 260 = 410
  close(shortInitialMargin('call', 2000, 1800, 260), 560, 1e-9, 'ITM call IM');
  // a put whose mark exceeds the spot share: MM = max(0.075 × 100, 0.075 × 150) + 150 = 161.25
  close(shortMaintenanceMargin('put', 100, 250, 150), 161.25, 1e-9, 'deep ITM put MM');
});

test("standard rule: an account of Hull's options (cash 100, short 3 puts and 2 calls, K 40)", () => {
  const acct: MarginAccount = {
    cash: 100,
    coin: 0,
    positions: [
      { type: 'put', strike: 40, expiry: 0.5, size: -3, vol: 0.2 },
      { type: 'call', strike: 40, expiry: 0.5, size: -2, vol: 0.2 },
    ],
  };
  const r = standardMargin(acct, { spot: 42, rate: 0.1 });
  // marks: Hull's put 0.8086 and call 4.7594 (to four places)
  close(r.marks[0], 0.8086, 5e-5, 'put mark');
  close(r.marks[1], 4.7594, 5e-5, 'call mark');
  // put: IM = max(max(6.3 − 2, 4.2) + 0.8086, MM) = 5.1086; MM = max(3.15, 0.0606) + 0.8086 = 3.9586
  // call: IM = max(6.3 − 0, 4.2) + 4.7594 = 11.0594; MM = 3.15 + 4.7594 = 7.9094
  // IM = 3 × 5.1086 + 2 × 11.0594 = 37.4446; MM = 3 × 3.9586 + 2 × 7.9094 = 27.6946
  // equity = 100 − 3 × 0.8086 − 2 × 4.7594 = 88.0554; margin ratio = 27.6946 / 88.0554 = 0.314514
  close(r.initial, 37.4446, 5 * 5e-5, 'IM');
  close(r.maintenance, 27.6946, 5 * 5e-5, 'MM');
  close(r.equity, 88.0554, 5 * 5e-5, 'equity');
  close(r.marginRatio, 27.6946 / 88.0554, 1e-5, 'margin ratio');
});

test('standard rule: longs need no margin, and an account with no equity has an unbounded ratio', () => {
  // an expired long put K 1800 at S 1600 is worth its intrinsic 200
  const long = standardMargin({ cash: 0, coin: 0, positions: [{ type: 'put', strike: 1800, expiry: 0, size: 5, vol: 0.5 }] }, { spot: 1600, rate: 0 });
  assert.is(long.initial, 0);
  assert.is(long.maintenance, 0);
  close(long.equity, 1000, 1e-9, 'equity = 5 × 200');
  // short 5 of the same: MM = 5 × (max(120, 15) + 200) = 1600; equity = 500 − 1000 < 0
  const short = standardMargin({ cash: 500, coin: 0, positions: [{ type: 'put', strike: 1800, expiry: 0, size: -5, vol: 0.5 }] }, { spot: 1600, rate: 0 });
  close(short.maintenance, 1600, 1e-9, 'MM');
  assert.is(short.marginRatio, Infinity);
});

test('portfolio grid: 9 spot moves from −16 % to +16 %, and the volatility shocks by hand', () => {
  assert.equal(
    Array.from({ length: 9 }, (_, j) => Math.round(spotMove(DERIBIT_PORTFOLIO, j) * 100)),
    [-16, -12, -8, -4, 0, 4, 8, 12, 16],
  );
  assert.equal(scenarioOf(DERIBIT_PORTFOLIO, 0), { spotMove: -0.16, vol: 1 });
  // 182.5 days: (30/182.5)^0.13 = 0.790791; up 1 + 0.5 × 0.790791 = 1.395395; down 1 − 0.25 × 0.790791 = 0.802302
  close(volFactor(DERIBIT_PORTFOLIO, 1, 0.5), 1.395395, 1e-6, 'up at 6 months');
  close(volFactor(DERIBIT_PORTFOLIO, -1, 0.5), 0.802302, 1e-6, 'down at 6 months');
  // 7 days: (30/7)^0.3 = 1.547416; up 1.773708
  close(volFactor(DERIBIT_PORTFOLIO, 1, 7 / 365), 1.773708, 1e-6, 'up at 7 days');
  // an hour is shocked as a day: 30^0.3 = 2.774191; down 1 − 0.25 × 2.774191 = 0.306452
  close(volFactor(DERIBIT_PORTFOLIO, -1, 1 / (365 * 24)), 0.306452, 1e-6, 'down at 1 hour');
});

test('portfolio rule: coin collateral and an expired short put lose most at −16 %', () => {
  // coin 10 at S 2000: at −16 % it loses 10 × 2000 × 0.16 = 3200
  const coin = portfolioMargin({ cash: 0, coin: 10, positions: [] }, { spot: 2000, rate: 0 });
  close(coin.initial, 3200, 1e-9, 'IM');
  close(coin.maintenance, 2560, 1e-9, 'MM = 0.8 × IM');
  close(coin.worst!.spotMove, -0.16, 1e-12, 'worst move');
  // add 2 short expired puts K 2000 (intrinsic): at S' = 1680 each is worth 320, so 3200 + 640 = 3840
  const both = portfolioMargin({ cash: 1000, coin: 10, positions: [{ type: 'put', strike: 2000, expiry: 0, size: -2, vol: 0.6 }] }, { spot: 2000, rate: 0 });
  close(both.initial, 3840, 1e-9, 'IM');
  close(both.maintenance, 3072, 1e-9, 'MM');
  close(both.equity, 21000, 1e-9, 'equity = 1000 + 10 × 2000');
});

test('portfolio rule: put–call parity offsets to no loss, where the standard rule charges the short call', () => {
  // long coin + long put − short call = K·e^{−rT} in every scenario (both options at the same shocked volatility)
  const acct: MarginAccount = {
    cash: 0,
    coin: 1,
    positions: [
      { type: 'put', strike: 40, expiry: 0.5, size: 1, vol: 0.2 },
      { type: 'call', strike: 40, expiry: 0.5, size: -1, vol: 0.2 },
    ],
  };
  const pm = portfolioMargin(acct, { spot: 42, rate: 0.1 });
  assert.ok(pm.initial < 1e-9, `portfolio IM ${pm.initial}`);
  close(pm.equity, 40 * Math.exp(-0.05), 1e-9, 'equity = K e^{-rT}');
  // standard: only the short call counts, 11.0594 (hand-worked above)
  close(standardMargin(acct, { spot: 42, rate: 0.1 }).initial, 11.0594, 5e-5, 'standard IM');
});

test.run();
