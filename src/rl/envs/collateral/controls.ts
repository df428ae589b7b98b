/**
 * What the collateral policy controls, and how an action becomes a governance change.
 *
 * One control per target: a lending reserve's liquidation threshold (its LTV moves by the same
 * amount, keeping the starting gap, so the pair stays valid), or a CDP vault type's liquidation
 * ratio. Each is measured on a "looseness" axis u: the threshold itself (higher lends more), or
 * minus the ratio. The action per control is a notch n ∈ {−k … k} (action value n + k), asking
 * for u + n × step; the request is then cut to what may happen, in this order:
 *
 *   1. the policy's range: u_base − tighten ≤ u ≤ u_base + loosen;
 *   2. the protocol's validity: 0 < threshold ≤ 1 and threshold × (1 + bonus) ≤ 1 with LTV ≥ 0
 *      (Aave's PoolConfigurator), ratio ≥ 1;
 *   3. the Risk-Steward bounds of the protocol's governance block: the change is clipped to
 *      maxPercentChange (percentage points for ratios and thresholds, percent of the value for a
 *      relative bound), and refused outright (held) while the parameter's minDelay has not
 *      passed since its last change, counted at the time the change would take effect (now +
 *      timelock, as the steward counts it);
 *   4. one change in flight per control: while a submitted change has neither taken effect nor
 *      had time to (timelock + the chain's expiry + one interval), new requests are held.
 *
 * What survives is sent as a `configure` transaction by the governance account, as the
 * scenario's scheduled changes are (gas paid outside the world, block space and fee bid as any
 * transaction), so a policy that always holds leaves the world exactly as the scenario alone.
 */
import type { World } from '../../../sim/world.js';
import type { Protocol } from '../../../sim/protocol.js';
import type { ConfigureTx } from '../../../sim/configureTx.js';
import { GOVERNANCE_SENDER } from '../../../sim/configureTx.js';
import type { CollateralPolicySpec } from '../../../scenario/rl.js';
import type { ProtocolSpec } from '../../../scenario/schema.js';
import { flattenParameters } from '../../../scenario/governance.js';

/** A Risk-Steward bound as the scenario gives it (flat parameter name → bound). */
interface Bound {
  maxPercentChange?: number;
  minDelay: number;
  change: 'relative' | 'absolute';
}

export interface Control {
  target: string;
  kind: 'lending' | 'cdp';
  /** The flat parameter the action moves: `liquidationThreshold` or `liquidationRatio`. */
  parameter: 'liquidationThreshold' | 'liquidationRatio';
  /** Looseness at the start of the episode (threshold, or −ratio). */
  baseU: number;
  /** Lending: the starting threshold − LTV, kept as the threshold moves. */
  ltvGap: number;
  /** Lending: the liquidation bonus (threshold × (1 + bonus) ≤ 1). */
  bonus: number;
  /** A change submitted and not yet in force: its value, and when to stop waiting for it. */
  inFlight: { value: number; until: number } | null;
}

export interface ControlSet {
  protocol: number;
  protocolId: string;
  controls: Control[];
  timelock: number;
  bounds: Map<string, Bound>;
}

/** u of a target now: the threshold, or minus the ratio. */
export function looseness(p: Protocol, c: Pick<Control, 'target' | 'parameter' | 'kind'>): number {
  const v = p.parameters(c.target)[c.parameter];
  return c.kind === 'lending' ? v : -v;
}

/** The parameter's value for looseness u. */
export function parameterOf(c: Pick<Control, 'kind'>, u: number): number {
  return c.kind === 'lending' ? u : -u;
}

export function resolveControls(w: World, spec: CollateralPolicySpec, protocolSpec: ProtocolSpec): ControlSet {
  const protocol = w.protocolIndex(spec.protocol);
  const p = w.protocols[protocol];
  const kind = protocolSpec.kind;
  // refused when the scenario is checked (rlReferences.ts); here for the types
  if (kind === 'options') throw new Error(`collateral policy: ${protocolSpec.id} is an option venue`);
  const controls = spec.targets.map((target): Control => {
    const params = p.parameters(target);
    const parameter = kind === 'lending' ? 'liquidationThreshold' : 'liquidationRatio';
    const c = { target, kind, parameter } as const;
    return {
      ...c,
      baseU: looseness(p, c),
      ltvGap: kind === 'lending' ? params.liquidationThreshold - params.ltv : 0,
      bonus: kind === 'lending' ? params.liquidationBonus : 0,
      inFlight: null,
    };
  });
  const g = protocolSpec.governance;
  return {
    protocol,
    protocolId: spec.protocol,
    controls,
    timelock: g?.timelock ?? 0,
    bounds: new Map(Object.entries(flattenParameters<Bound>(g?.bounds as Record<string, unknown> | undefined))),
  };
}

