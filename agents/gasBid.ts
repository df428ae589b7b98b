import type { GasBid } from '../src/sim/agent.js';

/** The fee an agent bids per gas unit: a fixed price, or a multiple of the current gas price. */
export function bidGwei(rule: GasBid, currentGwei: number): number {
  return rule.kind === 'fixed' ? rule.gwei : rule.factor * currentGwei;
}
