/**
 * Cross-reference checks of a scenario's `rl` block (rl.ts): what it names exists and is of the
 * right kind (the collateral policy's protocol and targets, the liquidators a policy drives, the
 * trader's venues, markets and capital), and its times fit the scenario's clock. The observation's
 * ids are checked against the world when an environment builds it (observation/resolve.ts).
 */
import type { Scenario } from './schema.js';
import type { ReferenceProblem } from './references.js';

function unknown(kind: string, value: string, known: string[], path: (string | number)[]): ReferenceProblem {
  return { path, message: `expected ${kind} (${known.join(', ') || 'there are none'}), got "${value}"` };
}

function checkCollateralPolicy(s: Scenario, rl: NonNullable<Scenario['rl']>): ReferenceProblem | null {
  const c = rl.collateralPolicy;
  if (!c) return null;
  const base = ['rl', 'collateralPolicy'];
  const p = s.protocols.find((x) => x.id === c.protocol);
  if (!p)
    return unknown(
      'the id of a lending market or CDP system',
      c.protocol,
      s.protocols.map((x) => x.id),
      [...base, 'protocol'],
    );
  if (p.kind === 'options')
    return { path: [...base, 'protocol'], message: `expected a lending market or CDP system, got ${p.id}, an option venue (its margin parameters are not a collateral policy's)` };
  const targets = p.kind === 'lending' ? p.reserves.map((r) => r.asset) : p.ilks.map((k) => k.id);
  const seen = new Set<string>();
  for (let i = 0; i < c.targets.length; i++) {
    const t = c.targets[i];
    const path = [...base, 'targets', i];
    if (!targets.includes(t)) return unknown(p.kind === 'lending' ? `an asset with a reserve in ${p.id}` : `a vault type of ${p.id}`, t, targets, path);
    if (seen.has(t)) return { path, message: `${t} is listed twice` };
    seen.add(t);
    if (p.kind === 'cdp' && !p.ilks.find((k) => k.id === t)!.auction) return { path, message: `vault type ${t} has no auction: it is never liquidated, so its ratio changes nothing` };
  }
  return null;
}

function checkLiquidators(s: Scenario, rl: NonNullable<Scenario['rl']>): ReferenceProblem | null {
  const ids = rl.liquidator?.agents ?? [];
  const liquidators = s.agents.filter((a) => a.kind === 'liquidator').map((a) => a.id);
  for (let i = 0; i < ids.length; i++) {
    const path = ['rl', 'liquidator', 'agents', i];
    if (!liquidators.includes(ids[i])) return unknown('the id of a liquidator', ids[i], liquidators, path);
    if (ids.indexOf(ids[i]) !== i) return { path, message: `${ids[i]} is listed twice` };
  }
  return null;
}

function checkTrader(s: Scenario, rl: NonNullable<Scenario['rl']>): ReferenceProblem | null {
  const t = rl.trader;
  if (!t) return null;
  const base = ['rl', 'trader'];
  const assets = s.assets.map((a) => a.id);
  const used = [...s.assets, ...s.venues, ...s.oracles, ...s.protocols, ...s.agents].map((x) => x.id);
  if (used.includes(t.id)) return { path: [...base, 'id'], message: `expected an id no asset, venue, oracle, protocol or agent uses, got "${t.id}"` };
  for (const k of Object.keys(t.capital)) if (!assets.includes(k)) return unknown('an asset', k, assets, [...base, 'capital', k]);
  const venues = s.venues.map((v) => v.id);
  for (let i = 0; i < t.venues.length; i++) {
    if (!venues.includes(t.venues[i])) return unknown('a venue', t.venues[i], venues, [...base, 'venues', i]);
  }
  for (let i = 0; i < t.borrow.length; i++) {
    const b = t.borrow[i];
    const path = [...base, 'borrow', i];
    const markets = s.protocols.filter((p) => p.kind === 'lending');
    const m = markets.find((p) => p.id === b.protocol);
    if (!m)
      return unknown(
        'the id of a lending market',
        b.protocol,
        markets.map((p) => p.id),
        [...path, 'protocol'],
      );
    const reserves = m.reserves.map((r) => r.asset);
    for (const side of ['collateral', 'debt'] as const) {
      if (!reserves.includes(b[side])) return unknown(`an asset with a reserve in ${m.id}`, b[side], reserves, [...path, side]);
    }
    if (b.collateral === b.debt) return { path: [...path, 'debt'], message: 'expected a debt asset different from the collateral' };
  }
  return null;
}

export function checkRl(s: Scenario): ReferenceProblem | null {
  const rl = s.rl;
  if (!rl) return null;
  const dt = s.market.dt;
  if (rl.decisionInterval !== undefined && rl.decisionInterval < dt) {
    return { path: ['rl', 'decisionInterval'], message: `expected at least one step (market.dt = ${dt} s), got ${rl.decisionInterval} s` };
  }
  if (rl.warmup >= s.horizon) return { path: ['rl', 'warmup'], message: `expected a warm-up shorter than the horizon (${s.horizon} s), got ${rl.warmup} s` };
  return checkCollateralPolicy(s, rl) ?? checkLiquidators(s, rl) ?? checkTrader(s, rl);
}
