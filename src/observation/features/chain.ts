/** The chain as an agent bidding for block space sees it. */
import type { WorldView } from '../../sim/agent.js';
import type { Feature } from '../feature.js';
import { featureName } from '../names.js';

/** Gas price in gwei: the scenario's gas price, or with block space the next block's base fee. */
export function gasPrice(spec: { name?: string }): Feature {
  return {
    names: [spec.name ?? featureName('gas-price', [])],
    read(view: WorldView, out: Float32Array, offset: number) {
      out[offset] = view.gasPrice;
    },
  };
}
