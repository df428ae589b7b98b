/**
 * One step of simulated time. It reads like the design's list and knows no protocol by name:
 *
 *   market.advance   exogenous reference prices for this path
 *   shocks.apply     scheduled events: crash, depeg, oracle freeze/delay/manipulation, liquidity
 *                    pull, exploit; then the issuer loss rule
 *   chain.beginBlock gas price for this step; order books refill
 *   oracles.update   each oracle publishes by its own rule
 *   protocols.mark   interest and fees, then every position's and vault's health at the new prices
 *   governance       timelocked parameter changes now due take effect; scheduled ones are sent
 *   agents act       in an order drawn from the path's RNG; they submit transactions
 *   chain.include    by fee bid: in this step, or in blocks up to their gas limit (blockspace.ts)
 *   protocols.settle the included transactions in block order (liquidations, bids, swaps, …),
 *                    then auctions that ended, surplus and deficit, debt auctions
 *   metrics.record   and, every `contagion.every`, contagion across protocols
 */
import type { World } from './worldTypes.js';
import { applyShocks } from './applyShocks.js';
import { settle } from './settle.js';
import { recordStep } from './record.js';
import { checkInvariants } from './invariants.js';
import { stepGovernance } from './governance.js';
import { recordDecision } from './events.js';

function advanceMarket(w: World, s: number): void {
  for (let a = 0; a < w.reference.length; a++) w.reference[a] = w.basePaths[a][s];
}

function beginBlock(w: World): void {
  w.gasPrice = w.blockspace.gasPrice;
  for (const v of w.venues) v.tick(w.dt, w.reference);
}

function updateOracles(w: World, s: number): void {
  for (let o = 0; o < w.oracles.length; o++) w.oraclePrices[o] = w.oracles[o].update(s);
}

function markProtocols(w: World, s: number): void {
  const ctx = w.contexts.atStep(s * w.dt);
  for (const p of w.protocols) {
    if (s > 0) p.accrue(ctx);
    p.mark(ctx);
  }
}

function agentsAct(w: World, s: number): void {
  for (const a of w.agents) a.observe?.(w.view);
  const order = w.agents.map((_, i) => i);
  w.orderRng.shuffle(order);
  const now = s * w.dt;
  const submit = (tx: Parameters<typeof w.blockspace.submit>[0]) => {
    recordDecision(w, tx);
    return w.blockspace.submit(tx, now);
  };
  for (const i of order) w.agents[i].act(w.view, submit);
}

/** What falls due by the end of the step: auctions that ended, surplus against debt, debt auctions. */
function settleProtocols(w: World, end: number): void {
  const ctx = w.contexts.atStep(end);
  for (const p of w.protocols) p.settleDue(ctx);
}

export function step(w: World): void {
  const s = w.step;
  advanceMarket(w, s);
  applyShocks(w, s);
  beginBlock(w);
  updateOracles(w, s);
  markProtocols(w, s);
  stepGovernance(w, s);
  agentsAct(w, s);
  for (const inclusion of w.blockspace.include(s * w.dt, (s + 1) * w.dt)) settle(w, inclusion);
  settleProtocols(w, (s + 1) * w.dt);
  recordStep(w, s);
  if (w.checkInvariants) {
    const problems = checkInvariants(w);
    if (problems.length > 0) throw new Error(`invariant violated at step ${s}: ${problems.slice(0, 3).join('; ')}`);
  }
  w.step++;
}
