/** The read-only view agents get of a world (../agent.ts): live objects, the clock through getters. */
import type { WorldView } from '../agent.js';
import type { World } from '../worldTypes.js';

export function worldView(w: World): WorldView {
  return {
    get step() {
      return w.step;
    },
    get time() {
      return w.step * w.dt;
    },
    dt: w.dt,
    assetIds: w.assetIds,
    reference: w.reference,
    oraclePrices: w.oraclePrices,
    venues: w.venues,
    protocols: w.protocols,
    get gasPrice() {
      return w.gasPrice;
    },
    nativeAsset: w.nativeAsset,
    balance: (account: number, asset: number) => w.ledger.balance(account, asset),
  };
}
