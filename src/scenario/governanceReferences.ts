/**
 * Cross-reference checks of a scenario's governance parts: a scheduled change names a protocol
 * that exists, a target it has (a reserve's asset, a vault type) and only parameters that target
 * has (a vault type's auction parameters depend on its auction kind), at a time within the
 * horizon; a protocol's bounds name only parameters some target of it has.
 */
import type { Scenario } from './schema.js';
import type { ReferenceProblem } from './references.js';
import { AUCTION_PARAMETER_NAMES, CDP_PARAMETER_NAMES, LENDING_PARAMETER_NAMES, OPTIONS_PARAMETER_NAMES, flattenParameters } from './governance.js';

type ProtocolSpec = Scenario['protocols'][number];

/** Flat parameter names `target` of protocol `p` has, or null when it has no such target. */
function parametersOf(p: ProtocolSpec, target: string): string[] | null {
  if (p.kind === 'lending') return p.reserves.some((r) => r.asset === target) ? LENDING_PARAMETER_NAMES : null;
  if (p.kind === 'options') return p.underlying === target ? OPTIONS_PARAMETER_NAMES : null;
  const ilk = p.ilks.find((k) => k.id === target);
  if (!ilk) return null;
  return [...CDP_PARAMETER_NAMES, ...(ilk.auction ? AUCTION_PARAMETER_NAMES[ilk.auction.kind] : [])];
}

function targetsOf(p: ProtocolSpec): string[] {
  return p.kind === 'lending' ? p.reserves.map((r) => r.asset) : p.kind === 'options' ? [p.underlying] : p.ilks.map((k) => k.id);
}

export function checkGovernance(s: Scenario): ReferenceProblem | null {
  for (let i = 0; i < s.protocols.length; i++) {
    const p = s.protocols[i];
    const bounds = flattenParameters(p.governance?.bounds);
    const had = new Set(targetsOf(p).flatMap((t) => parametersOf(p, t)!));
    for (const key of Object.keys(bounds)) {
      if (!had.has(key)) {
        return {
          path: ['protocols', i, 'governance', 'bounds', ...key.split('.')],
          message: `expected a parameter some ${p.kind === 'lending' ? 'reserve' : p.kind === 'options' ? 'underlying' : 'vault type'} of ${p.id} has (${[...had].join(', ')}), got "${key}"`,
        };
      }
    }
  }
  const changes = s.governance ?? [];
  for (let j = 0; j < changes.length; j++) {
    const c = changes[j];
    const base: (string | number)[] = ['governance', j];
    const p = s.protocols.find((x) => x.id === c.protocol);
    if (!p) return { path: [...base, 'protocol'], message: `expected the id of a protocol, got "${c.protocol}"` };
    const names = parametersOf(p, c.target);
    if (!names) {
      const what = p.kind === 'lending' ? `an asset with a reserve in ${p.id}` : p.kind === 'options' ? `the underlying of ${p.id}` : `a vault type of ${p.id}`;
      return { path: [...base, 'target'], message: `expected ${what} (${targetsOf(p).join(', ')}), got "${c.target}"` };
    }
    for (const key of Object.keys(flattenParameters(c.set))) {
      if (!names.includes(key)) {
        return { path: [...base, 'set', ...key.split('.')], message: `expected a parameter of ${p.id}'s ${c.target} (${names.join(', ')}), got "${key}"` };
      }
    }
    if (c.at > s.horizon) return { path: [...base, 'at'], message: `expected a time within the horizon (${s.horizon} s), got ${c.at} s` };
  }
  return null;
}
