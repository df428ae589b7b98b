/**
 * What each step records (the `timeseries.csv` columns):
 *   ref.<asset>                       reference price, USD
 *   venue.<id>.price                  price of the venue's first asset in its second (fee-free)
 *   venue.<id>.depthUsd               pool value at reference prices, or an order book's ±2 % depth
 *   oracle.<id>.price                 published oracle price, USD
 *   <protocol>.collateralUsd          collateral held, at the protocol's oracle prices
 *   <protocol>.debtUsd                debt outstanding, at oracle prices
 *   <protocol>.liquidatableDebtUsd    debt of positions with health factor < 1 at the end of the step
 *   <protocol>.liquidations           liquidation calls settled this step
 *   <protocol>.liquidatedUsd          collateral seized this step, at reference prices
 *   <protocol>.badDebtUsd             bad debt booked so far (cumulative), USD at booking
 * For each CDP system:
 *   <cdp>.collateralUsd               collateral in vaults, at the system's oracle prices
 *   <cdp>.debt                        stablecoin owed by vaults
 *   <cdp>.unsafeDebt                  debt of vaults below their liquidation ratio
 *   <cdp>.auctions                    collateral auctions running
 *   <cdp>.surplus, <cdp>.systemDebt   the Vow: stablecoin held, debt taken over from vaults
 *   <cdp>.deficit                     system debt no running auction or surplus covers
 *   <cdp>.governanceMinted            governance tokens minted by debt auctions so far
 * With block space (chain.blockTime and gasLimit):
 *   chain.baseFee                     base fee of the next block, gwei
 *   chain.blocks, chain.included, chain.expired   this step's blocks and the agents' transactions
 *                                     they included or dropped
 *   chain.pending                     agents' transactions waiting at the end of the step
 *   chain.utilisation                 gas used / gas limit over this step's blocks
 * With two protocols or more, at the steps where contagion is measured (blank elsewhere):
 *   contagion.systemicLoss, contagion.debtRank, contagion.defaults
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
    for (const c of w.cdps) {
      for (const f of ['collateralUsd', 'debt', 'unsafeDebt', 'auctions', 'surplus', 'systemDebt', 'deficit', 'governanceMinted']) m.column(`${c.id}.${f}`);
    }
    if (w.blockspace.blocks) for (const f of ['baseFee', 'blocks', 'included', 'expired', 'pending', 'utilisation']) m.column(`chain.${f}`);
    if (w.contagion.enabled) for (const f of ['systemicLoss', 'debtRank', 'defaults']) m.column(`contagion.${f}`);
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
  for (const cdp of w.cdps) {
    m.set(c++, s, cdp.collateralUsd());
    m.set(c++, s, cdp.vaultDebt());
    m.set(c++, s, cdp.unsafeDebt);
    m.set(c++, s, cdp.auctions.size);
    m.set(c++, s, cdp.joy);
    m.set(c++, s, cdp.sin);
    m.set(c++, s, cdp.deficit());
    m.set(c++, s, cdp.totals.governanceMinted);
  }
  if (w.blockspace.blocks) {
    const st = w.blockspace.stats;
    m.set(c++, s, w.blockspace.gasPrice);
    m.set(c++, s, st.blocks);
    m.set(c++, s, st.included);
    m.set(c++, s, st.expired);
    m.set(c++, s, st.pending);
    m.set(c++, s, st.utilisation);
  }
  if (w.contagion.enabled) {
    const x = w.contagion.maybeMeasure(s);
    m.set(c++, s, x ? x.systemicLoss : NaN);
    m.set(c++, s, x ? x.debtRank : NaN);
    m.set(c++, s, x ? x.defaults : NaN);
  }
}
