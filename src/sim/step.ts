/**
 * One step of simulated time. It reads like the design's list and knows no protocol by name:
 *
 *   market.advance   exogenous reference prices for this path
 *   shocks.apply     scheduled events: crash, depeg, oracle freeze/delay/manipulation, liquidity pull
 *   chain.beginBlock gas price for this step; order books refill
 *   oracles.update   each oracle publishes by its own rule
 *   protocols.mark   interest, then every position's health at the new oracle prices
 *   agents act       in an order drawn from the path's RNG; they submit transactions
 *   chain.include    by fee bid, highest first (submission order breaks ties)
 *   protocols.settle liquidations, swaps, top-ups, withdrawals
 *   metrics.record
 */
import type { World } from './world.js';
import type { Transaction } from './transactions.js';
import { applyPriceShocks } from './shocks.js';
import { settle } from './settle.js';
import { recordStep } from './record.js';
import { checkInvariants } from './invariants.js';

function advanceMarket(w: World, s: number): void {
  for (let a = 0; a < w.reference.length; a++) w.reference[a] = w.basePaths[a][s];
}

function applyShocks(w: World, s: number): void {
  applyPriceShocks(w.shocks.price, s, w.reference, w.basePaths);
  for (const e of w.shocks.events) {
    if (e.startStep !== s) continue;
    const spec = e.spec;
    const t = s * w.dt;
    switch (spec.kind) {
      case 'oracle-freeze':
        w.oracles.find((o) => o.id === spec.oracle)!.frozenUntil = t + spec.duration;
        break;
      case 'oracle-delay':
        w.oracles.find((o) => o.id === spec.oracle)!.delay = spec.delay;
        break;
      case 'oracle-manipulation': {
        const o = w.oracles.find((x) => x.id === spec.oracle)!;
        o.manipulation = e.value;
        o.manipulationUntil = t + spec.duration;
        break;
      }
      case 'liquidity-withdrawal': {
        const vi = w.venues.findIndex((v) => v.id === spec.venue);
        const v = w.venues[vi];
        const venueAccount = w.ledger.account(`venue:${v.id}`);
        for (const [asset, amount] of v.withdraw(e.value)) w.ledger.transfer(venueAccount, w.lpAccounts[vi], asset, amount);
        break;
      }
      default:
        break;
    }
    if (w.recordEvents) w.events.push({ step: s, time: t, type: 'shock', shock: e.index, kind: spec.kind, value: Number.isNaN(e.value) ? null : e.value });
  }
  for (const p of w.shocks.price) {
    if (p.startStep === s && w.recordEvents) w.events.push({ step: s, time: s * w.dt, type: 'shock', kind: p.level !== undefined ? 'depeg' : 'price', asset: w.assetIds[p.asset], target: p.level ?? p.factor });
  }
}

function beginBlock(w: World): void {
  w.gasPrice = w.baseGasPrice;
  for (const v of w.venues) v.tick(w.dt, w.reference);
}

function updateOracles(w: World, s: number): void {
  for (let o = 0; o < w.oracles.length; o++) w.oraclePrices[o] = w.oracles[o].update(s);
}

function markProtocols(w: World, s: number): void {
  for (const p of w.protocols) {
    if (s > 0) p.accrue(w.dt);
    p.mark(s, w.oraclePrices);
  }
}

function agentsAct(w: World): void {
  w.pending.length = 0;
  for (const a of w.agents) a.observe?.(w.view);
  const order = w.agents.map((_, i) => i);
  w.orderRng.shuffle(order);
  const submit = (tx: Transaction) => {
    w.pending.push(tx);
  };
  for (const i of order) w.agents[i].act(w.view, submit);
}

/** Highest fee bid first; Array.prototype.sort is stable, so equal bids keep submission order. */
function include(w: World): Transaction[] {
  return w.pending.sort((a, b) => b.gasPrice - a.gasPrice);
}

export function step(w: World): void {
  const s = w.step;
  advanceMarket(w, s);
  applyShocks(w, s);
  beginBlock(w);
  updateOracles(w, s);
  markProtocols(w, s);
  agentsAct(w);
  w.stepLiquidatedUsd.fill(0);
  w.stepLiquidations.fill(0);
  for (const tx of include(w)) settle(w, tx);
  recordStep(w, s);
  if (w.checkInvariants) {
    const problems = checkInvariants(w);
    if (problems.length > 0) throw new Error(`invariant violated at step ${s}: ${problems.slice(0, 3).join('; ')}`);
  }
  w.step++;
}