/** The largest |change| a bound allows from `current` (Infinity: none), in the parameter's units. */
function maxStep(bound: Bound | undefined, current: number): number {
  if (!bound || bound.maxPercentChange === undefined) return Infinity;
  if (bound.change === 'absolute') return bound.maxPercentChange / 100;
  return Number.isFinite(current) && current !== 0 ? (Math.abs(current) * bound.maxPercentChange) / 100 : Infinity;
}

/** Why a control cannot change now (a minDelay at the effect time, a change in flight), or null. */
function heldBy(w: World, set: ControlSet, c: Control, now: number): string | null {
  const p = w.protocols[set.protocol];
  if (c.inFlight) {
    const current = p.parameters(c.target)[c.parameter];
    if (current === c.inFlight.value || now >= c.inFlight.until) c.inFlight = null;
    else return 'a change is in flight';
  }
  const effect = now + set.timelock;
  for (const key of keysOf(c)) {
    const bound = set.bounds.get(key);
    if (bound && effect - w.governance.lastChanged(set.protocol, c.target, key) < bound.minDelay) return `${key} minDelay`;
  }
  return null;
}

function keysOf(c: Control): string[] {
  return c.kind === 'lending' ? ['liquidationThreshold', 'ltv'] : ['liquidationRatio'];
}

/** Seconds until a change of this control could take effect under its minDelay (0: now). */
export function waitOf(w: World, set: ControlSet, c: Control, now: number): number {
  let wait = 0;
  for (const key of keysOf(c)) {
    const bound = set.bounds.get(key);
    if (bound) wait = Math.max(wait, bound.minDelay - (now + set.timelock - w.governance.lastChanged(set.protocol, c.target, key)));
  }
  return Math.max(0, wait);
}

/**
 * The looseness a request for u + notch × step is cut to (steps 1–3 of the header), or null when
 * the control is held (step 3's minDelay, step 4) or nothing would change.
 */
export function allowedChange(w: World, set: ControlSet, c: Control, notch: number, spec: CollateralPolicySpec, now: number): { u: number; held?: string } | null {
  if (notch === 0) return null;
  const held = heldBy(w, set, c, now);
  if (held) return { u: NaN, held };
  const p = w.protocols[set.protocol];
  const u0 = looseness(p, c);
  let u = u0 + notch * spec.step;
  u = Math.min(c.baseU + spec.loosen, Math.max(c.baseU - spec.tighten, u));
  if (c.kind === 'lending') {
    // threshold ≤ 1, threshold × (1 + bonus) ≤ 1, LTV = threshold − gap ≥ 0, threshold > 0
    u = Math.min(u, 1, 1 / (1 + c.bonus));
    u = Math.max(u, c.ltvGap, 1e-6);
  } else u = Math.min(u, -1);
  const current = p.parameters(c.target);
  let limit = Infinity;
  for (const key of keysOf(c)) limit = Math.min(limit, maxStep(set.bounds.get(key), current[key]));
  u = Math.min(u0 + limit, Math.max(u0 - limit, u));
  // float noise from the clips above is not a change
  if (Math.abs(u - u0) < 1e-12) return null;
  return { u };
}

/** The parameters a change to looseness u sets (a reserve's LTV moves with its threshold). */
export function paramsFor(c: Control, u: number): Record<string, number> {
  if (c.kind === 'cdp') return { liquidationRatio: parameterOf(c, u) };
  return { liquidationThreshold: u, ltv: Math.max(0, u - c.ltvGap) };
}

/** Sends the change as the governance account would, into the world's mempool before its next step. */
export function submitChange(w: World, set: ControlSet, c: Control, u: number, gasPrice: number): void {
  const now = w.step * w.dt;
  const params = paramsFor(c, u);
  const tx: ConfigureTx = { kind: 'configure', sender: GOVERNANCE_SENDER, gas: 0, gasPrice, protocol: set.protocol, target: c.target, params };
  w.blockspace.submit(tx, now);
  c.inFlight = { value: params[c.parameter], until: now + set.timelock + (w.blockspace.blocks ? w.scenario.chain.expiry : 0) };
}
