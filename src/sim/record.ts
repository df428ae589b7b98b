/**
 * What each step records: the `timeseries.csv` columns, declared once as `{ column, read(w) }`
 * readers (as Mesa's DataCollector declares its reporters) and read at the end of every step:
 *   step, time
 *   ref.<asset>                       reference price, USD
 *   venue.<id>.price                  price of the venue's first asset in its second (fee-free)
 *   venue.<id>.depthUsd               pool value at reference prices, or an order book's ±2 % depth
 *   oracle.<id>.price                 published oracle price, USD
 *   <protocol>.…                      the columns each protocol contributes (protocol.ts `metrics`;
 *                                     each kind lists its own with its `metrics()`), in the
 *                                     world's order of protocols
 * With block space (chain.blockTime and gasLimit):
 *   chain.baseFee                     base fee of the next block, gwei
 *   chain.blocks, chain.included, chain.expired   this step's blocks and the agents' transactions
 *                                     they included or dropped
 *   chain.pending                     agents' transactions waiting at the end of the step
 *   chain.utilisation                 gas used / gas limit over this step's blocks
 * With two protocols or more, at the steps where contagion is measured (blank elsewhere):
 *   contagion.systemicLoss, contagion.debtRank, contagion.defaults
 * Before the columns are read, the step's tallies are taken: the largest oracle deviation so far,
 * the liquidatable debt over all protocols, and the contagion measure when it is due.
 */
import type { World } from './worldTypes.js';

export interface MetricReader {
  column: string;
  read(w: World): number;
}

/** The world's columns, in their order in timeseries.csv. */
export function metricReaders(w: World): MetricReader[] {
  const readers: MetricReader[] = [
    { column: 'step', read: (x) => x.step },
    { column: 'time', read: (x) => x.step * x.dt },
  ];
  w.assetIds.forEach((a, i) => readers.push({ column: `ref.${a}`, read: (x) => x.reference[i] }));
  for (const v of w.venues) {
    readers.push({ column: `venue.${v.id}.price`, read: () => v.price(v.assets[0], v.assets[1]) });
    readers.push({ column: `venue.${v.id}.depthUsd`, read: (x) => v.depthUsd(x.reference) });
  }
  w.oracles.forEach((o, i) => readers.push({ column: `oracle.${o.id}.price`, read: (x) => x.oraclePrices[i] }));
  for (const p of w.protocols) readers.push(...p.metrics());
  if (w.blockspace.blocks) {
    const b = w.blockspace;
    readers.push(
      { column: 'chain.baseFee', read: () => b.gasPrice },
      { column: 'chain.blocks', read: () => b.stats.blocks },
      { column: 'chain.included', read: () => b.stats.included },
      { column: 'chain.expired', read: () => b.stats.expired },
      { column: 'chain.pending', read: () => b.stats.pending },
      { column: 'chain.utilisation', read: () => b.stats.utilisation },
    );
  }
  if (w.contagion.enabled) {
    const c = w.contagion;
    readers.push(
      { column: 'contagion.systemicLoss', read: () => (c.current ? c.current.systemicLoss : NaN) },
      { column: 'contagion.debtRank', read: () => (c.current ? c.current.debtRank : NaN) },
      { column: 'contagion.defaults', read: () => (c.current ? c.current.defaults : NaN) },
    );
  }
  return readers;
}

function tally(w: World, s: number): void {
  for (let o = 0; o < w.oracles.length; o++) {
    const dev = Math.abs(w.oraclePrices[o] / w.reference[w.oracles[o].asset] - 1);
    if (dev > w.maxOracleDeviation.value) w.maxOracleDeviation = { value: dev, oracle: w.oracles[o].id, step: s };
  }
  let liquidatable = 0;
  for (const p of w.protocols) liquidatable += p.liquidatableDebtUsd;
  w.liquidatableDebtUsd[s] = liquidatable;
  w.contagion.maybeMeasure(s);
}

export function recordStep(w: World, s: number): void {
  tally(w, s);
  const m = w.metrics;
  const readers = w.metricReaders;
  for (let c = 0; c < readers.length; c++) m.set(c, s, readers[c].read(w));
}
