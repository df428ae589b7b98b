/**
 * Governance: how long a reserve's or a vault type's parameters have stood. Every protocol
 * reports when a target was last configured (the protocol contract's `lastConfiguredAt`,
 * simulated seconds, −Infinity if never), so the feature is coded against the contract alone and
 * works for any protocol kind.
 */
import type { WorldView } from '../../sim/agent.js';
import type { Feature } from '../feature.js';
import type { Resolver } from '../resolve.js';
import { featureName } from '../names.js';

/**
 * Seconds since `target` of `protocol` was last configured; a target never configured counts
 * from the start of the run (its parameters have stood since then), so the value is the run's time.
 */
export function timeSinceConfigured(spec: { name?: string; protocol: string; target: string }, r: Resolver): Feature {
  const p = r.protocol(spec.protocol);
  if (p.kind === 'lending') r.reserve(p.index, spec.target, 'target');
  else r.ilk(p.index, spec.target, 'target');
  const { target } = spec;
  return {
    names: [spec.name ?? featureName('time-since-configured', [spec.protocol, target])],
    read(view: WorldView, out: Float32Array, offset: number) {
      const at = view.protocols[p.index].lastConfiguredAt(target);
      out[offset] = view.time - (at === -Infinity ? 0 : at);
    },
  };
}
