/**
 * Governance: how long a reserve's or a vault type's parameters have stood. Protocols that support
 * governance changes report when a target was last configured (`lastConfiguredAt`, simulated
 * seconds, −Infinity if never); the feature is coded against that method alone, so it works with
 * any protocol that has it and reads "never configured" from one that does not.
 */
import type { WorldView } from '../../sim/agent.js';
import type { Feature } from '../feature.js';
import type { Resolver } from '../resolve.js';
import { featureName } from '../names.js';

/** The one thing this feature needs from a protocol. */
export interface Configurable {
  lastConfiguredAt?(target: string): number;
}

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
      // a cast, not an annotation: until protocols have the method, they share no member with Configurable
      const protocol = view.protocols[p.index] as Configurable;
      const at = protocol.lastConfiguredAt?.(target) ?? -Infinity;
      out[offset] = view.time - (at === -Infinity ? 0 : at);
    },
  };
}
