/**
 * Block space for the path: instant inclusion or blocks with a mempool (../blockspace.ts), on the
 * path's chain stream, told what each transaction is about (protocols say it for theirs) and given
 * the scheduled gas spikes.
 */
import { createBlockspace, type Blockspace } from '../blockspace.js';
import type { Protocol } from '../protocol.js';
import type { ShockSchedule } from '../shocks.js';
import { transactionKey } from '../transactions.js';
import { STREAM, type BuildContext } from './context.js';
import { buildGasPriceSeries } from '../../protocols/chain/gasPriceSeries.js';

export function buildBlockspace(b: BuildContext, shocks: ShockSchedule, protocols: readonly Protocol[]): Blockspace {
  const chain = b.scenario.chain;
  // the first-price market's background: the mined gas prices of the period, read once per path
  const specs = chain.feeMarket === 'first-price' && chain.congestion?.enabled ? chain.congestion.gasPrices : undefined;
  const series = specs ? buildGasPriceSeries(specs, b.loaded.baseDir, b.loaded.file, b.steps * b.dt) : null;
  const blockspace = createBlockspace(chain, b.stream(STREAM.chain), (tx) => transactionKey(tx, protocols), series);
  for (const e of shocks.events) if (e.spec.kind === 'gas-spike') blockspace.addSpike(e.value, e.startStep * b.dt, e.startStep * b.dt + e.spec.duration);
  return blockspace;
}
