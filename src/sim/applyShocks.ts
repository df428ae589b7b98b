/**
 * Applying the shock schedule at a step: price shocks as multipliers on the reference path, then
 * the one-off events on oracles (freeze, delay, manipulation), venues (liquidity withdrawal) and
 * protocols (exploit), each logged as an event; last, the issuer loss rule, which reprices assets
 * whose issuer's losses pass its buffer. Gas spikes are given to the chain when the world is built.
 */
import type { World } from './worldTypes.js';
import { applyPriceShocks } from './shocks.js';
import { record } from './events.js';
import { applyExploit } from './exploit.js';
import { applyIssuerLoss } from './issuers.js';
import { ANY_VENUE } from '../protocols/oracles/oracle.js';
import { applyPriceImpact } from './priceImpact.js';
import { applyMarketPrices } from './marketPrices.js';

export function applyShocks(w: World, s: number): void {
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
        let venue = ANY_VENUE;
        if (spec.venue !== undefined) {
          venue = w.venues.findIndex((v) => v.id === spec.venue);
          if (venue < 0) throw new Error(`oracle manipulation of unknown venue "${spec.venue}"`); // validation prevents this
        }
        w.oracles.find((x) => x.id === spec.oracle)!.manipulation.add(e.value, t + spec.duration, venue);
        break;
      }
      case 'liquidity-withdrawal': {
        const vi = w.venues.findIndex((v) => v.id === spec.venue);
        const v = w.venues[vi];
        const venueAccount = w.ledger.account(`venue:${v.id}`);
        for (const [asset, amount] of v.withdraw(e.value)) w.ledger.transfer(venueAccount, w.lpAccounts[vi], asset, amount);
        break;
      }
      case 'exploit':
        for (const d of applyExploit(w, spec.protocol, spec.asset, e.value)) record(w, 'exploit', { protocol: spec.protocol, ...d });
        break;
      default:
        break; // a gas spike is scheduled with the chain when the world is built
    }
    if (w.recordEvents) w.events.push({ step: s, time: t, type: 'shock', shock: e.index, kind: spec.kind, value: Number.isNaN(e.value) ? null : e.value });
  }
  for (const p of w.shocks.price) {
    if (p.startStep === s && w.recordEvents)
      w.events.push({ step: s, time: s * w.dt, type: 'shock', kind: p.level !== undefined ? 'depeg' : 'price', asset: w.assetIds[p.asset], target: p.level ?? p.factor });
  }
  // prices read from venues (priceFrom), prices that react to trading (venues' impact), then the
  // issuer loss rule on the result
  if (w.marketPriced.length) applyMarketPrices(w);
  applyPriceImpact(w);
  applyIssuerLoss(w, w.issued);
}
