/**
 * What each step records (the `timeseries.csv` columns):
 *   ref.<asset>                       reference price, USD
 *   venue.<id>.price                  price of the venue's first asset in its second (fee-free)
 *   venue.<id>.depthUsd               pool value at reference prices, or an order book's ±2 % depth
 *   oracle.<id>.price                 published oracle price, USD
 *   <protocol>.collateralUsd          collateral held, at the protocol's oracle prices
 *   <protocol>.debtUsd                debt outstanding, at oracle prices
 *   <protocol>.liquidatableDebtUsd    debt of positions with health factor < 1
 *   <protocol>.liquidations           liquidation calls settled this step
 *   <protocol>.liquidatedUsd          collateral seized this step, at reference prices
 *   <protocol>.badDebtUsd             bad debt booked so far (cumulative), USD at booking
 */
import type { World } from './world.js';

export function recordStep(w: World, s: number): void {
  const m = w.metrics;
  let c = 0;
  if (m.columns.length === 0) {
    m.column('step');
    m.column('time');
    for (const a of w.assetIds) m.column(`ref.${a}`);
    for (const v of w.venues) {
      m.column(`venue.${v.id}.price`);
      m.column(`venue.${v.id}.depthUsd`);
    }
    for (const o of w.oracles) m.column(`oracle.${o.id}.price`);
    for (const p of w.protocols) {
      for (const f of ['collateralUsd', 'debtUsd', 'liquidatableDebtUsd', 'liquidations', 'liquidatedUsd', 'badDebtUsd']) m.column(`${p.id}.${f}`);
    }
  }
  m.set(c++, s, s);
  m.set(c++, s, s * w.dt);
  for (let a = 0; a < w.reference.length; a++) m.set(c++, s, w.reference[a]);
  for (const v of w.venues) {
    m.set(c++, s, v.price(v.assets[0], v.assets[1]));
    m.set(c++, s, v.depthUsd(w.reference));
  }
  for (let o = 0; o < w.oracles.length; o++) {
    const price = w.oraclePrices[o];
    m.set(c++, s, price);
    const dev = Math.abs(price / w.reference[w.oracles[o].asset] - 1);
    if (dev > w.maxOracleDeviation.value) w.maxOracleDeviation = { value: dev, oracle: w.oracles[o].id, step: s };
  }
  w.protocols.forEach((p, pi) => {
    const t = w.totals[pi];
    t.peakLiquidatableDebtUsd = Math.max(t.peakLiquidatableDebtUsd, p.liquidatableDebtUsd);
    m.set(c++, s, p.collateralUsd());
    m.set(c++, s, p.debtUsd());
    m.set(c++, s, p.liquidatableDebtUsd);
    m.set(c++, s, w.stepLiquidations[pi]);
    m.set(c++, s, w.stepLiquidatedUsd[pi]);
    m.set(c++, s, t.badDebtUsd);
  });
}
