/**
 * Inverse (coin-settled) options as Deribit lists them. References: the settlement example worked by
 * hand (a call struck at 10,000 settling at 12,500 pays (12,500 − 10,000)/12,500 = 0.2 coin);
 * Deribit's convention that the coin premium is the dollar premium divided by the underlying price;
 * the coin Greeks checked against finite differences of the coin price C/S (an independent
 * computation from prices alone).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bsm, type BsmInput } from '../../../src/models/options/blackScholes.js';
import { inverseOption, inverseSettlement } from '../../../src/models/options/inverse.js';
import { normalCdf } from '../../../src/risk/distributions.js';

const close = (actual: number, expected: number, tol: number, what: string) => assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs ${expected} (tolerance ${tol})`);

test('settlement by hand: call K 10,000 at 12,500 pays 0.2 coin; put and out-of-the-money cases', () => {
  assert.is(inverseSettlement('call', 10_000, 12_500), 0.2);
  // put K 12,500 settling at 10,000: (12,500 − 10,000)/10,000 = 0.25 coin
  assert.is(inverseSettlement('put', 12_500, 10_000), 0.25);
  assert.is(inverseSettlement('call', 12_500, 10_000), 0);
  assert.is(inverseSettlement('put', 10_000, 12_500), 0);
  // the coin payoff is worth the linear payoff in dollars at settlement: 0.2 × 12,500 = 2,500
  assert.is(inverseSettlement('call', 10_000, 12_500) * 12_500, 2500);
  assert.throws(() => inverseSettlement('call', 10_000, 0), /settlementPrice/);
});

test("coin premium = dollar premium / S; dollar Greeks are the linear option's", () => {
  const x: BsmInput = { type: 'call', spot: 30_000, strike: 32_000, expiry: 30 / 365, rate: 0, carry: 0, vol: 0.7 };
  const inv = inverseOption(x);
  const usd = bsm(x);
  assert.equal(inv.usd, usd);
  close(inv.coin.price, usd.price / 30_000, 1e-18, 'coin price');
  close(inv.coin.vega, usd.vega / 30_000, 1e-15, 'coin vega');
  close(inv.coin.theta, usd.theta / 30_000, 1e-15, 'coin theta');
  close(inv.coin.rho, usd.rho / 30_000, 1e-15, 'coin rho');
});

test('coin delta = N(d1) − C/S for a call = S·∂(C/S)/∂S, and the put analogue, by finite differences', () => {
  for (const type of ['call', 'put'] as const) {
    for (const strike of [20_000, 30_000, 45_000]) {
      for (const carry of [0, 0.03]) {
        const x: BsmInput = { type, spot: 30_000, strike, expiry: 0.25, rate: 0.03, carry, vol: 0.8 };
        const inv = inverseOption(x);
        const coinPrice = (S: number) => bsm({ ...x, spot: S }).price / S;
        const h = 1e-5 * x.spot;
        const fdDelta = (x.spot * (coinPrice(x.spot + h) - coinPrice(x.spot - h))) / (2 * h);
        close(inv.coin.delta, fdDelta, 1e-8, `${type} K=${strike} b=${carry} coin delta`);
        // the closed form of the brief for a non-dividend call: N(d1) − C/S
        if (type === 'call' && carry === 0.03) {
          // b = r, so e^{(b−r)T} = 1: d1 = (ln(S/K) + (r + σ²/2)T)/(σ√T)
          const d1 = (Math.log(x.spot / strike) + (0.03 + 0.32) * 0.25) / (0.8 * 0.5);
          close(inv.coin.delta, normalCdf(d1) - inv.usd.price / x.spot, 1e-14, 'N(d1) − C/S');
        }
        // coin gamma is the derivative of the coin delta
        const coinDelta = (S: number) => inverseOption({ ...x, spot: S }).coin.delta;
        const hg = 1e-3 * x.spot;
        close(inv.coin.gamma, (coinDelta(x.spot + hg) - coinDelta(x.spot - hg)) / (2 * hg), 1e-10, `${type} K=${strike} coin gamma`);
      }
    }
  }
});

test('a long inverse call has a smaller coin delta than dollar delta (its premium is held in coin)', () => {
  const inv = inverseOption({ type: 'call', spot: 30_000, strike: 30_000, expiry: 0.5, rate: 0, vol: 0.6 });
  assert.ok(inv.coin.delta < inv.usd.delta);
  assert.ok(inv.coin.delta > 0);
});

test.run();
